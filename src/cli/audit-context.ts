import { AppError } from '../app-error.js';
import { latestRun, loadDatasetRecord } from '../store/audit-repository.js';
import type { Store } from '../store/open.js';

export interface AuditContext {
  datasetId: string;
  source: string;
  run: NonNullable<Awaited<ReturnType<typeof latestRun>>>;
}

/** The dataset and run later commands work on: the latest audit's, or the dataset named with --dataset. */
export async function resolveAuditContext(
  store: Store,
  datasetOption: string | undefined,
): Promise<AuditContext> {
  const run = await latestRun(store.db, datasetOption);
  if (run === undefined) {
    throw new AppError(
      'ITEM_NOT_FOUND',
      datasetOption === undefined
        ? `no audit stored in ${store.location}`
        : `no audit of dataset ${datasetOption} stored in ${store.location}`,
      {
        fix: 'Run `steward audit <dataset>` first (with the same --db or DATABASE_URL).',
      },
    );
  }
  const record = await loadDatasetRecord(store.db, run.datasetId);
  return { datasetId: run.datasetId, source: record?.source ?? run.datasetId, run };
}
