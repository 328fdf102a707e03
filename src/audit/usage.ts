import type { VerdictUsage } from '../verify/types.js';

/**
 * Sums the usage a verifier reports call by call (`VerifyContext.reportUsage`) into the usage of one verdict.
 * Counts and tokens add up (a missing field counts 0); the cost is known only when every report states one.
 */
export function createUsageTotal(): {
  report(usage: Partial<VerdictUsage>): void;
  /** `null` when nothing was reported. */
  total(): VerdictUsage | null;
} {
  let sum: VerdictUsage | null = null;
  return {
    report(usage) {
      const previous = sum ?? {
        calls: 0,
        cachedCalls: 0,
        inputTokens: 0,
        outputTokens: 0,
        costUsd: 0,
        latencyMs: 0,
      };
      const cost = usage.costUsd ?? null;
      sum = {
        calls: previous.calls + (usage.calls ?? 0),
        cachedCalls: previous.cachedCalls + (usage.cachedCalls ?? 0),
        inputTokens: previous.inputTokens + (usage.inputTokens ?? 0),
        outputTokens: previous.outputTokens + (usage.outputTokens ?? 0),
        costUsd: previous.costUsd === null || cost === null ? null : previous.costUsd + cost,
        latencyMs: previous.latencyMs + (usage.latencyMs ?? 0),
      };
    },
    total: () => sum,
  };
}
