import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import {
  categorizeRatings,
  cohensKappa,
  fleissKappa,
  krippendorffAlphaInterval,
  krippendorffAlphaNominal,
  percentAgreement,
  ratingsAgree,
  summarizeAgreement,
} from './agreement.js';
import type { CategoryPair, CategoryUnit, NumericUnit, RatedItem, Rating } from './agreement.js';
import { proportion } from './proportion.js';

const fast = { seed: 42, resamples: 500 };

/** Symmetric 5% relative tolerance. */
const withinFivePercent = (first: number, second: number): boolean =>
  Math.abs(first - second) <= 0.05 * Math.max(Math.abs(first), Math.abs(second));

const answer = (rater: string, value: number): Rating => ({ rater, outcome: 'answer', value });
const notComputable = (rater: string): Rating => ({ rater, outcome: 'not-computable' });

/** `count` copies of a Cohen pair. */
function repeat(first: string, second: string, count: number): CategoryPair[] {
  return Array.from({ length: count }, () => ({ first, second }));
}

/** Fleiss rows from category counts, e.g. [2, 1, 0] → ['c0', 'c0', 'c1']. */
function fromCounts(id: string, counts: readonly number[]): CategoryUnit {
  return { id, categories: counts.flatMap((count, index) => Array<string>(count).fill(`c${index}`)) };
}

describe('ratingsAgree', () => {
  it('not-computable agrees only with not-computable', () => {
    expect(ratingsAgree(notComputable('A'), notComputable('B'), withinFivePercent)).toBe(true);
    expect(ratingsAgree(notComputable('A'), answer('B', 1), withinFivePercent)).toBe(false);
    expect(ratingsAgree(answer('A', 1), notComputable('B'), withinFivePercent)).toBe(false);
  });
  it('requires an asymmetric tolerance to hold both ways: 100 vs 105.2 within 5% of the second only', () => {
    // |100 − 105.2| = 5.2 ≤ 5% of 105.2 = 5.26, but > 5% of 100 = 5
    const relativeToSecond = (first: number, second: number): boolean =>
      Math.abs(first - second) <= 0.05 * Math.abs(second);
    expect(ratingsAgree(answer('A', 100), answer('B', 105.2), relativeToSecond)).toBe(false);
    expect(ratingsAgree(answer('A', 105.2), answer('B', 100), relativeToSecond)).toBe(false);
    expect(ratingsAgree(answer('A', 100), answer('B', 104), relativeToSecond)).toBe(true);
  });
});

describe('percentAgreement', () => {
  const items: RatedItem[] = [
    { id: 'i1', ratings: [answer('A', 10), answer('B', 10.2)] }, // agree: 1/1 pair
    { id: 'i2', ratings: [notComputable('A'), notComputable('B'), notComputable('C')] }, // agree: 3/3
    { id: 'i3', ratings: [answer('A', 10), notComputable('B')] }, // disagree: 0/1
    { id: 'i4', ratings: [answer('B', 5), answer('C', 5.1), answer('D', 8)] }, // 5≈5.1 only: 1/3
    { id: 'i5', ratings: [answer('A', 7)] }, // one rating: left out
  ];

  it('worked example: items 2/4 = 0.5 (Wilson [0.1500, 0.8500]), pairs (1+3+0+1)/(1+3+1+3) = 5/8', () => {
    // Wilson 2/4: centre = (0.5 + 3.8415/8)/(1 + 3.8415/4) = 0.5; half = 1.96·√(0.0625 + 0.0600)/1.9604 = 0.3500
    const result = percentAgreement(items, { sameAnswer: withinFivePercent, ...fast });
    expect(result.items).toMatchObject({ estimate: 0.5, successes: 2, total: 4, reason: null });
    expect(result.items.ci?.low).toBeCloseTo(0.15, 3);
    expect(result.items.ci?.high).toBeCloseTo(0.85, 3);
    expect(result.items.ci).toMatchObject({ low: proportion(2, 4).low, method: 'wilson' });
    expect(result.pairs).toMatchObject({ estimate: 0.625, successes: 5, total: 8, reason: null });
    expect(result.perItem.map((item) => item.allAgree)).toEqual([true, true, false, false, null]);
    expect(result.perItem[3]).toEqual({ id: 'i4', ratings: 3, pairs: 3, agreeingPairs: 1, allAgree: false });
  });

  it('pairwise bootstrap interval is seeded, contains the estimate and stays in [0, 1]', () => {
    const first = percentAgreement(items, { sameAnswer: withinFivePercent, ...fast });
    const again = percentAgreement(items, { sameAnswer: withinFivePercent, ...fast });
    expect(again.pairs.ci).toEqual(first.pairs.ci);
    expect(first.pairs.ci?.low).toBeLessThanOrEqual(0.625);
    expect(first.pairs.ci?.high).toBeGreaterThanOrEqual(0.625);
    expect(first.pairs.ci?.low).toBeGreaterThanOrEqual(0);
    expect(first.pairs.ci?.high).toBeLessThanOrEqual(1);
    expect(first.pairs.ci?.high).toBeGreaterThan(first.pairs.ci?.low ?? 1);
  });

  it('"every pair agrees" is not transitive: 100 ≈ 104 ≈ 108 but 100 ≉ 108 → 2/3 pairs, item disagrees', () => {
    // |100 − 104| = 4 ≤ 5.2, |104 − 108| = 4 ≤ 5.4, |100 − 108| = 8 > 5.4
    const result = percentAgreement(
      [{ id: 'chain', ratings: [answer('A', 100), answer('B', 104), answer('C', 108)] }],
      { sameAnswer: withinFivePercent, ...fast },
    );
    expect(result.perItem[0]).toMatchObject({ pairs: 3, agreeingPairs: 2, allAgree: false });
  });

  it('gives null with a reason, not NaN, when no item has two ratings', () => {
    const result = percentAgreement([{ id: 'solo', ratings: [answer('A', 1)] }], {
      sameAnswer: withinFivePercent,
      ...fast,
    });
    expect(result.items).toEqual({
      estimate: null,
      successes: 0,
      total: 0,
      ci: null,
      reason: 'no item has 2 or more ratings',
    });
    expect(result.pairs.estimate).toBeNull();
    expect(result.pairs.reason).toBe('no item has 2 or more ratings');
  });

  it('rejects a rater twice on an item and non-finite answers, listing every item', () => {
    const invalid: RatedItem[] = [
      { id: 'dup', ratings: [answer('A', 1), answer('A', 2)] },
      { id: 'nan', ratings: [answer('A', Number.NaN), answer('B', 2)] },
    ];
    expect(() => percentAgreement(invalid, { sameAnswer: withinFivePercent })).toThrow(AppError);
    expect(() => percentAgreement(invalid, { sameAnswer: withinFivePercent })).toThrow(
      /item dup: rater A rated it twice; item nan: rater A has a non-finite answer NaN/,
    );
  });
});

describe('categorizeRatings', () => {
  it('orders by rater, maps outcomes to answer/not-computable and clusters answers within the item', () => {
    // D=10 starts cluster 0... after sorting: A=10.3 (cluster 0), B=nc, C=20 (cluster 1), D=10 (≈10.3: cluster 0)
    const [item] = categorizeRatings(
      [{ id: 'x', ratings: [answer('D', 10), answer('C', 20), notComputable('B'), answer('A', 10.3)] }],
      withinFivePercent,
    );
    expect(item?.ratings).toEqual([
      { rater: 'A', category: 'answer', answerCluster: 0 },
      { rater: 'B', category: 'not-computable', answerCluster: null },
      { rater: 'C', category: 'answer', answerCluster: 1 },
      { rater: 'D', category: 'answer', answerCluster: 0 },
    ]);
  });
});

describe('cohensKappa (Cohen 1960; SE of Fleiss, Cohen & Everitt 1969)', () => {
  it('2×2 worked example: [[20, 5], [10, 15]] → p_o 0.7, p_e 0.5, κ 0.4, SE 0.1270', () => {
    // Rows = first rater (yes, no), columns = second. n = 50.
    // p_o = (20 + 15)/50 = 0.7; first yes = 25/50 = 0.5, second yes = 30/50 = 0.6
    // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4
    // SE²·n(1 − p_e)²: diagonal 0.4·[1 − 1.1·0.6]² + 0.3·[1 − 0.9·0.6]² = 0.04624 + 0.06348 = 0.10972
    //   off-diagonal 0.6²·(0.1·(0.6 + 0.5)² + 0.2·(0.4 + 0.5)²) = 0.36·0.283 = 0.10188
    //   correction [0.4 − 0.5·0.6]² = 0.01 → 0.2016 / (50·0.25) = 0.016128 → SE = 0.126996
    // CI = 0.4 ± 1.95996·0.126996 = [0.15109, 0.64891]
    const pairs = [
      ...repeat('yes', 'yes', 20),
      ...repeat('yes', 'no', 5),
      ...repeat('no', 'yes', 10),
      ...repeat('no', 'no', 15),
    ];
    const result = cohensKappa(pairs);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.observed).toBeCloseTo(0.7, 12);
    expect(result.expected).toBeCloseTo(0.5, 12);
    expect(result).toMatchObject({ n: 50, categories: ['no', 'yes'], reason: null, ciReason: null });
    expect(result.ci).toMatchObject({ method: 'asymptotic-standard-error', level: 0.95 });
    expect(result.ci?.method === 'asymptotic-standard-error' && result.ci.standardError).toBeCloseTo(
      0.126996,
      5,
    );
    expect(result.ci?.low).toBeCloseTo(0.15109, 4);
    expect(result.ci?.high).toBeCloseTo(0.64891, 4);
  });

  it('3 categories: p_o 6/10, p_e 0.5·0.4 + 0.3·0.4 + 0.2·0.2 = 0.36 → κ = 0.24/0.64 = 0.375', () => {
    // (a,a)×3 (b,b)×2 (c,c)×1 (a,b)×2 (b,c)×1 (c,a)×1; first: a 5, b 3, c 2; second: a 4, b 4, c 2
    const result = cohensKappa([
      ...repeat('a', 'a', 3),
      ...repeat('b', 'b', 2),
      ...repeat('c', 'c', 1),
      ...repeat('a', 'b', 2),
      ...repeat('b', 'c', 1),
      ...repeat('c', 'a', 1),
    ]);
    expect(result.kappa).toBeCloseTo(0.375, 12);
    expect(result.expected).toBeCloseTo(0.36, 12);
  });

  it('perfect agreement → 1; systematic disagreement [[0, 5], [5, 0]] → p_o 0, p_e 0.5, κ −1', () => {
    expect(cohensKappa([...repeat('answer', 'answer', 4), ...repeat('nc', 'nc', 3)]).kappa).toBe(1);
    const opposite = cohensKappa([...repeat('answer', 'nc', 5), ...repeat('nc', 'answer', 5)]);
    expect(opposite.kappa).toBeCloseTo(-1, 12);
    expect(opposite.ci?.low).toBe(-1);
  });

  it('degenerate: one category throughout (p_e = 1) or no pairs → null kappa with a reason', () => {
    const constant = cohensKappa(repeat('answer', 'answer', 12));
    expect(constant).toMatchObject({ kappa: null, observed: 1, expected: 1, ci: null, n: 12 });
    expect(constant.reason).toMatch(/chance agreement is 1/);
    expect(cohensKappa([])).toMatchObject({ kappa: null, reason: 'no item rated by both raters', n: 0 });
  });
});

describe('fleissKappa (Fleiss 1971)', () => {
  it('5 items × 3 raters worked example: P̄ = 8/15, P̄_e = 83/225, κ = 37/142 = 0.26056', () => {
    // counts (a,b,c): (3,0,0) P=1; (2,1,0) P=(5−3)/6=1/3; (0,3,0) P=1; (1,1,1) P=0; (1,0,2) P=1/3
    // P̄ = (8/3)/5 = 8/15; totals a 7, b 5, c 3 of 15 → P̄_e = (49 + 25 + 9)/225 = 83/225
    // κ = (120/225 − 83/225)/(142/225) = 37/142
    const units = [
      [3, 0, 0],
      [2, 1, 0],
      [0, 3, 0],
      [1, 1, 1],
      [1, 0, 2],
    ].map((counts, index) => fromCounts(`u${index + 1}`, counts));
    const result = fleissKappa(units, fast);
    expect(result.kappa).toBeCloseTo(37 / 142, 12);
    expect(result.observed).toBeCloseTo(8 / 15, 12);
    expect(result.expected).toBeCloseTo(83 / 225, 12);
    expect(result).toMatchObject({ n: 5, ratersPerItem: 3, excludedItemIds: [], reason: null });
  });

  it('10 subjects × 14 raters × 5 categories (the example on Wikipedia): P̄ = 688/1820, P̄_e = 4170/19600, κ = 0.2099', () => {
    // Σ_j n_ij² − 14 per row: 182, 46, 56, 80, 60, 84, 44, 32, 52, 52 → Σ 688 over 10·14·13 = 1820
    // column totals 20, 28, 39, 21, 32 → Σ² = 4170 over 140² = 19600; κ = (0.378022 − 0.212755)/0.787245
    const table = [
      [0, 0, 0, 0, 14],
      [0, 2, 6, 4, 2],
      [0, 0, 3, 5, 6],
      [0, 3, 9, 2, 0],
      [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0],
      [3, 2, 6, 3, 0],
      [2, 5, 3, 2, 2],
      [6, 5, 2, 1, 0],
      [0, 2, 2, 3, 7],
    ];
    const result = fleissKappa(
      table.map((counts, index) => fromCounts(`s${index}`, counts)),
      fast,
    );
    expect(result.observed).toBeCloseTo(688 / 1820, 12);
    expect(result.expected).toBeCloseTo(4170 / 19600, 12);
    expect(result.kappa).toBeCloseTo(0.20993, 5);
    expect(result.ci?.low).toBeLessThan(0.20993);
    expect(result.ci?.high).toBeGreaterThan(0.20993);
  });

  it('perfect agreement → 1; split items (a,a,b)/(b,b,a) → P̄ 1/3, P̄_e 1/2, κ = −1/3', () => {
    const perfect = fleissKappa([fromCounts('1', [3, 0]), fromCounts('2', [0, 3])], fast);
    expect(perfect.kappa).toBe(1);
    const split = fleissKappa(
      [fromCounts('1', [2, 1]), fromCounts('2', [1, 2]), fromCounts('3', [2, 1]), fromCounts('4', [1, 2])],
      fast,
    );
    expect(split.kappa).toBeCloseTo(-1 / 3, 12);
  });

  it('unbalanced counts: keeps the most common count and lists the items left out', () => {
    const units = [
      fromCounts('three-1', [3, 0]),
      fromCounts('three-2', [1, 2]),
      fromCounts('four', [2, 2]),
      fromCounts('one', [1, 0]),
    ];
    const result = fleissKappa(units, fast);
    expect(result).toMatchObject({ ratersPerItem: 3, n: 2, excludedItemIds: ['four', 'one'] });
    expect(fleissKappa(units, { ...fast, ratersPerItem: 4 })).toMatchObject({ n: 1, ratersPerItem: 4 });
    // A tie between counts goes to the larger count.
    expect(fleissKappa([fromCounts('a', [2, 0]), fromCounts('b', [2, 1])], fast).ratersPerItem).toBe(3);
    expect(() => fleissKappa(units, { ratersPerItem: 1 })).toThrow(AppError);
  });

  it('degenerate: one category throughout, or no item with 2 ratings → null with a reason', () => {
    const constant = fleissKappa([fromCounts('1', [3]), fromCounts('2', [3])], fast);
    expect(constant).toMatchObject({ kappa: null, observed: 1, expected: 1, ci: null });
    expect(constant.reason).toMatch(/chance agreement is 1/);
    expect(fleissKappa([fromCounts('1', [1])], fast)).toMatchObject({
      kappa: null,
      ratersPerItem: null,
      reason: 'no item has 2 or more ratings',
    });
  });

  it('bootstrap interval is reproducible from the seed and contains the estimate', () => {
    const units = Array.from({ length: 40 }, (_, index) =>
      fromCounts(
        `u${index}`,
        [
          [3, 0],
          [2, 1],
          [0, 3],
          [1, 2],
          [3, 0],
        ][index % 5] ?? [],
      ),
    );
    const first = fleissKappa(units, { seed: 3, resamples: 500 });
    expect(fleissKappa(units, { seed: 3, resamples: 500 }).ci).toEqual(first.ci);
    expect(fleissKappa(units, { seed: 4, resamples: 500 }).ci).not.toEqual(first.ci);
    expect(first.ci?.low).toBeLessThan(first.kappa ?? Number.NaN);
    expect(first.ci?.high).toBeGreaterThan(first.kappa ?? Number.NaN);
    expect(first.ci).toMatchObject({ resamples: 500, seed: 3, method: 'bootstrap-percentile' });
  });
});

/** Reference: alpha from an explicit coincidence matrix (Krippendorff 2011), for cross-checking. */
function alphaFromCoincidences(
  units: readonly (readonly number[])[],
  difference: (first: number, second: number) => number,
): { alpha: number; coincidences: Map<number, Map<number, number>> } {
  const coincidences = new Map<number, Map<number, number>>();
  for (const values of units.filter((unit) => unit.length >= 2)) {
    values.forEach((value, index) => {
      values.forEach((other, otherIndex) => {
        if (index === otherIndex) return;
        const row = coincidences.get(value) ?? new Map<number, number>();
        row.set(other, (row.get(other) ?? 0) + 1 / (values.length - 1));
        coincidences.set(value, row);
      });
    });
  }
  const totals = new Map(
    [...coincidences].map(([value, row]) => [value, [...row.values()].reduce((a, b) => a + b)]),
  );
  const n = [...totals.values()].reduce((a, b) => a + b, 0);
  let observed = 0;
  let expected = 0;
  for (const [value, row] of coincidences) {
    for (const [other, count] of row) observed += count * difference(value, other);
    for (const [other, total] of totals)
      expected += (totals.get(value) ?? 0) * total * difference(value, other);
  }
  return { alpha: 1 - ((n - 1) * observed) / expected, coincidences };
}

const squared = (first: number, second: number): number => (first - second) ** 2;

describe('Krippendorff alpha (Krippendorff 2011)', () => {
  // Unbalanced reliability matrix: u1 rated by A, B; u2 by A, B, C; u3 by B, C; u4 by A only.
  const units: NumericUnit[] = [
    { id: 'u1', values: [1, 2] },
    { id: 'u2', values: [3, 3, 4] },
    { id: 'u3', values: [2, 2] },
    { id: 'u4', values: [5] },
  ];

  it('interval worked example: o_12 = o_21 = 1, o_22 = 2, o_33 = o_34 = o_43 = 1 → α = 1 − 6·4/80 = 0.7', () => {
    // u2 has m = 3: each of its 6 ordered pairs weighs 1/2 → o_33 = 2·½, o_34 = 2·½, o_43 = 2·½. u4 not pairable.
    // n_1 = 1, n_2 = 3, n_3 = 2, n_4 = 1, n = 7. Σ o_ck (c−k)² = 1 + 1 + 1 + 1 = 4 → D_o = 4/7
    // Σ n_c n_k (c−k)² = 2·(1·3·1 + 1·2·4 + 1·1·9 + 3·2·1 + 3·1·4 + 2·1·1) = 2·40 = 80 → D_e = 80/42
    const reference = alphaFromCoincidences(
      units.map((unit) => unit.values),
      squared,
    );
    expect(reference.coincidences.get(1)?.get(2)).toBe(1);
    expect(reference.coincidences.get(2)?.get(2)).toBe(2);
    expect(reference.coincidences.get(3)?.get(3)).toBe(1);
    expect(reference.coincidences.get(4)?.get(3)).toBe(1);
    expect(reference.coincidences.has(5)).toBe(false);
    const result = krippendorffAlphaInterval(units, fast);
    expect(result.alpha).toBeCloseTo(0.7, 12);
    expect(result.observedDisagreement).toBeCloseTo(4 / 7, 12);
    expect(result.expectedDisagreement).toBeCloseTo(80 / 42, 12);
    expect(result).toMatchObject({
      metric: 'interval',
      n: 7,
      units: 3,
      droppedItemIds: ['u4'],
      reason: null,
    });
  });

  it('nominal on the same matrix: Σ_{c≠k} o_ck = 4, Σ_{c≠k} n_c n_k = 49 − 15 = 34 → α = 1 − 6·4/34 = 5/17', () => {
    const result = krippendorffAlphaNominal(
      units.map((unit) => ({ id: unit.id, categories: unit.values.map(String) })),
      fast,
    );
    expect(result.alpha).toBeCloseTo(5 / 17, 12);
    expect(result.metric).toBe('nominal');
  });

  it('Krippendorff’s (2011) 4 observers × 12 units example: nominal 0.743, interval 0.849', () => {
    // prettier-ignore
    const published = [[1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
      [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3]];
    const numeric = published.map((values, index) => ({ id: `${index + 1}`, values }));
    expect(krippendorffAlphaInterval(numeric, fast).alpha).toBeCloseTo(0.849, 3);
    const nominal = numeric.map((unit) => ({ id: unit.id, categories: unit.values.map(String) }));
    expect(krippendorffAlphaNominal(nominal, fast).alpha).toBeCloseTo(0.743, 3);
    expect(krippendorffAlphaInterval(numeric, fast).droppedItemIds).toEqual(['12']);
  });

  it('perfect agreement → 1; systematic disagreement {1,2}×3 → D_o 1, D_e 18/30 → α = −2/3', () => {
    const perfect = [
      { id: 'a', values: [1, 1] },
      { id: 'b', values: [4, 4, 4] },
    ];
    expect(krippendorffAlphaInterval(perfect, fast).alpha).toBe(1);
    const opposed = ['a', 'b', 'c'].map((id) => ({ id, values: [1, 2] }));
    expect(krippendorffAlphaInterval(opposed, fast).alpha).toBeCloseTo(-2 / 3, 12);
  });

  it('degenerate: nothing pairable, or every value identical → null with a reason', () => {
    expect(krippendorffAlphaInterval([{ id: 'a', values: [3] }], fast)).toMatchObject({
      alpha: null,
      reason: 'no item has 2 or more values: nothing is pairable',
      droppedItemIds: ['a'],
    });
    // 0.1 three times: a mean with rounding error must not turn D_e = 0 into alpha = 1
    const constant = krippendorffAlphaInterval(
      [
        { id: 'a', values: [0.1, 0.1] },
        { id: 'b', values: [0.1, 0.1, 0.1] },
      ],
      fast,
    );
    expect(constant).toMatchObject({ alpha: null, expectedDisagreement: 0, ci: null });
    expect(constant.reason).toMatch(/identical/);
    expect(() => krippendorffAlphaInterval([{ id: 'bad', values: [1, Infinity] }])).toThrow(AppError);
  });

  it('bootstrap interval is reproducible and contains the estimate', () => {
    const many = Array.from({ length: 30 }, (_, index) => ({
      id: `u${index}`,
      values: index % 3 === 0 ? [index, index + 1, index] : [index, index],
    }));
    const first = krippendorffAlphaInterval(many, fast);
    expect(krippendorffAlphaInterval(many, fast).ci).toEqual(first.ci);
    expect(first.ci?.low).toBeLessThanOrEqual(first.alpha ?? Number.NaN);
    expect(first.ci?.high).toBeGreaterThanOrEqual(first.alpha ?? Number.NaN);
  });

  it('matches an explicit coincidence matrix and is invariant to shift and scale (property)', () => {
    const unitsArbitrary = fc.array(
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 0, maxLength: 5 }),
      {
        minLength: 1,
        maxLength: 8,
      },
    );
    fc.assert(
      fc.property(
        unitsArbitrary,
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 1, max: 9 }),
        (raw, shift, scale) => {
          const numeric = raw.map((values, index) => ({ id: `${index}`, values }));
          const result = krippendorffAlphaInterval(numeric, { seed: 1, resamples: 1 });
          if (result.alpha === null) return;
          expect(result.alpha).toBeCloseTo(alphaFromCoincidences(raw, squared).alpha, 9);
          const moved = numeric.map((unit) => ({
            ...unit,
            values: unit.values.map((value) => value * scale + shift),
          }));
          expect(krippendorffAlphaInterval(moved, { seed: 1, resamples: 1 }).alpha).toBeCloseTo(
            result.alpha,
            9,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('summarizeAgreement', () => {
  const items: RatedItem[] = [
    { id: 's1', ratings: [answer('A', 10), answer('B', 10)] },
    { id: 's2', ratings: [notComputable('A'), notComputable('B')] },
    { id: 's3', ratings: [notComputable('B'), answer('A', 20)] },
    { id: 's4', ratings: [answer('A', 30), answer('B', 31)] },
    { id: 's5', ratings: [answer('B', 5), answer('C', 5), answer('D', 5)] },
    { id: 's6', ratings: [notComputable('B'), answer('C', 7), answer('D', 7)] },
    { id: 's7', ratings: [answer('C', 12)] },
  ];

  it('combines every statistic on a mixed, unbalanced set (each figure worked by hand)', () => {
    const summary = summarizeAgreement({ items, sameAnswer: withinFivePercent, ...fast });
    expect(summary.items).toEqual({ total: 7, multiplyRated: 6, raters: 4 });
    // s1 s2 s4 s5 agree; s3 (answer vs nc) and s6 (nc vs 7, 7) do not. Pairs 1+1+0+1+3+1 = 7 of 1+1+1+1+3+3 = 10
    expect(summary.percentAgreement).toMatchObject({
      items: { estimate: 4 / 6, successes: 4, total: 6 },
      pairs: { estimate: 0.7, successes: 7, total: 10 },
      disagreeingItemIds: ['s3', 's6'],
    });
    // Cohen on s1..s4 (A first): A answer 3/4, B answer 2/4; p_o 3/4, p_e 3/8 + 1/8 = 1/2 → κ = 0.25/0.5 = 0.5
    expect(summary.cohensKappa).toMatchObject({ n: 4, distinctRaterPairs: 1, reason: null });
    expect(summary.cohensKappa.kappa).toBeCloseTo(0.5, 12);
    // Fleiss on s5, s6 (m = 3): P = 1 and 1/3 → P̄ 2/3; answer 5/6, nc 1/6 → P̄_e 26/36 → κ = (−2/36)/(10/36) = −0.2
    expect(summary.fleissKappa).toMatchObject({ n: 2, ratersPerItem: 3, reason: null });
    expect(summary.fleissKappa.kappa).toBeCloseTo(-0.2, 12);
    // Interval alpha on the answers {10,10} {30,31} {5,5,5} {7,7}: Σ o δ² = 2, n = 9,
    // Σ n_c n_k δ² = 2·(9·2234 − 110²) = 16012 → α = 1 − 8·2/16012 = 0.999001 (inflated by between-item spread)
    expect(summary.alphaInterval.alpha).toBeCloseTo(1 - 16 / 16012, 12);
    expect(summary.alphaInterval.droppedItemIds).toEqual(['s2', 's3', 's7']);
    // Nominal alpha on outcomes, s1..s6: Σ o (c≠k) = 2 (s3) + 4/2 (s6) = 4; answer 10, nc 4 of 14 → 196 − 116 = 80
    // α = 1 − 13·4/80 = 0.35
    expect(summary.alphaNominal.alpha).toBeCloseTo(0.35, 12);
    expect(summary.bootstrap).toEqual({
      seed: 42,
      resamples: 500,
      level: 0.95,
      method: 'bootstrap-percentile',
    });
  });

  it('is plain JSON (no NaN, no undefined) and reproducible from its seed', () => {
    const summary = summarizeAgreement({ items, sameAnswer: withinFivePercent, ...fast });
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(summarizeAgreement({ items, sameAnswer: withinFivePercent, ...fast })).toEqual(summary);
  });

  it('reports null with reasons when a statistic does not apply', () => {
    const twoRaters = items.slice(0, 4);
    const summary = summarizeAgreement({ items: twoRaters, sameAnswer: withinFivePercent, ...fast });
    expect(summary.fleissKappa).toMatchObject({ kappa: null, ci: null });
    expect(summary.fleissKappa.reason).toMatch(/no item has 3 or more ratings/);
    const single = summarizeAgreement({ items: [items[6]!], sameAnswer: withinFivePercent, ...fast });
    expect(single.cohensKappa).toMatchObject({ kappa: null, reason: 'no item has exactly 2 ratings' });
    expect(single.alphaInterval.alpha).toBeNull();
    expect(single.percentAgreement.items.estimate).toBeNull();
    expect(JSON.parse(JSON.stringify(single))).toEqual(single);
  });
});
