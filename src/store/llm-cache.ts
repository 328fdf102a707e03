import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { CachedCallContext, CachedResponse, ResponseCache } from '../llm/response-cache.js';
import { SYSTEM_ACTOR } from './datasets.js';
import type { StoreDatabase } from './open.js';
import { events, llmCalls } from './schema.js';
import { splitIntoChunks, storableJson, storableText } from './storable.js';

/** A `CachedResponse` as read back from `llm_calls.response` (JSON drops undefined token counts). */
export const cachedResponseSchema = z
  .object({
    text: z.string(),
    object: z.unknown().optional(),
    finishReason: z.string(),
    usage: z.object({ inputTokens: z.number().optional(), outputTokens: z.number().optional() }),
    latencyMs: z.number(),
    recordedAt: z.string(),
  })
  .transform((row): CachedResponse => ({
    text: row.text,
    ...(row.object === undefined ? {} : { object: row.object }),
    finishReason: row.finishReason,
    usage: { inputTokens: row.usage.inputTokens, outputTokens: row.usage.outputTokens },
    latencyMs: row.latencyMs,
    recordedAt: row.recordedAt,
  }));

function parseResponse(key: string, value: unknown): CachedResponse {
  const parsed = cachedResponseSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('INTERNAL', `the recorded LLM response ${key} in the store is malformed`, {
    details: { key, issues: parsed.error.issues.slice(0, 3) },
    cause: parsed.error,
  });
}

function toRow(key: string, entry: CachedResponse, context: CachedCallContext | undefined) {
  return {
    key,
    model: storableText(context?.model) ?? null,
    promptId: storableText(context?.promptId) ?? null,
    promptVersion: storableText(context?.promptVersion) ?? null,
    runIndex: context?.runIndex ?? null,
    itemId: storableText(context?.itemId) ?? null,
    verifier: storableText(context?.verifier) ?? null,
    response: storableJson(entry),
  };
}

/**
 * The response cache in the store (`llm_calls`): an audit re-run, or a run resumed after a kill, replays every
 * recorded call. The first write of a key wins (`ON CONFLICT DO NOTHING`): two runs racing on one call keep one
 * answer. Each `put` is one INSERT, outside any transaction, so a response is durable as soon as it is paid for.
 */
export function createStoreResponseCache(db: StoreDatabase): ResponseCache {
  return {
    async get(key) {
      const rows = await db
        .select({ response: llmCalls.response })
        .from(llmCalls)
        .where(eq(llmCalls.key, key));
      const [row] = rows;
      return row === undefined ? undefined : parseResponse(key, row.response);
    },
    async put(key, entry, context) {
      await db
        .insert(llmCalls)
        .values(toRow(key, entry, context))
        .onConflictDoNothing({ target: llmCalls.key });
    },
  };
}

export interface CacheImportEntry {
  key: string;
  response: CachedResponse;
}

export interface CacheImportOutcome {
  /** Keys newly stored. */
  imported: string[];
  /** Keys that already had a response (kept: the first write wins), including repeats within the import. */
  alreadyPresent: string[];
}

/**
 * Stores responses from a batch result file in one transaction with one `llm.batch-imported` event. Entries
 * have no call metadata (a result file carries only the key).
 */
export async function importCachedResponses(
  db: StoreDatabase,
  entries: readonly CacheImportEntry[],
  source: { provider: string; file: string; failed: number },
): Promise<CacheImportOutcome> {
  return db.transaction(async (transaction) => {
    const imported: string[] = [];
    const alreadyPresent: string[] = [];
    const seen = new Set<string>();
    const unique = entries.filter((entry) => {
      if (seen.has(entry.key)) {
        alreadyPresent.push(entry.key);
        return false;
      }
      seen.add(entry.key);
      return true;
    });
    for (const chunk of splitIntoChunks(unique)) {
      const inserted = await transaction
        .insert(llmCalls)
        .values(chunk.map((entry) => toRow(entry.key, entry.response, undefined)))
        .onConflictDoNothing({ target: llmCalls.key })
        .returning({ key: llmCalls.key });
      const insertedKeys = new Set(inserted.map((row) => row.key));
      for (const entry of chunk) (insertedKeys.has(entry.key) ? imported : alreadyPresent).push(entry.key);
    }
    await transaction.insert(events).values({
      kind: 'llm.batch-imported',
      actor: SYSTEM_ACTOR,
      payload: storableJson({
        provider: source.provider,
        file: source.file,
        imported: imported.length,
        alreadyPresent: alreadyPresent.length,
        failed: source.failed,
      }),
    });
    return { imported, alreadyPresent };
  });
}

/** How many responses the cache holds. */
export async function countCachedResponses(db: StoreDatabase): Promise<number> {
  return db.$count(llmCalls);
}
