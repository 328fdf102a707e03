import { and, eq, lte } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { labelInputSchema } from '../contracts/review-api.js';
import type { LabelInput } from '../contracts/review-api.js';
import type { Verdict } from '../verify/types.js';
import type { StoreDatabase } from './open.js';
import { parseColumn } from './records.js';
import { toAuditRun } from './runs.js';
import { auditRuns, events, instances, reviewAssignments, reviewItems, reviewLabels } from './schema.js';
import { storableJson } from './storable.js';
import { loadVerdicts } from './verdicts.js';

/**
 * What the review repositories (`review-batches.ts`, `review-assignments.ts`, `review-labels.ts`,
 * `review-adjudication.ts`, `review-outcomes.ts`) share: the joins from an assignment or label to its item and
 * instance, the stored label, the advisory lock, the errors, and the queries that more than one of them runs
 * (expiring leases, a run's verdicts). Every change to review state is written with its event (who, when, what,
 * from which value to which, why) in one transaction; labels and adjudications are append-only tables.
 */

/** The advisory lock that serializes claims, label submissions and adjudications. */
export const CLAIM_LOCK_KEY = 727_015;

/** Join conditions used throughout: the item an assignment or label is for, and the stored row of an item. */
export const ITEM_OF_ASSIGNMENT = and(
  eq(reviewItems.batchId, reviewAssignments.batchId),
  eq(reviewItems.itemId, reviewAssignments.itemId),
);
export const ITEM_OF_LABEL = and(
  eq(reviewItems.batchId, reviewLabels.batchId),
  eq(reviewItems.itemId, reviewLabels.itemId),
);
export const INSTANCE_OF_ITEM = and(
  eq(instances.datasetId, reviewItems.datasetId),
  eq(instances.itemId, reviewItems.itemId),
);

export type Transaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];
export type Executor = StoreDatabase | Transaction;

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
export const outcomeSchema = z.enum(['answer', 'not-computable']);
export const itemStatusSchema = z.enum(['open', 'escalated', 'resolved']);
const labelInputsSchema = z.array(labelInputSchema);

export function toStoredLabel(row: typeof reviewLabels.$inferSelect): StoredLabel {
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

export function conflict(message: string, fix: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('REVIEW_CONFLICT', message, { fix, details });
}

export function notFound(what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, {
    fix: 'Check the id; the item may belong to another reviewer or batch.',
  });
}

/** Marks active assignments past their lease as expired (each with an event), so their items return to the pool. */
export async function expireAssignments(executor: Executor, now: Date): Promise<void> {
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

/** The verdicts that the run's verifiers gave these items under the run's rule set, by item. */
export async function loadRunVerdicts(
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
