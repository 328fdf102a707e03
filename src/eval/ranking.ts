/** A model's place under one label version: 1 is the most accurate; ties share the better rank (1, 2, 2, 4). */
export interface RankedModel {
  model: string;
  rank: number;
  estimate: number;
}

/** Ranks models by accuracy, best first (standard competition ranking; NaN accuracies rank last). */
export function rankModels(accuracies: readonly { model: string; estimate: number }[]): RankedModel[] {
  const value = (estimate: number) => (Number.isNaN(estimate) ? Number.NEGATIVE_INFINITY : estimate);
  const sorted = [...accuracies].sort((a, b) => value(b.estimate) - value(a.estimate));
  return sorted.map((entry) => ({
    model: entry.model,
    estimate: entry.estimate,
    rank: 1 + sorted.filter((other) => value(other.estimate) > value(entry.estimate)).length,
  }));
}

/** How a model's rank moved from the reference labels to another version: `change` > 0 means it moved up. */
export interface RankChange {
  model: string;
  version: string;
  referenceRank: number;
  rank: number;
  change: number;
}

/** Two models whose order flips: `ahead` beat `behind` under the reference labels and is strictly behind now. */
export interface RankSwap {
  version: string;
  ahead: string;
  behind: string;
}

export interface RankingComparison {
  byVersion: { version: string; order: RankedModel[] }[];
  changes: RankChange[];
  swaps: RankSwap[];
}

/**
 * The model ranking under each label version (the first is the reference) and what changed: each model's rank
 * movement, and every pair of models whose order is reversed (a tie that becomes a lead is not a swap).
 */
export function compareRankings(
  versions: readonly { version: string; accuracies: readonly { model: string; estimate: number }[] }[],
): RankingComparison {
  const byVersion = versions.map((entry) => ({
    version: entry.version,
    order: rankModels(entry.accuracies),
  }));
  const reference = byVersion[0];
  const changes: RankChange[] = [];
  const swaps: RankSwap[] = [];
  if (reference === undefined) return { byVersion, changes, swaps };
  for (const other of byVersion.slice(1)) {
    const rank = new Map(other.order.map((entry) => [entry.model, entry.rank]));
    for (const entry of reference.order) {
      const now = rank.get(entry.model);
      if (now === undefined) continue;
      changes.push({
        model: entry.model,
        version: other.version,
        referenceRank: entry.rank,
        rank: now,
        change: entry.rank - now,
      });
    }
    for (const first of reference.order) {
      for (const second of reference.order) {
        const firstNow = rank.get(first.model);
        const secondNow = rank.get(second.model);
        if (firstNow === undefined || secondNow === undefined) continue;
        if (first.rank < second.rank && firstNow > secondNow) {
          swaps.push({ version: other.version, ahead: first.model, behind: second.model });
        }
      }
    }
  }
  return { byVersion, changes, swaps };
}
