import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './perc.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = [
  'unilateralLegSwelling',
  'hemoptysis',
  'recentSurgeryOrTrauma',
  'previousPe',
  'hormoneUse',
] as const;
const CALM = { age: 30, heartRate: 80, oxygenSaturation: 98 };

describe('PERC rule', () => {
  it('30-year-old, HR 80, SaO₂ 98 %, nothing else: 0 criteria (PERC negative)', () => {
    const result = expectComputed(runClean(calculator, CALM));
    expect(valueOf(result)).toBe(0);
    expect(result.steps.some((step) => step.text.includes('PERC negative'))).toBe(true);
  });

  it('age boundary: 49 -> 0, 50 -> 1 (age ≥ 50)', () => {
    expect(valueOf(runClean(calculator, { ...CALM, age: 49 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...CALM, age: 50 }))).toBe(1);
  });

  it('heart-rate boundary: 99 -> 0, 100 -> 1 (HR ≥ 100)', () => {
    expect(valueOf(runClean(calculator, { ...CALM, heartRate: 99 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...CALM, heartRate: 100 }))).toBe(1);
  });

  it('saturation boundary: 95 % -> 0, 94 % -> 1 (SaO₂ < 95 %)', () => {
    expect(valueOf(runClean(calculator, { ...CALM, oxygenSaturation: 95 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...CALM, oxygenSaturation: 94 }))).toBe(1);
  });

  it('prior PE and prior DVT are one criterion: both -> 1', () => {
    expect(valueOf(runClean(calculator, { ...CALM, previousPe: true, previousDvt: true }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...CALM, previousDvt: true }))).toBe(1);
  });

  it('62-year-old, HR 112, SaO₂ 91 %, on oestrogen: 1 + 1 + 1 + 1 = 4', () => {
    expect(
      valueOf(runClean(calculator, { age: 62, heartRate: 112, oxygenSaturation: 91, hormoneUse: true })),
    ).toBe(4);
  });

  it('every criterion: 8 (maximum)', () => {
    const inputs: Record<string, unknown> = {
      age: 70,
      heartRate: 120,
      oxygenSaturation: 88,
      previousDvt: true,
    };
    for (const flag of FLAGS) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(8);
  });

  it('reads benchmark entities including the "O₂" key: age 55 1 + HR 104 1 + leg swelling 1 = 3', () => {
    const result = runEntities(calculator, {
      age: [55, 'years'],
      'Heart Rate or Pulse': [104, 'beats per minute'],
      'O₂ saturation percentage': [97, '%'],
      'Unilateral Leg Swelling': true,
      'Hormone use': false,
      'Recent surgery or trauma': false,
      'Previously Documented Pulmonary Embolism': false,
      Hemoptysis: false,
      'Previously documented Deep Vein Thrombosis': false,
    });
    expect(valueOf(result)).toBe(3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing age is not computable; missing vitals are assumed normal and recorded', () => {
    expectNotComputable(runClean(calculator, { heartRate: 120 }), ['age']);
    const result = expectComputed(runClean(calculator, { age: 40 }));
    expect(valueOf(result)).toBe(0);
    expect(result.assumptions.some((text) => text.includes('Heart rate'))).toBe(true);
    expect(result.assumptions.some((text) => text.includes('saturation'))).toBe(true);
  });

  it('stays within 0..8 and never decreases with older age, faster HR, lower SaO₂ or a new finding', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 18, max: 100 }),
          heartRate: fc.integer({ min: 40, max: 180 }),
          oxygenSaturation: fc.integer({ min: 70, max: 100 }),
        }),
        fc.array(fc.boolean(), { minLength: FLAGS.length, maxLength: FLAGS.length }),
        fc.constantFrom(...FLAGS),
        (vitals, values, flip) => {
          const inputs: Record<string, unknown> = { ...vitals };
          FLAGS.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(8);
          const worse = runClean(calculator, {
            ...inputs,
            [flip]: true,
            age: vitals.age + 5,
            heartRate: vitals.heartRate + 5,
            oxygenSaturation: vitals.oxygenSaturation - 3,
          });
          expect(valueOf(worse)).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
