import { readLatestReport } from '../audit/latest.js';
import type { Store } from '../store/open.js';
import { createReviewBatch, listReviewBatches } from '../store/review-batches.js';
import type { StoredBatchSummary } from '../store/review-batches.js';
import { planQueueBatch, planSampleBatch } from './plan-batch.js';
import type { SampleEntry } from './plan-batch.js';
import { REVIEW_RULE_SET } from './resolve.js';

export const DEFAULT_REVIEWERS_PER_ITEM = 2;
export const DEFAULT_LEASE_HOURS = 48;

export interface BuildBatchOptions {
  name: string;
  budget?: number | undefined;
  reviewersPerItem: number;
  extraReviewerRate: number;
  leaseHours: number;
  /** Items of a `triage sample` file; without it, the latest audit's physician queue. */
  sample?: readonly SampleEntry[] | undefined;
  /** The audited dataset (path or stored key); default: the latest audit's. */
  dataset?: string | undefined;
  cwd: string;
  actor: string;
  now: Date;
  newId: () => string;
}

/**
 * Builds a review batch from the latest completed audit (its `needs-physician` items ranked by impact and cut at
 * the budget, as `steward triage queue` lists them) or from a validation sample, and stores it.
 */
export async function buildReviewBatch(
  store: Store,
  options: BuildBatchOptions,
): Promise<{ batch: StoredBatchSummary; deferred: number }> {
  const { report, run } = await readLatestReport(store, { dataset: options.dataset, cwd: options.cwd });
  const settings = {
    id: options.newId(),
    name: options.name,
    reviewersPerItem: options.reviewersPerItem,
    extraReviewerRate: options.extraReviewerRate,
    leaseMinutes: Math.max(1, Math.round(options.leaseHours * 60)),
  };
  const plan =
    options.sample === undefined
      ? planQueueBatch(report.items, settings, options.budget)
      : planSampleBatch(options.sample, settings, {
          triage: new Map(report.items.map((item) => [item.id, item.triage])),
          budget: options.budget,
        });
  await createReviewBatch(store.db, {
    batch: {
      ...settings,
      datasetId: run.datasetId,
      runId: run.id,
      source: plan.source,
      ruleSet: REVIEW_RULE_SET,
      createdBy: options.actor,
    },
    items: plan.items,
    now: options.now,
  });
  const batches = await listReviewBatches(store.db);
  const batch = batches.find((candidate) => candidate.id === settings.id);
  if (batch === undefined) throw new Error(`batch ${settings.id} was not stored`);
  return { batch, deferred: plan.deferred };
}
