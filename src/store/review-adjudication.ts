import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../app-error.js';
import { provenanceSchema } from '../contracts/review-api.js';
import type { Provenance } from '../contracts/review-api.js';
import type { TriageDecision } from '../triage/types.js';
import type { Verdict } from '../verify/types.js';
import type { StoreDatabase } from './open.js';
import { parseColumn, toTriageDecision } from './records.js';
import {
  CLAIM_LOCK_KEY,
  INSTANCE_OF_ITEM,
  conflict,
  itemStatusSchema,
  loadRunVerdicts,
  notFound,
  toStoredLabel,
} from './review-records.js';
import type { StoredLabel } from './review-records.js';
import {
  events,
  instances,
  reviewAdjudications,
  reviewBatches,
  reviewItems,
  reviewLabels,
  triageDecisions,
  users,
} from './schema.js';
import { splitIntoChunks, storableJson } from './storable.js';

/**
 * Adjudication of escalated items: the queue with why each item escalated, everything the adjudicator weighs
 * (labels only of items that escalated), the authoritative decision (append-only), reopening a decided item, and
 * an item's state after a decision. Every change is written with its event in one transaction.
 */

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
