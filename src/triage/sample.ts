import { AppError } from '../app-error.js';
import { compareText } from '../compare-text.js';
import { Z_95, proportion } from '../stats/proportion.js';
import type { Interval } from '../stats/proportion.js';
import { createRandom, drawWithoutReplacement, hashSeed } from './prng.js';
import { TRIAGE_STATUSES } from './types.js';
import type { TriageStatus } from './types.js';

/**
 * Stratified random validation sample of triaged items, and the stratified estimate of label accuracy from the
 * physicians' (or any gold) judgments of the sampled items.
 *
 * Strata: by triage status, or by status and calculator. Allocation: proportional to stratum size with at least
 * one item per stratum, by largest remainder (see `allocateSample`). Within a stratum, a uniform random subset
 * drawn by a seeded Fisher–Yates shuffle of the stratum's items in id order; each stratum has its own stream,
 * seeded from (seed, stratum), so the same seed gives the same sample on any Node version and whatever the input
 * order, and a change in one stratum's population does not change the draw of another.
 */

export type StrataScheme = 'status' | 'status-calculator';

export interface SampleFrameItem {
  itemId: string;
  status: TriageStatus;
  calculatorId: number | undefined;
}

export interface SampledItem extends SampleFrameItem {
  stratum: string;
  /** Design weight: stratum population / stratum sample size (how many items this one stands for). */
  weight: number;
}

export interface StratumAllocation {
  stratum: string;
  population: number;
  sampled: number;
  weight: number;
}

export interface ValidationSample {
  seed: string;
  strata: StrataScheme;
  requested: number;
  population: number;
  /** True when n ≥ the population: every item is taken (weight 1). */
  census: boolean;
  /** Non-empty strata in order (status order, then calculator id; unknown calculator last). */
  allocation: StratumAllocation[];
  /** Sampled items, by stratum then id. */
  items: SampledItem[];
}

function stratumOf(item: SampleFrameItem, scheme: StrataScheme): { key: string; order: number[] } {
  const statusRank = TRIAGE_STATUSES.indexOf(item.status);
  if (scheme === 'status') return { key: item.status, order: [statusRank] };
  const calculator = item.calculatorId === undefined ? 'unknown' : String(item.calculatorId);
  return {
    key: `${item.status}/calculator-${calculator}`,
    order: [statusRank, item.calculatorId ?? Number.MAX_SAFE_INTEGER],
  };
}

/**
 * Proportional allocation of `n` over strata of the given sizes (all > 0, number of strata ≤ n < total), with at
 * least one per stratum. Quotas are n·N_h/N; a stratum whose quota is below one gets exactly one item and leaves
 * the allocation, and the quotas of the others are recomputed from what remains, until every remaining quota is at
 * least one. Each remaining stratum then gets the whole part of its quota, and the items left over go one each to
 * the largest fractional parts (Hamilton's largest-remainder method; ties: larger stratum, then earlier stratum).
 * No stratum gets more than its size, and the allocations sum to n.
 */
export function allocateSample(sizes: readonly number[], n: number): number[] {
  const allocation = sizes.map(() => 0);
  let active = sizes.map((_, index) => index);
  let remaining = n;
  for (;;) {
    const total = active.reduce((sum, index) => sum + (sizes[index] ?? 0), 0);
    const small = active.filter((index) => ((sizes[index] ?? 0) * remaining) / total < 1);
    if (small.length === 0) break;
    for (const index of small) allocation[index] = 1;
    remaining -= small.length;
    active = active.filter((index) => !small.includes(index));
  }
  const total = active.reduce((sum, index) => sum + (sizes[index] ?? 0), 0);
  const quotas = active.map((index) => ({ index, quota: ((sizes[index] ?? 0) * remaining) / total }));
  for (const { index, quota } of quotas) allocation[index] = Math.floor(quota);
  let leftover = remaining - quotas.reduce((sum, { quota }) => sum + Math.floor(quota), 0);
  const byRemainder = [...quotas].sort(
    (a, b) =>
      b.quota - Math.floor(b.quota) - (a.quota - Math.floor(a.quota)) ||
      (sizes[b.index] ?? 0) - (sizes[a.index] ?? 0) ||
      a.index - b.index,
  );
  for (const { index } of byRemainder) {
    if (leftover <= 0) break;
    allocation[index] = (allocation[index] ?? 0) + 1;
    leftover--;
  }
  return allocation;
}

function invalid(message: string, fix: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('ARGUMENT_INVALID', message, { fix, details });
}

/**
 * Draws a stratified random validation sample of `n` items. n ≥ the population takes every item (a census, weight
 * 1). n smaller than the number of non-empty strata throws: a stratum without a sampled item cannot be estimated,
 * so ask for more items or coarser strata. Empty strata do not exist (strata come from the items).
 */
export function drawValidationSample(
  items: readonly SampleFrameItem[],
  options: { n: number; seed: number | string; strata?: StrataScheme },
): ValidationSample {
  const scheme = options.strata ?? 'status';
  const { n } = options;
  if (!Number.isInteger(n) || n < 1) {
    throw invalid(
      `sample size must be a whole number ≥ 1, got ${n}`,
      'Give the number of items to validate, e.g. 100.',
    );
  }
  if (typeof options.seed === 'number' && !Number.isSafeInteger(options.seed)) {
    throw invalid(`seed must be a whole number or text, got ${options.seed}`, 'Use e.g. 20260101.');
  }
  const ids = new Set<string>();
  const duplicates = items
    .filter((item) => ids.size === ids.add(item.itemId).size)
    .map((item) => item.itemId);
  if (duplicates.length > 0) {
    throw invalid(
      `the sampling frame lists items twice: ${duplicates.slice(0, 10).join(', ')}`,
      'Give each item once.',
      {
        duplicates,
      },
    );
  }
  const groups = new Map<string, { order: number[]; items: SampleFrameItem[] }>();
  for (const item of items) {
    const { key, order } = stratumOf(item, scheme);
    const group = groups.get(key) ?? { order, items: [] };
    group.items.push(item);
    groups.set(key, group);
  }
  const strata = [...groups.entries()]
    .map(([key, group]) => ({
      key,
      ...group,
      items: group.items.sort((a, b) => compareText(a.itemId, b.itemId)),
    }))
    .sort((a, b) => (a.order[0] ?? 0) - (b.order[0] ?? 0) || (a.order[1] ?? 0) - (b.order[1] ?? 0));
  const census = n >= items.length;
  if (!census && n < strata.length) {
    throw invalid(
      `sample size ${n} is smaller than the ${strata.length} non-empty strata (${scheme}); every stratum needs at least one item`,
      `Use n ≥ ${strata.length}${scheme === 'status-calculator' ? ', or strata "status"' : ''}.`,
      { n, strata: strata.map((stratum) => stratum.key) },
    );
  }
  const sizes = strata.map((stratum) => stratum.items.length);
  const allocation = census ? sizes : allocateSample(sizes, n);
  const seed = String(options.seed);
  const sampled: SampledItem[] = [];
  const summary = strata.map((stratum, index): StratumAllocation => {
    const count = allocation[index] ?? 0;
    const weight = stratum.items.length / count;
    const random = createRandom(hashSeed(`${seed}\u0000${stratum.key}`));
    const drawn = drawWithoutReplacement(stratum.items, count, random).sort((a, b) =>
      compareText(a.itemId, b.itemId),
    );
    for (const item of drawn) sampled.push({ ...item, stratum: stratum.key, weight });
    return { stratum: stratum.key, population: stratum.items.length, sampled: count, weight };
  });
  return {
    seed,
    strata: scheme,
    requested: n,
    population: items.length,
    census,
    allocation: summary,
    items: sampled,
  };
}

export interface StratumAccuracy extends Interval {
  stratum: string;
  population: number;
  sampled: number;
  correct: number;
  /** Stratum share of the population, N_h / N. */
  share: number;
  /** correct / sampled, with a plain Wilson 95% interval (no finite-population correction). */
  estimate: number;
}

export interface AccuracyEstimate extends Interval {
  /** Stratified estimate Σ (N_h/N)·p_h; NaN for an empty sample. */
  estimate: number;
  population: number;
  sampled: number;
  correct: number;
  standardError: number;
  /** p(1 − p) / variance: the simple random sample size that would give the same precision. */
  effectiveSampleSize: number;
  method: string;
  strata: StratumAccuracy[];
}

const METHOD =
  'Stratified proportion Σ W_h p_h with variance Σ W_h² (1 − n_h/N_h) p_h(1 − p_h)/(n_h − 1) (Cochran, Sampling ' +
  'Techniques, 3rd ed., 1977, ch. 5); 95% Wilson interval on the effective sample size p(1 − p)/variance (Korn & ' +
  'Graubard, Survey Methodology 1998;24:193–201; Dean & Pagano, J Surv Stat Methodol 2015;3:484–503).';

/** Wilson score interval for an estimate with a (possibly fractional) effective sample size. */
function wilsonOnEffectiveSize(estimate: number, size: number, z = Z_95): Interval {
  const z2 = z * z;
  const denominator = 1 + z2 / size;
  const centre = (estimate + z2 / (2 * size)) / denominator;
  const half = (z * Math.sqrt((estimate * (1 - estimate)) / size + z2 / (4 * size * size))) / denominator;
  // The interval contains the estimate in exact arithmetic; min/max keep it so after rounding.
  return {
    low: Math.min(estimate, Math.max(0, centre - half)),
    high: Math.max(estimate, Math.min(1, centre + half)),
  };
}

function listIds(ids: readonly string[]): string {
  return `${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''}`;
}

/**
 * Stratified estimate of label accuracy from the outcomes (true = label correct) of every sampled item. A sampled
 * item without an outcome, or an outcome for an item outside the sample, throws, naming the ids: an outcome that
 * does not count is most often a sign that the outcomes belong to another sample (or the ids were mistyped).
 *
 * Within-stratum variance uses n_h − 1; a stratum sampled once (and not fully) has no variance estimate and is
 * given the worst case p(1 − p) = 1/4. When the variance is 0 but not every stratum was fully sampled (every
 * stratum all-correct or all-wrong), the effective sample size is the sample size. A census has no sampling error:
 * the interval is the estimate itself.
 */
export function estimateAccuracy(
  sample: ValidationSample,
  outcomes: ReadonlyMap<string, boolean>,
): AccuracyEstimate {
  const missing = sample.items.filter((item) => !outcomes.has(item.itemId)).map((item) => item.itemId);
  const sampledIds = new Set(sample.items.map((item) => item.itemId));
  const outside = [...outcomes.keys()].filter((id) => !sampledIds.has(id));
  if (missing.length > 0 || outside.length > 0) {
    const problems = [
      ...(missing.length > 0
        ? [`no outcome for ${missing.length} sampled item(s): ${listIds(missing)}`]
        : []),
      ...(outside.length > 0
        ? [`${outside.length} outcome(s) for items not in the sample: ${listIds(outside)}`]
        : []),
    ];
    const fixes = [
      ...(missing.length > 0
        ? ['Record a judgment (label correct or not) for every sampled item before estimating accuracy.']
        : []),
      ...(outside.length > 0
        ? [
            'Keep only the rows of the sampled items in the outcomes file (check that it belongs to this --sample and that the ids are not mistyped).',
          ]
        : []),
    ];
    throw invalid(problems.join('; '), fixes.join(' '), { missing, outside });
  }
  let estimate = 0;
  let variance = 0;
  const strata = sample.allocation.map((stratum): StratumAccuracy => {
    const members = sample.items.filter((item) => item.stratum === stratum.stratum);
    const correct = members.filter((item) => outcomes.get(item.itemId) === true).length;
    const share = stratum.population / sample.population;
    const within = proportion(correct, members.length);
    const fraction = members.length / stratum.population;
    const spread =
      members.length >= 2
        ? (within.estimate * (1 - within.estimate)) / (members.length - 1)
        : 0.25 / members.length;
    estimate += share * within.estimate;
    variance += share * share * (1 - fraction) * spread;
    return {
      stratum: stratum.stratum,
      population: stratum.population,
      sampled: members.length,
      correct,
      share,
      estimate: within.estimate,
      low: within.low,
      high: within.high,
    };
  });
  const sampled = sample.items.length;
  const correct = strata.reduce((sum, stratum) => sum + stratum.correct, 0);
  const base = { population: sample.population, sampled, correct, method: METHOD, strata };
  if (sampled === 0) {
    return {
      ...base,
      estimate: Number.NaN,
      low: 0,
      high: 1,
      standardError: Number.NaN,
      effectiveSampleSize: 0,
    };
  }
  const complete = sample.allocation.every((stratum) => stratum.sampled === stratum.population);
  variance = Math.max(0, variance);
  estimate = Math.min(1, Math.max(0, estimate));
  if (complete) {
    return {
      ...base,
      estimate,
      low: estimate,
      high: estimate,
      standardError: 0,
      effectiveSampleSize: Number.POSITIVE_INFINITY,
    };
  }
  const effectiveSampleSize =
    variance > 0 && estimate > 0 && estimate < 1 ? (estimate * (1 - estimate)) / variance : sampled;
  return {
    ...base,
    estimate,
    ...wilsonOnEffectiveSize(estimate, effectiveSampleSize),
    standardError: Math.sqrt(variance),
    effectiveSampleSize,
  };
}
