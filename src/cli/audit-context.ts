import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { fileDatasetKey, latestRun, loadDatasetRecord } from '../store/audit-repository.js';
import type { Store } from '../store/open.js';

export interface AuditContext {
  datasetId: string;
  source: string;
  run: NonNullable<Awaited<ReturnType<typeof latestRun>>>;
}

/** --dataset takes the stored key (`sha256:…`, `hub:…`) or the dataset file itself (keyed by its sha256). */
function datasetKeyOf(option: string, cwd: string): string {
  const path = resolve(cwd, option);
  if (!/^(sha256|hub|content):/.test(option) && existsSync(path) && statSync(path).isFile()) {
    return fileDatasetKey(createHash('sha256').update(readFileSync(path)).digest('hex'));
  }
  return option;
}

/**
 * The audit later commands work on: the one the last `audit` command used (of --dataset, if given). Commands
 * that read triage results need it completed; an interrupted audit is named with what to do.
 */
export async function resolveAuditContext(
  store: Store,
  options: { dataset: string | undefined; cwd: string; requireCompleted: boolean },
): Promise<AuditContext> {
  const datasetId = options.dataset === undefined ? undefined : datasetKeyOf(options.dataset, options.cwd);
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
  return { datasetId: run.datasetId, source, run };
}
