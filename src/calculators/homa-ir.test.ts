import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './homa-ir.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
const PMOL_PER_MICRO_IU = 6;

describe('HOMA-IR', () => {
  it('insulin 10 µIU/mL, glucose 90 mg/dL: 900 / 405 = 2.2222', () => {
    expect(valueOf(runClean(calculator, { insulin: 10, glucose: 90 }))).toBeCloseTo(2.222222, 6);
  });

  it('insulin 20, glucose 126: 2520 / 405 = 6.2222', () => {
    expect(valueOf(runClean(calculator, { insulin: 20, glucose: 126 }))).toBeCloseTo(6.222222, 6);
  });

  it('insulin 5, glucose 81: 405 / 405 = 1', () => {
    expect(valueOf(runClean(calculator, { insulin: 5, glucose: 81 }))).toBeCloseTo(1, 12);
  });

  it('benchmark entity keys with "µIU/mL": Insulin 12.5, Glucose 100 mg/dL -> 1250 / 405 = 3.0864', () => {
    const result = runEntities(calculator, { Glucose: [100, 'mg/dL'], Insulin: [12.5, 'µIU/mL'] });
    expect(valueOf(result)).toBeCloseTo(3.08642, 5);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('insulin in pmol/L is divided by 6 (not multiplied, the v1.0 bug): 60 pmol/L = 10 µIU/mL, glucose 90 -> 2.2222', () => {
    expect(valueOf(runClean(calculator, { insulin: [60, 'pmol/L'], glucose: 90 }))).toBeCloseTo(2.222222, 6);
  });

  it('missing insulin is not computable', () => {
    expectNotComputable(runClean(calculator, { glucose: 90 }), ['insulin']);
  });

  const samples = fc.record({
    insulin: fc.double({ min: 0.5, max: 500, noNaN: true }),
    glucose: fc.double({ min: 40, max: 600, noNaN: true }),
  });

  it('unit invariance: pmol/L insulin and mmol/L glucose give the same index', () => {
    fc.assert(
      fc.property(samples, ({ insulin, glucose }) => {
        const conventional = valueOf(runClean(calculator, { insulin, glucose }));
        const si = valueOf(
          runClean(calculator, {
            insulin: [insulin * PMOL_PER_MICRO_IU, 'pmol/L'],
            glucose: [glucose / GLUCOSE_MG_DL_PER_MMOL_L, 'mmol/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('is positive and rises with insulin and with glucose', () => {
    fc.assert(
      fc.property(samples, ({ insulin, glucose }) => {
        const base = valueOf(runClean(calculator, { insulin, glucose }));
        expect(base).toBeGreaterThan(0);
        expect(valueOf(runClean(calculator, { insulin: insulin + 1, glucose }))).toBeGreaterThan(base);
        expect(valueOf(runClean(calculator, { insulin, glucose: glucose + 1 }))).toBeGreaterThan(base);
      }),
    );
  });
});
