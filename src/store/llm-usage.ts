import { and, eq, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { UsageLedger, UsageRecord, UsageTotals } from '../llm/usage-ledger.js';
import type { StoreDatabase } from './open.js';
import { llmUsage } from './schema.js';
import { splitIntoChunks, storableText } from './storable.js';

export interface StoreUsageLedgerOptions {
  /** Written on every row, so usage can be read per dataset and per audit run. */
  datasetId?: string | undefined;
  runId?: string | undefined;
}

/** The store-backed ledger; `flush()` waits until every recorded row is written. */
export interface StoreUsageLedger extends UsageLedger {
  flush(): Promise<void>;
}

/** A ledger row as inserted into `llm_usage` (`llm batch import` writes its rows in its own transaction). */
export function toUsageRow(record: UsageRecord, options: StoreUsageLedgerOptions) {
  return {
    at: record.at,
    model: storableText(record.model),
    promptId: storableText(record.promptId),
    promptVersion: storableText(record.promptVersion),
    verifier: storableText(record.verifier),
    itemId: storableText(record.itemId),
    runIndex: record.runIndex,
    inputTokens: record.inputTokens ?? null,
    outputTokens: record.outputTokens ?? null,
    costUsd: record.costUsd,
    latencyMs: record.latencyMs,
    cached: record.cached,
    attempts: record.attempts,
    outcome: record.outcome,
    datasetId: storableText(options.datasetId) ?? null,
    runId: storableText(options.runId) ?? null,
    via: record.via ?? 'live',
  };
}

/**
 * The usage ledger in the store (`llm_usage`, append-only). Writes are group-committed: a row recorded while
 * no insert is in flight is written at once by one INSERT; rows recorded meanwhile (concurrent calls) wait
 * and go together in the next single multi-row INSERT. So an audit never waits for more than one insert per
 * call, under load it makes far fewer than one per call, and `record` resolves only once its row is stored
 * (a killed run loses no accounted call). A failed insert rejects the `record` calls whose rows it held.
 */
export function createStoreUsageLedger(
  db: StoreDatabase,
  options: StoreUsageLedgerOptions = {},
): StoreUsageLedger {
  interface Pending {
    row: ReturnType<typeof toUsageRow>;
    resolve: () => void;
    reject: (error: unknown) => void;
  }
  let queue: Pending[] = [];
  let writing: Promise<void> | undefined;

  async function drain(): Promise<void> {
    for (;;) {
      // Checked and cleared with no await in between: a row recorded after this starts a new drain.
      if (queue.length === 0) {
        writing = undefined;
        return;
      }
      const taken = queue;
      queue = [];
      for (const chunk of splitIntoChunks(taken)) {
        try {
          await db.insert(llmUsage).values(chunk.map((pending) => pending.row));
          for (const pending of chunk) pending.resolve();
        } catch (error) {
          for (const pending of chunk) pending.reject(error);
        }
      }
    }
  }

  function startWriting(): void {
    writing ??= drain();
  }

  return {
    record(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ row: toUsageRow(entry, options), resolve, reject });
        startWriting();
      });
    },
    async flush() {
      while (writing !== undefined) await writing;
    },
  };
}

/** Which rows to sum; absent fields mean every dataset or run. */
export interface UsageScope {
  datasetId?: string | undefined;
  runId?: string | undefined;
}

/** `UsageTotals` plus latency over the live calls (cached replays and batch calls are not timed). */
export interface StoredUsageTotals extends UsageTotals {
  /** null when no call was live (every one served from the cache or made through a batch). */
  meanLatencyMs: number | null;
  p95LatencyMs: number | null;
}

export interface StoredUsageSummary {
  /** Per model and verifier, sorted by model then verifier. */
  rows: StoredUsageTotals[];
  /** All rows together (model and verifier are `*`). */
  total: StoredUsageTotals;
}

const totalsRowSchema = z.object({
  model: z.string(),
  verifier: z.string(),
  calls: z.coerce.number(),
  cached_calls: z.coerce.number(),
  batch_calls: z.coerce.number(),
  abstentions: z.coerce.number(),
  input_tokens: z.coerce.number(),
  output_tokens: z.coerce.number(),
  cost_usd: z.coerce.number().nullable(),
  batch_cost_usd: z.coerce.number().nullable(),
  mean_latency_ms: z.coerce.number().nullable(),
  p95_latency_ms: z.coerce.number().nullable(),
});

function toTotals(row: z.infer<typeof totalsRowSchema>): StoredUsageTotals {
  return {
    model: row.model,
    verifier: row.verifier,
    calls: row.calls,
    cachedCalls: row.cached_calls,
    batchCalls: row.batch_calls,
    abstentions: row.abstentions,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    batchCostUsd: row.batch_cost_usd,
    meanLatencyMs: row.mean_latency_ms,
    p95LatencyMs: row.p95_latency_ms,
  };
}

// The cost is null as soon as one row's is (as `summarizeUsage` does): a partial sum would understate it. Batch
// calls have no latency of their own (recorded as 0), so latency is over live calls only.
const BATCH = sql`${llmUsage.via} = 'batch'`;
const TIMED = sql`NOT ${llmUsage.cached} AND ${llmUsage.via} = 'live'`;
const AGGREGATES = sql`
  count(*) AS calls,
  count(*) FILTER (WHERE ${llmUsage.cached}) AS cached_calls,
  count(*) FILTER (WHERE ${BATCH}) AS batch_calls,
  count(*) FILTER (WHERE ${llmUsage.outcome} = 'abstain') AS abstentions,
  coalesce(sum(${llmUsage.inputTokens}), 0) AS input_tokens,
  coalesce(sum(${llmUsage.outputTokens}), 0) AS output_tokens,
  CASE WHEN bool_or(${llmUsage.costUsd} IS NULL) THEN NULL ELSE coalesce(sum(${llmUsage.costUsd}), 0) END AS cost_usd,
  CASE WHEN coalesce(bool_or(${llmUsage.costUsd} IS NULL) FILTER (WHERE ${BATCH}), false) THEN NULL
    ELSE coalesce(sum(${llmUsage.costUsd}) FILTER (WHERE ${BATCH}), 0) END AS batch_cost_usd,
  avg(${llmUsage.latencyMs}) FILTER (WHERE ${TIMED}) AS mean_latency_ms,
  percentile_cont(0.95) WITHIN GROUP (ORDER BY ${llmUsage.latencyMs}) FILTER (WHERE ${TIMED}) AS p95_latency_ms`;

function rowsOf(result: unknown): unknown[] {
  return (result as { rows: unknown[] }).rows;
}

/** Usage totals per model and verifier, and overall, read from the ledger (of one dataset or run if given). */
export async function summarizeStoredUsage(
  db: StoreDatabase,
  scope: UsageScope = {},
): Promise<StoredUsageSummary> {
  const conditions: SQL[] = [];
  if (scope.datasetId !== undefined) conditions.push(eq(llmUsage.datasetId, scope.datasetId));
  if (scope.runId !== undefined) conditions.push(eq(llmUsage.runId, scope.runId));
  const where = conditions.length === 0 ? sql`` : sql`WHERE ${and(...conditions)}`;
  const grouped = await db.execute(sql`
    SELECT ${llmUsage.model} AS model, ${llmUsage.verifier} AS verifier, ${AGGREGATES}
    FROM ${llmUsage} ${where}
    GROUP BY ${llmUsage.model}, ${llmUsage.verifier}
    ORDER BY ${llmUsage.model}, ${llmUsage.verifier}`);
  const overall = await db.execute(sql`
    SELECT '*' AS model, '*' AS verifier, ${AGGREGATES}
    FROM ${llmUsage} ${where}`);
  const rows = rowsOf(grouped).map((row) => toTotals(totalsRowSchema.parse(row)));
  const [total] = rowsOf(overall).map((row) => toTotals(totalsRowSchema.parse(row)));
  // An aggregate without GROUP BY always gives one row.
  if (total === undefined) throw new AppError('INTERNAL', 'the usage total query returned no row');
  return { rows, total };
}
