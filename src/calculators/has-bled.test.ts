import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './has-bled.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = [
  'hypertension',
  'abnormalRenalFunction',
  'abnormalLiverFunction',
  'stroke',
  'bleeding',
  'labileInr',
  'drugs',
] as const;

describe('HAS-BLED', () => {
  it('60-year-old, 2 drinks a week, nothing else: 0', () => {
    expect(valueOf(runClean(calculator, { age: 60, alcoholDrinksPerWeek: 2 }))).toBe(0);
  });

  it('age boundary: 65 scores 0, 66 scores 1 (strictly above 65)', () => {
    expect(valueOf(runClean(calculator, { age: 65 }))).toBe(0);
    expect(valueOf(runClean(calculator, { age: 66 }))).toBe(1);
  });

  it('alcohol boundary: 7 drinks a week scores 0, 8 scores 1', () => {
    expect(valueOf(runClean(calculator, { age: 50, alcoholDrinksPerWeek: 7 }))).toBe(0);
    expect(valueOf(runClean(calculator, { age: 50, alcoholDrinksPerWeek: 8 }))).toBe(1);
  });

  it('72-year-old with hypertension, prior stroke and aspirin: 1 + 1 + 1 + 1 = 4', () => {
    const result = runClean(calculator, { age: 72, hypertension: true, stroke: true, drugs: true });
    expect(valueOf(result)).toBe(4);
  });

  it('every criterion: 7 flags + age 80 + 10 drinks = 9 (maximum)', () => {
    const inputs: Record<string, unknown> = { age: 80, alcoholDrinksPerWeek: 10 };
    for (const flag of FLAGS) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(9);
  });

  it('reads benchmark entities: HTN 1 + liver 1 + bleeding 1 + labile INR 1 + age 70 1 + 12 drinks 1 = 6', () => {
    const result = runEntities(calculator, {
      Stroke: false,
      'Hypertension history': true,
      age: [70, 'years'],
      'Medication usage predisposing to bleeding': false,
      'Liver disease criteria for the HAS-BLED rule': true,
      'Number of Alcoholic Drinks Per Week': 12,
      'Labile international normalized ratio': true,
      'Renal disease criteria for the HAS-BLED rule': false,
      'Prior major bleeding or predisposition to bleeding': true,
    });
    expect(valueOf(result)).toBe(6);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing age is not computable; missing criteria are assumed absent and recorded', () => {
    expectNotComputable(runClean(calculator, { stroke: true }), ['age']);
    const result = expectComputed(runClean(calculator, { age: 70 }));
    expect(valueOf(result)).toBe(1);
    expect(result.assumptions.some((text) => text.includes('Alcohol'))).toBe(true);
  });

  it('an implausible drink count is warned about, not corrected', () => {
    const result = expectComputed(runClean(calculator, { age: 50, alcoholDrinksPerWeek: -3 }));
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
  });

  it('stays within 0..9 and never decreases with a new finding, more age or more drinks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18, max: 100 }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.boolean(), { minLength: FLAGS.length, maxLength: FLAGS.length }),
        (age, drinks, values) => {
          const inputs: Record<string, unknown> = { age, alcoholDrinksPerWeek: drinks };
          FLAGS.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(9);
          for (const flag of FLAGS) {
            expect(valueOf(runClean(calculator, { ...inputs, [flag]: true }))).toBeGreaterThanOrEqual(score);
          }
          const older = runClean(calculator, { ...inputs, age: age + 5, alcoholDrinksPerWeek: drinks + 5 });
          expect(valueOf(older)).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
