import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { fileDatasetKey, latestRun, loadDatasetRecord } from '../store/audit-repository.js';
import { countInstances, loadInstanceLabels } from '../store/datasets.js';
import { loadTriage } from '../store/triage-decisions.js';
import type { DatasetProvenance } from '../dataset/instance.js';
import type { AuditRun } from '../store/audit-repository.js';
import type { Store } from '../store/open.js';
import type { VerifierIdentity } from '../verify/types.js';
import { readAuditReport, toTriagedItem } from './run-audit.js';
import type { TriageStatus } from '../triage/types.js';
import type { AuditReport, TriagedItem } from './types.js';

/** The audit later commands (and the server) work on: its dataset and run. */
export interface AuditContext {
  datasetId: string;
  /** The dataset's source as it was audited (a path or hub reference). */
  source: string;
  provenance: DatasetProvenance | undefined;
  run: AuditRun;
}

/** A dataset given by its stored key (`sha256:…`, `hub:…`, `content:…`) or by its file (keyed by its sha256). */
export function resolveDatasetKey(dataset: string, cwd: string): string {
  const path = resolve(cwd, dataset);
  if (!/^(sha256|hub|content):/.test(dataset) && existsSync(path) && statSync(path).isFile()) {
    return fileDatasetKey(createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return dataset;
}

/**
 * The audit the last `audit` command used (of `dataset`, if given). Readers of triage results need it
 * completed (`requireCompleted`); an interrupted audit is named with what to do.
 */
export async function findLatestAudit(
  store: Store,
  options: { dataset: string | undefined; cwd: string; requireCompleted: boolean },
): Promise<AuditContext> {
  const datasetId =
    options.dataset === undefined ? undefined : resolveDatasetKey(options.dataset, options.cwd);
  const run = await latestRun(store.db, datasetId);
  if (run === undefined) {
    throw new AppError(
      'ITEM_NOT_FOUND',
      datasetId === undefined
        ? `no audit stored in ${store.location}`
        : `no audit of dataset ${datasetId} stored in ${store.location}`,
      { fix: 'Run `steward audit <dataset>` first (with the same --db or DATABASE_URL).' },
    );
  }
  const record = await loadDatasetRecord(store.db, run.datasetId);
  const source = record?.source ?? run.datasetId;
  if (options.requireCompleted && run.status !== 'completed') {
    throw new AppError(
      'ITEM_NOT_FOUND',
      `the latest audit of ${source} (run ${run.id.slice(0, 8)}) is incomplete`,
      {
        fix: `Re-run \`steward audit ${source}\` with the same options: it resumes and finishes.`,
        details: { runId: run.id, datasetId: run.datasetId },
      },
    );
  }
  return { datasetId: run.datasetId, source, provenance: record?.provenance, run };
}

/** The report of the latest completed audit (or of `dataset`), read back from the store. */
export interface LatestReport {
  report: AuditReport;
  run: {
    id: string;
    datasetId: string;
    verifiers: VerifierIdentity[];
    ruleSet: string;
    ruleSetVersion: string;
  };
}

/**
 * The triaged items of the latest completed audit (or of `dataset`) without notes and verdicts, with the dataset,
 * run and policy: what `triage queue` needs, read in a fraction of the time of the whole report. With `status`,
 * only the items whose decision has that status (the queue reads the `needs-physician` ones only).
 */
export async function readLatestTriage(
  store: Store,
  options: { dataset: string | undefined; cwd: string; status?: TriageStatus },
): Promise<Pick<AuditReport, 'dataset' | 'policy'> & { items: TriagedItem[]; run: LatestReport['run'] }> {
  const { run, datasetId, source, provenance } = await findLatestAudit(store, {
    ...options,
    requireCompleted: true,
  });
  const triage = await loadTriage(store.db, run.id, options.status);
  // With a status, only the labels of the items that have it (the queue: ~1 item in 6), and a count of the rest.
  const rows = await loadInstanceLabels(
    store.db,
    datasetId,
    options.status === undefined ? undefined : [...triage.keys()],
  );
  const rowCount = options.status === undefined ? rows.length : await countInstances(store.db, datasetId);
  const items = rows.flatMap((row): TriagedItem[] => {
    const decision = triage.get(row.itemId);
    return decision === undefined ? [] : [toTriagedItem(row, decision)];
  });
  return {
    dataset: { source, provenance, rows: rowCount },
    policy: { name: run.policyName, hash: run.policyHash },
    items,
    run: {
      id: run.id,
      datasetId,
      verifiers: run.verifiers,
      ruleSet: run.ruleSet.id,
      ruleSetVersion: run.ruleSet.version,
    },
  };
}

export async function readLatestReport(
  store: Store,
  options: { dataset: string | undefined; cwd: string },
): Promise<LatestReport> {
  const context = await findLatestAudit(store, { ...options, requireCompleted: true });
  const { run } = context;
  const report = await readAuditReport(store.db, {
    runId: run.id,
    datasetId: context.datasetId,
    ruleSet: run.ruleSet,
    verifiers: run.verifiers,
    policy: { name: run.policyName, hash: run.policyHash },
  });
  return {
    report,
    run: {
      id: run.id,
      datasetId: context.datasetId,
      verifiers: run.verifiers,
      ruleSet: run.ruleSet.id,
      ruleSetVersion: run.ruleSet.version,
    },
  };
}
