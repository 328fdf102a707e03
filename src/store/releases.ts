import { asc, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { provenanceSchema } from '../contracts/review-api.js';
import type { Provenance } from '../contracts/review-api.js';
import type { StoreDatabase } from './open.js';
import { parseColumn } from './records.js';
import {
  events,
  releases,
  reviewAdjudications,
  reviewBatches,
  reviewItems,
  triageDecisions,
} from './schema.js';
import { storableJson } from './storable.js';

/**
 * The release repository: what a release reads about review outcomes and triage times, and the record of every
 * published version (one row per version, written with its `release-published` event).
 */

export interface StoredReviewOutcome {
  itemId: string;
  batchId: string;
  status: 'open' | 'escalated' | 'resolved';
  finalOutcome: 'answer' | 'not-computable' | null;
  finalLabel: string | null;
  provenance: Provenance | null;
  decidedAt: Date | null;
  /** The error category and rationale of the latest adjudication of the item in that batch. */
  errorCategory: string | null;
  rationale: string | null;
}

const itemStatusSchema = z.enum(['open', 'escalated', 'resolved']);
const outcomeSchema = z.enum(['answer', 'not-computable']);

/** Every review item of a dataset, batches oldest first, with its latest adjudication's category and rationale. */
export async function loadReviewOutcomes(
  db: StoreDatabase,
  datasetId: string,
): Promise<StoredReviewOutcome[]> {
  const rows = await db
    .select({ item: reviewItems })
    .from(reviewItems)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewItems.batchId))
    .where(eq(reviewItems.datasetId, datasetId))
    .orderBy(asc(reviewBatches.createdAt), asc(reviewItems.batchId), asc(reviewItems.rank));
  const adjudications = await db
    .select({
      batchId: reviewAdjudications.batchId,
      itemId: reviewAdjudications.itemId,
      errorCategory: reviewAdjudications.errorCategory,
      rationale: reviewAdjudications.rationale,
    })
    .from(reviewAdjudications)
    .innerJoin(reviewBatches, eq(reviewBatches.id, reviewAdjudications.batchId))
    .where(eq(reviewBatches.datasetId, datasetId))
    .orderBy(asc(reviewAdjudications.decidedAt), asc(reviewAdjudications.id));
  const latest = new Map<string, { errorCategory: string | null; rationale: string }>();
  for (const row of adjudications) latest.set(`${row.batchId}\u0000${row.itemId}`, row);
  return rows.map(({ item }) => {
    const adjudication = latest.get(`${item.batchId}\u0000${item.itemId}`);
    const provenance =
      item.provenance === null ? null : parseColumn(provenanceSchema, item.provenance, 'review provenance');
    return {
      itemId: item.itemId,
      batchId: item.batchId,
      status: parseColumn(itemStatusSchema, item.status, 'review item status'),
      finalOutcome:
        item.finalOutcome === null ? null : parseColumn(outcomeSchema, item.finalOutcome, 'final outcome'),
      finalLabel: item.finalLabel,
      provenance,
      decidedAt: item.decidedAt,
      // Only an adjudication in force counts: a physician agreement after a reopening carries none.
      errorCategory: provenance?.method === 'adjudicated' ? (adjudication?.errorCategory ?? null) : null,
      rationale: provenance?.method === 'adjudicated' ? (adjudication?.rationale ?? null) : null,
    };
  });
}

/** When triage decided each item of an audit run. */
export async function loadTriageTimes(db: StoreDatabase, runId: string): Promise<Map<string, Date>> {
  const rows = await db
    .select({ itemId: triageDecisions.itemId, decidedAt: triageDecisions.decidedAt })
    .from(triageDecisions)
    .where(eq(triageDecisions.runId, runId));
  return new Map(rows.map((row) => [row.itemId, row.decidedAt]));
}

export interface StoredRelease {
  version: string;
  manifest: unknown;
  dir: string;
  publishedAt: Date;
}

export async function findRelease(db: StoreDatabase, version: string): Promise<StoredRelease | undefined> {
  const [row] = await db.select().from(releases).where(eq(releases.version, version));
  return row;
}

/** Every published release, newest first. */
export async function listReleases(db: StoreDatabase): Promise<StoredRelease[]> {
  return db.select().from(releases).orderBy(desc(releases.publishedAt));
}

/** The error for publishing a version twice (also thrown by the CLI's check before any work). */
export function createReleaseExistsError(version: string): AppError {
  return new AppError('RELEASE_EXISTS', `release ${version} is already published`, {
    fix: 'Publish a new version (e.g. bump the patch number); a published version never changes.',
    details: { version },
  });
}

/** Records a published release and its `release-published` event; a version already recorded is refused. */
export async function recordRelease(
  db: StoreDatabase,
  options: {
    version: string;
    manifest: unknown;
    dir: string;
    datasetId: string;
    runId: string;
    actor: string;
    now: Date;
  },
): Promise<void> {
  await db.transaction(async (transaction) => {
    const inserted = await transaction
      .insert(releases)
      .values({
        version: options.version,
        manifest: storableJson(options.manifest),
        dir: options.dir,
        publishedAt: options.now,
      })
      .onConflictDoNothing()
      .returning({ version: releases.version });
    if (inserted.length === 0) throw createReleaseExistsError(options.version);
    await transaction.insert(events).values({
      kind: 'release-published',
      actor: options.actor,
      datasetId: options.datasetId,
      runId: options.runId,
      at: options.now,
      payload: storableJson({ version: options.version, dir: options.dir }),
    });
  });
}
