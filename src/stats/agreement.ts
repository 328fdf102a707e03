import { AppError } from '../app-error.js';
import { compareText } from '../compare-text.js';
import { bootstrapPercentileInterval } from './bootstrap.js';
import type { BootstrapInterval } from './bootstrap.js';
import { Z_95, proportion } from './proportion.js';
import type { Interval } from './proportion.js';

/**
 * Inter-rater agreement of physicians' blind labels: percent agreement within the benchmark's answer tolerance,
 * Cohen's kappa (two raters), Fleiss' kappa (m raters per item) and Krippendorff's alpha (any raters, missing
 * data). Every statistic that can be undefined returns null with a `reason` instead of NaN, so results serialise
 * to JSON as they are. Invalid input (the same rater twice on an item, a non-finite answer) throws an `AppError`
 * listing every offending item.
 */

/** One physician's label of one item: a numeric answer (parsed by the caller) or "not computable". */
export type Rating =
  { rater: string; outcome: 'answer'; value: number } | { rater: string; outcome: 'not-computable' };

/** A benchmark item with the ratings it received (any number, any subset of raters: unbalanced designs are fine). */
export interface RatedItem {
  id: string;
  ratings: readonly Rating[];
}

/** The benchmark's answer tolerance, e.g. within 5% relative. Called in both orders (see `ratingsAgree`). */
export type SameAnswer = (first: number, second: number) => boolean;

export type OutcomeCategory = 'answer' | 'not-computable';

/** Nominal labels of one item, for Fleiss' kappa and nominal alpha (any strings: outcomes, error categories...). */
export interface CategoryUnit {
  id: string;
  categories: readonly string[];
}

/** Numeric values of one item, for interval alpha (not-computable ratings left out by the caller). */
export interface NumericUnit {
  id: string;
  values: readonly number[];
}

/** The two raters' labels of one item, for Cohen's kappa. */
export interface CategoryPair {
  first: string;
  second: string;
}

/** Bootstrap settings; resamples defaults to `DEFAULT_RESAMPLES` and seed to `DEFAULT_SEED`. */
export interface ResampleOptions {
  seed?: number | string;
  resamples?: number;
}

export const DEFAULT_RESAMPLES = 2000;
export const DEFAULT_SEED = 1;

export type ConfidenceInterval =
  | BootstrapInterval
  | (Interval & { method: 'wilson'; level: number })
  | (Interval & { method: 'asymptotic-standard-error'; level: number; standardError: number });

/** An agreement share: estimate null when nothing could be compared, ci null when it cannot be computed. */
export interface AgreementShare {
  estimate: number | null;
  successes: number;
  total: number;
  ci: ConfidenceInterval | null;
  /** Why the estimate or the interval is null (e.g. one item: nothing to bootstrap). */
  reason: string | null;
}

export interface ItemAgreement {
  id: string;
  ratings: number;
  pairs: number;
  agreeingPairs: number;
  /** Every pair of ratings agrees; null with fewer than 2 ratings. */
  allAgree: boolean | null;
}

export interface PercentAgreement {
  /** Items (with ≥ 2 ratings) whose ratings all agree pairwise; Wilson 95% interval. */
  items: AgreementShare;
  /** Agreeing rating pairs over all pairs, pooled over items; bootstrap 95% interval over items. */
  pairs: AgreementShare;
  perItem: ItemAgreement[];
}

export interface KappaResult {
  kappa: number | null;
  /** Why kappa is null (null when it is defined). */
  reason: string | null;
  /** Observed agreement (Cohen p_o; Fleiss P̄). */
  observed: number | null;
  /** Chance agreement (Cohen p_e; Fleiss P̄_e). */
  expected: number | null;
  /** Items used. */
  n: number;
  categories: string[];
  ci: ConfidenceInterval | null;
  ciReason: string | null;
}

export interface FleissKappaResult extends KappaResult {
  /** The constant number of ratings per item the statistic used; null when no item qualified. */
  ratersPerItem: number | null;
  /** Items left out because their number of ratings differs from `ratersPerItem`. */
  excludedItemIds: string[];
}

export interface AlphaResult {
  alpha: number | null;
  reason: string | null;
  metric: 'interval' | 'nominal';
  /** D_o and D_e of Krippendorff (2011); alpha = 1 − D_o / D_e. */
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
  /** Pairable values (the n of the coincidence matrix) and the items they come from. */
  n: number;
  units: number;
  /** Items with fewer than 2 values: not pairable, so they carry no information about agreement. */
  droppedItemIds: string[];
  ci: ConfidenceInterval | null;
  ciReason: string | null;
}

const CERTAIN = 1 - 1e-12;

function invalidInput(problems: readonly string[]): AppError {
  return new AppError('ARGUMENT_INVALID', `invalid ratings: ${problems.slice(0, 10).join('; ')}`, {
    fix: 'Give each item once, each rater at most once per item, and finite numeric answers.',
    details: { problems },
  });
}

function assertValidItems(items: readonly RatedItem[]): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) problems.push(`item ${item.id} is listed twice`);
    ids.add(item.id);
    const raters = new Set<string>();
    for (const rating of item.ratings) {
      if (raters.has(rating.rater)) problems.push(`item ${item.id}: rater ${rating.rater} rated it twice`);
      raters.add(rating.rater);
      if (rating.outcome === 'answer' && !Number.isFinite(rating.value)) {
        problems.push(`item ${item.id}: rater ${rating.rater} has a non-finite answer ${rating.value}`);
      }
    }
  }
  if (problems.length > 0) throw invalidInput(problems);
}

function resolveResampling(options: ResampleOptions): { seed: number | string; resamples: number } {
  return { seed: options.seed ?? DEFAULT_SEED, resamples: options.resamples ?? DEFAULT_RESAMPLES };
}

/**
 * Two ratings agree when both are "not computable", or both are answers and `sameAnswer` holds in both orders
 * (so a tolerance relative to one side, e.g. |a − b| ≤ 5%·|b|, cannot make agreement depend on rater order).
 */
export function ratingsAgree(first: Rating, second: Rating, sameAnswer: SameAnswer): boolean {
  if (first.outcome === 'not-computable' || second.outcome === 'not-computable') {
    return first.outcome === second.outcome;
  }
  return sameAnswer(first.value, second.value) && sameAnswer(second.value, first.value);
}

function assessItem(item: RatedItem, sameAnswer: SameAnswer): ItemAgreement {
  let pairs = 0;
  let agreeingPairs = 0;
  item.ratings.forEach((rating, index) => {
    for (const other of item.ratings.slice(index + 1)) {
      pairs++;
      if (ratingsAgree(rating, other, sameAnswer)) agreeingPairs++;
    }
  });
  const allAgree = item.ratings.length < 2 ? null : agreeingPairs === pairs;
  return { id: item.id, ratings: item.ratings.length, pairs, agreeingPairs, allAgree };
}

/**
 * Percent agreement within tolerance. An item agrees when every pair of its ratings agrees (`ratingsAgree`):
 * "every pair", not "each with the first", because a tolerance is not transitive (100 ≈ 104 ≈ 108 but 100 ≉ 108).
 * Item share: items with ≥ 2 ratings that agree, with a Wilson score 95% interval (Wilson 1927, via
 * `proportion`). Pairwise share: agreeing pairs over all pairs, pooled (an item with m ratings gives m(m−1)/2
 * pairs); its 95% interval is a seeded percentile bootstrap over items (Efron 1979), because pairs of one item are
 * not independent. Items with fewer than 2 ratings are reported per item and left out of both shares.
 */
export function percentAgreement(
  items: readonly RatedItem[],
  options: ResampleOptions & { sameAnswer: SameAnswer },
): PercentAgreement {
  assertValidItems(items);
  const perItem = items.map((item) => assessItem(item, options.sameAnswer));
  const rated = perItem.filter((item) => item.allAgree !== null);
  const agreeing = rated.filter((item) => item.allAgree === true).length;
  const empty = 'no item has 2 or more ratings';
  const itemShare = proportion(agreeing, rated.length);
  const totalPairs = rated.reduce((sum, item) => sum + item.pairs, 0);
  const agreeingPairs = rated.reduce((sum, item) => sum + item.agreeingPairs, 0);
  const bootstrap = bootstrapPercentileInterval(
    rated,
    (sample) =>
      sample.reduce((sum, item) => sum + item.agreeingPairs, 0) /
      sample.reduce((sum, item) => sum + item.pairs, 0),
    { ...resolveResampling(options), stream: 'percent-agreement-pairs' },
  );
  return {
    items: {
      estimate: rated.length === 0 ? null : itemShare.estimate,
      successes: agreeing,
      total: rated.length,
      ci:
        rated.length === 0
          ? null
          : { low: itemShare.low, high: itemShare.high, method: 'wilson', level: 0.95 },
      reason: rated.length === 0 ? empty : null,
    },
    pairs: {
      estimate: totalPairs === 0 ? null : agreeingPairs / totalPairs,
      successes: agreeingPairs,
      total: totalPairs,
      ci: bootstrap.interval,
      reason: totalPairs === 0 ? empty : bootstrap.reason,
    },
    perItem,
  };
}

export interface CategorizedRating {
  rater: string;
  /** The nominal category used for kappa and nominal alpha. */
  category: OutcomeCategory;
  /**
   * Index of the rating's answer cluster within its item (0 = the cluster of the first answer); null for
   * not-computable. Local to the item: cluster 0 of one item and cluster 0 of another are different answers.
   */
  answerCluster: number | null;
}

export interface CategorizedItem {
  id: string;
  ratings: CategorizedRating[];
}

/**
 * Nominal categories for the kappas, and the within-item answer clusters.
 *
 * Ratings are ordered by rater id (so the result does not depend on storage order). Answers are clustered within
 * the item: each answer joins the first cluster whose representative (its first answer) it agrees with
 * (`ratingsAgree`), else starts a new cluster. The clusters show the agree/disagree structure of an item, but they
 * are NOT used as kappa categories: kappa's chance term comes from each category's share across items, and a
 * cluster label means nothing across items ("cluster 0" is whatever the first rater answered), so chance agreement
 * would depend on rater order. Kappa therefore uses category = 'answer' | 'not-computable' (does the item admit
 * an answer?), and agreement on the numeric answer is measured by `percentAgreement` (within tolerance) and
 * `krippendorffAlphaInterval`. Callers with other nominal labels (e.g. error categories) pass their own strings to
 * `cohensKappa`, `fleissKappa` and `krippendorffAlphaNominal`.
 */
export function categorizeRatings(items: readonly RatedItem[], sameAnswer: SameAnswer): CategorizedItem[] {
  assertValidItems(items);
  return items.map((item) => {
    const representatives: Rating[] = [];
    const ratings = [...item.ratings]
      .sort((a, b) => compareText(a.rater, b.rater))
      .map((rating): CategorizedRating => {
        if (rating.outcome === 'not-computable') {
          return { rater: rating.rater, category: 'not-computable', answerCluster: null };
        }
        let cluster = representatives.findIndex((representative) =>
          ratingsAgree(representative, rating, sameAnswer),
        );
        if (cluster === -1) cluster = representatives.push(rating) - 1;
        return { rater: rating.rater, category: 'answer', answerCluster: cluster };
      });
    return { id: item.id, ratings };
  });
}

function listCategories(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort(compareText);
}

/**
 * Cohen's kappa for two raters on nominal categories (Cohen J, Educ Psychol Meas 1960;20:37-46):
 * κ = (p_o − p_e) / (1 − p_e), with p_o the share of items in the table's diagonal and p_e = Σ_i p_i· p_·i the
 * agreement expected from the two raters' own category shares. `first` and `second` must be the same two raters
 * on every item (their marginals are what p_e uses).
 *
 * 95% interval: κ ± z·SE with the large-sample standard error of Fleiss JL, Cohen J & Everitt BS (Psychol Bull
 * 1969;72:323-7): SE² = { Σ_i p_ii [1 − (p_i· + p_·i)(1 − κ)]² + (1 − κ)² Σ_{i≠j} p_ij (p_·i + p_j·)²
 * − [κ − p_e(1 − κ)]² } / (n (1 − p_e)²), clipped to [−1, 1]. It is asymptotic: with few items, or κ near 1
 * (where SE → 0), prefer a bootstrap. Undefined (null) with no pairs or when p_e = 1 (both raters put every item
 * in one category). A high-prevalence category makes κ low despite high p_o (Feinstein AR & Cicchetti DV, J Clin
 * Epidemiol 1990;43:543-9): report it next to percent agreement.
 */
export function cohensKappa(pairs: readonly CategoryPair[]): KappaResult {
  const categories = listCategories(pairs.flatMap((pair) => [pair.first, pair.second]));
  const n = pairs.length;
  const none = { observed: null, expected: null, n, categories, ci: null };
  if (n === 0) {
    const reason = 'no item rated by both raters';
    return { kappa: null, reason, ...none, ciReason: reason };
  }
  const index = new Map(categories.map((category, position) => [category, position]));
  const table = categories.map(() => categories.map(() => 0));
  for (const pair of pairs) {
    const row = table[index.get(pair.first) ?? 0];
    const column = index.get(pair.second) ?? 0;
    if (row) row[column] = (row[column] ?? 0) + 1;
  }
  const cell = (row: number, column: number): number => (table[row]?.[column] ?? 0) / n;
  const rowShare = categories.map((_, row) =>
    categories.reduce((sum, __, column) => sum + cell(row, column), 0),
  );
  const columnShare = categories.map((_, column) =>
    categories.reduce((sum, __, row) => sum + cell(row, column), 0),
  );
  const share = (shares: number[], position: number): number => shares[position] ?? 0;
  const observed = categories.reduce((sum, _, position) => sum + cell(position, position), 0);
  const expected = categories.reduce(
    (sum, _, position) => sum + share(rowShare, position) * share(columnShare, position),
    0,
  );
  if (expected > CERTAIN) {
    const reason = `both raters put all ${n} items in category "${categories[0] ?? ''}": chance agreement is 1, so kappa is 0/0`;
    return { kappa: null, reason, ...none, observed, expected, ciReason: reason };
  }
  const kappa = (observed - expected) / (1 - expected);
  let diagonal = 0;
  let offDiagonal = 0;
  categories.forEach((_, row) => {
    categories.forEach((__, column) => {
      if (row === column) {
        const weight = 1 - (share(rowShare, row) + share(columnShare, row)) * (1 - kappa);
        diagonal += cell(row, row) * weight * weight;
      } else {
        offDiagonal += cell(row, column) * (share(columnShare, row) + share(rowShare, column)) ** 2;
      }
    });
  });
  const correction = (kappa - expected * (1 - kappa)) ** 2;
  const variance = (diagonal + (1 - kappa) ** 2 * offDiagonal - correction) / (n * (1 - expected) ** 2);
  const standardError = Math.sqrt(Math.max(0, variance));
  return {
    kappa,
    reason: null,
    observed,
    expected,
    n,
    categories,
    ci: {
      low: Math.max(-1, kappa - Z_95 * standardError),
      high: Math.min(1, kappa + Z_95 * standardError),
      method: 'asymptotic-standard-error',
      level: 0.95,
      standardError,
    },
    ciReason: null,
  };
}

/** The most frequent count of ratings among items with ≥ 2 ratings; ties go to the larger count (more raters). */
function modalCount(units: readonly CategoryUnit[]): number | null {
  const frequency = new Map<number, number>();
  for (const unit of units) {
    const count = unit.categories.length;
    if (count >= 2) frequency.set(count, (frequency.get(count) ?? 0) + 1);
  }
  let best: [number, number] | null = null;
  for (const entry of frequency) {
    if (best === null || entry[1] > best[1] || (entry[1] === best[1] && entry[0] > best[0])) best = entry;
  }
  return best?.[0] ?? null;
}

interface FleissRow {
  /** P_i: the share of agreeing rater pairs on the item. */
  agreement: number;
  counts: number[];
}

function computeFleiss(rows: readonly FleissRow[], raters: number): { observed: number; expected: number } {
  const totals: number[] = [];
  let observed = 0;
  for (const row of rows) {
    observed += row.agreement / rows.length;
    row.counts.forEach((count, position) => (totals[position] = (totals[position] ?? 0) + count));
  }
  const expected = totals.reduce((sum, total) => sum + (total / (rows.length * raters)) ** 2, 0);
  return { observed, expected };
}

/**
 * Fleiss' kappa for m raters per item on nominal categories (Fleiss JL, Psychol Bull 1971;76:378-82). With
 * n_ij the number of raters putting item i in category j: P_i = (Σ_j n_ij² − m) / (m(m − 1)), P̄ = mean P_i,
 * p_j = Σ_i n_ij / (N m), P̄_e = Σ_j p_j², κ = (P̄ − P̄_e) / (1 − P̄_e). Raters need not be the same people
 * on every item, but their number must be: items are restricted to `ratersPerItem` ratings (default: the most
 * common count among items with ≥ 2 ratings, ties to the larger), and the others are listed in
 * `excludedItemIds`. 95% interval: seeded percentile bootstrap over items (Efron 1979); resamples where P̄_e = 1
 * are undefined and counted in the interval. Null when no item qualifies or P̄_e = 1 (one category throughout).
 */
export function fleissKappa(
  units: readonly CategoryUnit[],
  options: ResampleOptions & { ratersPerItem?: number } = {},
): FleissKappaResult {
  const requested = options.ratersPerItem;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 2)) {
    throw new AppError('ARGUMENT_INVALID', `ratersPerItem must be a whole number ≥ 2, got ${requested}`, {
      fix: 'Fleiss’ kappa needs at least 2 ratings per item.',
      details: { ratersPerItem: requested },
    });
  }
  const raters = requested ?? modalCount(units);
  const used = units.filter((unit) => unit.categories.length === raters);
  const excludedItemIds = units.filter((unit) => unit.categories.length !== raters).map((unit) => unit.id);
  const categories = listCategories(used.flatMap((unit) => unit.categories));
  const base = { ratersPerItem: raters, excludedItemIds, n: used.length, categories, ci: null };
  if (raters === null || used.length === 0) {
    const reason =
      raters === null ? 'no item has 2 or more ratings' : `no item has exactly ${raters} ratings`;
    return { kappa: null, reason, observed: null, expected: null, ...base, ciReason: reason };
  }
  const index = new Map(categories.map((category, position) => [category, position]));
  const rows = used.map((unit): FleissRow => {
    const counts = categories.map(() => 0);
    for (const category of unit.categories) {
      const position = index.get(category) ?? 0;
      counts[position] = (counts[position] ?? 0) + 1;
    }
    const squares = counts.reduce((sum, count) => sum + count * count, 0);
    return { agreement: (squares - raters) / (raters * (raters - 1)), counts };
  });
  const { observed, expected } = computeFleiss(rows, raters);
  if (expected > CERTAIN) {
    const reason = `all ${used.length * raters} ratings are "${categories[0] ?? ''}": chance agreement is 1, so kappa is 0/0`;
    return { kappa: null, reason, observed, expected, ...base, ciReason: reason };
  }
  const bootstrap = bootstrapPercentileInterval(
    rows,
    (sample) => {
      const resampled = computeFleiss(sample, raters);
      return resampled.expected > CERTAIN
        ? null
        : (resampled.observed - resampled.expected) / (1 - resampled.expected);
    },
    { ...resolveResampling(options), stream: 'fleiss-kappa' },
  );
  return {
    kappa: (observed - expected) / (1 - expected),
    reason: null,
    observed,
    expected,
    ...base,
    ci: bootstrap.interval,
    ciReason: bootstrap.reason,
  };
}

interface AlphaMetric<Value> {
  name: 'interval' | 'nominal';
  /** δ² of two values. */
  difference: (first: Value, second: Value) => number;
  /** Σ_c Σ_k n_c n_k δ²_ck over the pooled pairable values (the expected-disagreement double sum). */
  sumExpected: (values: readonly Value[]) => number;
}

const intervalMetric: AlphaMetric<number> = {
  name: 'interval',
  difference: (first, second) => (first - second) ** 2,
  // Σ_c Σ_k n_c n_k (c − k)² = 2n Σ_c n_c (c − c̄)²; identical values are tested first so that a mean carrying a
  // rounding error cannot turn "no variation" into a tiny positive D_e (and alpha into 1 instead of undefined).
  sumExpected: (values) => {
    if (values.every((value) => value === values[0])) return 0;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    return 2 * values.length * values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  },
};

const nominalMetric: AlphaMetric<string> = {
  name: 'nominal',
  difference: (first, second) => (first === second ? 0 : 1),
  // Σ_{c≠k} n_c n_k = n² − Σ_c n_c², in exact integer arithmetic.
  sumExpected: (values) => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    let squares = 0;
    for (const count of counts.values()) squares += count * count;
    return values.length * values.length - squares;
  },
};

interface AlphaUnit<Value> {
  values: readonly Value[];
  /** The unit's row of Σ_ck o_ck δ²_ck: Σ over ordered pairs i ≠ j of δ²(v_i, v_j) / (m_u − 1). */
  observedSum: number;
}

function computeAlpha<Value>(
  units: readonly AlphaUnit<Value>[],
  metric: AlphaMetric<Value>,
): { observed: number; expected: number } {
  const pooled = units.flatMap((unit) => unit.values);
  const n = pooled.length;
  const observedSum = units.reduce((sum, unit) => sum + unit.observedSum, 0);
  return { observed: observedSum / n, expected: metric.sumExpected(pooled) / (n * (n - 1)) };
}

function estimateAlpha<Value>(
  units: readonly { id: string; values: readonly Value[] }[],
  metric: AlphaMetric<Value>,
  options: ResampleOptions,
): AlphaResult {
  const pairable = units.filter((unit) => unit.values.length >= 2);
  const droppedItemIds = units.filter((unit) => unit.values.length < 2).map((unit) => unit.id);
  const n = pairable.reduce((sum, unit) => sum + unit.values.length, 0);
  const base = { metric: metric.name, n, units: pairable.length, droppedItemIds, ci: null };
  if (pairable.length === 0) {
    const reason = 'no item has 2 or more values: nothing is pairable';
    return {
      alpha: null,
      reason,
      observedDisagreement: null,
      expectedDisagreement: null,
      ...base,
      ciReason: reason,
    };
  }
  const summaries = pairable.map((unit): AlphaUnit<Value> => {
    let sum = 0;
    unit.values.forEach((value, index) => {
      unit.values.forEach((other, otherIndex) => {
        if (index !== otherIndex) sum += metric.difference(value, other);
      });
    });
    return { values: unit.values, observedSum: sum / (unit.values.length - 1) };
  });
  const { observed, expected } = computeAlpha(summaries, metric);
  if (expected === 0) {
    const reason = `all ${n} pairable values are identical: expected disagreement is 0, so alpha is 0/0`;
    return {
      alpha: null,
      reason,
      observedDisagreement: observed,
      expectedDisagreement: 0,
      ...base,
      ciReason: reason,
    };
  }
  const bootstrap = bootstrapPercentileInterval(
    summaries,
    (sample) => {
      const resampled = computeAlpha(sample, metric);
      return resampled.expected === 0 ? null : 1 - resampled.observed / resampled.expected;
    },
    { ...resolveResampling(options), stream: `krippendorff-alpha-${metric.name}` },
  );
  return {
    alpha: 1 - observed / expected,
    reason: null,
    observedDisagreement: observed,
    expectedDisagreement: expected,
    ...base,
    ci: bootstrap.interval,
    ciReason: bootstrap.reason,
  };
}

/**
 * Krippendorff's alpha with the interval metric δ²_ck = (c − k)², for any number of raters and missing ratings
 * (Krippendorff K, "Computing Krippendorff's Alpha-Reliability", 2011; Content Analysis, 2nd ed., 2004, ch. 11).
 * Coincidence matrix: o_ck = Σ_u (number of ordered c–k pairs of values in unit u) / (m_u − 1), over units with
 * m_u ≥ 2 values (others are not pairable and are dropped); n_c = Σ_k o_ck; n = Σ_c n_c. Then
 * D_o = Σ_ck o_ck δ²_ck / n, D_e = Σ_ck n_c n_k δ²_ck / (n(n − 1)), α = 1 − D_o / D_e. Both double sums are
 * accumulated without materialising the matrix (Σ_ck o_ck δ²_ck unit by unit; Σ_ck n_c n_k (c − k)² =
 * 2n Σ (v − v̄)² over the pairable values), which keeps the bootstrap fast with many distinct values.
 *
 * D_e pools values across items, so on items with different units or scales (different calculators) alpha is
 * inflated by the spread between items: compute it per calculator. 95% interval: seeded percentile bootstrap
 * over items (Efron 1979), not Krippendorff's (2004) own bootstrap of coincidences. Null when nothing is pairable
 * or every pairable value is the same.
 */
export function krippendorffAlphaInterval(
  units: readonly NumericUnit[],
  options: ResampleOptions = {},
): AlphaResult {
  const problems = units
    .filter((unit) => !unit.values.every(Number.isFinite))
    .map((unit) => `item ${unit.id} has a non-finite value`);
  if (problems.length > 0) throw invalidInput(problems);
  return estimateAlpha(units, intervalMetric, options);
}

/**
 * Krippendorff's alpha with the nominal metric (δ_ck = 0 when c = k, else 1), same coincidence formulation,
 * missing-data handling and bootstrap as `krippendorffAlphaInterval` (Krippendorff 2011). With every item rated
 * by the same two raters it approaches Scott's pi as n grows.
 */
export function krippendorffAlphaNominal(
  units: readonly CategoryUnit[],
  options: ResampleOptions = {},
): AlphaResult {
  return estimateAlpha(
    units.map((unit) => ({ id: unit.id, values: unit.categories })),
    nominalMetric,
    options,
  );
}

export interface AgreementSummaryOptions extends ResampleOptions {
  items: readonly RatedItem[];
  sameAnswer: SameAnswer;
}

export interface AgreementSummary {
  schemaVersion: 1;
  items: { total: number; multiplyRated: number; raters: number };
  bootstrap: { seed: number | string; resamples: number; level: number; method: 'bootstrap-percentile' };
  percentAgreement: { items: AgreementShare; pairs: AgreementShare; disagreeingItemIds: string[] };
  /** Outcome categories ('answer' | 'not-computable') of the items with exactly 2 ratings. */
  cohensKappa: KappaResult & { distinctRaterPairs: number };
  /** Outcome categories of the items with ≥ 3 ratings, restricted to their most common count. */
  fleissKappa: FleissKappaResult;
  /** Numeric answers (not-computable ratings left out), items with ≥ 2 answers. */
  alphaInterval: AlphaResult;
  /** Outcome categories, every item with ≥ 2 ratings. */
  alphaNominal: AlphaResult;
}

/**
 * Every agreement statistic of a set of rated items, as one JSON-serialisable object (no NaN: null + reason).
 *
 * - Percent agreement within `sameAnswer`: items (Wilson 95%) and pooled pairs (bootstrap 95%).
 * - Cohen's kappa on outcome categories over the items rated by exactly 2 raters, "first" being the rater whose id
 *   sorts first. Cohen's p_e uses each rater's own marginals, so it describes two fixed raters: when several rater
 *   pairs share the work (`distinctRaterPairs` > 1) the two slots mix people, and `alphaNominal` is the sounder
 *   figure.
 * - Fleiss' kappa on outcome categories over the items with ≥ 3 ratings (items with 2 are in Cohen's kappa),
 *   restricted to the most common number of ratings among them; null with a reason when no item has 3.
 * - Krippendorff's alpha: interval on the numeric answers, nominal on the outcome categories; both use every item
 *   whatever its raters.
 *
 * Each bootstrap draws its own stream from `seed` (see `bootstrap.ts`), default `DEFAULT_RESAMPLES` resamples.
 */
export function summarizeAgreement(options: AgreementSummaryOptions): AgreementSummary {
  const { items, sameAnswer } = options;
  const resampling = resolveResampling(options);
  const categorized = categorizeRatings(items, sameAnswer);
  const agreement = percentAgreement(items, { sameAnswer, ...resampling });

  const twoRated = categorized.filter((item) => item.ratings.length === 2);
  const cohen = cohensKappa(
    twoRated.map((item) => ({
      first: item.ratings[0]?.category ?? 'not-computable',
      second: item.ratings[1]?.category ?? 'not-computable',
    })),
  );
  const raterPairs = new Set(
    twoRated.map((item) => item.ratings.map((rating) => rating.rater).join('\u0000')),
  );
  if (twoRated.length === 0) {
    cohen.reason = 'no item has exactly 2 ratings';
    cohen.ciReason = cohen.reason;
  }

  const categoryUnits = categorized.map((item) => ({
    id: item.id,
    categories: item.ratings.map((rating) => rating.category),
  }));
  const manyRated = categoryUnits.filter((unit) => unit.categories.length >= 3);
  const fleiss = fleissKappa(manyRated, resampling);
  if (manyRated.length === 0) {
    fleiss.reason = 'no item has 3 or more ratings (items with 2 are summarised by Cohen’s kappa)';
    fleiss.ciReason = fleiss.reason;
  }

  const numericUnits = items.map((item) => ({
    id: item.id,
    values: item.ratings.flatMap((rating) => (rating.outcome === 'answer' ? [rating.value] : [])),
  }));
  return {
    schemaVersion: 1,
    items: {
      total: items.length,
      multiplyRated: agreement.items.total,
      raters: new Set(items.flatMap((item) => item.ratings.map((rating) => rating.rater))).size,
    },
    bootstrap: { ...resampling, level: 0.95, method: 'bootstrap-percentile' },
    percentAgreement: {
      items: agreement.items,
      pairs: agreement.pairs,
      disagreeingItemIds: agreement.perItem.filter((item) => item.allAgree === false).map((item) => item.id),
    },
    cohensKappa: { ...cohen, distinctRaterPairs: raterPairs.size },
    fleissKappa: fleiss,
    alphaInterval: krippendorffAlphaInterval(numericUnits, resampling),
    alphaNominal: krippendorffAlphaNominal(categoryUnits, resampling),
  };
}
