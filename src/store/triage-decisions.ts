import { and, eq, sql } from 'drizzle-orm';
import type { TriageDecision, TriageStatus } from '../triage/types.js';
import { canonicalJson } from '../contracts/canonical-json.js';
import type { StoreDatabase } from './open.js';
import { toTriageDecision } from './records.js';
import { events, triageDecisions } from './schema.js';
import { splitIntoChunks, storableJson } from './storable.js';

/** Compared as stored (jsonb reorders object keys; U+0000 is replaced), so an unchanged decision is not rewritten. */
function sameDecision(stored: TriageDecision, decision: TriageDecision): boolean {
  return (
    stored.status === decision.status &&
    stored.proposedLabel === decision.proposedLabel &&
    canonicalJson(stored.reasons) === canonicalJson(storableJson(decision.reasons)) &&
    canonicalJson(stored.categories) === canonicalJson(decision.categories) &&
    stored.impact === decision.impact
  );
}

/**
 * Stores the triage decisions of one audit run. Unchanged decisions are not rewritten; new or changed ones are
 * upserted with a `triage.decided` event that records the previous status, so the history stays in the log.
 */
export async function recordTriage(
  db: StoreDatabase,
  options: { runId: string; datasetId: string; policyHash: string },
  decisions: readonly { itemId: string; decision: TriageDecision }[],
): Promise<number> {
  const { runId, datasetId, policyHash } = options;
  return db.transaction(async (transaction) => {
    // Read-compare-write: concurrent processes finishing the same run take turns.
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${runId}, 0))`);
    const existing = await transaction.select().from(triageDecisions).where(eq(triageDecisions.runId, runId));
    const previous = new Map(existing.map((row) => [row.itemId, toTriageDecision(row)]));
    const changed = decisions.filter(({ itemId, decision }) => {
      const stored = previous.get(itemId);
      return stored === undefined || !sameDecision(stored, decision);
    });
    const decidedAt = new Date();
    for (const chunk of splitIntoChunks(changed)) {
      await transaction
        .insert(triageDecisions)
        .values(
          chunk.map(({ itemId, decision }) => ({
            datasetId,
            itemId,
            policyHash,
            runId,
            status: decision.status,
            proposedLabel: decision.proposedLabel,
            reasons: storableJson(decision.reasons),
            categories: decision.categories,
            impact: decision.impact,
            decidedAt,
          })),
        )
        .onConflictDoUpdate({
          target: [triageDecisions.runId, triageDecisions.itemId],
          set: {
            status: sql.raw('excluded.status'),
            proposedLabel: sql.raw('excluded.proposed_label'),
            reasons: sql.raw('excluded.reasons'),
            categories: sql.raw('excluded.categories'),
            impact: sql.raw('excluded.impact'),
            decidedAt: sql.raw('excluded.decided_at'),
          },
        });
      await transaction.insert(events).values(
        chunk.map(({ itemId, decision }) => ({
          kind: 'triage.decided',
          actor: `policy:${policyHash.slice(0, 12)}`,
          datasetId,
          itemId,
          runId,
          payload: {
            status: decision.status,
            proposedLabel: decision.proposedLabel,
            reasons: storableJson(decision.reasons),
            previousStatus: previous.get(itemId)?.status ?? null,
          },
        })),
      );
    }
    return changed.length;
  });
}

/** The decisions of one audit run, by item id; only those with `status` when it is given. */
export async function loadTriage(
  db: StoreDatabase,
  runId: string,
  status?: TriageStatus,
): Promise<Map<string, TriageDecision>> {
  const rows = await db
    .select()
    .from(triageDecisions)
    .where(
      status === undefined
        ? eq(triageDecisions.runId, runId)
        : and(eq(triageDecisions.runId, runId), eq(triageDecisions.status, status)),
    );
  return new Map(rows.map((row) => [row.itemId, toTriageDecision(row)]));
}
