import { and, eq, inArray, sql } from 'drizzle-orm';
import { compareText } from '../compare-text.js';
import type { Verdict, VerifierIdentity } from '../verify/types.js';
import type { StoreDatabase } from './open.js';
import {
  assessmentSchema,
  categoryListSchema,
  detailsSchema,
  findingListSchema,
  parseColumn,
  verdictUsageSchema,
} from './records.js';
import type { RuleSetIdentity } from './runs.js';
import { events, verdicts } from './schema.js';
import { splitIntoChunks, storableJson, storableText } from './storable.js';

/**
 * Which verdicts count: those of one dataset judged under one answer rule set (id and version). Verdicts stored
 * before the version was recorded have an empty one, so they never count for a current rule set.
 */
export interface VerdictScope {
  datasetId: string;
  ruleSet: RuleSetIdentity;
  /** Only these items (default: every item of the dataset). */
  itemIds?: readonly string[];
}

function scopeFilter(scope: VerdictScope, verifierList: readonly VerifierIdentity[]) {
  return and(
    eq(verdicts.datasetId, scope.datasetId),
    eq(verdicts.ruleSet, scope.ruleSet.id),
    eq(verdicts.ruleSetVersion, scope.ruleSet.version),
    inArray(
      verdicts.verifier,
      verifierList.map((verifier) => verifier.name),
    ),
    scope.itemIds === undefined ? undefined : inArray(verdicts.itemId, [...scope.itemIds]),
  );
}

function identityKey(verifier: string, version: string, configHash: string): string {
  return `${verifier}@${version}#${configHash}`;
}

/** The key of an item's verdict by one verifier (name, version and config hash) within a scope. */
export function verdictKey(itemId: string, verifier: VerifierIdentity): string {
  return `${itemId}\u0000${identityKey(verifier.name, verifier.version, verifier.configHash)}`;
}

/**
 * The (item, verifier identity) pairs already judged: what a resumed run skips. An abstention recorded because
 * the verifier failed (`details.error`) does not count, so a re-run tries that item again.
 */
export async function existingVerdictKeys(
  db: StoreDatabase,
  scope: VerdictScope,
  verifierList: readonly VerifierIdentity[],
): Promise<Set<string>> {
  const rows = await db
    .select({
      itemId: verdicts.itemId,
      name: verdicts.verifier,
      version: verdicts.verifierVersion,
      configHash: verdicts.verifierConfigHash,
    })
    .from(verdicts)
    .where(and(scopeFilter(scope, verifierList), sql`(${verdicts.details} ->> 'error') IS NULL`));
  return new Set(rows.map((row) => verdictKey(row.itemId, row)));
}

/**
 * Stores a batch of verdicts and their `verdict.recorded` events in one transaction: a crash leaves the batch
 * either fully written or absent. Verdicts already stored are left as they are (first write wins), except an
 * abstention recorded because the verifier failed, which a new verdict replaces.
 */
export async function recordVerdicts(
  db: StoreDatabase,
  target: VerdictScope & { runId: string },
  batch: readonly Verdict[],
): Promise<number> {
  const { runId, datasetId, ruleSet } = target;
  if (batch.length === 0) return 0;
  // One row order for every writer, so concurrent processes on a server never lock rows in opposite orders.
  const ordered = [...batch].sort(
    (a, b) =>
      compareText(a.itemId, b.itemId) ||
      compareText(a.verifier, b.verifier) ||
      compareText(a.verifierVersion, b.verifierVersion) ||
      compareText(a.verifierConfigHash, b.verifierConfigHash),
  );
  return db.transaction(async (transaction) => {
    let written = 0;
    for (const chunk of splitIntoChunks(ordered)) {
      const inserted = await transaction
        .insert(verdicts)
        .values(
          chunk.map((verdict) => ({
            datasetId,
            itemId: verdict.itemId,
            verifier: verdict.verifier,
            verifierVersion: verdict.verifierVersion,
            verifierConfigHash: verdict.verifierConfigHash,
            ruleSet: ruleSet.id,
            ruleSetVersion: ruleSet.version,
            runId,
            assessment: verdict.assessment,
            proposedLabel: storableText(verdict.proposedLabel ?? undefined) ?? null,
            categories: verdict.categories,
            confidence: verdict.confidence,
            findings: storableJson(verdict.findings),
            details: storableJson(verdict.details),
            usage: storableJson(verdict.usage),
          })),
        )
        .onConflictDoUpdate({
          target: [
            verdicts.datasetId,
            verdicts.itemId,
            verdicts.verifier,
            verdicts.verifierVersion,
            verdicts.verifierConfigHash,
            verdicts.ruleSet,
            verdicts.ruleSetVersion,
          ],
          set: {
            runId: sql.raw('excluded.run_id'),
            assessment: sql.raw('excluded.assessment'),
            proposedLabel: sql.raw('excluded.proposed_label'),
            categories: sql.raw('excluded.categories'),
            confidence: sql.raw('excluded.confidence'),
            findings: sql.raw('excluded.findings'),
            details: sql.raw('excluded.details'),
            usage: sql.raw('excluded.usage'),
            createdAt: sql.raw('excluded.created_at'),
          },
          setWhere: sql`(${verdicts.details} ->> 'error') IS NOT NULL`,
        })
        .returning({
          itemId: verdicts.itemId,
          verifier: verdicts.verifier,
          version: verdicts.verifierVersion,
          configHash: verdicts.verifierConfigHash,
          assessment: verdicts.assessment,
          proposedLabel: verdicts.proposedLabel,
          categories: verdicts.categories,
          usage: verdicts.usage,
        });
      if (inserted.length === 0) continue;
      written += inserted.length;
      await transaction.insert(events).values(
        inserted.map((row) => ({
          kind: 'verdict.recorded',
          actor: `verifier:${row.verifier}@${row.version}`,
          datasetId,
          itemId: row.itemId,
          runId,
          payload: {
            verifier: row.verifier,
            version: row.version,
            configHash: row.configHash,
            ruleSet: ruleSet.id,
            ruleSetVersion: ruleSet.version,
            assessment: row.assessment,
            proposedLabel: row.proposedLabel,
            categories: row.categories,
            usage: row.usage,
          },
        })),
      );
    }
    return written;
  });
}

/** A stored verdict row as the domain `Verdict`, every jsonb column checked. */
export function toVerdict(row: typeof verdicts.$inferSelect): Verdict {
  return {
    verifier: row.verifier,
    verifierVersion: row.verifierVersion,
    verifierConfigHash: row.verifierConfigHash,
    itemId: row.itemId,
    assessment: parseColumn(assessmentSchema, row.assessment, 'verdict assessment'),
    proposedLabel: row.proposedLabel,
    categories: parseColumn(categoryListSchema, row.categories, 'list of verdict categories'),
    findings: parseColumn(findingListSchema, row.findings, 'list of verdict findings'),
    confidence: row.confidence,
    details: parseColumn(detailsSchema, row.details, 'verdict details'),
    usage: row.usage === null ? null : parseColumn(verdictUsageSchema, row.usage, 'verdict usage'),
  };
}

/** Verdicts of exactly these verifier identities, grouped by item, in the order the verifiers are listed. */
export async function loadVerdicts(
  db: StoreDatabase,
  scope: VerdictScope,
  verifierList: readonly VerifierIdentity[],
): Promise<Map<string, Verdict[]>> {
  const rows = await db.select().from(verdicts).where(scopeFilter(scope, verifierList));
  const wanted = new Map(
    verifierList.map((verifier, index) => [
      identityKey(verifier.name, verifier.version, verifier.configHash),
      index,
    ]),
  );
  const positionOf = (verdict: Verdict) =>
    wanted.get(identityKey(verdict.verifier, verdict.verifierVersion, verdict.verifierConfigHash)) ?? 0;
  const byItem = new Map<string, Verdict[]>();
  for (const row of rows) {
    if (!wanted.has(identityKey(row.verifier, row.verifierVersion, row.verifierConfigHash))) continue;
    const list = byItem.get(row.itemId) ?? [];
    list.push(toVerdict(row));
    byItem.set(row.itemId, list);
  }
  for (const list of byItem.values()) list.sort((a, b) => positionOf(a) - positionOf(b));
  return byItem;
}
