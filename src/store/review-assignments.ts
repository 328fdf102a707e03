import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { provenanceSchema } from '../contracts/review-api.js';
import type { Provenance } from '../contracts/review-api.js';
import type { StoreDatabase } from './open.js';
import { parseColumn } from './records.js';
import {
  CLAIM_LOCK_KEY,
  INSTANCE_OF_ITEM,
  ITEM_OF_ASSIGNMENT,
  ITEM_OF_LABEL,
  conflict,
  expireAssignments,
  notFound,
  toStoredLabel,
} from './review-records.js';
import type { Executor, StoredLabel } from './review-records.js';
import { events, instances, reviewAssignments, reviewBatches, reviewItems, reviewLabels } from './schema.js';
import { storableJson } from './storable.js';

/**
 * A physician's work: assignments are leases on an item that expire, claimed one at a time under an advisory
 * lock so two physicians never overfill an item; only the owner reads an assignment, and they may hand it back.
 * Also what the physician sees of their own submitted labels. Submitting a label is in `review-labels.ts`.
 */

export interface AssignmentEntry {
  assignmentId: string;
  batchId: string;
  batchName: string;
  itemId: string;
  calculatorName: string;
  assignedAt: Date;
  expiresAt: Date;
}

const assignmentStatusSchema = z.enum(['active', 'submitted', 'returned', 'expired']);

const entryColumns = {
  assignmentId: reviewAssignments.id,
  batchId: reviewAssignments.batchId,
  batchName: reviewBatches.name,
  itemId: reviewAssignments.itemId,
  calculatorName: instances.calculatorName,
  assignedAt: reviewAssignments.assignedAt,
  expiresAt: reviewAssignments.expiresAt,
};

function selectEntries(executor: Executor) {
  return executor
    .select(entryColumns)
    .from(reviewAssignments)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewAssignments.batchId))
    .innerJoin(reviewItems, ITEM_OF_ASSIGNMENT)
    .innerJoin(instances, INSTANCE_OF_ITEM);
}

/** The physician's active (unexpired) assignments, oldest first. */
export async function listActiveAssignments(
  db: StoreDatabase,
  options: { userId: string; now: Date },
): Promise<AssignmentEntry[]> {
  return selectEntries(db)
    .where(
      and(
        eq(reviewAssignments.userId, options.userId),
        eq(reviewAssignments.status, 'active'),
        gt(reviewAssignments.expiresAt, options.now),
      ),
    )
    .orderBy(asc(reviewAssignments.assignedAt));
}

/** Open items that still need a reviewer and that this user has never held (nor handed back). */
function availableItemsFilter(userId: string) {
  return sql`${reviewItems.status} = 'open'
    AND (SELECT count(*) FROM review_assignments live
         WHERE live.batch_id = ${reviewItems.batchId} AND live.item_id = ${reviewItems.itemId}
           AND live.status IN ('active', 'submitted')) < ${reviewItems.requiredReviewers}
    AND NOT EXISTS (SELECT 1 FROM review_assignments mine
         WHERE mine.batch_id = ${reviewItems.batchId} AND mine.item_id = ${reviewItems.itemId}
           AND mine.user_id = ${userId})`;
}

export async function countAvailableItems(db: StoreDatabase, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(reviewItems)
    .where(availableItemsFilter(userId));
  return row?.count ?? 0;
}

export async function countSubmittedLabels(db: StoreDatabase, userId: string): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(reviewLabels)
    .where(eq(reviewLabels.userId, userId));
  return row?.count ?? 0;
}

/**
 * The physician's next item: an active assignment they already hold, else a new one on the highest-ranked open
 * item of the oldest batch that still needs a reviewer and that they never held. Null when nothing is left.
 */
export async function claimNextAssignment(
  db: StoreDatabase,
  options: { userId: string; actor: string; now: Date; newId: () => string },
): Promise<AssignmentEntry | null> {
  const { userId, now } = options;
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    await expireAssignments(transaction, now);
    const [held] = await selectEntries(transaction)
      .where(and(eq(reviewAssignments.userId, userId), eq(reviewAssignments.status, 'active')))
      .orderBy(asc(reviewAssignments.assignedAt))
      .limit(1);
    if (held !== undefined) return held;
    const [candidate] = await transaction
      .select({
        batchId: reviewItems.batchId,
        itemId: reviewItems.itemId,
        datasetId: reviewItems.datasetId,
        leaseMinutes: reviewBatches.leaseMinutes,
      })
      .from(reviewItems)
      .innerJoin(reviewBatches, eq(reviewBatches.id, reviewItems.batchId))
      .where(availableItemsFilter(userId))
      .orderBy(asc(reviewBatches.createdAt), asc(reviewBatches.id), asc(reviewItems.rank))
      .limit(1);
    if (candidate === undefined) return null;
    const id = options.newId();
    const expiresAt = new Date(now.getTime() + candidate.leaseMinutes * 60_000);
    await transaction.insert(reviewAssignments).values({
      id,
      batchId: candidate.batchId,
      itemId: candidate.itemId,
      userId,
      status: 'active',
      assignedAt: now,
      expiresAt,
    });
    await transaction.insert(events).values({
      kind: 'assignment-created',
      actor: options.actor,
      datasetId: candidate.datasetId,
      itemId: candidate.itemId,
      at: now,
      payload: storableJson({
        assignmentId: id,
        batchId: candidate.batchId,
        expiresAt: expiresAt.toISOString(),
      }),
    });
    const [entry] = await selectEntries(transaction).where(eq(reviewAssignments.id, id));
    if (entry === undefined) throw new Error(`assignment ${id} vanished inside its transaction`);
    return entry;
  });
}

/** An assignment with the item it is for. Only the owner may read it: anyone else gets NOT_FOUND. */
export interface AssignmentView {
  assignmentId: string;
  batchId: string;
  itemId: string;
  datasetId: string;
  status: 'active' | 'submitted' | 'returned' | 'expired';
  expiresAt: Date;
  note: string;
  question: string;
  calculatorSlug: string | null;
  calculatorId: number | null;
  ruleSet: string;
  ownLabel: StoredLabel | null;
}

export async function loadAssignment(
  db: StoreDatabase,
  options: { assignmentId: string; userId: string; now: Date },
): Promise<AssignmentView> {
  const [row] = await db
    .select({
      assignment: reviewAssignments,
      note: instances.note,
      question: instances.question,
      calculatorSlug: instances.calculatorSlug,
      calculatorId: instances.calculatorId,
      datasetId: reviewItems.datasetId,
      ruleSet: reviewBatches.ruleSet,
      label: reviewLabels,
    })
    .from(reviewAssignments)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewAssignments.batchId))
    .innerJoin(reviewItems, ITEM_OF_ASSIGNMENT)
    .innerJoin(instances, INSTANCE_OF_ITEM)
    .leftJoin(reviewLabels, eq(reviewLabels.assignmentId, reviewAssignments.id))
    .where(and(eq(reviewAssignments.id, options.assignmentId), eq(reviewAssignments.userId, options.userId)));
  if (row === undefined) throw notFound(`assignment ${options.assignmentId}`);
  const label = row.label ?? undefined;
  return {
    assignmentId: row.assignment.id,
    batchId: row.assignment.batchId,
    itemId: row.assignment.itemId,
    datasetId: row.datasetId,
    // A lease past its end is expired whether or not the next claim has marked it yet.
    status:
      row.assignment.status === 'active' && row.assignment.expiresAt <= options.now
        ? 'expired'
        : parseColumn(assignmentStatusSchema, row.assignment.status, 'assignment status'),
    expiresAt: row.assignment.expiresAt,
    note: row.note,
    question: row.question,
    calculatorSlug: row.calculatorSlug,
    calculatorId: row.calculatorId,
    ruleSet: row.ruleSet,
    ownLabel: label === undefined ? null : toStoredLabel(label),
  };
}

/** Hands an active assignment back: the item returns to the pool, never to this physician again. */
export async function returnAssignment(
  db: StoreDatabase,
  options: { assignmentId: string; userId: string; actor: string; reason: string; now: Date },
): Promise<void> {
  await db.transaction(async (transaction) => {
    const [updated] = await transaction
      .update(reviewAssignments)
      .set({ status: 'returned', finishedAt: options.now })
      .where(
        and(
          eq(reviewAssignments.id, options.assignmentId),
          eq(reviewAssignments.userId, options.userId),
          eq(reviewAssignments.status, 'active'),
        ),
      )
      .returning();
    if (updated === undefined) {
      throw conflict(
        `assignment ${options.assignmentId} is not an active assignment of yours`,
        'Only an item you hold can be handed back.',
      );
    }
    await transaction.insert(events).values({
      kind: 'assignment-returned',
      actor: options.actor,
      itemId: updated.itemId,
      at: options.now,
      payload: storableJson({
        assignmentId: updated.id,
        batchId: updated.batchId,
        from: 'active',
        to: 'returned',
        reason: options.reason,
      }),
    });
  });
}

/** A physician's submitted labels with the item's final label once it is decided (and only then). */
export async function listOwnReviews(
  db: StoreDatabase,
  userId: string,
): Promise<
  {
    batchId: string;
    itemId: string;
    calculatorName: string;
    calculatorId: number | null;
    ruleSet: string;
    label: StoredLabel;
    itemStatus: string;
    finalOutcome: string | null;
    finalLabel: string | null;
    provenance: Provenance | null;
  }[]
> {
  const rows = await db
    .select({
      label: reviewLabels,
      calculatorName: instances.calculatorName,
      calculatorId: instances.calculatorId,
      ruleSet: reviewBatches.ruleSet,
      item: reviewItems,
    })
    .from(reviewLabels)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewLabels.batchId))
    .innerJoin(reviewItems, ITEM_OF_LABEL)
    .innerJoin(instances, INSTANCE_OF_ITEM)
    .where(eq(reviewLabels.userId, userId))
    .orderBy(desc(reviewLabels.submittedAt));
  return rows.map((row) => {
    const decided = row.item.status === 'resolved';
    return {
      batchId: row.label.batchId,
      itemId: row.label.itemId,
      calculatorName: row.calculatorName,
      calculatorId: row.calculatorId,
      ruleSet: row.ruleSet,
      label: toStoredLabel(row.label),
      itemStatus: row.item.status,
      finalOutcome: decided ? row.item.finalOutcome : null,
      finalLabel: decided ? row.item.finalLabel : null,
      provenance:
        decided && row.item.provenance !== null
          ? parseColumn(provenanceSchema, row.item.provenance, 'review provenance')
          : null,
    };
  });
}
