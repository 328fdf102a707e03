import { createHash, randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { EvalResponseRecord } from '../eval/run-eval.js';
import { SYSTEM_ACTOR } from './datasets.js';
import type { StoreDatabase } from './open.js';
import { evalResponses, evalRuns, events } from './schema.js';
import { splitIntoChunks, storableJson, storableText } from './storable.js';

/** What makes two evaluation runs the same run. */
export interface EvalRunSpec {
  datasetId: string;
  model: string;
  promptId: string;
  promptVersion: string;
  samples: number;
}

export interface EvalRunHandle {
  id: string;
  state: 'new' | 'resumed' | 'completed';
}

export function evalRunKeyOf(spec: EvalRunSpec): string {
  return createHash('sha256')
    .update(JSON.stringify([spec.datasetId, spec.model, spec.promptId, spec.promptVersion, spec.samples]))
    .digest('hex');
}

/** Finds the run with the same key or starts one (`eval.started`), under a lock so two processes find one run. */
export async function startOrResumeEvalRun(
  db: StoreDatabase,
  spec: EvalRunSpec,
  options: { newId?: () => string } = {},
): Promise<EvalRunHandle> {
  const runKey = evalRunKeyOf(spec);
  return db.transaction(async (transaction) => {
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${runKey}, 0))`);
    const [found] = await transaction
      .select({ id: evalRuns.id, status: evalRuns.status })
      .from(evalRuns)
      .where(eq(evalRuns.runKey, runKey));
    if (found !== undefined) {
      return { id: found.id, state: found.status === 'completed' ? 'completed' : 'resumed' };
    }
    const id = (options.newId ?? randomUUID)();
    await transaction.insert(evalRuns).values({
      id,
      runKey,
      datasetId: spec.datasetId,
      model: storableText(spec.model),
      promptId: spec.promptId,
      promptVersion: spec.promptVersion,
      samples: spec.samples,
      status: 'running',
    });
    await transaction.insert(events).values({
      kind: 'eval.started',
      actor: SYSTEM_ACTOR,
      datasetId: spec.datasetId,
      runId: id,
      payload: storableJson(spec),
    });
    return { id, state: 'new' };
  });
}

function responseRow(runId: string, record: EvalResponseRecord) {
  return {
    runId,
    itemId: storableText(record.itemId),
    sample: record.sample,
    outcome: record.outcome,
    response: storableText(record.response ?? undefined) ?? null,
    error: storableText(record.error ?? undefined) ?? null,
    cached: record.cached,
  };
}

/**
 * Stores every response of the run (replacing earlier ones of the same item and sample), marks it completed and
 * logs `eval.completed` with its counts, in one transaction.
 */
export async function completeEvalRun(
  db: StoreDatabase,
  options: { runId: string; datasetId: string; records: readonly EvalResponseRecord[] },
): Promise<void> {
  await db.transaction(async (transaction) => {
    for (const chunk of splitIntoChunks(options.records)) {
      await transaction
        .insert(evalResponses)
        .values(chunk.map((record) => responseRow(options.runId, record)))
        .onConflictDoUpdate({
          target: [evalResponses.itemId, evalResponses.runId, evalResponses.sample],
          set: {
            outcome: sql`excluded.outcome`,
            response: sql`excluded.response`,
            error: sql`excluded.error`,
            cached: sql`excluded.cached`,
            recordedAt: sql`now()`,
          },
        });
    }
    await transaction
      .update(evalRuns)
      .set({ status: 'completed', finishedAt: sql`now()` })
      .where(eq(evalRuns.id, options.runId));
    await transaction.insert(events).values({
      kind: 'eval.completed',
      actor: SYSTEM_ACTOR,
      datasetId: options.datasetId,
      runId: options.runId,
      payload: {
        responses: options.records.length,
        abstentions: options.records.filter((record) => record.outcome === 'abstain').length,
      },
    });
  });
}

/** The stored responses of a run, by item id then sample. */
export async function loadEvalResponses(db: StoreDatabase, runId: string): Promise<EvalResponseRecord[]> {
  const rows = await db
    .select()
    .from(evalResponses)
    .where(eq(evalResponses.runId, runId))
    .orderBy(asc(evalResponses.itemId), asc(evalResponses.sample));
  return rows.map((row) => ({
    itemId: row.itemId,
    sample: row.sample,
    outcome: row.outcome === 'abstain' ? 'abstain' : 'ok',
    response: row.response,
    error: row.error,
    cached: row.cached,
  }));
}
