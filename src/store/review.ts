import { and, asc, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { labelInputSchema, provenanceSchema } from '../contracts/review-api.js';
import type { LabelInput, Provenance } from '../contracts/review-api.js';
import type { ItemDecision, SubmittedLabel } from '../review/resolve.js';
import type { TriageDecision } from '../triage/types.js';
import type { Verdict } from '../verify/types.js';
import type { StoreDatabase } from './open.js';
import { parseColumn, toTriageDecision } from './records.js';
import {
  auditRuns,
  events,
  instances,
  reviewAdjudications,
  reviewAssignments,
  reviewBatches,
  reviewItems,
  reviewLabels,
  triageDecisions,
  users,
} from './schema.js';
import { splitIntoChunks, storableJson } from './storable.js';
import { toAuditRun } from './runs.js';
import { loadVerdicts } from './verdicts.js';

/**
 * The review store: batches of items for physicians, their assignments (leases that expire), blind labels,
 * adjudications and reopenings. Every change is written with its event (who, when, what, from which value to
 * which, why) in one transaction; labels and adjudications are append-only tables. Claiming work is serialized
 * with an advisory lock, so two physicians never overfill an item.
 */

const CLAIM_LOCK_KEY = 727_015;

/** Join conditions used throughout: the item an assignment or label is for, and the stored row of an item. */
const ITEM_OF_ASSIGNMENT = and(
  eq(reviewItems.batchId, reviewAssignments.batchId),
  eq(reviewItems.itemId, reviewAssignments.itemId),
);
const ITEM_OF_LABEL = and(
  eq(reviewItems.batchId, reviewLabels.batchId),
  eq(reviewItems.itemId, reviewLabels.itemId),
);
const INSTANCE_OF_ITEM = and(
  eq(instances.datasetId, reviewItems.datasetId),
  eq(instances.itemId, reviewItems.itemId),
);

type Transaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];
type Executor = StoreDatabase | Transaction;

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

export interface AssignmentEntry {
  assignmentId: string;
  batchId: string;
  batchName: string;
  itemId: string;
  calculatorName: string;
  assignedAt: Date;
  expiresAt: Date;
}

export interface StoredLabel {
  assignmentId: string;
  userId: string;
  mode: 'form' | 'direct' | 'not-computable';
  outcome: 'answer' | 'not-computable';
  answer: string | null;
  inputs: LabelInput[];
  notComputableReason: string | null;
  comment: string | null;
  minutes: number | null;
  measuredMinutes: number | null;
  secondOpinion: boolean;
  submittedAt: Date;
}

const modeSchema = z.enum(['form', 'direct', 'not-computable']);
const outcomeSchema = z.enum(['answer', 'not-computable']);
const itemStatusSchema = z.enum(['open', 'escalated', 'resolved']);
const assignmentStatusSchema = z.enum(['active', 'submitted', 'returned', 'expired']);
const labelInputsSchema = z.array(labelInputSchema);

function toStoredLabel(row: typeof reviewLabels.$inferSelect): StoredLabel {
  return {
    assignmentId: row.assignmentId,
    userId: row.userId,
    mode: parseColumn(modeSchema, row.mode, 'review label mode'),
    outcome: parseColumn(outcomeSchema, row.outcome, 'review label outcome'),
    answer: row.answer,
    inputs: parseColumn(labelInputsSchema, row.inputs, 'list of review label inputs'),
    notComputableReason: row.notComputableReason,
    comment: row.comment,
    minutes: row.minutes,
    measuredMinutes: row.measuredMinutes,
    secondOpinion: row.secondOpinion,
    submittedAt: row.submittedAt,
  };
}

function conflict(message: string, fix: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('REVIEW_CONFLICT', message, { fix, details });
}

function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, {
    fix: 'Check the id; the item may belong to another reviewer or batch.',
  });
}

// ------------------------------------------------------------------ batches

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

// ------------------------------------------------------------------ assignments

/** Marks active assignments past their lease as expired (each with an event), so their items return to the pool. */
async function expireAssignments(executor: Executor, now: Date): Promise<void> {
  const expired = await executor
    .update(reviewAssignments)
    .set({ status: 'expired', finishedAt: now })
    .where(and(eq(reviewAssignments.status, 'active'), lte(reviewAssignments.expiresAt, now)))
    .returning({
      id: reviewAssignments.id,
      batchId: reviewAssignments.batchId,
      itemId: reviewAssignments.itemId,
      userId: reviewAssignments.userId,
    });
  if (expired.length === 0) return;
  await executor.insert(events).values(
    expired.map((assignment) => ({
      kind: 'assignment-expired',
      actor: 'steward',
      itemId: assignment.itemId,
      at: now,
      payload: storableJson({
        assignmentId: assignment.id,
        batchId: assignment.batchId,
        userId: assignment.userId,
        from: 'active',
        to: 'expired',
      }),
    })),
  );
}

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

export interface NewLabel {
  mode: 'form' | 'direct' | 'not-computable';
  outcome: 'answer' | 'not-computable';
  answer: string | null;
  inputs: readonly LabelInput[];
  notComputableReason: string | null;
  comment: string | null;
  minutes: number | null;
  measuredMinutes: number | null;
  secondOpinion: boolean;
}

/** Decides an item from its labels; the caller supplies the rules (they need the calculator and rule set). */
export type DecideFromLabels = (labels: readonly SubmittedLabel[], required: number) => ItemDecision;

async function applyDecision(
  transaction: Transaction,
  options: {
    batchId: string;
    itemId: string;
    datasetId: string;
    decision: ItemDecision;
    actor: string;
    now: Date;
  },
): Promise<void> {
  const { decision, batchId, itemId, now } = options;
  if (decision.kind === 'waiting') return;
  if (decision.kind === 'escalated') {
    await transaction
      .update(reviewItems)
      .set({ status: 'escalated' })
      .where(and(eq(reviewItems.batchId, batchId), eq(reviewItems.itemId, itemId)));
    await transaction.insert(events).values({
      kind: 'item-escalated',
      actor: options.actor,
      datasetId: options.datasetId,
      itemId,
      at: now,
      payload: storableJson({ batchId, from: 'open', to: 'escalated', because: decision.because }),
    });
    return;
  }
  await transaction
    .update(reviewItems)
    .set({
      status: 'resolved',
      finalOutcome: decision.outcome,
      finalLabel: decision.finalLabel,
      provenance: storableJson(decision.provenance),
      decidedAt: now,
    })
    .where(and(eq(reviewItems.batchId, batchId), eq(reviewItems.itemId, itemId)));
  await transaction.insert(events).values({
    kind: 'item-resolved',
    actor: options.actor,
    datasetId: options.datasetId,
    itemId,
    at: now,
    payload: storableJson({
      batchId,
      from: 'open',
      to: 'resolved',
      outcome: decision.outcome,
      finalLabel: decision.finalLabel,
      provenance: decision.provenance,
    }),
  });
}

/**
 * Stores a physician's label for their active assignment and, once the item has all its labels, decides it
 * (resolved or escalated) — all in one transaction with the events.
 */
export async function submitReviewLabel(
  db: StoreDatabase,
  options: {
    assignmentId: string;
    userId: string;
    actor: string;
    label: NewLabel;
    now: Date;
    decide: DecideFromLabels;
  },
): Promise<{ batchId: string; itemId: string; decision: ItemDecision }> {
  const { assignmentId, userId, label, now } = options;
  // Leases that ran out are marked first (and stay marked when the submit is refused).
  await expireAssignments(db, now);
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    const [assignment] = await transaction
      .select()
      .from(reviewAssignments)
      .where(and(eq(reviewAssignments.id, assignmentId), eq(reviewAssignments.userId, userId)));
    if (assignment === undefined) throw notFound(`assignment ${assignmentId}`);
    if (assignment.status !== 'active') {
      throw conflict(
        `assignment ${assignmentId} is ${assignment.status}: it takes no label`,
        assignment.status === 'expired'
          ? 'Its lease ran out and the item went back to the pool: take the next item.'
          : 'Take the next item from the queue.',
        { status: assignment.status },
      );
    }
    const [item] = await transaction
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.batchId, assignment.batchId), eq(reviewItems.itemId, assignment.itemId)));
    if (item === undefined) throw notFound(`item ${assignment.itemId}`);
    await transaction.insert(reviewLabels).values({
      assignmentId,
      batchId: assignment.batchId,
      itemId: assignment.itemId,
      userId,
      mode: label.mode,
      outcome: label.outcome,
      answer: label.answer,
      inputs: storableJson(label.inputs),
      notComputableReason: label.notComputableReason,
      comment: label.comment,
      minutes: label.minutes,
      measuredMinutes: label.measuredMinutes,
      secondOpinion: label.secondOpinion,
      submittedAt: now,
    });
    await transaction
      .update(reviewAssignments)
      .set({ status: 'submitted', finishedAt: now })
      .where(eq(reviewAssignments.id, assignmentId));
    await transaction.insert(events).values({
      kind: 'label-submitted',
      actor: options.actor,
      datasetId: item.datasetId,
      itemId: item.itemId,
      at: now,
      payload: storableJson({
        batchId: item.batchId,
        assignmentId,
        mode: label.mode,
        outcome: label.outcome,
        answer: label.answer,
        notComputableReason: label.notComputableReason,
        secondOpinion: label.secondOpinion,
        minutes: label.minutes,
      }),
    });
    if (item.status !== 'open') {
      return {
        batchId: item.batchId,
        itemId: item.itemId,
        decision: { kind: 'waiting', submitted: 0, required: 0 },
      };
    }
    const labels = await transaction
      .select()
      .from(reviewLabels)
      .where(and(eq(reviewLabels.batchId, item.batchId), eq(reviewLabels.itemId, item.itemId)))
      .orderBy(asc(reviewLabels.submittedAt), asc(reviewLabels.assignmentId));
    const decision = options.decide(
      labels.map((row) => ({
        userId: row.userId,
        outcome: row.outcome === 'not-computable' ? 'not-computable' : 'answer',
        answer: row.answer,
        secondOpinion: row.secondOpinion,
      })),
      item.requiredReviewers,
    );
    await applyDecision(transaction, {
      batchId: item.batchId,
      itemId: item.itemId,
      datasetId: item.datasetId,
      decision,
      actor: options.actor,
      now,
    });
    return { batchId: item.batchId, itemId: item.itemId, decision };
  });
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

// ------------------------------------------------------------------ adjudication

export async function listEscalatedItems(
  db: StoreDatabase,
): Promise<
  { batchId: string; itemId: string; calculatorName: string; reviewers: number; because: string }[]
> {
  const rows = await db
    .select({
      batchId: reviewItems.batchId,
      itemId: reviewItems.itemId,
      calculatorName: instances.calculatorName,
      reviewers: sql<number>`(SELECT count(*)::int FROM review_labels l WHERE l.batch_id = ${reviewItems.batchId} AND l.item_id = ${reviewItems.itemId})`,
    })
    .from(reviewItems)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewItems.batchId))
    .innerJoin(instances, INSTANCE_OF_ITEM)
    .where(eq(reviewItems.status, 'escalated'))
    .orderBy(asc(reviewBatches.createdAt), asc(reviewItems.rank));
  const reasons = await latestEscalationReasons(
    db,
    rows.map((row) => row.itemId),
  );
  return rows.map((row) => ({
    ...row,
    because: reasons.get(`${row.batchId}\u0000${row.itemId}`) ?? 'escalated',
  }));
}

/** Why each item was last escalated or reopened, from the event log. */
async function latestEscalationReasons(
  db: StoreDatabase,
  itemIds: readonly string[],
): Promise<Map<string, string>> {
  const reasons = new Map<string, string>();
  for (const chunk of splitIntoChunks([...new Set(itemIds)])) {
    const rows = await db
      .select({ itemId: events.itemId, kind: events.kind, payload: events.payload })
      .from(events)
      .where(and(inArray(events.kind, ['item-escalated', 'item-reopened']), inArray(events.itemId, chunk)))
      .orderBy(asc(events.id));
    for (const row of rows) {
      const payload = row.payload as Record<string, unknown>;
      const batchId = typeof payload['batchId'] === 'string' ? payload['batchId'] : '';
      const text =
        row.kind === 'item-reopened'
          ? `reopened: ${typeof payload['reason'] === 'string' ? payload['reason'] : ''}`
          : typeof payload['because'] === 'string'
            ? payload['because']
            : 'escalated';
      reasons.set(`${batchId}\u0000${row.itemId ?? ''}`, text);
    }
  }
  return reasons;
}

export interface AdjudicationView {
  batchId: string;
  itemId: string;
  datasetId: string;
  status: 'open' | 'escalated' | 'resolved';
  note: string;
  question: string;
  calculatorSlug: string | null;
  calculatorId: number | null;
  originalLabel: string;
  originalExplanation: string | null;
  triage: TriageDecision | null;
  verdicts: Verdict[];
  labels: StoredLabel[];
  escalatedBecause: string;
  decision: {
    outcome: string;
    finalLabel: string | null;
    errorCategory: string | null;
    rationale: string;
    adjudicator: string;
    decidedAt: Date;
  } | null;
}

/** Everything the adjudicator weighs; only for items that escalated (or were decided by adjudication). */
export async function loadAdjudicationView(
  db: StoreDatabase,
  options: { batchId: string; itemId: string },
): Promise<AdjudicationView> {
  const [row] = await db
    .select({ item: reviewItems, batch: reviewBatches, instance: instances })
    .from(reviewItems)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewItems.batchId))
    .innerJoin(instances, INSTANCE_OF_ITEM)
    .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
  if (row === undefined) throw notFound(`item ${options.itemId} of batch ${options.batchId}`);
  const [adjudication] = await db
    .select({ adjudication: reviewAdjudications, email: users.email })
    .from(reviewAdjudications)
    .innerJoin(users, eq(users.id, reviewAdjudications.userId))
    .where(
      and(eq(reviewAdjudications.batchId, options.batchId), eq(reviewAdjudications.itemId, options.itemId)),
    )
    .orderBy(desc(reviewAdjudications.decidedAt), desc(reviewAdjudications.id))
    .limit(1);
  const escalatedEver = row.item.status === 'escalated' || adjudication !== undefined;
  if (!escalatedEver) {
    throw new AppError('FORBIDDEN', `item ${options.itemId} is not escalated: its labels stay blind`, {
      fix: 'Adjudicators see an item once its physicians disagree (or ask for a second opinion).',
    });
  }
  const labels = await db
    .select()
    .from(reviewLabels)
    .where(and(eq(reviewLabels.batchId, options.batchId), eq(reviewLabels.itemId, options.itemId)))
    .orderBy(asc(reviewLabels.submittedAt), asc(reviewLabels.assignmentId));
  let triage: TriageDecision | null = null;
  let itemVerdicts: Verdict[] = [];
  if (row.batch.runId !== null) {
    const [decision] = await db
      .select()
      .from(triageDecisions)
      .where(and(eq(triageDecisions.runId, row.batch.runId), eq(triageDecisions.itemId, options.itemId)));
    triage = decision === undefined ? null : toTriageDecision(decision);
    const byItem = await loadRunVerdicts(db, {
      runId: row.batch.runId,
      datasetId: row.item.datasetId,
      itemIds: [options.itemId],
    });
    itemVerdicts = byItem.get(options.itemId) ?? [];
  }
  const reasons = await latestEscalationReasons(db, [options.itemId]);
  return {
    batchId: row.item.batchId,
    itemId: row.item.itemId,
    datasetId: row.item.datasetId,
    status: parseColumn(itemStatusSchema, row.item.status, 'review item status'),
    note: row.instance.note,
    question: row.instance.question,
    calculatorSlug: row.instance.calculatorSlug,
    calculatorId: row.instance.calculatorId,
    originalLabel: row.instance.label,
    originalExplanation: row.instance.explanation,
    triage,
    verdicts: itemVerdicts,
    labels: labels.map(toStoredLabel),
    escalatedBecause: reasons.get(`${options.batchId}\u0000${options.itemId}`) ?? 'escalated',
    decision:
      adjudication === undefined || row.item.status !== 'resolved'
        ? null
        : {
            outcome: adjudication.adjudication.outcome,
            finalLabel: adjudication.adjudication.finalLabel,
            errorCategory: adjudication.adjudication.errorCategory,
            rationale: adjudication.adjudication.rationale,
            adjudicator: adjudication.email,
            decidedAt: adjudication.adjudication.decidedAt,
          },
  };
}

/** The verdicts that the run's verifiers gave these items under the run's rule set, by item. */
async function loadRunVerdicts(
  db: StoreDatabase,
  options: { runId: string; datasetId: string; itemIds: readonly string[] },
): Promise<Map<string, Verdict[]>> {
  const [row] = await db.select().from(auditRuns).where(eq(auditRuns.id, options.runId));
  if (row === undefined || options.itemIds.length === 0) return new Map();
  const run = toAuditRun(row);
  return loadVerdicts(
    db,
    { datasetId: options.datasetId, ruleSet: run.ruleSet, itemIds: options.itemIds },
    run.verifiers,
  );
}

/** Records an adjudicator's final decision on an escalated item; it is authoritative and never re-escalates. */
export async function adjudicateItem(
  db: StoreDatabase,
  options: {
    batchId: string;
    itemId: string;
    userId: string;
    email: string;
    outcome: 'answer' | 'not-computable';
    finalLabel: string | null;
    errorCategory: string;
    rationale: string;
    now: Date;
    newId: () => string;
  },
): Promise<{ provenance: Provenance; reviewers: number }> {
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    const [item] = await transaction
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
    if (item === undefined) throw notFound(`item ${options.itemId} of batch ${options.batchId}`);
    if (item.status !== 'escalated') {
      throw conflict(
        `item ${options.itemId} is ${item.status}, not escalated`,
        item.status === 'resolved'
          ? 'It is decided; reopen it with a reason first.'
          : 'It is still being labelled.',
      );
    }
    const labelled = await transaction
      .select({ userId: reviewLabels.userId })
      .from(reviewLabels)
      .where(and(eq(reviewLabels.batchId, options.batchId), eq(reviewLabels.itemId, options.itemId)));
    if (labelled.some((label) => label.userId === options.userId)) {
      throw new AppError('FORBIDDEN', 'you labelled this item: another adjudicator decides it', {
        fix: 'Ask another adjudicator.',
      });
    }
    const provenance: Provenance = {
      method: 'adjudicated',
      adjudicator: options.email,
      reviewers: labelled.length,
    };
    const finalLabel = options.outcome === 'not-computable' ? null : options.finalLabel;
    await transaction.insert(reviewAdjudications).values({
      id: options.newId(),
      batchId: options.batchId,
      itemId: options.itemId,
      userId: options.userId,
      outcome: options.outcome,
      finalLabel,
      errorCategory: options.errorCategory,
      rationale: options.rationale,
      decidedAt: options.now,
    });
    await transaction
      .update(reviewItems)
      .set({
        status: 'resolved',
        finalOutcome: options.outcome,
        finalLabel,
        provenance: storableJson(provenance),
        decidedAt: options.now,
      })
      .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
    await transaction.insert(events).values({
      kind: 'item-adjudicated',
      actor: options.email,
      datasetId: item.datasetId,
      itemId: item.itemId,
      at: options.now,
      payload: storableJson({
        batchId: item.batchId,
        from: { status: 'escalated', finalLabel: item.finalLabel, finalOutcome: item.finalOutcome },
        to: { status: 'resolved', finalLabel, finalOutcome: options.outcome },
        errorCategory: options.errorCategory,
        rationale: options.rationale,
      }),
    });
    return { provenance, reviewers: labelled.length };
  });
}

/** Reopens a decided item: it goes to adjudication again, with the reason in the log. */
export async function reopenItem(
  db: StoreDatabase,
  options: { batchId: string; itemId: string; actor: string; reason: string; now: Date },
): Promise<void> {
  await db.transaction(async (transaction) => {
    const [item] = await transaction
      .select()
      .from(reviewItems)
      .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
    if (item === undefined) throw notFound(`item ${options.itemId} of batch ${options.batchId}`);
    if (item.status !== 'resolved') {
      throw conflict(
        `item ${options.itemId} is ${item.status}: only a resolved item can be reopened`,
        'Nothing to do.',
      );
    }
    await transaction
      .update(reviewItems)
      .set({ status: 'escalated', finalOutcome: null, finalLabel: null, provenance: null, decidedAt: null })
      .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
    await transaction.insert(events).values({
      kind: 'item-reopened',
      actor: options.actor,
      datasetId: item.datasetId,
      itemId: item.itemId,
      at: options.now,
      payload: storableJson({
        batchId: item.batchId,
        from: {
          status: 'resolved',
          finalLabel: item.finalLabel,
          finalOutcome: item.finalOutcome,
          provenance: item.provenance,
        },
        to: { status: 'escalated' },
        reason: options.reason,
      }),
    });
  });
}

/** The current state of one item (after a decision). */
export async function loadItemState(
  db: StoreDatabase,
  options: { batchId: string; itemId: string },
): Promise<{
  status: string;
  finalOutcome: string | null;
  finalLabel: string | null;
  provenance: Provenance | null;
}> {
  const [item] = await db
    .select()
    .from(reviewItems)
    .where(and(eq(reviewItems.batchId, options.batchId), eq(reviewItems.itemId, options.itemId)));
  if (item === undefined) throw notFound(`item ${options.itemId} of batch ${options.batchId}`);
  return {
    status: item.status,
    finalOutcome: item.finalOutcome,
    finalLabel: item.finalLabel,
    provenance:
      item.provenance === null ? null : parseColumn(provenanceSchema, item.provenance, 'review provenance'),
  };
}

// ------------------------------------------------------------------ statistics input

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
