import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { bootstrapPercentileInterval, computeQuantile } from './bootstrap.js';

const mean = (sample: readonly number[]): number =>
  sample.reduce((sum, value) => sum + value, 0) / sample.length;

describe('computeQuantile (Hyndman–Fan definition 7)', () => {
  it('interpolates between order statistics: [1,2,3,4] at 0.25 is 1 + 0.75·(2 − 1) = 1.75', () => {
    // position = (4 − 1)·p: 0.75 → 1.75; 1.5 → 2.5; 0 → 1; 3 → 4
    expect(computeQuantile([1, 2, 3, 4], 0.25)).toBeCloseTo(1.75, 12);
    expect(computeQuantile([1, 2, 3, 4], 0.5)).toBeCloseTo(2.5, 12);
    expect(computeQuantile([1, 2, 3, 4], 0)).toBe(1);
    expect(computeQuantile([1, 2, 3, 4], 1)).toBe(4);
    expect(computeQuantile([7], 0.975)).toBe(7);
  });
});

describe('bootstrapPercentileInterval', () => {
  const units = Array.from({ length: 100 }, (_, index) => index);

  it('matches the normal approximation for the mean of 0..99: 49.5 ± 1.96·28.87/√100 ≈ [43.8, 55.2]', () => {
    // sd (population) of 0..99 = √((100² − 1)/12) = 28.866; the bootstrap resamples with that spread.
    const { interval } = bootstrapPercentileInterval(units, mean, {
      seed: 7,
      stream: 'mean',
      resamples: 2000,
    });
    expect(interval?.low).toBeGreaterThan(42.5);
    expect(interval?.low).toBeLessThan(45);
    expect(interval?.high).toBeGreaterThan(54);
    expect(interval?.high).toBeLessThan(56.5);
    expect(interval).toMatchObject({ method: 'bootstrap-percentile', level: 0.95, seed: 7, resamples: 2000 });
  });

  it('is deterministic for a seed and stream, and changes with either', () => {
    const options = { seed: 'review-2026', stream: 'mean', resamples: 300 };
    const first = bootstrapPercentileInterval(units, mean, options);
    expect(bootstrapPercentileInterval(units, mean, options)).toEqual(first);
    expect(bootstrapPercentileInterval(units, mean, { ...options, seed: 'other' })).not.toEqual(first);
    expect(bootstrapPercentileInterval(units, mean, { ...options, stream: 'other' })).not.toEqual(first);
  });

  it('skips and counts resamples where the statistic is undefined (about 1 in 4 for two units)', () => {
    // Two units 0 and 1: a resample holds no 1 with probability 1/2 · 1/2 = 1/4.
    const { interval } = bootstrapPercentileInterval(
      [0, 1],
      (sample) => (sample.includes(1) ? mean(sample) : null),
      { seed: 1, stream: 'undefined', resamples: 400 },
    );
    expect(interval?.undefinedResamples).toBeGreaterThan(60);
    expect(interval?.undefinedResamples).toBeLessThan(140);
    expect(interval?.low).toBe(0.5);
    expect(interval?.high).toBe(1);
  });

  it('gives a reason instead of an interval when nothing can be resampled or estimated', () => {
    const options = { seed: 1, stream: 'x', resamples: 50 };
    expect(bootstrapPercentileInterval([3], mean, options)).toEqual({
      interval: null,
      reason: '1 unit(s): a bootstrap needs at least 2 to resample',
    });
    expect(bootstrapPercentileInterval([1, 2], () => null, options).reason).toBe(
      'the statistic was undefined on all 50 resamples',
    );
  });

  it('rejects a resample count that is not a whole number ≥ 1, and a level outside (0, 1)', () => {
    expect(() => bootstrapPercentileInterval(units, mean, { seed: 1, stream: 'x', resamples: 0 })).toThrow(
      AppError,
    );
    expect(() => bootstrapPercentileInterval(units, mean, { seed: 1, stream: 'x', resamples: 2.5 })).toThrow(
      /whole number/,
    );
    expect(() =>
      bootstrapPercentileInterval(units, mean, { seed: 1, stream: 'x', resamples: 10, level: 1 }),
    ).toThrow(/level/);
  });
});
