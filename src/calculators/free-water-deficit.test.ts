import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './free-water-deficit.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const KG_PER_POUND = 0.45359237;

describe('Free water deficit', () => {
  it('adult man 40 y, 70 kg, Na 160: 0.6 × 70 × (160/140 − 1) = 42 × 0.142857 = 6.0 L', () => {
    expect(valueOf(runClean(calculator, { age: 40, sex: 'male', weight: 70, sodium: 160 }))).toBeCloseTo(
      6,
      9,
    );
  });

  it('elderly woman 70 y, 60 kg, Na 150: 0.45 × 60 × (10/140) = 27 × 0.0714286 = 1.92857 L', () => {
    expect(valueOf(runClean(calculator, { age: 70, sex: 'female', weight: 60, sodium: 150 }))).toBeCloseTo(
      1.928571,
      6,
    );
  });

  it('adult woman 30 y, 50 kg, Na 168: 0.5 × 50 × 0.2 = 5.0 L', () => {
    expect(valueOf(runClean(calculator, { age: 30, sex: 'female', weight: 50, sodium: 168 }))).toBeCloseTo(
      5,
      9,
    );
  });

  it('child 10 y girl, 30 kg, Na 154: 0.6 × 30 × 0.1 = 1.8 L (children use 0.6 whatever the sex)', () => {
    expect(valueOf(runClean(calculator, { age: 10, sex: 'female', weight: 30, sodium: 154 }))).toBeCloseTo(
      1.8,
      9,
    );
  });

  it('age boundary 65: man 64 y -> 0.6 × 80 × 0.05 = 2.4 L; 65 y -> 0.5 × 80 × 0.05 = 2.0 L', () => {
    expect(valueOf(runClean(calculator, { age: 64, sex: 'male', weight: 80, sodium: 147 }))).toBeCloseTo(
      2.4,
      9,
    );
    expect(valueOf(runClean(calculator, { age: 65, sex: 'male', weight: 80, sodium: 147 }))).toBeCloseTo(
      2.0,
      9,
    );
  });

  it('age boundary 18: woman 17 y -> 0.6 × 50 × 0.1 = 3.0 L; 18 y -> 0.5 × 50 × 0.1 = 2.5 L', () => {
    expect(valueOf(runClean(calculator, { age: 17, sex: 'female', weight: 50, sodium: 154 }))).toBeCloseTo(
      3,
      9,
    );
    expect(valueOf(runClean(calculator, { age: 18, sex: 'female', weight: 50, sodium: 154 }))).toBeCloseTo(
      2.5,
      9,
    );
  });

  it('Na exactly 140 gives 0; hyponatraemia is negative and warned: 0.6 × 70 × (130/140 − 1) = −3.0 L', () => {
    expect(valueOf(runClean(calculator, { age: 40, sex: 'male', weight: 70, sodium: 140 }))).toBe(0);
    const result = expectComputed(runClean(calculator, { age: 40, sex: 'male', weight: 70, sodium: 130 }));
    expect(result.value).toMatchObject({ value: expect.closeTo(-3, 9) });
    expect(result.warnings).toContainEqual({
      code: 'formula-does-not-apply',
      text: expect.stringContaining('excess'),
    });
  });

  it('benchmark row 467 (lbs): 23 M, 142 lb = 64.410 kg, Na 137 mmol/L -> 0.6 × 64.410 × (137/140 − 1) = −0.8281 L', () => {
    const result = runEntities(calculator, {
      age: [23, 'years'],
      weight: [142.0, 'lbs'],
      sex: 'Male',
      Sodium: [137.0, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(-0.828131, 5);
  });

  it('benchmark row 473 (age in months): 17 months = child, 2 kg, Na 129 -> 0.6 × 2 × (129/140 − 1) = −0.094286 L', () => {
    const result = runEntities(calculator, {
      age: [17, 'months'],
      weight: [2.0, 'kg'],
      sex: 'Female',
      Sodium: [129.0, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(-0.0942857, 6);
  });

  it('warns about an adult weight under 30 kg (benchmark row 481: 51-year-old, 8 kg)', () => {
    const result = expectComputed(
      runEntities(calculator, {
        sex: 'Male',
        age: [51, 'years'],
        weight: [8.0, 'kg'],
        Sodium: [124.0, 'mmol/L'],
      }),
    );
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible for an adult'),
    });
  });

  it('missing sex or weight is not computable', () => {
    expectNotComputable(runClean(calculator, { age: 40, sodium: 150 }), ['sex', 'weight']);
  });

  const patients = fc.record({
    age: fc.integer({ min: 0, max: 100 }),
    sex: fc.constantFrom('male', 'female'),
    weight: fc.double({ min: 30, max: 200, noNaN: true }),
    sodium: fc.double({ min: 141, max: 190, noNaN: true }),
  });

  it('unit invariance: weight in lb and sodium in mEq/L give the same deficit', () => {
    fc.assert(
      fc.property(patients, (patient) => {
        const metric = valueOf(runClean(calculator, patient));
        const other = valueOf(
          runClean(calculator, {
            ...patient,
            weight: [patient.weight / KG_PER_POUND, 'lbs'],
            sodium: [patient.sodium, 'mEq/L'],
          }),
        );
        expect(Math.abs(other - metric)).toBeLessThanOrEqual(1e-9 * Math.abs(metric));
      }),
    );
  });

  it('in hypernatraemia the deficit is positive, rises with sodium and weight, and is at most 0.6 × weight × (Na/140 − 1)', () => {
    fc.assert(
      fc.property(patients, (patient) => {
        const base = valueOf(runClean(calculator, patient));
        expect(base).toBeGreaterThan(0);
        expect(base).toBeLessThanOrEqual(0.6 * patient.weight * (patient.sodium / 140 - 1) + 1e-12);
        expect(valueOf(runClean(calculator, { ...patient, sodium: patient.sodium + 1 }))).toBeGreaterThan(
          base,
        );
        expect(valueOf(runClean(calculator, { ...patient, weight: patient.weight + 1 }))).toBeGreaterThan(
          base,
        );
      }),
    );
  });
});
