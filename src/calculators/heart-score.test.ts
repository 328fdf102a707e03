import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './heart-score.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const BASE = { history: 'slightly-suspicious', electrocardiogram: 'normal', age: 40, troponin: 'normal' };
const FACTORS = [
  'hypertension',
  'hypercholesterolemia',
  'diabetes',
  'obesity',
  'smoking',
  'familyHistory',
] as const;

describe('HEART score', () => {
  it('40-year-old, slightly suspicious, normal ECG and troponin, no risk factors: 0', () => {
    expect(valueOf(runClean(calculator, BASE))).toBe(0);
  });

  it('age bands: 44 -> 0, 45 -> 1, 64 -> 1, 65 -> 2', () => {
    expect(valueOf(runClean(calculator, { ...BASE, age: 44 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...BASE, age: 45 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...BASE, age: 64 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...BASE, age: 65 }))).toBe(2);
  });

  it('risk-factor bands: 0 factors 0, 1 factor 1, 2 factors 1, 3 factors 2', () => {
    expect(valueOf(runClean(calculator, { ...BASE, hypertension: true }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...BASE, hypertension: true, smoking: true }))).toBe(1);
    expect(
      valueOf(runClean(calculator, { ...BASE, hypertension: true, smoking: true, diabetes: true })),
    ).toBe(2);
  });

  it('known atherosclerotic disease scores 2 even with one other factor (the v1.0 code gave 1)', () => {
    expect(valueOf(runClean(calculator, { ...BASE, atheroscleroticDisease: true, smoking: true }))).toBe(2);
    expect(valueOf(runClean(calculator, { ...BASE, atheroscleroticDisease: true }))).toBe(2);
  });

  it('a prior TIA counts as known atherosclerotic disease (MDCalc definition): 2', () => {
    expect(valueOf(runClean(calculator, { ...BASE, transientIschemicAttack: true }))).toBe(2);
  });

  it('graded findings: highly suspicious 2 + ST deviation 2 + age 70 2 + 3 factors 2 + troponin > 3× 2 = 10 (maximum)', () => {
    const result = runClean(calculator, {
      history: 'highly-suspicious',
      electrocardiogram: 'significant-st-deviation',
      age: 70,
      troponin: 'more-than-three-times',
      hypertension: true,
      diabetes: true,
      obesity: true,
    });
    expect(valueOf(result)).toBe(10);
  });

  it('moderately suspicious 1 + repolarisation 1 + age 50 1 + 1 factor 1 + troponin 1–3× 1 = 5', () => {
    const result = runClean(calculator, {
      history: 'moderately-suspicious',
      electrocardiogram: 'non-specific-repolarization',
      age: 50,
      troponin: 'one-to-three-times',
      familyHistory: true,
    });
    expect(valueOf(result)).toBe(5);
  });

  it('reads benchmark entities and their enum strings: 1 + 0 + 2 (age 68) + 1 (HTN, smoking) + 2 (troponin) = 6', () => {
    const result = runEntities(calculator, {
      age: [68, 'years'],
      'Hypertension history': true,
      'Transient Ischemic Attacks History': false,
      'Suspicion History': 'Moderately suspicious',
      'Electrocardiogram Test': 'Normal',
      'Diabetes mellitus criteria for CCI rule': false,
      'parent or sibling with Cardiovascular disease before age 65': false,
      'atherosclerotic disease': false,
      hypercholesterolemia: false,
      obesity: false,
      smoking: true,
      'Initial troponin': 'greater than three times normal limit',
    });
    expect(valueOf(result)).toBe(6);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('every enum string seen in the benchmark is understood', () => {
    const histories = ['Slightly suspicious', 'Moderately suspicious', 'Highly suspicious'];
    const ecgs = ['Normal', 'Non-specific repolarization disturbance', 'Significant ST deviation'];
    const troponins = [
      'less than or equal to normal limit',
      'between the normal limit or up to three times the normal limit',
      'greater than three times normal limit',
    ];
    histories.forEach((history, index) => {
      const result = runEntities(calculator, {
        age: [30, 'years'],
        'Suspicion History': history,
        'Electrocardiogram Test': ecgs[index],
        'Initial troponin': troponins[index],
      });
      // history, ECG and troponin each score their index: 3 × index
      expect(valueOf(result)).toBe(3 * index);
    });
  });

  it('missing history, ECG or troponin is not computable; risk factors default to absent', () => {
    expectNotComputable(runClean(calculator, { age: 50 }), ['history', 'electrocardiogram', 'troponin']);
    expectNotComputable(runClean(calculator, { ...BASE, age: undefined }), ['age']);
    const result = expectComputed(runClean(calculator, BASE));
    expect(result.assumptions.some((text) => text.includes('Risk factors'))).toBe(true);
  });

  it('stays within 0..10 and never decreases when a risk factor is added or age rises', () => {
    fc.assert(
      fc.property(
        fc.record({
          history: fc.constantFrom('slightly-suspicious', 'moderately-suspicious', 'highly-suspicious'),
          electrocardiogram: fc.constantFrom(
            'normal',
            'non-specific-repolarization',
            'significant-st-deviation',
          ),
          troponin: fc.constantFrom('normal', 'one-to-three-times', 'more-than-three-times'),
          age: fc.integer({ min: 18, max: 100 }),
        }),
        fc.array(fc.boolean(), { minLength: FACTORS.length, maxLength: FACTORS.length }),
        fc.constantFrom(...FACTORS, 'atheroscleroticDisease'),
        (graded, values, flip) => {
          const inputs: Record<string, unknown> = { ...graded };
          FACTORS.forEach((factor, index) => (inputs[factor] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(10);
          expect(valueOf(runClean(calculator, { ...inputs, [flip]: true }))).toBeGreaterThanOrEqual(score);
          expect(valueOf(runClean(calculator, { ...inputs, age: graded.age + 10 }))).toBeGreaterThanOrEqual(
            score,
          );
        },
      ),
    );
  });
});
