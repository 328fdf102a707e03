import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './creatinine-clearance-cockcroft-gault.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// 1 mg/dL creatinine = 10 000 / 113.12 µmol/L; 1 lb = 0.45359237 kg; 1 in = 2.54 cm.
const MICROMOL_PER_MG_DL = 10000 / 113.12;
const KG_PER_POUND = 0.45359237;

/** Adults with heights from `minimumHeight` cm up to 210 cm. */
function patients(minimumHeight: number) {
  return fc.record({
    age: fc.integer({ min: 18, max: 100 }),
    sex: fc.constantFrom('male', 'female'),
    weight: fc.double({ min: 35, max: 180, noNaN: true }),
    height: fc.double({ min: minimumHeight, max: 210, noNaN: true }),
    creatinine: fc.double({ min: 0.3, max: 10, noNaN: true }),
  });
}

describe('Creatinine clearance (Cockcroft-Gault)', () => {
  it('normal BMI uses min(IBW, actual): 60 M, 72 kg, 170 cm, SCr 1.0 -> BMI 24.91, IBW 65.937, 80 × 65.937 / 72 = 73.263', () => {
    // IBW = 50 + 2.3 × (170 / 2.54 − 60) = 50 + 2.3 × 6.9291 = 65.937 kg (< 72 kg actual)
    const result = runClean(calculator, { age: 60, sex: 'male', weight: 72, height: 170, creatinine: 1.0 });
    expect(valueOf(result)).toBeCloseTo(73.2633, 3);
  });

  it('obese woman uses adjusted weight: 80 F, 100 kg, 160 cm, SCr 1.2 -> 60 × 71.429 × 0.85 / 86.4 = 42.163', () => {
    // BMI = 100 / 1.6² = 39.06; IBW = 45.5 + 2.3 × (62.992 − 60) = 52.382; adjusted = 52.382 + 0.4 × 47.618 = 71.429
    const result = runClean(calculator, {
      age: 80,
      sex: 'female',
      weight: 100,
      height: 160,
      creatinine: 1.2,
    });
    expect(valueOf(result)).toBeCloseTo(42.163, 3);
  });

  it('underweight uses actual weight: 40 M, 50 kg, 180 cm (BMI 15.4), SCr 0.8 -> 100 × 50 / 57.6 = 86.806', () => {
    const result = runClean(calculator, { age: 40, sex: 'male', weight: 50, height: 180, creatinine: 0.8 });
    expect(valueOf(result)).toBeCloseTo(86.8056, 3);
  });

  it('BMI boundary 25 is overweight: 50 M, 200 cm, 100 kg (BMI 25.0) -> adjusted 95.861 kg, 90 × 95.861 / 72 = 119.827', () => {
    // IBW at 200 cm = 50 + 2.3 × (78.740 − 60) = 93.102; adjusted = 93.102 + 0.4 × 6.898 = 95.861
    const at = runClean(calculator, { age: 50, sex: 'male', weight: 100, height: 200, creatinine: 1.0 });
    expect(valueOf(at)).toBeCloseTo(119.8268, 3);
    // 99.96 kg: BMI 24.99, normal -> min(93.102, 99.96) = 93.102; 90 × 93.102 / 72 = 116.378
    const below = runClean(calculator, { age: 50, sex: 'male', weight: 99.96, height: 200, creatinine: 1.0 });
    expect(valueOf(below)).toBeCloseTo(116.378, 3);
  });

  it('BMI boundary 18.5 is normal weight, just below is underweight (200 cm: 74 kg vs 73.96 kg)', () => {
    const at = expectComputed(
      runClean(calculator, { age: 50, sex: 'male', weight: 74, height: 200, creatinine: 1 }),
    );
    expect(at.steps.some((step) => step.text.includes('normal'))).toBe(true);
    // min(IBW 93.102, 74) = 74 -> 90 × 74 / 72 = 92.5
    expect(at.value).toEqual({ kind: 'number', value: 92.5 });
    const below = expectComputed(
      runClean(calculator, { age: 50, sex: 'male', weight: 73.96, height: 200, creatinine: 1 }),
    );
    expect(below.steps.some((step) => step.text.includes('underweight'))).toBe(true);
  });

  it('weightBasis options on 60 M, 72 kg, 170 cm, SCr 1: actual 80, ideal 73.263, adjusted 75.958', () => {
    const inputs = { age: 60, sex: 'male', weight: 72, height: 170, creatinine: 1.0 };
    expect(valueOf(runClean(calculator, inputs, { weightBasis: 'actual' }))).toBeCloseTo(80, 9);
    expect(valueOf(runClean(calculator, inputs, { weightBasis: 'ideal' }))).toBeCloseTo(73.2633, 3);
    // adjusted = 65.937 + 0.4 × (72 − 65.937) = 68.362; 80 × 68.362 / 72 = 75.958
    expect(valueOf(runClean(calculator, inputs, { weightBasis: 'adjusted' }))).toBeCloseTo(75.958, 3);
  });

  it('benchmark entities (row 1): 87 M, 48 kg, 163 cm, 1.4 mg/dL -> BMI 18.07, actual weight, 53 × 48 / 100.8 = 25.238', () => {
    const result = runEntities(calculator, {
      sex: 'Male',
      age: [87, 'years'],
      weight: [48.0, 'kg'],
      height: [163.0, 'cm'],
      creatinine: [1.4, 'mg/dL'],
    });
    expect(valueOf(result)).toBeCloseTo(25.2381, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark µmol/L creatinine (row 3): 51 F, 50 kg, 160 cm, 183 µmol/L = 2.0701 mg/dL -> 89 × 50 × 0.85 / 149.05 = 25.378', () => {
    const result = runEntities(calculator, {
      sex: 'Female',
      age: [51, 'years'],
      weight: [50.0, 'kg'],
      height: [160.0, 'cm'],
      creatinine: [183.0, 'µmol/L'],
    });
    // not the v1.0 label 25.017, which came from a rounded unit conversion
    expect(valueOf(result)).toBeCloseTo(25.3779, 3);
  });

  it('height is required by the default weight rule but not by weightBasis=actual', () => {
    const inputs = { age: 60, sex: 'male', weight: 72, creatinine: 1.0 };
    expectNotComputable(runClean(calculator, inputs), ['height']);
    expect(valueOf(runClean(calculator, inputs, { weightBasis: 'actual' }))).toBeCloseTo(80, 9);
  });

  it('missing sex and creatinine are not computable (no clinical default)', () => {
    expectNotComputable(runClean(calculator, { age: 60, weight: 72, height: 170 }), ['sex', 'creatinine']);
  });

  it('warns for a child and for heights under 60 in', () => {
    const child = expectComputed(
      runClean(calculator, { age: 12, sex: 'female', weight: 40, height: 150, creatinine: 0.5 }),
    );
    expect(child.warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('adults'),
    });
    expect(child.warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('60 in'),
    });
  });

  it('unit invariance: mg/dL, kg, cm give the same clearance as µmol/L, lb, in', () => {
    fc.assert(
      fc.property(patients(140), ({ age, sex, weight, height, creatinine }) => {
        const metric = valueOf(runClean(calculator, { age, sex, weight, height, creatinine }));
        const other = valueOf(
          runClean(calculator, {
            age: [age, 'years'],
            sex,
            weight: [weight / KG_PER_POUND, 'lbs'],
            height: [height / 2.54, 'in'],
            creatinine: [creatinine * MICROMOL_PER_MG_DL, 'µmol/L'],
          }),
        );
        expect(Math.abs(other - metric)).toBeLessThanOrEqual(1e-9 * Math.abs(metric) + 1e-9);
      }),
    );
  });

  it('falls as creatinine or age rises, and does not fall as weight rises (heights ≥ 60 in)', () => {
    fc.assert(
      fc.property(patients(155), ({ age, sex, weight, height, creatinine }) => {
        const base = valueOf(runClean(calculator, { age, sex, weight, height, creatinine }));
        expect(base).toBeGreaterThan(0);
        expect(
          valueOf(runClean(calculator, { age, sex, weight, height, creatinine: creatinine * 1.1 })),
        ).toBeLessThan(base);
        expect(valueOf(runClean(calculator, { age: age + 1, sex, weight, height, creatinine }))).toBeLessThan(
          base,
        );
        expect(
          valueOf(runClean(calculator, { age, sex, weight: weight + 1, height, creatinine })),
        ).toBeGreaterThanOrEqual(base);
      }),
    );
  });
});
