import { readLatestReport } from '../audit/latest.js';
import { CALCULATORS } from '../calculators/registry.js';
import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import { loadDatasetRecord, loadInstances } from '../store/audit-repository.js';
import type { Store } from '../store/open.js';
import { loadReviewOutcomes, loadTriageTimes } from '../store/releases.js';
import type { AuditedItem, ReviewOutcome } from './decide-labels.js';
import type { PreviousRelease, ReleaseInput } from './plan-release.js';
import type { ReleasePolicy } from './policy.js';
import type { SourceRow } from './types.js';

/** The default of a calculator option: what Steward's verifiers compute with. */
export function findDefaultOption(calculator: string, name: string): string | undefined {
  const found = (CALCULATORS as Readonly<Record<string, (typeof CALCULATORS)[CalculatorSlug] | undefined>>)[
    calculator
  ];
  return found?.options[name]?.default;
}

/**
 * Reads what a release is built from out of the store: the latest completed audit of the dataset (every row,
 * its triage and verdicts), every review outcome of that dataset, and when triage decided each item.
 */
export async function gatherReleaseInput(
  store: Store,
  options: {
    dataset: string | undefined;
    cwd: string;
    version: string;
    policy: ReleasePolicy;
    previous: PreviousRelease | null;
    stewardVersion: string;
    now: Date;
  },
): Promise<ReleaseInput> {
  const latest = await readLatestReport(store, { dataset: options.dataset, cwd: options.cwd });
  const datasetId = latest.run.datasetId;
  const record = await loadDatasetRecord(store.db, datasetId);
  const instances = await loadInstances(store.db, datasetId);
  const stored = await loadReviewOutcomes(store.db, datasetId);
  const triageTimes = await loadTriageTimes(store.db, latest.run.id);
  const rows: SourceRow[] = instances.map((instance) => ({
    itemId: instance.itemId,
    row: instance.row,
    calculatorId: instance.calculatorId,
    calculatorName: instance.calculatorName,
    category: instance.category,
    outputType: instance.outputType,
    noteId: instance.noteId,
    noteType: instance.noteType,
    note: instance.note,
    question: instance.question,
    entitiesText: instance.entitiesText,
    label: instance.label,
    lowerLimit: instance.lowerLimit,
    upperLimit: instance.upperLimit,
    explanation: instance.explanation,
  }));
  const outputTypes = new Map(instances.map((instance) => [instance.itemId, instance.outputType]));
  const items: AuditedItem[] = latest.report.items.map((item) => ({
    itemId: item.id,
    originalLabel: item.original.label,
    calculatorId: item.calculatorId ?? null,
    outputType: outputTypes.get(item.id) ?? null,
    triage: item.triage,
    verdicts: item.verdicts,
    triageDecidedAt: triageTimes.get(item.id)?.toISOString() ?? null,
  }));
  const reviews: ReviewOutcome[] = stored.map((outcome) => ({
    ...outcome,
    decidedAt: outcome.decidedAt?.toISOString() ?? null,
  }));
  return {
    version: options.version,
    createdAt: options.now.toISOString(),
    stewardVersion: options.stewardVersion,
    policy: options.policy,
    dataset: {
      id: datasetId,
      source: record?.source ?? latest.report.dataset.source,
      layout: record?.layout ?? 'unknown',
      provenance: record?.provenance ?? null,
    },
    audit: {
      runId: latest.run.id,
      ruleSet: latest.run.ruleSet,
      ruleSetVersion: latest.run.ruleSetVersion,
      policyHash: latest.report.policy.hash,
      verifiers: latest.run.verifiers.map((verifier) => ({
        name: verifier.name,
        version: verifier.version,
        configHash: verifier.configHash,
      })),
    },
    reviewBatchIds: [...new Set(stored.map((outcome) => outcome.batchId))],
    rows,
    items,
    reviews,
    previous: options.previous,
    defaultOptionOf: findDefaultOption,
  };
}
