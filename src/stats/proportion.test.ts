import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proportion, wilsonInterval } from './proportion.js';

describe('Wilson interval', () => {
  it('matches a hand-computed value: 8/10 -> [0.4902, 0.9433]', () => {
    // p = 0.8, z² = 3.8415: centre = (0.8 + 0.19207)/1.38415 = 0.71674; half = 1.96·√(0.016 + 0.0096037)/1.38415 = 0.22657
    const interval = wilsonInterval(8, 10);
    expect(interval.low).toBeCloseTo(0.4902, 4);
    expect(interval.high).toBeCloseTo(0.9433, 4);
  });
  it('0/20 -> [0, 0.1611] and 20/20 -> [0.8389, 1]', () => {
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(0, 20).high).toBeCloseTo(0.1611, 4);
    expect(wilsonInterval(20, 20).low).toBeCloseTo(0.8389, 4);
    expect(wilsonInterval(20, 20).high).toBe(1);
  });
  it('n = 0 gives the uninformative [0, 1]', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(proportion(0, 0).estimate).toBeNaN();
  });
  it('rejects impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
  it('always contains the estimate and stays in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (total, fraction) => {
          const successes = Math.round(total * fraction);
          const result = proportion(successes, total);
          expect(result.low).toBeGreaterThanOrEqual(0);
          expect(result.high).toBeLessThanOrEqual(1);
          expect(result.low).toBeLessThanOrEqual(result.estimate + 1e-12);
          expect(result.high).toBeGreaterThanOrEqual(result.estimate - 1e-12);
        },
      ),
    );
  });
});

describe('wilsonInterval at the edges', () => {
  it('contains the estimate exactly at 0% and 100%', () => {
    for (const total of [1, 7, 1044, 123_457]) {
      expect(wilsonInterval(total, total).high).toBe(1);
      expect(wilsonInterval(0, total).low).toBe(0);
      expect(wilsonInterval(total, total).low).toBeLessThan(1);
    }
  });
});
