import { randomUUID } from 'node:crypto';
import type { RuleSet } from '../answers/types.js';
import { AppError } from '../app-error.js';
import type { ErrorCode } from '../app-error.js';
import type { Dataset, Instance } from '../dataset/instance.js';
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
import type { RuleSetIdentity } from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open.js';
import type { TriageDecision, TriageInput } from '../triage/types.js';
import { identityOf } from '../verify/identity.js';
import type { Verdict, Verifier, VerifierIdentity } from '../verify/types.js';
import { mapWithConcurrency } from './limit-concurrency.js';
import { summariseAudit } from './summary.js';
import type { AuditItem, AuditReport, TriagedItem } from './types.js';
import type { InstanceLabel } from '../store/datasets.js';
import { createUsageTotal } from './usage.js';

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
  /** Verifications running at once within a batch (LLM verifiers wait on the network); default 8. */
  concurrency?: number;
  onProgress?: (progress: AuditProgress) => void;
  /** Called once the run is known, before any verification (the CLI binds the LLM usage ledger to the run). */
  onRunStarted?: (run: { runId: string; datasetId: string; state: 'new' | 'resumed' | 'completed' }) => void;
  /**
   * Passed to every verifier; checked before each verification starts. An aborted audit lets the running
   * verifications finish, stores its batch, stops, and can be resumed.
   */
  signal?: AbortSignal;
  /** The clock verifiers and the report see (default: the system clock). */
  now?: () => Date;
  /** Fresh unique ids for run ids and verifiers (default: random UUIDs). */
  newId?: () => string;
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
const DEFAULT_CONCURRENCY = 8;

interface VerifyEnvironment {
  ruleSet: RuleSet;
  signal: AbortSignal;
  now: () => Date;
  newId: () => string;
}

function abstention(identity: VerifierIdentity, itemId: string, error: string): Verdict {
  return {
    verifier: identity.name,
    verifierVersion: identity.version,
    verifierConfigHash: identity.configHash,
    itemId,
    assessment: 'abstains',
    proposedLabel: null,
    categories: [],
    findings: [],
    confidence: 0,
    details: { error },
    usage: null,
  };
}

/** Verifier errors that stop the whole audit instead of costing one item an abstention. */
const RUN_STOPPING_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'LLM_OFFLINE_MISS',
  'LLM_AUTH_FAILED',
  'INTERRUPTED',
]);

/**
 * Runs one verifier on one item. The stored verdict carries the identity of the verifier that ran and the usage
 * it reported. A verifier that throws costs its item an abstention with `details.error` (judged again on the
 * next run), and so does an abstention given after the audit was aborted (it may be the abort's doing).
 */
async function verifySafely(
  verifier: Verifier,
  instance: Instance,
  environment: VerifyEnvironment,
): Promise<Verdict> {
  const identity = identityOf(verifier);
  const usage = createUsageTotal();
  let verdict: Verdict;
  try {
    verdict = await verifier.verify(instance, {
      ruleSet: environment.ruleSet,
      signal: environment.signal,
      now: environment.now,
      newId: environment.newId,
      reportUsage: (reported) => usage.report(reported),
    });
  } catch (error) {
    // Errors that concern the whole run (an offline cache miss, rejected credentials, an interrupt) stop the
    // audit before this batch is stored, so the run stays open and the next identical command resumes it.
    if (error instanceof AppError && RUN_STOPPING_CODES.has(error.code)) throw error;
    // Anything else must not take the audit down with it: the item gets an abstention that says why.
    return {
      ...abstention(identity, instance.id, error instanceof Error ? error.message : String(error)),
      usage: usage.total(),
    };
  }
  const stored: Verdict = {
    ...verdict,
    verifier: identity.name,
    verifierVersion: identity.version,
    verifierConfigHash: identity.configHash,
    itemId: instance.id,
    usage: usage.total() ?? verdict.usage ?? null,
  };
  if (
    environment.signal.aborted &&
    stored.assessment === 'abstains' &&
    stored.details['error'] === undefined
  ) {
    return { ...stored, details: { ...stored.details, error: 'the audit was interrupted' } };
  }
  return stored;
}

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

/**
 * Audits every item of a dataset: stores the dataset, runs each verifier on each item not yet judged by that
 * verifier identity under that rule set (batch by batch, each batch one transaction, up to `concurrency`
 * verifications at once), triages every item under the policy, and reads the result back from the store.
 * Re-running is idempotent; an interrupted run resumes where it stopped.
 */
export async function runAudit(options: AuditOptions): Promise<AuditOutcome> {
  const {
    db,
    dataset,
    verifiers,
    ruleSet,
    policy,
    batchSize = DEFAULT_BATCH_SIZE,
    concurrency = DEFAULT_CONCURRENCY,
    signal = new AbortController().signal,
    now = () => new Date(),
    newId = randomUUID,
  } = options;
  requireUniqueIds(dataset);
  const identities = verifiers.map((verifier) => identityOf(verifier));
  const ruleSetIdentity: RuleSetIdentity = { id: ruleSet.id, version: ruleSet.version };
  const { datasetId } = await saveDataset(db, dataset);
  const run = await startOrResumeRun(
    db,
    {
      datasetId,
      verifiers: identities,
      ruleSet: ruleSetIdentity,
      policyName: policy.name,
      policyHash: policy.hash,
    },
    { newId },
  );
  options.onRunStarted?.({ runId: run.id, datasetId, state: run.state });
  const scope = { datasetId, ruleSet: ruleSetIdentity };
  const done = await existingVerdictKeys(db, scope, identities);
  const environment: VerifyEnvironment = { ruleSet, signal, now, newId };
  const total = dataset.instances.length;
  let verdictsWritten = 0;
  let verdictsReused = 0;
  for (let start = 0; start < total; start += batchSize) {
    const batch = dataset.instances.slice(start, start + batchSize);
    const tasks: { verifier: Verifier; instance: Instance }[] = [];
    for (const instance of batch) {
      verifiers.forEach((verifier, index) => {
        if (done.has(verdictKey(instance.id, identities[index] as VerifierIdentity))) verdictsReused++;
        else tasks.push({ verifier, instance });
      });
    }
    const results = await mapWithConcurrency(
      tasks,
      ({ verifier, instance }) => verifySafely(verifier, instance, environment),
      { limit: concurrency, shouldStart: () => !signal.aborted },
    );
    // In task order (item, then verifier), whatever order the verifications finished in.
    const pending = results.filter((verdict): verdict is Verdict => verdict !== undefined);
    verdictsWritten += await recordVerdicts(db, { ...scope, runId: run.id }, pending);
    // PGlite answers in-process without real I/O, so without this the loop would never let the event loop run
    // signal handlers (Ctrl-C) or timers (progress bar) until the whole audit was over.
    await new Promise((resolve) => setImmediate(resolve));
    const verified = Math.min(start + batchSize, total);
    const complete = pending.length === tasks.length;
    if (complete) options.onProgress?.({ phase: 'verify', done: verified, total });
    if (signal.aborted && (verified < total || !complete)) {
      const finished = complete ? verified : start;
      throw new AppError('INTERRUPTED', `audit interrupted after ${finished} of ${total} items`, {
        fix: 'Run the same command again: it resumes from the verdicts already stored.',
        details: { runId: run.id, verified: finished, total },
      });
    }
  }

  const verdictsByItem = await loadVerdicts(db, scope, identities);
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
    ruleSet: ruleSetIdentity,
    verifiers: identities,
    policy,
    verdictsByItem,
    now,
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
/** A stored item and its triage decision as the report and the queue show them. */
export function toTriagedItem(row: InstanceLabel, decision: TriageDecision): TriagedItem {
  return {
    id: row.itemId,
    row: row.row,
    calculatorId: row.calculatorId ?? undefined,
    calculatorName: row.calculatorName,
    original: {
      label: row.label,
      lowerLimit: row.lowerLimit ?? undefined,
      upperLimit: row.upperLimit ?? undefined,
    },
    triage: decision,
  };
}

export async function readAuditReport(
  db: StoreDatabase,
  options: {
    runId: string;
    datasetId: string;
    ruleSet: RuleSetIdentity;
    verifiers: readonly VerifierIdentity[];
    policy: { name: string; hash: string };
    /** The run's verdicts when the caller has just read them (the audit itself); read from the store otherwise. */
    verdictsByItem?: Map<string, Verdict[]>;
    /** The clock for `generatedAt` (default: the system clock). */
    now?: () => Date;
  },
): Promise<AuditReport> {
  const { runId, datasetId, ruleSet, verifiers, policy, now = () => new Date() } = options;
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
      ...toTriagedItem(row, decision),
      note: row.note,
      question: row.question,
      verdicts: verdictsByItem.get(row.itemId) ?? [],
    });
  }
  return {
    schemaVersion: 1,
    generatedAt: now().toISOString(),
    dataset: {
      source: record?.source ?? datasetId,
      provenance: record?.provenance,
      rows: rows.length,
    },
    verifiers: verifiers.map((verifier) => ({ ...verifier })),
    ruleSet: { ...ruleSet },
    policy: { name: policy.name, hash: policy.hash },
    items,
    summary: summariseAudit(items),
  };
}
