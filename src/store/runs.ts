import { createHash, randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { compareText } from '../compare-text.js';
import type { VerifierIdentity } from '../verify/types.js';
import { SYSTEM_ACTOR } from './datasets.js';
import type { StoreDatabase } from './open.js';
import { parseColumn, runStatusSchema, verifierIdentityListSchema } from './records.js';
import { auditRuns, events } from './schema.js';
import { storableJson } from './storable.js';

/** The answer rule set verdicts are judged under, by id and version (both part of every verdict's key). */
export interface RuleSetIdentity {
  id: string;
  version: string;
}

export interface RunSpec {
  datasetId: string;
  verifiers: readonly VerifierIdentity[];
  ruleSet: RuleSetIdentity;
  policyName: string;
  policyHash: string;
}

export interface RunHandle {
  id: string;
  /** `new`: started now; `resumed`: an interrupted run with the same key; `completed`: nothing left to do. */
  state: 'new' | 'resumed' | 'completed';
}

/** An audit run as stored. Runs stored before rule-set versions and config hashes were recorded have them empty. */
export interface AuditRun {
  id: string;
  datasetId: string;
  runKey: string;
  verifiers: VerifierIdentity[];
  ruleSet: RuleSetIdentity;
  policyName: string;
  policyHash: string;
  status: 'running' | 'completed';
  startedAt: Date;
  lastUsedAt: Date;
  finishedAt: Date | null;
}

/** "The same audit": dataset, verifiers (name, version, config hash), rule set (id, version) and policy hash. */
export function runKeyOf(spec: RunSpec): string {
  const verifiers = spec.verifiers
    .map((verifier) => `${verifier.name}@${verifier.version}#${verifier.configHash}`)
    .sort(compareText);
  return createHash('sha256')
    .update(
      JSON.stringify([spec.datasetId, verifiers, spec.ruleSet.id, spec.ruleSet.version, spec.policyHash]),
    )
    .digest('hex');
}

/** Finds the run with the same key (resuming it if interrupted) or starts one with the id `newId` gives. */
export async function startOrResumeRun(
  db: StoreDatabase,
  spec: RunSpec,
  options: { newId?: () => string } = {},
): Promise<RunHandle> {
  const runKey = runKeyOf(spec);
  const newId = options.newId ?? randomUUID;
  return db.transaction(async (transaction) => {
    // Two processes starting the same audit on a PostgreSQL server must find one run, not create two.
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${runKey}, 0))`);
    const existing = await transaction
      .select({ id: auditRuns.id, status: auditRuns.status })
      .from(auditRuns)
      .where(eq(auditRuns.runKey, runKey));
    const found = existing[0];
    if (found !== undefined) {
      // The server's clock, like started_at: clients with skewed clocks must not reorder "latest".
      await transaction
        .update(auditRuns)
        .set({ lastUsedAt: sql`now()` })
        .where(eq(auditRuns.id, found.id));
      if (found.status === 'running') {
        await transaction.insert(events).values({
          kind: 'audit.resumed',
          actor: SYSTEM_ACTOR,
          datasetId: spec.datasetId,
          runId: found.id,
          payload: {},
        });
      }
      return { id: found.id, state: found.status === 'running' ? 'resumed' : 'completed' };
    }
    const id = newId();
    await transaction.insert(auditRuns).values({
      id,
      datasetId: spec.datasetId,
      runKey,
      verifiers: storableJson(spec.verifiers),
      ruleSet: spec.ruleSet.id,
      ruleSetVersion: spec.ruleSet.version,
      policyName: spec.policyName,
      policyHash: spec.policyHash,
      status: 'running',
    });
    await transaction.insert(events).values({
      kind: 'audit.started',
      actor: SYSTEM_ACTOR,
      datasetId: spec.datasetId,
      runId: id,
      payload: storableJson({
        verifiers: spec.verifiers,
        ruleSet: spec.ruleSet.id,
        ruleSetVersion: spec.ruleSet.version,
        policy: { name: spec.policyName, hash: spec.policyHash },
      }),
    });
    return { id, state: 'new' };
  });
}

export async function completeRun(
  db: StoreDatabase,
  runId: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await db.transaction(async (transaction) => {
    const updated = await transaction
      .update(auditRuns)
      .set({ status: 'completed', finishedAt: new Date() })
      .where(and(eq(auditRuns.id, runId), eq(auditRuns.status, 'running')))
      .returning({ datasetId: auditRuns.datasetId });
    const run = updated[0];
    if (run === undefined) return;
    await transaction.insert(events).values({
      kind: 'audit.completed',
      actor: SYSTEM_ACTOR,
      datasetId: run.datasetId,
      runId,
      payload: storableJson(summary),
    });
  });
}

export function toAuditRun(row: typeof auditRuns.$inferSelect): AuditRun {
  return {
    id: row.id,
    datasetId: row.datasetId,
    runKey: row.runKey,
    verifiers: parseColumn(verifierIdentityListSchema, row.verifiers, 'list of audit verifiers'),
    ruleSet: { id: row.ruleSet, version: row.ruleSetVersion },
    policyName: row.policyName,
    policyHash: row.policyHash,
    status: parseColumn(runStatusSchema, row.status, 'audit run status'),
    startedAt: row.startedAt,
    lastUsedAt: row.lastUsedAt,
    finishedAt: row.finishedAt,
  };
}

/** The run the last `audit` command used (completed or not), of one dataset or of any. */
export async function latestRun(db: StoreDatabase, datasetId?: string): Promise<AuditRun | undefined> {
  const [row] = await db
    .select()
    .from(auditRuns)
    .where(datasetId === undefined ? undefined : eq(auditRuns.datasetId, datasetId))
    .orderBy(desc(auditRuns.lastUsedAt), desc(auditRuns.startedAt))
    .limit(1);
  return row === undefined ? undefined : toAuditRun(row);
}
