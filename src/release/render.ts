import { stringify } from 'csv-stringify/sync';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { ReleasePlan, ReleaseRow } from './plan-release.js';
import { V1_COLUMNS, type V1Column } from '../dataset/columns.js';
import { RELEASE_STATUSES } from './types.js';

/** The columns test_data.jsonl and .parquet add after the v1.0 ones (the RL exporter reads these names). */
export const RELEASE_EXTRA_COLUMNS = ['Label Status', 'Original Label', 'Label Version'] as const;

export type V1Record = Record<V1Column, string>;
export type ReleaseRecord = V1Record & Record<(typeof RELEASE_EXTRA_COLUMNS)[number], string>;

export const RELEASE_FILES = {
  csv: 'test_data.csv',
  jsonl: 'test_data.jsonl',
  parquet: 'test_data.parquet',
  changelog: 'CHANGELOG.md',
  changes: 'changes.jsonl',
  card: 'README.md',
  manifest: 'manifest.json',
} as const;

function toV1Record(row: ReleaseRow): V1Record {
  const source = row.source;
  return {
    'Row Number': source.itemId,
    'Calculator ID': source.calculatorId === null ? '' : String(source.calculatorId),
    'Calculator Name': source.calculatorName,
    Category: source.category ?? '',
    'Output Type': source.outputType ?? '',
    'Note ID': source.noteId ?? '',
    'Note Type': source.noteType ?? '',
    'Patient Note': source.note,
    Question: source.question,
    'Relevant Entities': source.entitiesText ?? '',
    'Ground Truth Answer': row.label,
    'Lower Limit': row.lowerLimit,
    'Upper Limit': row.upperLimit,
    'Ground Truth Explanation': source.explanation ?? '',
  };
}

export function toReleaseRecord(row: ReleaseRow): ReleaseRecord {
  return {
    ...toV1Record(row),
    'Label Status': row.decision.status,
    'Original Label': row.source.label,
    'Label Version': row.labelVersion,
  };
}

/** test_data.csv: exactly the v1.0 columns, RFC 4180, LF line ends. */
export function renderCsv(plan: ReleasePlan): string {
  return stringify(plan.rows.filter((row) => row.included).map(toV1Record), {
    header: true,
    columns: [...V1_COLUMNS],
    record_delimiter: '\n',
  });
}

export function renderJsonl(plan: ReleasePlan): string {
  return plan.rows
    .filter((row) => row.included)
    .map((row) => `${JSON.stringify(toReleaseRecord(row))}\n`)
    .join('');
}

/** test_data.parquet: the JSONL's columns, every one a string column (as the v1.0 CSV holds them). */
export function renderParquet(plan: ReleasePlan): ArrayBuffer {
  const records = plan.rows.filter((row) => row.included).map(toReleaseRecord);
  return parquetWriteBuffer({
    columnData: [...V1_COLUMNS, ...RELEASE_EXTRA_COLUMNS].map((name) => ({
      name,
      data: records.map((record) => record[name]),
      type: 'STRING' as const,
    })),
  });
}

/** changes.jsonl: one row per item whose written label differs from the source (or that is omitted). */
export function renderChanges(plan: ReleasePlan): string {
  return plan.rows
    .filter((row) => row.changed)
    .map((row) => {
      const by = row.decision.decidedBy;
      const method =
        by.kind === 'triage'
          ? by.verifiers.some((name) => name.startsWith('llm-'))
            ? 'llm'
            : 'deterministic'
          : by.kind === 'adjudicated'
            ? 'adjudicated'
            : 'physician';
      const change = {
        item_key: {
          row_number: row.source.itemId,
          calculator_id: row.source.calculatorId,
          note_id: row.source.noteId,
        },
        from_version: plan.policy.sourceVersion,
        to_version: plan.version,
        status: row.decision.status,
        included: row.included,
        old_answer: row.source.label,
        new_answer: row.included ? row.label : null,
        old_lower: row.source.lowerLimit,
        old_upper: row.source.upperLimit,
        new_lower: row.included ? row.lowerLimit : null,
        new_upper: row.included ? row.upperLimit : null,
        error_type: row.decision.errorCategory,
        categories: row.decision.categories,
        evidence: row.decision.evidence,
        method,
        decided_by: by,
        n_reviewers: by.kind === 'triage' ? 0 : by.reviewers,
        adjudicated: by.kind === 'adjudicated',
        reviewer_ids_hashed: by.kind === 'physician-agreement' ? by.reviewerIdsHashed : [],
        decided_at: row.decision.decidedAt,
        label_version: row.labelVersion,
      };
      return `${JSON.stringify(change)}\n`;
    })
    .join('');
}

function sizeCategory(rows: number): string {
  if (rows < 1_000) return 'n<1K';
  if (rows < 10_000) return '1K<n<10K';
  if (rows < 100_000) return '10K<n<100K';
  return '100K<n<1M';
}

/** README.md: a Hugging Face dataset card (YAML header), provenance, counts and what changed. */
export function renderCard(plan: ReleasePlan, files: { csvBytes: number }): string {
  const { counts } = plan;
  const physicians =
    counts.byStatus.verified > 0 || plan.rows.some((row) => row.decision.decidedBy.kind !== 'triage');
  const features = [...V1_COLUMNS, ...RELEASE_EXTRA_COLUMNS]
    .map((name) => `    - name: ${JSON.stringify(name)}\n      dtype: string`)
    .join('\n');
  const yaml = [
    '---',
    'license: cc-by-sa-4.0',
    'language:',
    '  - en',
    `pretty_name: MedCalc-Bench test split, Steward release ${plan.version}`,
    'annotations_creators:',
    '  - machine-generated',
    ...(physicians ? ['  - expert-generated'] : []),
    'source_datasets:',
    '  - ncbi/MedCalc-Bench-v1.0',
    'size_categories:',
    `  - ${sizeCategory(counts.included)}`,
    'task_categories:',
    '  - question-answering',
    'tags:',
    '  - medical',
    '  - clinical-calculators',
    '  - label-corrections',
    'configs:',
    '  - config_name: default',
    '    data_files:',
    '      - split: test',
    `        path: ${RELEASE_FILES.csv}`,
    'dataset_info:',
    '  features:',
    features,
    '  splits:',
    '    - name: test',
    `      num_bytes: ${files.csvBytes}`,
    `      num_examples: ${counts.included}`,
    '---',
  ].join('\n');
  const statusLines = RELEASE_STATUSES.map((status) => `| \`${status}\` | ${counts.byStatus[status]} |`);
  return `${yaml}

# MedCalc-Bench test split — Steward release ${plan.version}

A relabelled release of the MedCalc-Bench ${plan.policy.sourceVersion} test split, built by Steward ${plan.stewardVersion}
on ${plan.createdAt}. \`${RELEASE_FILES.csv}\` is a drop-in replacement for the ${plan.policy.sourceVersion} file: the same 14
columns in the same order, one row per item in the original order, with the new label and recomputed limits.
\`${RELEASE_FILES.jsonl}\` and \`${RELEASE_FILES.parquet}\` hold the same rows plus \`Label Status\`, \`Original Label\` and
\`Label Version\`.

## Provenance

| | |
| --- | --- |
| release | ${plan.version}${plan.previousVersion === null ? '' : ` (after ${plan.previousVersion})`} |
| source dataset | ${plan.dataset.source} (\`${plan.dataset.id}\`) |
| audit run | \`${plan.audit.runId}\`, rules ${plan.audit.ruleSet} ${plan.audit.ruleSetVersion}, verifiers ${plan.audit.verifiers.map((verifier) => `${verifier.name} ${verifier.version}`).join(', ')} |
| review batches | ${plan.reviewBatchIds.length === 0 ? 'none' : plan.reviewBatchIds.map((id) => `\`${id}\``).join(', ')} |
| policy | withheld → ${plan.policy.withheld}; limits ${plan.policy.tolerance}; sha256 \`${plan.policyHash}\` |
| conventions | ${plan.conventions.map((convention) => `${convention.id}@${convention.version}`).join(', ')} |

Every file's sha256 is in \`manifest.json\` (\`steward release verify <dir>\` checks them).

## Label status

| status | items |
| --- | ---: |
${statusLines.join('\n')}

- \`consensus\`: the original label, independently confirmed by the audit (inputs checked against the note and the
  arithmetic recomputed, or a blind reading of the note agreeing).
- \`revised\`: the audit's verifiers agreed the original label is wrong and on the new one.
- \`verified\`: physicians decided the label (agreement between reviewers, or an adjudicator).
- \`withheld\`: no trustworthy label yet; in this release ${plan.policy.withheld === 'keep-original' ? `the ${plan.policy.sourceVersion} label is kept` : plan.policy.withheld === 'na' ? 'the label is N/A' : 'the row is left out'}.
- \`not-computable\`: the note lacks what the calculator needs; the label and limits are N/A.

## What changed

${counts.changed} of ${counts.items} rows differ from the ${plan.policy.sourceVersion} labels. \`changes.jsonl\` has one row per changed
item (old and new label and limits, error category, evidence, who decided and when); \`CHANGELOG.md\` lists them.

## Licence

CC-BY-SA-4.0, as MedCalc-Bench itself (derivatives keep the licence).
`;
}
