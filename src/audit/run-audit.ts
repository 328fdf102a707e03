import type { RuleSet } from '../answers/types.js';
import { AppError } from '../app-error.js';
import type { Dataset, DatasetProvenance, Instance } from '../dataset/instance.js';
import {
  completeRun,
  existingVerdictKeys,
  loadDatasetRecord,
  loadInstances,
  loadTriage,
  loadVerdicts,
  recordTriage,
  recordVerdicts,
  saveDataset,
  startOrResumeRun,
  verdictKey,
} from '../store/audit-repository.js';
import type { VerifierRef } from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open.js';
import type { TriageDecision, TriageInput } from '../triage/types.js';
import type { Verdict, Verifier } from '../verify/types.js';
import { summariseAudit } from './summary.js';
import type { AuditItem, AuditReport } from './types.js';

/** The triage policy as the audit sees it: a name and hash for provenance, and the decision function. */
export interface AuditPolicy {
  name: string;
  hash: string;
  decide(input: TriageInput): TriageDecision;
}

export interface AuditProgress {
  phase: 'verify' | 'triage';
  done: number;
  total: number;
}

export interface AuditOptions {
  db: StoreDatabase;
  dataset: Dataset;
  verifiers: readonly Verifier[];
  ruleSet: RuleSet;
  policy: AuditPolicy;
  /** Items per transaction: the most a crash can cost is one batch of work. */
  batchSize?: number;
  onProgress?: (progress: AuditProgress) => void;
  /** Checked between batches: an aborted audit stops after its last committed batch and can be resumed. */
  signal?: AbortSignal;
}

export interface AuditOutcome {
  runId: string;
  datasetId: string;
  /** `new`, `resumed` (an interrupted run continued) or `completed` (already done: nothing recomputed). */
  state: 'new' | 'resumed' | 'completed';
  verdictsWritten: number;
  verdictsReused: number;
  triageChanged: number;
  report: AuditReport;
}

const DEFAULT_BATCH_SIZE = 64;

async function verifySafely(verifier: Verifier, instance: Instance, ruleSet: RuleSet): Promise<Verdict> {
  try {
    return await verifier.verify(instance, { ruleSet });
  } catch (error) {
    // A verifier must not take the audit down with it: the item gets an abstention that says why.
    return {
      verifier: verifier.name,
      verifierVersion: verifier.version,
      itemId: instance.id,
      assessment: 'abstains',
      proposedLabel: null,
      categories: [],
      findings: [],
      confidence: 0,
      details: { error: error instanceof Error ? error.message : String(error) },
    };
  }
}

function refsOf(verifiers: readonly Verifier[]): VerifierRef[] {
  return verifiers.map((verifier) => ({ name: verifier.name, version: verifier.version }));
}

/**
 * Audits every item of a dataset: stores the dataset, runs each verifier on each item not yet judged by that
 * verifier version (batch by batch, each batch one transaction), triages every item under the policy, and reads
 * the result back from the store. Re-running is idempotent; an interrupted run resumes where it stopped.
 */
/** Items are stored and judged by id, so ids must be unique; anything else wrong with a row is for the audit to flag. */
function requireUniqueIds(dataset: Dataset): void {
  const firstRow = new Map<string, number>();
  const duplicates: string[] = [];
  for (const instance of dataset.instances) {
    if (instance.id.includes('\u0000')) {
      throw new AppError(
        'DATASET_INVALID',
        `${dataset.source}: row ${instance.row} has a NUL character in its id`,
        {
          fix: 'Fix the id of that row (Row Number / Unique ID): ids are stored and cited as they are.',
        },
      );
    }
    const first = firstRow.get(instance.id);
    if (first === undefined) firstRow.set(instance.id, instance.row);
    else duplicates.push(`id "${instance.id}" in rows ${first} and ${instance.row}`);
  }
  if (duplicates.length > 0) {
    throw new AppError(
      'DATASET_INVALID',
      `${dataset.source}: ${duplicates.length} duplicate item id${duplicates.length > 1 ? 's' : ''} (${duplicates.slice(0, 5).join('; ')}${duplicates.length > 5 ? '; …' : ''})`,
      {
        fix: 'Give every row its own id (Row Number / Unique ID): verdicts and decisions are stored per item id.',
        details: { duplicates },
      },
    );
  }
}

export async function runAudit(options: AuditOptions): Promise<AuditOutcome> {
  const { db, dataset, verifiers, ruleSet, policy } = options;
  requireUniqueIds(dataset);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const refs = refsOf(verifiers);
  const { datasetId } = await saveDataset(db, dataset);
  const run = await startOrResumeRun(db, {
    datasetId,
    verifiers: refs,
    ruleSet: ruleSet.id,
    policyName: policy.name,
    policyHash: policy.hash,
  });
  const scope = { datasetId, ruleSet: ruleSet.id };
  const done = await existingVerdictKeys(db, scope, refs);
  const total = dataset.instances.length;
  let verdictsWritten = 0;
  let verdictsReused = 0;
  for (let start = 0; start < total; start += batchSize) {
    const batch = dataset.instances.slice(start, start + batchSize);
    const pending: Verdict[] = [];
    for (const instance of batch) {
      for (const verifier of verifiers) {
        if (done.has(verdictKey(instance.id, verifier))) {
          verdictsReused++;
          continue;
        }
        pending.push(await verifySafely(verifier, instance, ruleSet));
      }
    }
    verdictsWritten += await recordVerdicts(db, { ...scope, runId: run.id }, pending);
    // PGlite answers in-process without real I/O, so without this the loop would never let the event loop run
    // signal handlers (Ctrl-C) or timers (progress bar) until the whole audit was over.
    await new Promise((resolve) => setImmediate(resolve));
    const verified = Math.min(start + batchSize, total);
    options.onProgress?.({ phase: 'verify', done: verified, total });
    if (options.signal?.aborted === true && verified < total) {
      throw new AppError('INTERRUPTED', `audit interrupted after ${verified} of ${total} items`, {
        fix: 'Run the same command again: it resumes from the verdicts already stored.',
        details: { runId: run.id, verified, total },
      });
    }
  }

  const verdictsByItem = await loadVerdicts(db, scope, refs);
  const decisions = dataset.instances.map((instance) => ({
    itemId: instance.id,
    decision: policy.decide({
      itemId: instance.id,
      calculatorId: instance.calculatorId,
      calculatorSlug: instance.calculatorSlug,
      outputType: instance.outputType,
      originalLabel: instance.label,
      verdicts: verdictsByItem.get(instance.id) ?? [],
    }),
  }));
  const triageChanged = await recordTriage(
    db,
    { runId: run.id, datasetId, policyHash: policy.hash },
    decisions,
  );
  options.onProgress?.({ phase: 'triage', done: total, total });
  await completeRun(db, run.id, { items: total, verdictsWritten, verdictsReused, triageChanged });
  const report = await readAuditReport(db, {
    runId: run.id,
    datasetId,
    ruleSet: ruleSet.id,
    verifiers: refs,
    policy,
    verdictsByItem,
  });
  return {
    runId: run.id,
    datasetId,
    state: run.state,
    verdictsWritten,
    verdictsReused,
    triageChanged,
    report,
  };
}

/** Assembles the report of one dataset under one verifier set and policy, from the store alone. */
export async function readAuditReport(
  db: StoreDatabase,
  options: {
    runId: string;
    datasetId: string;
    ruleSet: string;
    verifiers: readonly VerifierRef[];
    policy: { name: string; hash: string };
    /** The run's verdicts when the caller has just read them (the audit itself); read from the store otherwise. */
    verdictsByItem?: Map<string, Verdict[]>;
  },
): Promise<AuditReport> {
  const { runId, datasetId, ruleSet, verifiers, policy } = options;
  const [record, rows, verdictsByItem, triage] = await Promise.all([
    loadDatasetRecord(db, datasetId),
    loadInstances(db, datasetId),
    options.verdictsByItem ?? loadVerdicts(db, { datasetId, ruleSet }, verifiers),
    loadTriage(db, runId),
  ]);
  const items: AuditItem[] = [];
  for (const row of rows) {
    const decision = triage.get(row.itemId);
    if (decision === undefined) continue;
    items.push({
      id: row.itemId,
      row: row.row,
      calculatorId: row.calculatorId ?? undefined,
      calculatorName: row.calculatorName,
      original: {
        label: row.label,
        lowerLimit: row.lowerLimit ?? undefined,
        upperLimit: row.upperLimit ?? undefined,
      },
      note: row.note,
      question: row.question,
      verdicts: verdictsByItem.get(row.itemId) ?? [],
      triage: decision,
    });
  }
  return {
    schemaVersion: 1,
    generatedAt: new Date().toISOString(),
    dataset: {
      source: record?.source ?? datasetId,
      provenance: (record?.provenance ?? undefined) as DatasetProvenance | undefined,
      rows: rows.length,
    },
    verifiers: [...verifiers],
    policy: { name: policy.name, hash: policy.hash },
    items,
    summary: summariseAudit(items),
  };
}
