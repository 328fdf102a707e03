import type { Instance } from '../dataset/instance.js';
import { isNotComputableAnswer } from './label.js';

/** The release's per-item label status (`Label Status`); `withheld` items never become training labels. */
export const LABEL_STATUSES = ['consensus', 'revised', 'verified', 'withheld', 'not-computable'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export const RL_FORMATS = ['verl', 'openrlhf', 'trl'] as const;
export type RlFormat = (typeof RL_FORMATS)[number];

export const RL_ABILITY = 'clinical-calculation';

/** One source item with what the release adds beside the v1.0 columns. */
export interface RlSourceItem {
  instance: Instance;
  split: string;
  /** Raw `Label Status` cell; undefined when the file has no such column. */
  status: string | undefined;
  labelVersion: string | undefined;
}

/** One exported row: exactly the columns verl, OpenRLHF and TRL read (docs/rl.md). */
export interface RlRow {
  data_source: string;
  prompt: { role: 'system' | 'user'; content: string }[];
  ability: string;
  reward_model: { style: 'rule'; ground_truth: string };
  extra_info: {
    index: number;
    uid: string;
    split: string;
    calculator_id: number | null;
    output_type: string | null;
    lower: string | null;
    upper: string | null;
    label_version: string;
  };
  /** The same JSON label as `reward_model.ground_truth`, for OpenRLHF's `--data.label_key label`. */
  label: string;
}

export interface LeakReport {
  /** Distinct notes that appear in both train and test. */
  sharedNotes: number;
  trainRows: number;
  testRows: number;
  /** Up to 20 pairs (train uid, test uid) sharing a note. */
  examples: { trainUid: string; testUid: string }[];
  dropped: number;
}

export interface RlExportPlan {
  files: { name: string; rows: RlRow[] }[];
  counts: {
    read: number;
    exported: number;
    withheld: number;
    notComputable: number;
    noLabel: number;
    unknownStatus: number;
    bySplit: Record<string, number>;
  };
  /** Undefined when the source has no train/test pair to compare. */
  leaks: LeakReport | undefined;
  warnings: string[];
}

export interface RlExportOptions {
  items: readonly RlSourceItem[];
  systemPrompt: string;
  /** One file per split (`train`, `test`, …) instead of one `all` file. */
  split: boolean;
  dropLeaks: boolean;
  /** The label version when the file has no `Label Version` column. */
  defaultLabelVersion: string;
}

function normaliseNote(note: string): string {
  return note.replace(/\s+/g, ' ').trim();
}

/** The user turn: the note and the question, as the published RL data frames them (pipeline.md §9). */
export function formatUserPrompt(instance: Pick<Instance, 'note' | 'question'>): string {
  return `Patient Note: ${instance.note.trim()}\n\nQuestion: ${instance.question.trim()}\n\nResponse:`;
}

function findLeaks(items: readonly RlSourceItem[]): { report: LeakReport; leakingTrain: Set<RlSourceItem> } {
  const testNotes = new Map<string, string>();
  for (const item of items)
    if (item.split === 'test') testNotes.set(normaliseNote(item.instance.note), item.instance.id);
  const shared = new Set<string>();
  const leakingTrain = new Set<RlSourceItem>();
  const examples: LeakReport['examples'] = [];
  for (const item of items) {
    if (item.split !== 'train') continue;
    const note = normaliseNote(item.instance.note);
    const testUid = testNotes.get(note);
    if (testUid === undefined) continue;
    shared.add(note);
    leakingTrain.add(item);
    if (examples.length < 20) examples.push({ trainUid: item.instance.id, testUid });
  }
  const testRows = items.filter(
    (item) => item.split === 'test' && shared.has(normaliseNote(item.instance.note)),
  ).length;
  return {
    report: { sharedNotes: shared.size, trainRows: leakingTrain.size, testRows, examples, dropped: 0 },
    leakingTrain,
  };
}

function readStatus(raw: string | undefined): LabelStatus | 'absent' | 'unknown' {
  if (raw === undefined || raw.trim() === '') return 'absent';
  const status = raw.trim().toLowerCase();
  return (LABEL_STATUSES as readonly string[]).includes(status) ? (status as LabelStatus) : 'unknown';
}

function toRow(
  item: RlSourceItem,
  settings: { systemPrompt: string; labelVersion: string; notComputable: boolean },
): RlRow {
  const { instance } = item;
  const { systemPrompt, labelVersion, notComputable } = settings;
  const limit = (value: string | undefined) =>
    notComputable || value === undefined || value.trim() === '' || isNotComputableAnswer(value)
      ? null
      : value.trim();
  const lower = limit(instance.lowerLimit);
  const upper = limit(instance.upperLimit);
  const answer = notComputable ? 'N/A' : instance.label.trim();
  const label = JSON.stringify({
    answer,
    lower,
    upper,
    calculatorId: instance.calculatorId ?? null,
    outputType: instance.outputType ?? null,
    uid: instance.id,
    labelVersion,
  });
  return {
    data_source: `steward/medcalc-bench@${labelVersion}`,
    prompt: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: formatUserPrompt(instance) },
    ],
    ability: RL_ABILITY,
    reward_model: { style: 'rule', ground_truth: label },
    extra_info: {
      index: 0,
      uid: instance.id,
      split: item.split,
      calculator_id: instance.calculatorId ?? null,
      output_type: instance.outputType ?? null,
      lower,
      upper,
      label_version: labelVersion,
    },
    label,
  };
}

/**
 * Plans an RL export (pure): withheld items and items without a label are left out and counted, train rows
 * whose note also appears in test are reported (and dropped with `dropLeaks`), and rows are grouped into files.
 */
export function planRlExport(options: RlExportOptions): RlExportPlan {
  const counts: RlExportPlan['counts'] = {
    read: options.items.length,
    exported: 0,
    withheld: 0,
    notComputable: 0,
    noLabel: 0,
    unknownStatus: 0,
    bySplit: {},
  };
  const warnings: string[] = [];
  const unknownStatuses = new Set<string>();
  const usable: { item: RlSourceItem; notComputable: boolean }[] = [];
  for (const item of options.items) {
    const status = readStatus(item.status);
    if (status === 'withheld') counts.withheld++;
    else if (status === 'unknown') {
      counts.unknownStatus++;
      unknownStatuses.add(item.status ?? '');
    } else if (status !== 'not-computable' && item.instance.label.trim() === '') counts.noLabel++;
    else {
      const notComputable = status === 'not-computable' || isNotComputableAnswer(item.instance.label);
      if (notComputable) counts.notComputable++;
      usable.push({ item, notComputable });
    }
  }
  if (unknownStatuses.size > 0)
    warnings.push(
      `${counts.unknownStatus} items with an unknown Label Status (${[...unknownStatuses].slice(0, 5).join(', ')}) were left out: only ${LABEL_STATUSES.filter((status) => status !== 'withheld').join(', ')} are exported`,
    );
  const splits = new Set(usable.map(({ item }) => item.split));
  let leaks: LeakReport | undefined;
  let kept = usable;
  if (splits.has('train') && splits.has('test')) {
    const found = findLeaks(usable.map(({ item }) => item));
    leaks = found.report;
    if (options.dropLeaks) {
      kept = usable.filter(({ item }) => !found.leakingTrain.has(item));
      leaks.dropped = usable.length - kept.length;
    } else if (leaks.trainRows > 0) {
      warnings.push(
        `${leaks.trainRows} train rows share a note with ${leaks.testRows} test rows (${leaks.sharedNotes} notes); --drop-leaks removes them from train`,
      );
    }
  }
  const groups = new Map<string, RlRow[]>();
  for (const { item, notComputable } of kept) {
    const name = options.split ? item.split : 'all';
    const row = toRow(item, {
      systemPrompt: options.systemPrompt,
      labelVersion: item.labelVersion?.trim() || options.defaultLabelVersion,
      notComputable,
    });
    let rows = groups.get(name);
    if (rows === undefined) groups.set(name, (rows = []));
    row.extra_info.index = rows.length;
    rows.push(row);
    counts.bySplit[item.split] = (counts.bySplit[item.split] ?? 0) + 1;
    counts.exported++;
  }
  const files = [...groups.entries()].map(([name, rows]) => ({ name, rows }));
  if (files.length === 0) files.push({ name: 'all', rows: [] });
  return { files, counts, leaks, warnings };
}
