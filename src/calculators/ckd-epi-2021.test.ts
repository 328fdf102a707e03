import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './ckd-epi-2021.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const MICROMOL_PER_MG_DL = 10000 / 113.12;

describe('CKD-EPI 2021', () => {
  it('50 M, SCr 1.0: 142 × (1.0/0.9)^−1.2 × 0.9938^50 = 142 × 0.88123 × 0.73274 = 91.691', () => {
    expect(valueOf(runClean(calculator, { age: 50, sex: 'male', creatinine: 1.0 }))).toBeCloseTo(91.6915, 3);
  });

  it('60 F, SCr 0.5 (below κ): 142 × (0.5/0.7)^−0.241 × 0.9938^60 × 1.012 = 107.306', () => {
    // (0.71429)^−0.241 = 1.08447; 0.9938^60 = 0.68856; 142 × 1.08447 × 0.68856 × 1.012 = 107.306
    expect(valueOf(runClean(calculator, { age: 60, sex: 'female', creatinine: 0.5 }))).toBeCloseTo(
      107.3063,
      3,
    );
  });

  it('70 F, SCr 1.5 (above κ): 142 × (1.5/0.7)^−1.2 × 0.9938^70 × 1.012 = 37.257', () => {
    expect(valueOf(runClean(calculator, { age: 70, sex: 'female', creatinine: 1.5 }))).toBeCloseTo(
      37.2569,
      3,
    );
  });

  it('κ boundary: SCr = κ leaves only 142 × 0.9938^age (× 1.012 female): 40 M 0.9 -> 110.726, 40 F 0.7 -> 112.054', () => {
    expect(valueOf(runClean(calculator, { age: 40, sex: 'male', creatinine: 0.9 }))).toBeCloseTo(110.7256, 3);
    expect(valueOf(runClean(calculator, { age: 40, sex: 'female', creatinine: 0.7 }))).toBeCloseTo(
      112.0543,
      3,
    );
  });

  it('benchmark row 25 (80 M, 0.87 mg/dL) uses κ 0.9 for men: 142 × 1.01029 × 0.60802 = 87.228, not the v1.0 80.852', () => {
    const result = runEntities(calculator, { age: [80, 'years'], creatinine: [0.87, 'mg/dL'], sex: 'Male' });
    expect(valueOf(result)).toBeCloseTo(87.2276, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark µmol/L creatinine (row 23): 80.4 µmol/L = 0.90948 mg/dL, 74 M -> 88.501', () => {
    const result = runEntities(calculator, { sex: 'Male', creatinine: [80.4, 'µmol/L'], age: [74, 'years'] });
    expect(valueOf(result)).toBeCloseTo(88.5014, 3);
  });

  it('equation=ckd-epi-2009: 50 M, SCr 1.0 -> 141 × (1.1111)^−1.209 × 0.993^50 = 87.370; × 1.159 if Black = 101.261', () => {
    const inputs = { age: 50, sex: 'male', creatinine: 1.0 };
    const notBlack = expectComputed(runClean(calculator, inputs, { equation: 'ckd-epi-2009' }));
    expect(notBlack.value).toMatchObject({ value: expect.closeTo(87.3697, 3) });
    expect(notBlack.assumptions.some((text) => text.includes('not Black'))).toBe(true);
    const black = runClean(calculator, { ...inputs, race: 'black' }, { equation: 'ckd-epi-2009' });
    expect(valueOf(black)).toBeCloseTo(101.2615, 3);
  });

  it('2021 ignores race (entity "Race": "Black" gives the race-free value)', () => {
    const result = runEntities(calculator, {
      age: [50, 'years'],
      sex: 'Male',
      creatinine: [1.0, 'mg/dL'],
      Race: 'Black',
    });
    expect(valueOf(result)).toBeCloseTo(91.6915, 3);
  });

  it('missing sex or creatinine is not computable', () => {
    expectNotComputable(runClean(calculator, { age: 50 }), ['sex', 'creatinine']);
    expectNotComputable(runClean(calculator, { sex: 'male', creatinine: 1 }), ['age']);
  });

  it('warns for age under 18', () => {
    const result = expectComputed(runClean(calculator, { age: 12, sex: 'male', creatinine: 0.5 }));
    expect(result.warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('adults'),
    });
  });

  const patients = fc.record({
    age: fc.integer({ min: 18, max: 100 }),
    sex: fc.constantFrom('male', 'female'),
    creatinine: fc.double({ min: 0.2, max: 15, noNaN: true }),
  });

  it('unit invariance: creatinine in mg/dL and µmol/L give the same eGFR', () => {
    fc.assert(
      fc.property(patients, ({ age, sex, creatinine }) => {
        const conventional = valueOf(runClean(calculator, { age, sex, creatinine }));
        const si = valueOf(
          runClean(calculator, { age, sex, creatinine: [creatinine * MICROMOL_PER_MG_DL, 'µmol/L'] }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('eGFR falls as creatinine or age rises, for both equations', () => {
    fc.assert(
      fc.property(
        patients,
        fc.constantFrom('ckd-epi-2021', 'ckd-epi-2009'),
        ({ age, sex, creatinine }, equation) => {
          const base = valueOf(runClean(calculator, { age, sex, creatinine }, { equation }));
          expect(base).toBeGreaterThan(0);
          expect(
            valueOf(runClean(calculator, { age, sex, creatinine: creatinine * 1.05 }, { equation })),
          ).toBeLessThan(base);
          expect(valueOf(runClean(calculator, { age: age + 1, sex, creatinine }, { equation }))).toBeLessThan(
            base,
          );
        },
      ),
    );
  });
});
