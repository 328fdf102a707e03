import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './curb-65.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const WELL = {
  age: 40,
  bloodUreaNitrogen: 12,
  respiratoryRate: 16,
  systolic: 120,
  diastolic: 80,
  confusion: false,
};

describe('CURB-65', () => {
  it('40-year-old, BUN 12, RR 16, BP 120/80, not confused: 0', () => {
    expect(valueOf(runClean(calculator, WELL))).toBe(0);
  });

  it('BUN boundary: 19 mg/dL -> 0, 19.5 mg/dL -> 1 (BUN > 19, MDCalc default)', () => {
    expect(valueOf(runClean(calculator, { ...WELL, bloodUreaNitrogen: 19 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, bloodUreaNitrogen: 19.5 }))).toBe(1);
  });

  it('ureaThreshold=urea-7: BUN 19.5 mg/dL = urea 6.96 mmol/L -> 0; urea 7.1 mmol/L -> 1; exactly 7 mmol/L -> 0', () => {
    const option = { ureaThreshold: 'urea-7' };
    expect(valueOf(runClean(calculator, { ...WELL, bloodUreaNitrogen: 19.5 }, option))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, bloodUreaNitrogen: [7.1, 'mmol/L'] }, option))).toBe(1);
    expect(valueOf(runClean(calculator, { ...WELL, bloodUreaNitrogen: [7, 'mmol/L'] }, option))).toBe(0);
  });

  it('respiratory-rate boundary: 29 -> 0, 30 -> 1 (RR ≥ 30)', () => {
    expect(valueOf(runClean(calculator, { ...WELL, respiratoryRate: 29 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, respiratoryRate: 30 }))).toBe(1);
  });

  it('blood-pressure boundaries: SBP 90 -> 0, SBP 89 -> 1; DBP 61 -> 0, DBP 60 -> 1', () => {
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 90, diastolic: 70 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 89, diastolic: 70 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 110, diastolic: 61 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 110, diastolic: 60 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 80, diastolic: 50 }))).toBe(1);
  });

  it('age boundary: 64 -> 0, 65 -> 1', () => {
    expect(valueOf(runClean(calculator, { ...WELL, age: 64 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...WELL, age: 65 }))).toBe(1);
  });

  it('confused 80-year-old, BUN 30, RR 32, BP 85/50: 1 + 1 + 1 + 1 + 1 = 5 (maximum)', () => {
    const result = runClean(calculator, {
      confusion: true,
      bloodUreaNitrogen: 30,
      respiratoryRate: 32,
      systolic: 85,
      diastolic: 50,
      age: 80,
    });
    expect(valueOf(result)).toBe(5);
  });

  it('reads entities with urea in mmol/L: 8 mmol/L = 22.4 mg/dL 1 + age 70 1 + RR 24 0 + BP 130/85 0 = 2', () => {
    const result = runEntities(calculator, {
      age: [70, 'years'],
      'Systolic Blood Pressure': [130, 'mm hg'],
      'Diastolic Blood Pressure': [85, 'mm hg'],
      'Blood Urea Nitrogen (BUN)': [8, 'mmol/L'],
      'respiratory rate': [24, 'breaths per minute'],
      Confusion: false,
    });
    expect(valueOf(result)).toBe(2);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing measurements are not computable; a low systolic alone decides the BP criterion', () => {
    expectNotComputable(runClean(calculator, { age: 70, confusion: true }), [
      'bloodUreaNitrogen',
      'respiratoryRate',
      'systolic',
      'diastolic',
    ]);
    expectNotComputable(runClean(calculator, { ...WELL, diastolic: undefined }), ['diastolic']);
    // 1 (BP 85/?) + 0 others
    expect(valueOf(runClean(calculator, { ...WELL, systolic: 85, diastolic: undefined }))).toBe(1);
  });

  it('missing confusion is assumed absent and recorded', () => {
    const result = expectComputed(runClean(calculator, { ...WELL, confusion: undefined }));
    expect(valueOf(result)).toBe(0);
    expect(result.assumptions.some((text) => text.includes('Confusion'))).toBe(true);
  });

  it('stays within 0..5, is the same for BUN in mg/dL and urea in mmol/L, and worsens monotonically', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 18, max: 100 }),
          bun: fc.double({ min: 3, max: 80, noNaN: true }),
          respiratoryRate: fc.integer({ min: 8, max: 45 }),
          systolic: fc.integer({ min: 60, max: 200 }),
          diastolic: fc.integer({ min: 30, max: 110 }),
        }),
        fc.boolean(),
        ({ age, bun, respiratoryRate, systolic, diastolic }, confusion) => {
          const inputs = { age, respiratoryRate, systolic, diastolic, confusion };
          const score = valueOf(runClean(calculator, { ...inputs, bloodUreaNitrogen: [bun, 'mg/dL'] }));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(5);
          if (Math.abs(bun - 19) > 1e-6) {
            const urea = runClean(calculator, { ...inputs, bloodUreaNitrogen: [bun / 2.8014, 'mmol/L'] });
            expect(valueOf(urea)).toBe(score);
          }
          const worse = runClean(calculator, {
            age: age + 5,
            respiratoryRate: respiratoryRate + 3,
            systolic: systolic - 10,
            diastolic: diastolic - 5,
            confusion: true,
            bloodUreaNitrogen: [bun + 2, 'mg/dL'],
          });
          expect(valueOf(worse)).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
