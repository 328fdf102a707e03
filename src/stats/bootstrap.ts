import { AppError } from '../app-error.js';
import { createRandom, hashSeed } from '../triage/prng.js';
import type { Interval } from './proportion.js';

/**
 * Seeded nonparametric bootstrap with the percentile interval (Efron B, Ann Stat 1979;7:1-26; Efron B &
 * Tibshirani RJ, An Introduction to the Bootstrap, 1993, ch. 13). Units (items) are resampled with replacement,
 * so ratings of one item stay together (a cluster bootstrap when a statistic pools several pairs per item).
 *
 * Quantiles of the bootstrap distribution use linear interpolation between order statistics (Hyndman RJ & Fan Y,
 * Am Stat 1996;50:361-5, definition 7). The generator is the project's Mulberry32 (`triage/prng.ts`), seeded from
 * the FNV-1a hash of `seed` and `stream`: the same seed gives the same interval on any machine, and two statistics
 * with different stream names draw independent resamples from one user-facing seed.
 */

export interface BootstrapOptions {
  seed: number | string;
  /** Names the statistic, so each statistic gets its own random stream from the same seed. */
  stream: string;
  /** Number of resamples B (a whole number ≥ 1). */
  resamples: number;
  /** Two-sided coverage, default 0.95. */
  level?: number;
}

export interface BootstrapInterval extends Interval {
  method: 'bootstrap-percentile';
  level: number;
  seed: number | string;
  resamples: number;
  /**
   * Resamples on which the statistic was undefined (e.g. every resampled rating in one category): they are left
   * out of the percentiles, so a large share means the interval describes only the resamples where it exists.
   */
  undefinedResamples: number;
}

/** A bootstrap interval, or why none could be computed (never NaN). */
export type BootstrapOutcome =
  { interval: BootstrapInterval; reason: null } | { interval: null; reason: string };

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError('ARGUMENT_INVALID', message, {
    fix: 'Use a whole number of resamples ≥ 1 (e.g. 2000) and a level between 0 and 1 (e.g. 0.95).',
    details,
  });
}

/** The p-quantile of ascending `sorted` (non-empty), interpolating between order statistics (Hyndman–Fan 7). */
export function computeQuantile(sorted: readonly number[], probability: number): number {
  const position = (sorted.length - 1) * probability;
  const below = Math.floor(position);
  const lower = sorted[below] ?? Number.NaN;
  const upper = sorted[Math.min(below + 1, sorted.length - 1)] ?? lower;
  return lower + (position - below) * (upper - lower);
}

/**
 * Percentile bootstrap interval of `statistic` over `units`. `statistic` returns null where it is undefined; such
 * resamples are counted in `undefinedResamples` and skipped. No interval (with a reason) when there are fewer than
 * 2 units, or when the statistic is undefined on every resample.
 */
export function bootstrapPercentileInterval<Unit>(
  units: readonly Unit[],
  statistic: (sample: readonly Unit[]) => number | null,
  options: BootstrapOptions,
): BootstrapOutcome {
  const { resamples, seed, stream } = options;
  const level = options.level ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw invalid(`bootstrap resamples must be a whole number ≥ 1, got ${resamples}`, { resamples });
  }
  if (!(level > 0 && level < 1)) {
    throw invalid(`bootstrap level must be between 0 and 1, got ${level}`, { level });
  }
  if (units.length < 2) {
    return { interval: null, reason: `${units.length} unit(s): a bootstrap needs at least 2 to resample` };
  }
  const random = createRandom(hashSeed(`${String(seed)}\u0000${stream}`));
  const estimates: number[] = [];
  const sample: Unit[] = new Array<Unit>(units.length);
  for (let draw = 0; draw < resamples; draw++) {
    for (let index = 0; index < units.length; index++) {
      sample[index] = units[Math.floor(random() * units.length)] as Unit;
    }
    const estimate = statistic(sample);
    if (estimate !== null && Number.isFinite(estimate)) estimates.push(estimate);
  }
  if (estimates.length === 0) {
    return { interval: null, reason: `the statistic was undefined on all ${resamples} resamples` };
  }
  estimates.sort((a, b) => a - b);
  const tail = (1 - level) / 2;
  return {
    interval: {
      low: computeQuantile(estimates, tail),
      high: computeQuantile(estimates, 1 - tail),
      method: 'bootstrap-percentile',
      level,
      seed,
      resamples,
      undefinedResamples: resamples - estimates.length,
    },
    reason: null,
  };
}
