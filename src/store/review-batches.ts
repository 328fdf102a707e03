import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../app-error.js';
import type { StoreDatabase } from './open.js';
import { events, instances, reviewBatches, reviewItems, reviewLabels } from './schema.js';
import { splitIntoChunks, storableJson } from './storable.js';

/**
 * Review batches: the items put before physicians (ranked from the triage queue, or drawn as a validation
 * sample), each batch stored with its items and a `batch-created` event, and every batch's progress.
 */

export interface NewReviewBatch {
  id: string;
  name: string;
  datasetId: string;
  runId: string | null;
  source: 'queue' | 'sample';
  ruleSet: string;
  reviewersPerItem: number;
  extraReviewerRate: number;
  leaseMinutes: number;
  createdBy: string;
}

export interface NewReviewItem {
  itemId: string;
  rank: number;
  requiredReviewers: number;
  triageStatus: string | null;
  impact: number | null;
  stratum: string | null;
  weight: number | null;
}

export interface StoredBatchSummary extends NewReviewBatch {
  createdAt: Date;
  items: number;
  open: number;
  escalated: number;
  resolved: number;
  labelsSubmitted: number;
  labelsRequired: number;
}

/** Stores a batch and its items with a `batch-created` event; every item must be a stored instance. */
export async function createReviewBatch(
  db: StoreDatabase,
  options: { batch: NewReviewBatch; items: readonly NewReviewItem[]; now: Date },
): Promise<void> {
  const { batch, items, now } = options;
  if (items.length === 0) {
    throw new AppError('ARGUMENT_INVALID', `batch "${batch.name}" would have no items`, {
      fix: 'Check that the latest audit has needs-physician items, or that the sample names stored item ids.',
    });
  }
  await db.transaction(async (transaction) => {
    const known = new Set<string>();
    for (const chunk of splitIntoChunks(items.map((item) => item.itemId))) {
      const rows = await transaction
        .select({ itemId: instances.itemId })
        .from(instances)
        .where(and(eq(instances.datasetId, batch.datasetId), inArray(instances.itemId, chunk)));
      for (const row of rows) known.add(row.itemId);
    }
    const unknown = items.filter((item) => !known.has(item.itemId)).map((item) => item.itemId);
    if (unknown.length > 0) {
      throw new AppError(
        'ITEM_NOT_FOUND',
        `${unknown.length} item id${unknown.length === 1 ? '' : 's'} not in dataset ${batch.datasetId}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
        {
          fix: 'Use a sample drawn from the same dataset (`steward triage sample` on its latest audit).',
          details: { unknown },
        },
      );
    }
    await transaction.insert(reviewBatches).values({ ...batch, createdAt: now });
    for (const chunk of splitIntoChunks(items)) {
      await transaction.insert(reviewItems).values(
        chunk.map((item) => ({
          batchId: batch.id,
          datasetId: batch.datasetId,
          ...item,
          status: 'open',
        })),
      );
    }
    await transaction.insert(events).values({
      kind: 'batch-created',
      actor: batch.createdBy,
      datasetId: batch.datasetId,
      runId: batch.runId,
      at: now,
      payload: storableJson({
        batchId: batch.id,
        name: batch.name,
        source: batch.source,
        items: items.length,
        reviewersPerItem: batch.reviewersPerItem,
        extraReviewerRate: batch.extraReviewerRate,
        leaseMinutes: batch.leaseMinutes,
      }),
    });
  });
}

/** Every batch with its progress, newest first. */
export async function listReviewBatches(db: StoreDatabase): Promise<StoredBatchSummary[]> {
  const batches = await db.select().from(reviewBatches).orderBy(desc(reviewBatches.createdAt));
  const itemCounts = await db
    .select({
      batchId: reviewItems.batchId,
      status: reviewItems.status,
      items: sql<number>`count(*)::int`,
      required: sql<number>`sum(${reviewItems.requiredReviewers})::int`,
    })
    .from(reviewItems)
    .groupBy(reviewItems.batchId, reviewItems.status);
  const labelCounts = await db
    .select({ batchId: reviewLabels.batchId, labels: sql<number>`count(*)::int` })
    .from(reviewLabels)
    .groupBy(reviewLabels.batchId);
  return batches.map((batch) => {
    const counts = itemCounts.filter((row) => row.batchId === batch.id);
    const byStatus = (status: string) => counts.find((row) => row.status === status)?.items ?? 0;
    return {
      id: batch.id,
      name: batch.name,
      datasetId: batch.datasetId,
      runId: batch.runId,
      source: batch.source === 'sample' ? 'sample' : 'queue',
      ruleSet: batch.ruleSet,
      reviewersPerItem: batch.reviewersPerItem,
      extraReviewerRate: batch.extraReviewerRate,
      leaseMinutes: batch.leaseMinutes,
      createdBy: batch.createdBy,
      createdAt: batch.createdAt,
      items: counts.reduce((sum, row) => sum + row.items, 0),
      open: byStatus('open'),
      escalated: byStatus('escalated'),
      resolved: byStatus('resolved'),
      labelsSubmitted: labelCounts.find((row) => row.batchId === batch.id)?.labels ?? 0,
      labelsRequired: counts.reduce((sum, row) => sum + row.required, 0),
    };
  });
}
