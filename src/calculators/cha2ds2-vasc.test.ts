import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './cha2ds2-vasc.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('CHA2DS2-VASc', () => {
  it('64-year-old man with nothing else: 0 (age <65 gives 0)', () => {
    expect(valueOf(runClean(calculator, { age: 64, sex: 'male' }))).toBe(0);
  });

  it('age boundary 65 gives 1, 74 gives 1, 75 gives 2 (Lip 2010 age bands)', () => {
    expect(valueOf(runClean(calculator, { age: 65, sex: 'male' }))).toBe(1);
    expect(valueOf(runClean(calculator, { age: 74, sex: 'male' }))).toBe(1);
    expect(valueOf(runClean(calculator, { age: 75, sex: 'male' }))).toBe(2);
  });

  it('80-year-old woman, CHF, HTN, diabetes, stroke and TIA, vascular disease: 2+1+1+1+1+2+1 = 9 (maximum)', () => {
    const result = runClean(calculator, {
      age: 80,
      sex: 'female',
      congestiveHeartFailure: true,
      hypertension: true,
      diabetes: true,
      stroke: true,
      transientIschemicAttack: true,
      vascularDisease: true,
    });
    expect(valueOf(result)).toBe(9);
  });

  it('reads MedCalc-Bench entity keys, including the "Faliure" typo: 70 F + CHF = 1 + 1 + 1 = 3', () => {
    const result = runEntities(calculator, {
      age: [70, 'years'],
      sex: 'Female',
      'Congestive Heart Faliure': true,
      Stroke: false,
    });
    expect(valueOf(result)).toBe(3);
    expect(expectComputed(result).assumptions.some((text) => text.includes('Hypertension'))).toBe(true);
  });

  it('age in months converts to years: 900 months = 75 years -> 2', () => {
    expect(valueOf(runEntities(calculator, { age: [900, 'months'], sex: 'Male' }))).toBe(2);
  });

  it('female sex alone scores 1; thromboembolism alone 2; stroke + thromboembolism still 2 (one item)', () => {
    expect(valueOf(runClean(calculator, { age: 40, sex: 'female' }))).toBe(1);
    expect(valueOf(runClean(calculator, { age: 40, sex: 'male', thromboembolism: true }))).toBe(2);
    expect(valueOf(runClean(calculator, { age: 40, sex: 'male', stroke: true, thromboembolism: true }))).toBe(
      2,
    );
  });

  it('72-year-old man, HTN, diabetes, prior MI: age 1 + 1 + 1 + vascular 1 = 4', () => {
    const result = runEntities(calculator, {
      age: [72, 'years'],
      sex: 'Male',
      'Hypertension history': true,
      'Diabetes history': true,
      'Vascular disease history': true,
      'Congestive Heart Faliure': false,
      Stroke: false,
      'Thromboembolism history': false,
      'Transient Ischemic Attacks History': false,
    });
    expect(valueOf(result)).toBe(4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing sex or age is not computable', () => {
    expectNotComputable(runClean(calculator, { age: 70 }), ['sex']);
    expectNotComputable(runClean(calculator, { sex: 'female', stroke: true }), ['age']);
  });

  it('always lies in 0..9 and never decreases when a criterion is added', () => {
    const flags = [
      'congestiveHeartFailure',
      'hypertension',
      'diabetes',
      'stroke',
      'transientIschemicAttack',
      'thromboembolism',
      'vascularDisease',
    ];
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 0, max: 110 }),
          sex: fc.constantFrom('male', 'female'),
          values: fc.array(fc.boolean(), { minLength: flags.length, maxLength: flags.length }),
          flip: fc.integer({ min: 0, max: flags.length - 1 }),
        }),
        ({ age, sex, values, flip }) => {
          const inputs: Record<string, unknown> = { age, sex };
          flags.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(9);
          const more = valueOf(runClean(calculator, { ...inputs, [flags[flip]!]: true }));
          expect(more).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
