import { eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { BatchRequestAccount } from '../llm/batch.js';
import type { CachedCallContext, CachedResponse, ResponseCache } from '../llm/response-cache.js';
import { computeTokenCostUsd } from '../llm/usage-ledger.js';
import type { TokenPrice, UsageRecord } from '../llm/usage-ledger.js';
import { SYSTEM_ACTOR } from './datasets.js';
import { toUsageRow } from './llm-usage.js';
import type { StoreDatabase } from './open.js';
import { events, llmBatchRequests, llmCalls, llmUsage } from './schema.js';
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

/** One exported batch request as recorded: what it is for, and the price its result will be billed at. */
export interface BatchRequestRecord {
  key: string;
  account: BatchRequestAccount;
  /** The dataset the export ran on, so `llm usage --dataset` counts the batch calls. */
  datasetId: string | undefined;
  /** The batch price per million tokens; undefined when the model has no price (the cost will be unknown). */
  price: TokenPrice | undefined;
}

/**
 * Records what each exported request is for (`llm_batch_requests`) in one transaction with one
 * `llm.batch-exported` event. A key exported before keeps its first row. Returns how many rows are new.
 */
export async function recordBatchRequests(
  db: StoreDatabase,
  requests: readonly BatchRequestRecord[],
  source: { provider: string; files: readonly string[]; exportedAt: Date },
): Promise<{ recorded: number }> {
  return db.transaction(async (transaction) => {
    let recorded = 0;
    for (const chunk of splitIntoChunks(requests)) {
      const inserted = await transaction
        .insert(llmBatchRequests)
        .values(
          chunk.map((request) => ({
            key: request.key,
            model: storableText(request.account.model),
            promptId: storableText(request.account.promptId),
            promptVersion: storableText(request.account.promptVersion),
            verifier: storableText(request.account.verifier),
            itemId: storableText(request.account.itemId),
            runIndex: request.account.runIndex,
            provider: storableText(request.account.provider),
            datasetId: storableText(request.datasetId) ?? null,
            inputUsdPerMillion: request.price?.inputUsdPerMillion ?? null,
            outputUsdPerMillion: request.price?.outputUsdPerMillion ?? null,
            exportedAt: source.exportedAt,
          })),
        )
        .onConflictDoNothing({ target: llmBatchRequests.key })
        .returning({ key: llmBatchRequests.key });
      recorded += inserted.length;
    }
    await transaction.insert(events).values({
      kind: 'llm.batch-exported',
      actor: SYSTEM_ACTOR,
      payload: storableJson({
        provider: source.provider,
        files: source.files,
        requests: requests.length,
        recorded,
      }),
    });
    return { recorded };
  });
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
  /** Imported keys accounted in the usage ledger: one `batch` row each. */
  accounted: string[];
  /** Imported keys with no record of their export (an older Steward, or a file made by hand): not accounted. */
  notAccounted: string[];
  /** What the accounted calls cost at the batch price; null as soon as one had no price. */
  costUsd: number | null;
}

type BatchRequestRow = typeof llmBatchRequests.$inferSelect;

/** The ledger row of an imported result: a call made through the batch API, billed at the recorded price. */
function toBatchUsageRecord(request: BatchRequestRow, response: CachedResponse): UsageRecord {
  const price =
    request.inputUsdPerMillion === null || request.outputUsdPerMillion === null
      ? undefined
      : { inputUsdPerMillion: request.inputUsdPerMillion, outputUsdPerMillion: request.outputUsdPerMillion };
  const answeredAt = new Date(response.recordedAt);
  return {
    model: request.model,
    promptId: request.promptId,
    promptVersion: request.promptVersion,
    verifier: request.verifier,
    itemId: request.itemId,
    runIndex: request.runIndex,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    costUsd: computeTokenCostUsd(price, response.usage),
    latencyMs: response.latencyMs,
    cached: false,
    attempts: 1,
    // As a live call: a refusal is billed and accounted as an abstention.
    outcome: response.finishReason === 'content-filter' ? 'abstain' : 'ok',
    at: Number.isNaN(answeredAt.getTime()) ? new Date() : answeredAt,
    via: 'batch',
  };
}

/**
 * Stores responses from a batch result file in one transaction with one `llm.batch-imported` event, and accounts
 * each newly stored one whose export was recorded (`recordBatchRequests`) in the usage ledger as a batch call.
 * A response already in the cache is neither stored again nor accounted again. Entries have no call metadata
 * of their own (a result file carries only the key).
 */
export async function importCachedResponses(
  db: StoreDatabase,
  entries: readonly CacheImportEntry[],
  source: { provider: string; file: string; failed: number },
): Promise<CacheImportOutcome> {
  return db.transaction(async (transaction) => {
    const imported: CacheImportEntry[] = [];
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
      for (const entry of chunk) {
        if (insertedKeys.has(entry.key)) imported.push(entry);
        else alreadyPresent.push(entry.key);
      }
    }
    const accounted: string[] = [];
    const notAccounted: string[] = [];
    let costUsd: number | null = 0;
    for (const chunk of splitIntoChunks(imported)) {
      const requests = await transaction
        .select()
        .from(llmBatchRequests)
        .where(
          inArray(
            llmBatchRequests.key,
            chunk.map((entry) => entry.key),
          ),
        );
      const byKey = new Map(requests.map((request) => [request.key, request]));
      const rows: ReturnType<typeof toUsageRow>[] = [];
      for (const entry of chunk) {
        const request = byKey.get(entry.key);
        if (request === undefined) {
          notAccounted.push(entry.key);
          continue;
        }
        const record = toBatchUsageRecord(request, entry.response);
        costUsd = costUsd === null || record.costUsd === null ? null : costUsd + record.costUsd;
        rows.push(toUsageRow(record, { datasetId: request.datasetId ?? undefined }));
        accounted.push(entry.key);
      }
      if (rows.length > 0) await transaction.insert(llmUsage).values(rows);
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
        accounted: accounted.length,
        notAccounted: notAccounted.length,
        costUsd,
      }),
    });
    return {
      imported: imported.map((entry) => entry.key),
      alreadyPresent,
      accounted,
      notAccounted,
      costUsd,
    };
  });
}

/** How many responses the cache holds. */
export async function countCachedResponses(db: StoreDatabase): Promise<number> {
  return db.$count(llmCalls);
}
