import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './serum-osmolality.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// 1 mmol/L glucose = 18.016 mg/dL; 1 mmol/L urea = 2.8014 mg/dL urea nitrogen.
const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;
const BUN_MG_DL_PER_MMOL_L = 2.8014;

describe('Serum osmolality', () => {
  it('Na 140, BUN 14, glucose 90: 280 + 5 + 5 = 290', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, bloodUreaNitrogen: 14, glucose: 90 }))).toBeCloseTo(
      290,
      9,
    );
  });

  it('Na 130, BUN 28, glucose 360: 260 + 10 + 20 = 290', () => {
    expect(valueOf(runClean(calculator, { sodium: 130, bloodUreaNitrogen: 28, glucose: 360 }))).toBeCloseTo(
      290,
      9,
    );
  });

  it('Na 150, BUN 56, glucose 540: 300 + 20 + 30 = 350', () => {
    expect(valueOf(runClean(calculator, { sodium: 150, bloodUreaNitrogen: 56, glucose: 540 }))).toBeCloseTo(
      350,
      9,
    );
  });

  it('formula=dorwart-chalmers: Na 140, BUN 14, glucose 90 -> 260.4 + 5 + 5 + 9 = 279.4', () => {
    const result = runClean(
      calculator,
      { sodium: 140, bloodUreaNitrogen: 14, glucose: 90 },
      { formula: 'dorwart-chalmers' },
    );
    expect(valueOf(result)).toBeCloseTo(279.4, 9);
  });

  it('benchmark row 406 (mg/dL): Sodium 129 mmol/L, BUN 40, glucose 1087 -> 258 + 14.2857 + 60.3889 = 332.675', () => {
    const result = runEntities(calculator, {
      'Blood Urea Nitrogen (BUN)': [40.0, 'mg/dL'],
      Glucose: [1087.0, 'mg/dL'],
      Sodium: [129.0, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(332.6746, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark row 409 (SI): Na 131 mEq/L, glucose 6.6 mmol/L, BUN (urea) 11.4 mmol/L -> 262 + 11.4056 + 6.6059 = 280.011', () => {
    // BUN 11.4 × 2.8014 = 31.936 mg/dL, / 2.8 = 11.4056; glucose 6.6 × 18.016 = 118.906 mg/dL, / 18 = 6.6059
    const result = runEntities(calculator, {
      Sodium: [131.0, 'mEq/L'],
      Glucose: [6.6, 'mmol/L'],
      'Blood Urea Nitrogen (BUN)': [11.4, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(280.0115, 3);
  });

  it('every input is required', () => {
    expectNotComputable(runClean(calculator, { sodium: 140 }), ['bloodUreaNitrogen', 'glucose']);
  });

  it('warns about sodium given in mg/dL (benchmark rows 753/794 style), converting it literally', () => {
    const result = expectComputed(
      runEntities(calculator, {
        Sodium: [137, 'mg/dL'],
        Glucose: [90, 'mg/dL'],
        'Blood Urea Nitrogen (BUN)': [14, 'mg/dL'],
      }),
    );
    expect(result.warnings.map(({ code }) => code)).toContain('unit-not-how-measured');
  });

  const samples = fc.record({
    sodium: fc.double({ min: 100, max: 180, noNaN: true }),
    bloodUreaNitrogen: fc.double({ min: 2, max: 250, noNaN: true }),
    glucose: fc.double({ min: 20, max: 2000, noNaN: true }),
  });

  it('unit invariance: glucose and urea in mmol/L give the same osmolality as mg/dL', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const conventional = valueOf(runClean(calculator, sample));
        const si = valueOf(
          runClean(calculator, {
            sodium: [sample.sodium, 'mEq/L'],
            bloodUreaNitrogen: [sample.bloodUreaNitrogen / BUN_MG_DL_PER_MMOL_L, 'mmol/L'],
            glucose: [sample.glucose / GLUCOSE_MG_DL_PER_MMOL_L, 'mmol/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('rises with each of sodium, BUN and glucose', () => {
    fc.assert(
      fc.property(samples, fc.constantFrom('two-sodium', 'dorwart-chalmers'), (sample, formula) => {
        const base = valueOf(runClean(calculator, sample, { formula }));
        for (const name of ['sodium', 'bloodUreaNitrogen', 'glucose'] as const) {
          const more = valueOf(runClean(calculator, { ...sample, [name]: sample[name] + 1 }, { formula }));
          expect(more).toBeGreaterThan(base);
        }
      }),
    );
  });
});
