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
}

export interface UsageLedger {
  record(entry: UsageRecord): Promise<void>;
}

/** USD per million tokens. */
export interface ModelPrice {
  inputUsdPerMillion: number;
  outputUsdPerMillion: number;
}

/** Prices by model spec text (`openai/gpt-4o-mini`); passed in by the caller, never hard-coded in verifiers. */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

/** The cost of some tokens; null when the model has no price or the provider did not report the tokens. */
export function computeCostUsd(
  prices: PriceTable,
  model: string,
  usage: { inputTokens: number | undefined; outputTokens: number | undefined },
): number | null {
  const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (price === undefined || usage.inputTokens === undefined || usage.outputTokens === undefined) return null;
  return (
    (usage.inputTokens * price.inputUsdPerMillion + usage.outputTokens * price.outputUsdPerMillion) /
    1_000_000
  );
}

export interface UsageTotals {
  model: string;
  verifier: string;
  calls: number;
  cachedCalls: number;
  abstentions: number;
  inputTokens: number;
  outputTokens: number;
  /** null as soon as one uncached call had no price: a partial sum would understate the cost. */
  costUsd: number | null;
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
        abstentions: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
      };
      totals.set(key, total);
    }
    total.calls += 1;
    if (record.cached) total.cachedCalls += 1;
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
