import { buildReviewBatch } from '../../review/build-batch.js';
import { computeReviewStats } from '../../review/stats.js';
import { listReviewBatches } from '../../store/review-batches.js';
import type { StoredBatchSummary } from '../../store/review-batches.js';
import { requireAuth } from '../context.js';
import { defineHandler } from './define-handler.js';

export function toBatchSummary(batch: StoredBatchSummary) {
  return {
    id: batch.id,
    name: batch.name,
    source: batch.source,
    datasetId: batch.datasetId,
    runId: batch.runId,
    reviewersPerItem: batch.reviewersPerItem,
    extraReviewerRate: batch.extraReviewerRate,
    leaseMinutes: batch.leaseMinutes,
    createdBy: batch.createdBy,
    createdAt: batch.createdAt.toISOString(),
    items: batch.items,
    open: batch.open,
    escalated: batch.escalated,
    resolved: batch.resolved,
    labelsSubmitted: batch.labelsSubmitted,
    labelsRequired: batch.labelsRequired,
  };
}

export const batches = defineHandler('batches', async ({ deps }) => ({
  batches: (await listReviewBatches(deps.store.db)).map(toBatchSummary),
}));

export const createBatch = defineHandler('createBatch', async (input) => {
  const { user } = requireAuth(input);
  const { body, deps } = input;
  const { batch } = await buildReviewBatch(deps.store, {
    name: body.name,
    budget: body.budget,
    reviewersPerItem: body.reviewersPerItem,
    extraReviewerRate: body.extraReviewerRate,
    leaseHours: body.leaseHours,
    sample: body.sample,
    dataset: body.dataset,
    cwd: deps.cwd,
    actor: user.email,
    now: deps.now(),
    newId: deps.newId,
  });
  return toBatchSummary(batch);
});

export const stats = defineHandler('stats', async ({ deps }) => computeReviewStats(deps.store.db));
