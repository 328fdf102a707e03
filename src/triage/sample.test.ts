import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { createRandom, hashSeed } from './prng.js';
import { allocateSample, drawValidationSample, estimateAccuracy } from './sample.js';
import type { SampleFrameItem, ValidationSample } from './sample.js';
import { TRIAGE_STATUSES } from './types.js';
import type { TriageStatus } from './types.js';

function makeFrame(counts: Partial<Record<TriageStatus, number>>, calculators = 1): SampleFrameItem[] {
  return Object.entries(counts).flatMap(([status, count]) =>
    Array.from({ length: count }, (_, index) => ({
      itemId: `${status}-${String(index).padStart(4, '0')}`,
      status: status as TriageStatus,
      calculatorId: (index % calculators) + 2,
    })),
  );
}

const frame = makeFrame({
  confirmed: 600,
  'relabel-proposed': 300,
  'needs-physician': 90,
  'not-computable': 10,
});

describe('prng', () => {
  it('mulberry32 gives pinned values (checked against an independent Python implementation)', () => {
    const random = createRandom(42);
    expect([random(), random(), random()]).toEqual([
      0.6011037519201636, 0.44829055899754167, 0.8524657934904099,
    ]);
    expect(hashSeed('steward')).toBe(3304918483);
  });
});

describe('allocateSample', () => {
  it('is proportional by largest remainder: 600/300/90/10 with n = 60 → 36/18/5/1', () => {
    // quotas 36, 18, 5.4, 0.6 → the last is forced to 1; 59 over 990: 35.76, 17.88, 5.36 → 35/17/5 + 2 leftovers
    // to the largest remainders (0.88, 0.76) → 36/18/5/1.
    expect(allocateSample([600, 300, 90, 10], 60)).toEqual([36, 18, 5, 1]);
  });

  it('gives one to every stratum even when its quota rounds to zero', () => {
    expect(allocateSample([1000, 1, 1, 1], 10)).toEqual([7, 1, 1, 1]);
  });

  it('sums to n, gives each stratum 1..size, and stays within one of the proportional quota when none is forced (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sizes, fraction) => {
          const total = sizes.reduce((sum, size) => sum + size, 0);
          if (total <= sizes.length) return;
          const n = sizes.length + Math.floor(fraction * (total - 1 - sizes.length));
          const allocation = allocateSample(sizes, n);
          expect(allocation.reduce((sum, count) => sum + count, 0)).toBe(n);
          allocation.forEach((count, index) => {
            expect(count).toBeGreaterThanOrEqual(1);
            expect(count).toBeLessThanOrEqual(sizes[index]!);
          });
          if (sizes.every((size) => (size * n) / total >= 1)) {
            allocation.forEach((count, index) =>
              expect(Math.abs(count - (sizes[index]! * n) / total)).toBeLessThan(1),
            );
          }
        },
      ),
    );
  });
});

describe('drawValidationSample', () => {
  it('is deterministic: the same seed gives the same sample, whatever the input order', () => {
    const first = drawValidationSample(frame, { n: 50, seed: 20260101 });
    const again = drawValidationSample([...frame].reverse(), { n: 50, seed: '20260101' });
    expect(again).toEqual(first);
    const other = drawValidationSample(frame, { n: 50, seed: 7 });
    expect(other.items.map((item) => item.itemId)).not.toEqual(first.items.map((item) => item.itemId));
  });

  it('pins the sample of a seed, so a change of generator or shuffle shows up', () => {
    const sample = drawValidationSample(frame, { n: 8, seed: 1 });
    expect(
      sample.allocation.map((stratum) => [stratum.stratum, stratum.population, stratum.sampled]),
    ).toEqual([
      ['confirmed', 600, 4],
      ['relabel-proposed', 300, 2],
      ['needs-physician', 90, 1],
      ['not-computable', 10, 1],
    ]);
    expect(sample.items.map((item) => item.itemId)).toMatchInlineSnapshot(`
      [
        "confirmed-0170",
        "confirmed-0188",
        "confirmed-0344",
        "confirmed-0470",
        "relabel-proposed-0087",
        "relabel-proposed-0101",
        "needs-physician-0084",
        "not-computable-0002",
      ]
    `);
  });

  it('allocates proportionally, with a design weight of stratum size / sample size, summing to the population', () => {
    const sample = drawValidationSample(frame, { n: 100, seed: 3 });
    expect(sample.allocation.map((stratum) => stratum.sampled)).toEqual([60, 30, 9, 1]);
    expect(sample.allocation.map((stratum) => stratum.weight)).toEqual([10, 10, 10, 10]);
    expect(sample.items.reduce((sum, item) => sum + item.weight, 0)).toBeCloseTo(1000, 9);
  });

  it('status-calculator strata: every stratum represented, ordered by status then calculator', () => {
    const items = makeFrame({ confirmed: 40, 'needs-physician': 9 }, 3);
    const sample = drawValidationSample(items, { n: 10, seed: 'x', strata: 'status-calculator' });
    expect(sample.allocation.map((stratum) => stratum.stratum)).toEqual([
      'confirmed/calculator-2',
      'confirmed/calculator-3',
      'confirmed/calculator-4',
      'needs-physician/calculator-2',
      'needs-physician/calculator-3',
      'needs-physician/calculator-4',
    ]);
    expect(sample.allocation.every((stratum) => stratum.sampled >= 1)).toBe(true);
  });

  it('n at or above the population is a census with weight 1', () => {
    const items = makeFrame({ confirmed: 3, 'not-computable': 2 });
    const sample = drawValidationSample(items, { n: 50, seed: 1 });
    expect(sample.census).toBe(true);
    expect(sample.items).toHaveLength(5);
    expect(sample.items.every((item) => item.weight === 1)).toBe(true);
  });

  it('n below the number of strata throws, naming both and what to do', () => {
    const items = makeFrame({ confirmed: 30, 'needs-physician': 30 }, 3);
    expect(() => drawValidationSample(items, { n: 4, seed: 1, strata: 'status-calculator' })).toThrow(
      /sample size 4 is smaller than the 6 non-empty strata/,
    );
    try {
      drawValidationSample(items, { n: 4, seed: 1, strata: 'status-calculator' });
    } catch (error) {
      expect((error as AppError).fix).toContain('n ≥ 6, or strata "status"');
    }
  });

  it('rejects a bad n, a fractional seed and duplicate ids', () => {
    expect(() => drawValidationSample(frame, { n: 0, seed: 1 })).toThrow(AppError);
    expect(() => drawValidationSample(frame, { n: 2.5, seed: 1 })).toThrow(AppError);
    expect(() => drawValidationSample(frame, { n: 5, seed: 1.5 })).toThrow(AppError);
    expect(() => drawValidationSample([...frame, frame[0]!], { n: 5, seed: 1 })).toThrow(/confirmed-0000/);
  });

  it('an empty population gives an empty sample', () => {
    const sample = drawValidationSample([], { n: 5, seed: 1 });
    expect(sample.items).toEqual([]);
    expect(estimateAccuracy(sample, new Map()).estimate).toBeNaN();
  });

  it('properties: size min(n, N), every stratum represented, no duplicates, weights sum to N, items from the frame', () => {
    const frameArbitrary = fc
      .array(
        fc.record({
          status: fc.constantFrom(...TRIAGE_STATUSES),
          calculatorId: fc.integer({ min: 1, max: 4 }),
        }),
        {
          minLength: 1,
          maxLength: 300,
        },
      )
      .map((rows) => rows.map((row, index) => ({ ...row, itemId: `id-${index}` })));
    fc.assert(
      fc.property(
        frameArbitrary,
        fc.record({
          extra: fc.integer({ min: 1, max: 400 }),
          seed: fc.integer(),
          strata: fc.constantFrom('status' as const, 'status-calculator' as const),
        }),
        (items, { extra, seed, strata }) => {
          const keys = new Set(
            items.map((item) => (strata === 'status' ? item.status : `${item.status}/${item.calculatorId}`)),
          );
          const n = Math.max(keys.size, extra);
          const sample = drawValidationSample(items, { n, seed, strata });
          expect(sample.items).toHaveLength(Math.min(n, items.length));
          expect(new Set(sample.items.map((item) => item.itemId)).size).toBe(sample.items.length);
          expect(sample.allocation).toHaveLength(keys.size);
          expect(
            sample.allocation.every(
              (stratum) => stratum.sampled >= 1 && stratum.sampled <= stratum.population,
            ),
          ).toBe(true);
          expect(sample.items.reduce((sum, item) => sum + item.weight, 0)).toBeCloseTo(items.length, 6);
          const ids = new Set(items.map((item) => item.itemId));
          expect(sample.items.every((item) => ids.has(item.itemId))).toBe(true);
          expect(drawValidationSample(items, { n, seed, strata })).toEqual(sample);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('estimateAccuracy', () => {
  const items = makeFrame({ confirmed: 80, 'needs-physician': 20 });
  // A hand-built sample (8 of 80 and 4 of 20, a non-proportional design) so the arithmetic is easy to follow.
  const picked = [...items.slice(0, 8), ...items.slice(80, 84)];
  const sample: ValidationSample = {
    seed: 'hand',
    strata: 'status',
    requested: 12,
    population: 100,
    census: false,
    allocation: [
      { stratum: 'confirmed', population: 80, sampled: 8, weight: 10 },
      { stratum: 'needs-physician', population: 20, sampled: 4, weight: 5 },
    ],
    items: picked.map((item) => ({
      ...item,
      stratum: item.status,
      weight: item.status === 'confirmed' ? 10 : 5,
    })),
  };

  function outcomesWith(correctPerStratum: Record<string, number>): Map<string, boolean> {
    const outcomes = new Map<string, boolean>();
    for (const stratum of sample.allocation) {
      const members = sample.items.filter((item) => item.stratum === stratum.stratum);
      members.forEach((item, index) =>
        outcomes.set(item.itemId, index < (correctPerStratum[stratum.stratum] ?? 0)),
      );
    }
    return outcomes;
  }

  it('hand-checked: 7/8 of 80 and 2/4 of 20 → 0.800, 95% CI 0.536–0.933', () => {
    // p = 0.8·0.875 + 0.2·0.5 = 0.8. V = 0.64·0.9·(0.875·0.125)/7 + 0.04·0.8·0.25/3 = 0.009 + 0.002667 = 0.011667.
    // n_eff = 0.16/0.011667 = 13.714; Wilson(0.8, 13.714): centre 0.7343, half-width 0.1983 → [0.5361, 0.9326].
    expect(sample.allocation.map((stratum) => stratum.sampled)).toEqual([8, 4]);
    const result = estimateAccuracy(sample, outcomesWith({ confirmed: 7, 'needs-physician': 2 }));
    expect(result.estimate).toBeCloseTo(0.8, 12);
    expect(result.standardError).toBeCloseTo(Math.sqrt(0.0116667), 6);
    expect(result.effectiveSampleSize).toBeCloseTo(13.7143, 3);
    expect(result.low).toBeCloseTo(0.5361, 4);
    expect(result.high).toBeCloseTo(0.9326, 4);
    expect(
      result.strata.map((stratum) => [stratum.stratum, stratum.correct, stratum.sampled, stratum.share]),
    ).toEqual([
      ['confirmed', 7, 8, 0.8],
      ['needs-physician', 2, 4, 0.2],
    ]);
    expect(result.strata[0]!.low).toBeCloseTo(0.5291, 4); // Wilson 7/8
    expect(result.method).toContain('Wilson');
  });

  it('missing outcomes throw, naming the ids', () => {
    const outcomes = outcomesWith({ confirmed: 8, 'needs-physician': 4 });
    const dropped = sample.items[3]!.itemId;
    outcomes.delete(dropped);
    expect(() => estimateAccuracy(sample, outcomes)).toThrow(
      new RegExp(`^no outcome for 1 sampled item\\(s\\): ${dropped}$`),
    );
  });

  it('outcomes for items outside the sample throw, naming the ids (issue 17)', () => {
    const outcomes = outcomesWith({ confirmed: 8, 'needs-physician': 4 });
    outcomes.set('not-in-sample', false);
    expect(() => estimateAccuracy(sample, outcomes)).toThrow(
      /^1 outcome\(s\) for items not in the sample: not-in-sample$/,
    );
    const dropped = sample.items[3]!.itemId;
    outcomes.delete(dropped);
    expect(() => estimateAccuracy(sample, outcomes)).toThrow(
      new RegExp(
        `no outcome for 1 sampled item\\(s\\): ${dropped}; 1 outcome\\(s\\) for items not in the sample`,
      ),
    );
  });

  it('all correct: estimate 1, interval below 1 from the sample size; a census has no sampling error', () => {
    const result = estimateAccuracy(sample, outcomesWith({ confirmed: 8, 'needs-physician': 4 }));
    expect(result.estimate).toBe(1);
    expect(result.high).toBe(1);
    expect(result.effectiveSampleSize).toBe(12);
    expect(result.low).toBeCloseTo(0.7575, 4); // Wilson 12/12
    const census = drawValidationSample(items.slice(0, 10), { n: 10, seed: 1 });
    const outcomes = new Map(census.items.map((item, index) => [item.itemId, index % 2 === 0]));
    expect(estimateAccuracy(census, outcomes)).toMatchObject({ estimate: 0.5, low: 0.5, high: 0.5 });
  });

  it('the interval lies in [0, 1] and contains the estimate (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 4, max: 99 }),
        fc.array(fc.boolean(), { minLength: 99, maxLength: 99 }),
        (seed, n, flips) => {
          const drawn = drawValidationSample(frame, { n, seed });
          const outcomes = new Map(drawn.items.map((item, index) => [item.itemId, flips[index] ?? true]));
          const result = estimateAccuracy(drawn, outcomes);
          expect(result.low).toBeGreaterThanOrEqual(0);
          expect(result.high).toBeLessThanOrEqual(1);
          expect(result.low).toBeLessThanOrEqual(result.estimate);
          expect(result.high).toBeGreaterThanOrEqual(result.estimate);
          const weighted =
            drawn.items.reduce((sum, item) => sum + (outcomes.get(item.itemId) ? item.weight : 0), 0) /
            drawn.population;
          expect(result.estimate).toBeCloseTo(weighted, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
