import { bootstrapPercentileInterval } from '../stats/bootstrap.js';
import { wilsonInterval } from '../stats/proportion.js';

/** The seed and resample count of every bootstrap in eval when the user gives none. */
export const DEFAULT_EVAL_SEED = 'steward-eval';
export const DEFAULT_EVAL_RESAMPLES = 2000;

export interface EvalBootstrapOptions {
  seed: string;
  resamples: number;
}

/**
 * Accuracy over items, each scored in [0, 1]: with one sample per item the score is 0 or 1 and the interval is
 * Wilson's; with several samples the score is the item's share of correct samples and the interval is a
 * percentile bootstrap over items (the samples of an item stay together).
 */
export interface AccuracyEstimate {
  items: number;
  samples: number;
  estimate: number;
  low: number;
  high: number;
  method: 'wilson' | 'bootstrap-percentile';
}

/** Why the interval is [0, 1]: too few items to resample, or none at all. */
const FULL_RANGE = { low: 0, high: 1 };

export function meanOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** `itemScores[i]` = the share of the model's samples that were correct on item i (0 or 1 with one sample). */
export function estimateAccuracy(
  itemScores: readonly number[],
  samples: number,
  options: EvalBootstrapOptions & { stream: string },
): AccuracyEstimate {
  const items = itemScores.length;
  const estimate = meanOf(itemScores);
  if (samples <= 1) {
    const successes = itemScores.reduce((sum, score) => sum + (score >= 1 ? 1 : 0), 0);
    const { low, high } = wilsonInterval(successes, items);
    // At 0 or 100% rounding can leave a bound a hair inside the estimate (1 − 2e-16): the interval must hold it.
    const bounded =
      items === 0 ? { low, high } : { low: Math.min(low, estimate), high: Math.max(high, estimate) };
    return { items, samples, estimate, ...bounded, method: 'wilson' };
  }
  const outcome = bootstrapPercentileInterval(itemScores, meanOf, {
    seed: options.seed,
    stream: options.stream,
    resamples: options.resamples,
  });
  const interval = outcome.interval ?? FULL_RANGE;
  return { items, samples, estimate, low: interval.low, high: interval.high, method: 'bootstrap-percentile' };
}

/** The paired difference `other − reference` in accuracy over the same items, with its bootstrap interval. */
export interface PairedDifference {
  items: number;
  estimate: number;
  /** null when there are fewer than 2 items to resample. */
  low: number | null;
  high: number | null;
  method: 'paired-bootstrap-percentile';
  seed: string;
  resamples: number;
  /** Items whose score differs between the two label sets (the only ones that move the difference). */
  changedItems: number;
}

/**
 * Paired percentile bootstrap of a difference in accuracy: the items are resampled with replacement and both
 * label sets are scored on the same resample, so the interval reflects only the items whose labels (and hence
 * scores) differ, not the sampling noise that the two accuracies share.
 */
export function estimatePairedDifference(
  reference: readonly number[],
  other: readonly number[],
  options: EvalBootstrapOptions & { stream: string },
): PairedDifference {
  if (reference.length !== other.length) {
    throw new RangeError(`paired scores differ in length: ${reference.length} vs ${other.length}`);
  }
  const differences = other.map((score, index) => score - (reference[index] ?? 0));
  const outcome = bootstrapPercentileInterval(differences, meanOf, {
    seed: options.seed,
    stream: options.stream,
    resamples: options.resamples,
  });
  return {
    items: differences.length,
    estimate: meanOf(differences),
    low: outcome.interval?.low ?? null,
    high: outcome.interval?.high ?? null,
    method: 'paired-bootstrap-percentile',
    seed: options.seed,
    resamples: options.resamples,
    changedItems: differences.filter((difference) => difference !== 0).length,
  };
}
