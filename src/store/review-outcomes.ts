import { asc, eq } from 'drizzle-orm';
import { provenanceSchema } from '../contracts/review-api.js';
import type { Provenance } from '../contracts/review-api.js';
import type { StoreDatabase } from './open.js';
import { parseColumn } from './records.js';
import {
  INSTANCE_OF_ITEM,
  itemStatusSchema,
  loadRunVerdicts,
  outcomeSchema,
  toStoredLabel,
} from './review-records.js';
import type { StoredLabel } from './review-records.js';
import { instances, reviewBatches, reviewItems, reviewLabels } from './schema.js';

/**
 * What the agreement figures and exports read: every review item with its labels and final outcome, and the
 * verdicts of a run's verifiers for those items.
 */

export interface ReviewedItem {
  batchId: string;
  itemId: string;
  datasetId: string;
  runId: string | null;
  ruleSet: string;
  source: 'queue' | 'sample';
  calculatorId: number | null;
  status: 'open' | 'escalated' | 'resolved';
  requiredReviewers: number;
  originalLabel: string;
  stratum: string | null;
  weight: number | null;
  finalOutcome: 'answer' | 'not-computable' | null;
  finalLabel: string | null;
  provenance: Provenance | null;
  labels: StoredLabel[];
}

/** Every review item with its labels (for agreement figures and exports), by batch then rank. */
export async function loadReviewedItems(
  db: StoreDatabase,
  options: { batchId?: string } = {},
): Promise<ReviewedItem[]> {
  const rows = await db
    .select({
      item: reviewItems,
      batch: reviewBatches,
      label: instances.label,
      calculatorId: instances.calculatorId,
    })
    .from(reviewItems)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewItems.batchId))
    .innerJoin(instances, INSTANCE_OF_ITEM)
    .where(options.batchId === undefined ? undefined : eq(reviewItems.batchId, options.batchId))
    .orderBy(asc(reviewBatches.createdAt), asc(reviewItems.batchId), asc(reviewItems.rank));
  const labelRows = await db
    .select()
    .from(reviewLabels)
    .where(options.batchId === undefined ? undefined : eq(reviewLabels.batchId, options.batchId))
    .orderBy(asc(reviewLabels.submittedAt), asc(reviewLabels.assignmentId));
  const labelsByItem = new Map<string, StoredLabel[]>();
  for (const row of labelRows) {
    const key = `${row.batchId}\u0000${row.itemId}`;
    const list = labelsByItem.get(key) ?? [];
    list.push(toStoredLabel(row));
    labelsByItem.set(key, list);
  }
  return rows.map((row) => ({
    batchId: row.item.batchId,
    itemId: row.item.itemId,
    datasetId: row.item.datasetId,
    runId: row.batch.runId,
    ruleSet: row.batch.ruleSet,
    source: row.batch.source === 'sample' ? 'sample' : 'queue',
    calculatorId: row.calculatorId,
    status: parseColumn(itemStatusSchema, row.item.status, 'review item status'),
    requiredReviewers: row.item.requiredReviewers,
    originalLabel: row.label,
    stratum: row.item.stratum,
    weight: row.item.weight,
    finalOutcome:
      row.item.finalOutcome === null
        ? null
        : parseColumn(outcomeSchema, row.item.finalOutcome, 'final outcome'),
    finalLabel: row.item.finalLabel,
    provenance:
      row.item.provenance === null
        ? null
        : parseColumn(provenanceSchema, row.item.provenance, 'review provenance'),
    labels: labelsByItem.get(`${row.item.batchId}\u0000${row.item.itemId}`) ?? [],
  }));
}

/** The verdicts of a run's verifiers for some items (for agreement with the final labels), by item. */
export const loadRunVerdictsForItems = loadRunVerdicts;
