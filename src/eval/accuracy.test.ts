import { describe, expect, it } from 'vitest';
import { estimateAccuracy, estimatePairedDifference, meanOf } from './accuracy.js';

const options = { seed: 'test', resamples: 20_000, stream: 'overall' };

describe('estimatePairedDifference (paired percentile bootstrap over items)', () => {
  it('gives a point interval when every item moves the same way', () => {
    // Three items, each correct only under the new labels: every resample has mean difference 1.
    const result = estimatePairedDifference([0, 0, 0], [1, 1, 1], options);
    expect(result).toMatchObject({ items: 3, estimate: 1, low: 1, high: 1, changedItems: 3 });
  });

  it('two items, one changed: resample means 0, ½, 1 with odds ¼, ½, ¼, so the 95% interval is [0, 1]', () => {
    const result = estimatePairedDifference([1, 0], [1, 1], options);
    expect(result.estimate).toBe(0.5);
    expect([result.low, result.high]).toEqual([0, 1]);
  });

  it('four items, one changed (+1): P(mean = 0) = (¾)⁴ ≈ 0.32 and P(mean = 1) = (¼)⁴ ≈ 0.004 give [0, 0.75]', () => {
    // P(mean ≥ 0.75) = 4·(¼)³·¾ + (¼)⁴ ≈ 0.051 > 0.025 > P(mean = 1), so the 97.5th percentile is 0.75.
    const result = estimatePairedDifference([0, 0, 1, 1], [1, 0, 1, 1], options);
    expect(result.estimate).toBe(0.25);
    expect([result.low, result.high]).toEqual([0, 0.75]);
    expect(result.changedItems).toBe(1);
  });

  it('is the negative when the versions swap, and the same for the same seed', () => {
    const reference = [1, 1, 0, 1, 0, 1, 1, 0];
    const other = [1, 0, 0, 1, 1, 0, 1, 0];
    const forward = estimatePairedDifference(reference, other, { ...options, resamples: 500 });
    expect(estimatePairedDifference(reference, other, { ...options, resamples: 500 })).toEqual(forward);
    const backward = estimatePairedDifference(other, reference, { ...options, resamples: 500 });
    expect(backward.estimate).toBe(-forward.estimate);
    expect(backward.low).toBeCloseTo(-(forward.high ?? Number.NaN), 12);
    expect(backward.high).toBeCloseTo(-(forward.low ?? Number.NaN), 12);
  });

  it('has no interval for a single item and rejects unequal lengths', () => {
    expect(estimatePairedDifference([0], [1], options)).toMatchObject({ estimate: 1, low: null, high: null });
    expect(() => estimatePairedDifference([0, 1], [1], options)).toThrow(RangeError);
  });
});

describe('estimateAccuracy', () => {
  it("uses Wilson's interval for one sample", () => {
    const result = estimateAccuracy([1, 1, 0, 1], 1, options);
    expect(result).toMatchObject({ items: 4, samples: 1, estimate: 0.75, method: 'wilson' });
    // Wilson 3/4: centre (0.75 + 0.4802)/1.9604 = 0.6275, half-width 1.96·√(0.046875 + 0.0600)/1.9604 = 0.3268.
    expect(result.low).toBeCloseTo(0.3006, 3);
    expect(result.high).toBeCloseTo(0.9544, 3);
  });

  it('bootstraps the per-item share of correct samples for several samples', () => {
    const result = estimateAccuracy([1, 1, 1, 1], 3, options);
    expect(result).toMatchObject({ estimate: 1, low: 1, high: 1, method: 'bootstrap-percentile' });
    const mixed = estimateAccuracy([0.5, 1, 0, 0.5], 2, options);
    expect(mixed.estimate).toBe(0.5);
    expect(mixed.low).toBeGreaterThanOrEqual(0);
    expect(mixed.low).toBeLessThan(0.5);
    expect(mixed.high).toBeGreaterThan(0.5);
  });

  it('keeps 100% inside its own interval (Wilson rounds its upper bound to 1 − 2e-16 at n = 1044)', () => {
    const result = estimateAccuracy(new Array<number>(1044).fill(1), 1, options);
    expect(result.estimate).toBe(1);
    expect(result.high).toBe(1);
    expect(result.low).toBeLessThan(1);
  });

  it('meanOf is NaN for no values', () => {
    expect(meanOf([])).toBeNaN();
    expect(meanOf([1, 2])).toBe(1.5);
  });
});
