/** How a call reached the model: sent at once, or through a provider's batch API (billed at the batch price). */
export const USAGE_VIAS = ['live', 'batch'] as const;
export type UsageVia = (typeof USAGE_VIAS)[number];

/** One model call as it is accounted: a row of `steward llm usage`. */
export interface UsageRecord {
  model: string;
  promptId: string;
  promptVersion: string;
  verifier: string;
  itemId: string;
  runIndex: number;
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  /** null when the price table does not know the model; 0 for a call served from the cache. */
  costUsd: number | null;
  latencyMs: number;
  cached: boolean;
  /** Requests sent for this call (0 when served from the cache). */
  attempts: number;
  outcome: 'ok' | 'abstain';
  at: Date;
  /** Absent means `live`; `batch` rows are written by `steward llm batch import`. */
  via?: UsageVia;
}

export interface UsageLedger {
  record(entry: UsageRecord): Promise<void>;
}

/** USD per million tokens. */
export interface TokenPrice {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

/** A model's standard price and, when it differs from the default share of it, its batch price. */
export interface ModelPrice extends TokenPrice {
  /** Per million input tokens sent through a batch API; default `DEFAULT_BATCH_PRICE_SHARE` × the standard. */
  batchInputUsdPerMillion?: number | undefined;
  batchOutputUsdPerMillion?: number | undefined;
}

/**
 * The share of the standard price a batch call is billed when the price table gives no batch price: OpenAI Batch
 * and Anthropic Message Batches both bill half the standard input and output token prices.
 */
export const DEFAULT_BATCH_PRICE_SHARE = 0.5;

/** Prices by model spec text (`openai/gpt-4o-mini`); passed in by the caller, never hard-coded in verifiers. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** The price per million tokens of a call made `via` a batch or live. */
export function resolveTokenPrice(price: ModelPrice, via: UsageVia): TokenPrice {
  if (via === 'live') {
    return { inputUsdPerMillion: price.inputUsdPerMillion, outputUsdPerMillion: price.outputUsdPerMillion };
  }
  return {
    inputUsdPerMillion: price.batchInputUsdPerMillion ?? price.inputUsdPerMillion * DEFAULT_BATCH_PRICE_SHARE,
    outputUsdPerMillion:
      price.batchOutputUsdPerMillion ?? price.outputUsdPerMillion * DEFAULT_BATCH_PRICE_SHARE,
  };
}

/** The cost of some tokens at a price; null without a price or when the provider did not report the tokens. */
export function computeTokenCostUsd(
  price: TokenPrice | undefined,
  usage: { inputTokens: number | undefined; outputTokens: number | undefined },
): number | null {
  if (price === undefined || usage.inputTokens === undefined || usage.outputTokens === undefined) return null;
  return (
    (usage.inputTokens * price.inputUsdPerMillion + usage.outputTokens * price.outputUsdPerMillion) /
    1_000_000
  );
}

/** The cost of a live call's tokens; null when the model has no price or the provider did not report them. */
export function computeCostUsd(
  prices: PriceTable,
  model: string,
  usage: { inputTokens: number | undefined; outputTokens: number | undefined },
): number | null {
  const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
  return computeTokenCostUsd(price === undefined ? undefined : resolveTokenPrice(price, 'live'), usage);
}

export interface UsageTotals {
  model: string;
  verifier: string;
  calls: number;
  cachedCalls: number;
  /** Calls made through a provider's batch API (accounted when their results were imported). */
  batchCalls: number;
  abstentions: number;
  inputTokens: number;
  outputTokens: number;
  /** null as soon as one uncached call had no price: a partial sum would understate the cost. Includes batch calls. */
  costUsd: number | null;
  /** The part of `costUsd` spent on batch calls (null as soon as one of them had no price). */
  batchCostUsd: number | null;
}

/** Totals per model and verifier, sorted by model then verifier. */
export function summarizeUsage(records: readonly UsageRecord[]): UsageTotals[] {
  const totals = new Map<string, UsageTotals>();
  for (const record of records) {
    const key = `${record.model}\u0000${record.verifier}`;
    let total = totals.get(key);
    if (total === undefined) {
      total = {
        model: record.model,
        verifier: record.verifier,
        calls: 0,
        cachedCalls: 0,
        batchCalls: 0,
        abstentions: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        batchCostUsd: 0,
      };
      totals.set(key, total);
    }
    total.calls += 1;
    if (record.cached) total.cachedCalls += 1;
    if (record.via === 'batch') {
      total.batchCalls += 1;
      total.batchCostUsd =
        total.batchCostUsd === null || record.costUsd === null ? null : total.batchCostUsd + record.costUsd;
    }
    if (record.outcome === 'abstain') total.abstentions += 1;
    total.inputTokens += record.inputTokens ?? 0;
    total.outputTokens += record.outputTokens ?? 0;
    total.costUsd = total.costUsd === null || record.costUsd === null ? null : total.costUsd + record.costUsd;
  }
  return [...totals.values()].sort((left, right) =>
    left.model === right.model
      ? left.verifier.localeCompare(right.verifier)
      : left.model.localeCompare(right.model),
  );
}

export interface MemoryUsageLedger extends UsageLedger {
  readonly records: readonly UsageRecord[];
}

export function createMemoryUsageLedger(): MemoryUsageLedger {
  const records: UsageRecord[] = [];
  return {
    records,
    record(entry) {
      records.push(entry);
      return Promise.resolve();
    },
  };
}
