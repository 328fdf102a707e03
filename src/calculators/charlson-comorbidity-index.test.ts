import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './charlson-comorbidity-index.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const BOOLEAN_ITEMS = [
  'myocardialInfarction',
  'congestiveHeartFailure',
  'peripheralVascularDisease',
  'cerebrovascularAccident',
  'transientIschemicAttack',
  'dementia',
  'copd',
  'connectiveTissueDisease',
  'pepticUlcerDisease',
  'hemiplegia',
  'leukemia',
  'lymphoma',
  'aids',
];
const score = (inputs: Record<string, unknown>) => valueOf(runClean(calculator, inputs));

describe('Charlson Comorbidity Index', () => {
  it('45-year-old with nothing: 0', () => {
    expect(score({ age: 45 })).toBe(0);
  });

  it('age bands: 49 -> 0, 50 -> 1, 59 -> 1, 60 -> 2, 69 -> 2, 70 -> 3, 79 -> 3, 80 -> 4', () => {
    expect([49, 50, 59, 60, 69, 70, 79, 80].map((age) => score({ age }))).toEqual([0, 1, 1, 2, 2, 3, 3, 4]);
  });

  it('single weights: each 1-point item 1, hemiplegia/leukaemia/lymphoma 2, AIDS 6', () => {
    const expected: Record<string, number> = { hemiplegia: 2, leukemia: 2, lymphoma: 2, aids: 6 };
    for (const item of BOOLEAN_ITEMS) expect(score({ age: 40, [item]: true })).toBe(expected[item] ?? 1);
  });

  it('CVA and TIA together count once: 1', () => {
    expect(score({ age: 40, cerebrovascularAccident: true, transientIschemicAttack: true })).toBe(1);
  });

  it('graded items: liver mild 1 / moderate-to-severe 3; diabetes none 0 / uncomplicated 1 / end-organ 2; tumour 2 / 6', () => {
    expect(score({ age: 40, liverDisease: 'mild' })).toBe(1);
    expect(score({ age: 40, liverDisease: 'moderate-to-severe' })).toBe(3);
    expect(score({ age: 40, diabetes: 'none' })).toBe(0);
    expect(score({ age: 40, diabetes: 'uncomplicated' })).toBe(1);
    expect(score({ age: 40, diabetes: 'end-organ-damage' })).toBe(2);
    expect(score({ age: 40, solidTumor: 'localized' })).toBe(2);
    expect(score({ age: 40, solidTumor: 'metastatic' })).toBe(6);
    expect(score({ age: 40, chronicKidneyDisease: 'moderate-to-severe' })).toBe(2);
  });

  it('row-like case: age 75 (3) + metastatic 6 + CTD 1 + dementia 1 + MI 1 + mild liver 1 + CHF 1 + PVD 1 = 15', () => {
    const result = runEntities(calculator, {
      'Transient Ischemic Attacks History': false,
      'Solid tumor': 'Metastatic',
      'Connective tissue disease': true,
      Dementia: true,
      age: [75.0, 'years'],
      'Myocardial infarction': true,
      'Peptic ulcer disease': false,
      'Liver disease severity': 'Mild',
      'Congestive Heart Faliure': true,
      'Peripheral vascular disease': true,
      'Moderate to severe Chronic Kidney Disease': false,
      'Cerebrovascular Accident': false,
    });
    expect(valueOf(result)).toBe(15);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark strings: 55 y (1) + "Localized" 2 + CHF 1 + COPD 1 + CKD "Severe" 2 + "End-organ damage" 2 = 9', () => {
    const result = runEntities(calculator, {
      'Solid tumor': 'Localized',
      age: [55.0, 'years'],
      'Congestive Heart Faliure': true,
      'Chronic Obstructive Pulmonary Disease': true,
      'Moderate to severe Chronic Kidney Disease': 'Severe',
      'Diabetes mellitus criteria for CCI rule': 'End-organ damage',
    });
    expect(valueOf(result)).toBe(9);
  });

  it('"None or Diet-controlled" scores 0 and "Moderate to Severe" liver scores 3: 68 y (2) + 3 = 5', () => {
    const result = runEntities(calculator, {
      age: [68, 'years'],
      'Diabetes mellitus criteria for CCI rule': 'None or Diet-controlled',
      'Liver disease severity': 'Moderate to Severe',
    });
    expect(valueOf(result)).toBe(5);
  });

  it('boolean CKD true = 2; boolean solid tumour true = localized 2 with an assumption: 60 y (2) + 2 + 2 = 6', () => {
    const result = runEntities(calculator, {
      age: [60, 'years'],
      'Moderate to severe Chronic Kidney Disease': true,
      'Solid tumor': true,
    });
    expect(valueOf(result)).toBe(6);
    expect(expectComputed(result).assumptions.some((text) => text.includes('not staged'))).toBe(true);
  });

  it('every graded value seen in the benchmark is understood', () => {
    for (const text of ['Moderate to Severe', 'Mild', 'Moderate', 'Severe']) {
      expect(runEntities(calculator, { age: [40, 'years'], 'Liver disease severity': text }).status).toBe(
        'computed',
      );
    }
    for (const text of [
      'End-organ damage',
      'Uncomplicated',
      'None or diet-controlled',
      'None or Diet-controlled',
    ]) {
      const result = runEntities(calculator, {
        age: [40, 'years'],
        'Diabetes mellitus criteria for CCI rule': text,
      });
      expect(result.status).toBe('computed');
    }
  });

  it('everything present at 80: 4 + 7 + 1 + 3 + 2 + 2 + 2 + 6 + 2 + 2 + 6 = 37 (maximum)', () => {
    const inputs: Record<string, unknown> = {
      age: 85,
      liverDisease: 'moderate-to-severe',
      diabetes: 'end-organ-damage',
      chronicKidneyDisease: 'moderate-to-severe',
      solidTumor: 'metastatic',
    };
    for (const item of BOOLEAN_ITEMS) inputs[item] = true;
    expect(score(inputs)).toBe(37);
  });

  it('missing age is not computable', () => {
    expectNotComputable(runClean(calculator, { dementia: true }), ['age']);
  });

  it('always 0..37; adding a condition or a year of age never lowers the index', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.double({ min: 18, max: 105, noNaN: true }),
          flags: fc.array(fc.boolean(), { minLength: BOOLEAN_ITEMS.length, maxLength: BOOLEAN_ITEMS.length }),
          liverDisease: fc.constantFrom('none', 'mild', 'moderate-to-severe'),
          diabetes: fc.constantFrom('none', 'uncomplicated', 'end-organ-damage'),
          solidTumor: fc.constantFrom('none', 'localized', 'metastatic', 'unspecified'),
        }),
        fc.integer({ min: 0, max: BOOLEAN_ITEMS.length - 1 }),
        ({ flags, ...graded }, flip) => {
          const inputs: Record<string, unknown> = { ...graded };
          BOOLEAN_ITEMS.forEach((item, index) => (inputs[item] = flags[index]));
          const value = score(inputs);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(37);
          expect(score({ ...inputs, [BOOLEAN_ITEMS[flip]!]: true })).toBeGreaterThanOrEqual(value);
          expect(score({ ...inputs, age: graded.age + 1 })).toBeGreaterThanOrEqual(value);
        },
      ),
    );
  });
});
