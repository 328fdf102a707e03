import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './ldl-friedewald.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// 1 mmol/L cholesterol = 38.665 mg/dL (386.65 g/mol); 1 mmol/L triglycerides = 88.57 mg/dL (triolein 885.7 g/mol).
const CHOLESTEROL_MG_DL_PER_MMOL_L = 38.665;
const TRIGLYCERIDES_MG_DL_PER_MMOL_L = 88.57;

describe('LDL calculated (Friedewald)', () => {
  it('TC 200, HDL 50, TG 150: 200 − 50 − 30 = 120', () => {
    expect(
      valueOf(runClean(calculator, { totalCholesterol: 200, hdlCholesterol: 50, triglycerides: 150 })),
    ).toBe(120);
  });

  it('TC 250, HDL 35, TG 225: 250 − 35 − 45 = 170', () => {
    expect(
      valueOf(runClean(calculator, { totalCholesterol: 250, hdlCholesterol: 35, triglycerides: 225 })),
    ).toBe(170);
  });

  it('TG boundary: 400 mg/dL warns (180 − 40 − 80 = 60), 399 does not (180 − 40 − 79.8 = 60.2)', () => {
    const at = expectComputed(
      runClean(calculator, { totalCholesterol: 180, hdlCholesterol: 40, triglycerides: 400 }),
    );
    expect(at.value).toEqual({ kind: 'number', value: 60 });
    expect(at.warnings).toContainEqual({
      code: 'formula-does-not-apply',
      text: expect.stringContaining('≥ 400'),
    });
    const below = expectComputed(
      runClean(calculator, { totalCholesterol: 180, hdlCholesterol: 40, triglycerides: 399 }),
    );
    expect(below.value).toMatchObject({ value: expect.closeTo(60.2, 9) });
    expect(below.warnings).toEqual([]);
  });

  it('benchmark row 513 (mmol/L): TC 4.75, HDL 1.03, TG 1.09 -> 183.659 − 39.825 − 19.308 = 124.526', () => {
    // not the v1.0 label 137.38 (rounded conversions and TG molar mass 861)
    const result = runEntities(calculator, {
      'high-density lipoprotein cholesterol': [1.03, 'mmol/L'],
      Triglycerides: [1.09, 'mmol/L'],
      'Total cholesterol': [4.75, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(124.5255, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark mg/dL entity keys: TC 220, HDL 45, TG 175 -> 220 − 45 − 35 = 140', () => {
    const result = runEntities(calculator, {
      'Total cholesterol': [220, 'mg/dL'],
      'high-density lipoprotein cholesterol': [45, 'mg/dL'],
      Triglycerides: [175, 'mg/dL'],
    });
    expect(valueOf(result)).toBe(140);
  });

  it('warns about a negative LDL', () => {
    const result = expectComputed(
      runClean(calculator, { totalCholesterol: 100, hdlCholesterol: 60, triglycerides: 300 }),
    );
    expect(result.warnings).toContainEqual({
      code: 'implausible-result',
      text: expect.stringContaining('negative'),
    });
  });

  it('missing HDL is not computable', () => {
    expectNotComputable(runClean(calculator, { totalCholesterol: 200, triglycerides: 150 }), [
      'hdlCholesterol',
    ]);
  });

  const samples = fc.record({
    totalCholesterol: fc.double({ min: 100, max: 400, noNaN: true }),
    hdlCholesterol: fc.double({ min: 20, max: 90, noNaN: true }),
    triglycerides: fc.double({ min: 30, max: 399, noNaN: true }),
  });

  it('unit invariance: all three in mmol/L give the same LDL (mg/dL)', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const conventional = valueOf(runClean(calculator, sample));
        const si = valueOf(
          runClean(calculator, {
            totalCholesterol: [sample.totalCholesterol / CHOLESTEROL_MG_DL_PER_MMOL_L, 'mmol/L'],
            hdlCholesterol: [sample.hdlCholesterol / CHOLESTEROL_MG_DL_PER_MMOL_L, 'mmol/L'],
            triglycerides: [sample.triglycerides / TRIGLYCERIDES_MG_DL_PER_MMOL_L, 'mmol/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * sample.totalCholesterol);
      }),
    );
  });

  it('rises with total cholesterol, falls with HDL and with triglycerides', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const base = valueOf(runClean(calculator, sample));
        expect(
          valueOf(runClean(calculator, { ...sample, totalCholesterol: sample.totalCholesterol + 1 })),
        ).toBeGreaterThan(base);
        expect(
          valueOf(runClean(calculator, { ...sample, hdlCholesterol: sample.hdlCholesterol + 1 })),
        ).toBeLessThan(base);
        expect(
          valueOf(runClean(calculator, { ...sample, triglycerides: sample.triglycerides + 1 })),
        ).toBeLessThan(base);
      }),
    );
  });
});
