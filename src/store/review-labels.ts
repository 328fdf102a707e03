import { and, asc, eq, sql } from 'drizzle-orm';
import type { LabelInput } from '../contracts/review-api.js';
import type { ItemDecision, SubmittedLabel } from '../review/resolve.js';
import type { StoreDatabase } from './open.js';
import { CLAIM_LOCK_KEY, conflict, expireAssignments, notFound } from './review-records.js';
import type { Transaction } from './review-records.js';
import { events, reviewAssignments, reviewItems, reviewLabels } from './schema.js';
import { storableJson } from './storable.js';

/**
 * Blind labels: a physician submits one label per assignment (append-only), and once an item has all its labels
 * it is decided (resolved or escalated) by rules the caller supplies, in the same transaction as the events.
 */

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
