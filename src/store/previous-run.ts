import { and, desc, eq, lte, ne, sql } from 'drizzle-orm';
import type { StoreDatabase } from './open.js';
import { toAuditRun } from './runs.js';
import type { AuditRun } from './runs.js';
import { auditRuns } from './schema.js';

/**
 * The completed audit run of the same dataset that was used last before `runId` (another run, its `last_used_at`
 * not after this one's; ties by start time, then id), or undefined when there is none or `runId` is not a run of
 * `datasetId`. Runs that never finished are skipped: their decisions may be partial. Compared in SQL, so the
 * server's microsecond timestamps are not truncated to JavaScript milliseconds.
 */
export async function findPreviousRun(
  db: StoreDatabase,
  options: { runId: string; datasetId: string },
): Promise<AuditRun | undefined> {
  const current = db
    .select({ lastUsedAt: auditRuns.lastUsedAt })
    .from(auditRuns)
    .where(and(eq(auditRuns.id, options.runId), eq(auditRuns.datasetId, options.datasetId)));
  const [row] = await db
    .select()
    .from(auditRuns)
    .where(
      and(
        eq(auditRuns.datasetId, options.datasetId),
        ne(auditRuns.id, options.runId),
        eq(auditRuns.status, 'completed'),
        lte(auditRuns.lastUsedAt, sql`(${current})`),
      ),
    )
    .orderBy(desc(auditRuns.lastUsedAt), desc(auditRuns.startedAt), desc(auditRuns.id))
    .limit(1);
  return row === undefined ? undefined : toAuditRun(row);
}
