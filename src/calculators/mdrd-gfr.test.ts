import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './mdrd-gfr.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const MICROMOL_PER_MG_DL = 10000 / 113.12;

describe('MDRD GFR', () => {
  it('60 M, SCr 1.2, race not mentioned: 175 × 1.2^−1.154 × 60^−0.203 = 175 × 0.81026 × 0.43555 = 61.759', () => {
    const result = expectComputed(runClean(calculator, { age: 60, sex: 'male', creatinine: 1.2 }));
    expect(result.value).toMatchObject({ value: expect.closeTo(61.7587, 3) });
    expect(result.assumptions).toContain('Race: not mentioned, assumed not Black');
  });

  it('50 F Black, SCr 1.0: 175 × 1 × 50^−0.203 × 0.742 × 1.212 = 175 × 0.45197 × 0.89930 = 71.130', () => {
    expect(
      valueOf(runClean(calculator, { age: 50, sex: 'female', creatinine: 1.0, race: 'black' })),
    ).toBeCloseTo(71.1301, 3);
  });

  it('benchmark row 143: 66 F, 1.6 mg/dL, Race "Black" -> 175 × 0.58136 × 0.42720 × 0.742 × 1.212 = 39.086', () => {
    const result = runEntities(calculator, {
      age: [66, 'years'],
      creatinine: [1.6, 'mg/dL'],
      sex: 'Female',
      Race: 'Black',
    });
    expect(valueOf(result)).toBeCloseTo(39.0861, 3);
    expect(expectComputed(result).assumptions).toEqual([]);
  });

  it('benchmark row 153: 43 M, 106 µmol/L (= 1.19907 mg/dL), Race "White" -> 66.139', () => {
    const result = runEntities(calculator, {
      age: [43, 'years'],
      creatinine: [106.0, 'µmol/L'],
      sex: 'Male',
      Race: 'White',
    });
    expect(valueOf(result)).toBeCloseTo(66.1388, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('race aliases: "African American" counts as Black, "Caucasian" does not', () => {
    const base = { age: [50, 'years'], creatinine: [1.0, 'mg/dL'], sex: 'Female' };
    expect(valueOf(runEntities(calculator, { ...base, Race: 'African American' }))).toBeCloseTo(71.1301, 3);
    // 175 × 0.45197 × 0.742 = 58.688
    expect(valueOf(runEntities(calculator, { ...base, Race: 'Caucasian' }))).toBeCloseTo(58.6882, 3);
  });

  it('calibration=original uses 186: 60 M, SCr 1.2 -> 186 × 0.81026 × 0.43555 = 65.641', () => {
    const result = runClean(
      calculator,
      { age: 60, sex: 'male', creatinine: 1.2 },
      { calibration: 'original' },
    );
    expect(valueOf(result)).toBeCloseTo(65.6407, 3);
  });

  it('missing age, sex or creatinine is not computable', () => {
    expectNotComputable(runClean(calculator, { sex: 'male' }), ['age', 'creatinine']);
    expectNotComputable(runClean(calculator, { age: 60, creatinine: 1 }), ['sex']);
  });

  const patients = fc.record({
    age: fc.integer({ min: 18, max: 100 }),
    sex: fc.constantFrom('male', 'female'),
    creatinine: fc.double({ min: 0.2, max: 15, noNaN: true }),
    race: fc.constantFrom('black', 'not-black'),
  });

  it('unit invariance: creatinine in mg/dL and µmol/L give the same GFR', () => {
    fc.assert(
      fc.property(patients, (patient) => {
        const conventional = valueOf(runClean(calculator, patient));
        const si = valueOf(
          runClean(calculator, {
            ...patient,
            creatinine: [patient.creatinine * MICROMOL_PER_MG_DL, 'µmol/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('GFR falls as creatinine or age rises; Black race raises it by exactly 21.2 %', () => {
    fc.assert(
      fc.property(patients, (patient) => {
        const base = valueOf(runClean(calculator, patient));
        expect(
          valueOf(runClean(calculator, { ...patient, creatinine: patient.creatinine * 1.05 })),
        ).toBeLessThan(base);
        expect(valueOf(runClean(calculator, { ...patient, age: patient.age + 1 }))).toBeLessThan(base);
        const black = valueOf(runClean(calculator, { ...patient, race: 'black' }));
        const notBlack = valueOf(runClean(calculator, { ...patient, race: 'not-black' }));
        expect(black / notBlack).toBeCloseTo(1.212, 12);
      }),
    );
  });
});
