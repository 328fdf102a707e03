import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './apache-ii.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

/** A 40-year-old with every physiology value in the 0-point band (MAP (120 + 160)/3 = 93.3). */
const normal = {
  age: 40,
  temperature: 37,
  systolic: 120,
  diastolic: 80,
  heartRate: 80,
  respiratoryRate: 16,
  fio2: 21,
  pao2: 90,
  ph: 7.4,
  sodium: 140,
  potassium: 4,
  creatinine: 1,
  acuteRenalFailure: false,
  hematocrit: 40,
  whiteCellCount: 8,
  glasgowComaScale: 15,
  severeOrganInsufficiency: false,
};

function score(changes: Record<string, unknown>): number {
  return valueOf(runClean(calculator, { ...normal, ...changes }));
}

/** [value, points] pairs read off Knaus 1985 Table 1 by hand, on both sides of every boundary. */
function expectPoints(input: string, pairs: [number, number][], extra: Record<string, unknown> = {}): void {
  for (const [value, points] of pairs) {
    expect({ [input]: value, points: score({ ...extra, [input]: value }) }).toEqual({
      [input]: value,
      points,
    });
  }
}

describe('APACHE II', () => {
  it('all-normal 40-year-old: 0', () => {
    expect(score({})).toBe(0);
  });

  it('worst case: ten variables ×4 = 40, creatinine 4 with ARF 2×4 = 8, GCS 3 = 12, age 80 = 6, non-operative 5 -> 71', () => {
    const result = runClean(calculator, {
      age: 80,
      temperature: 29,
      systolic: 40,
      diastolic: 30,
      heartRate: 200,
      respiratoryRate: 55,
      fio2: 100,
      aaGradient: 600,
      ph: 7.0,
      sodium: 100,
      potassium: 8,
      creatinine: 4,
      acuteRenalFailure: true,
      hematocrit: 15,
      whiteCellCount: 0.5,
      glasgowComaScale: 3,
      severeOrganInsufficiency: true,
      admissionType: 'nonoperative',
    });
    expect(valueOf(result)).toBe(71);
  });

  it('benchmark entities with "degrees celsisus" (34.9 °C, not °F): 2+3+3+1+1 = 10', () => {
    // HR 121 (110–139) 2; MAP (124 + 2×80)/3 = 94.7 0; T 34.9 (34–35.9) 1; RR 18 0; FiO₂ 55 % -> A–a 380 (350–499) 3;
    // pH 7.52 (7.5–7.59) 1; Na 138 0; K 5.45 (between 5.4 and 5.5 -> 0); creatinine 1.25 with ARF 2×0; Hct 36 0;
    // WBC 9200/µL = 9.2 0; GCS 12 -> 3; age 42 0; no chronic disease.
    const result = expectComputed(
      runEntities(calculator, {
        'Heart Rate or Pulse': [121.0, 'beats per minute'],
        Sodium: [138.0, 'mmol/L'],
        creatinine: [1.25, 'mg/dL'],
        'FiO₂': [55.0, '%'],
        'Systolic Blood Pressure': [124.0, 'mm Hg'],
        'Diastolic Blood Pressure': [80.0, 'mm Hg'],
        age: [42.0, 'years'],
        'Acute renal failure': true,
        Hematocrit: [36.0, '%'],
        'Glasgow Coma Score': 12.0,
        pH: 7.52,
        'White blood cell count': [9200.0, 'µL'],
        Potassium: [5.45, 'mEq/L'],
        Temperature: [34.9, 'degrees celsisus'],
        'respiratory rate': [18.0, 'breaths per minute'],
        'History of severe organ failure or immunocompromise': false,
        'A-a gradient': 380.0,
        'Chronic Renal Failure': 'Not mentinoed',
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 10 });
    expect(
      result.warnings.filter(
        ({ code }) => code === 'unknown-entity-ignored' || code === 'entity-value-ignored',
      ),
    ).toEqual([]);
  });

  it('benchmark "Surgery Type" with trailing space: "Nonoperative " +5, "Elective" +2', () => {
    const base = { age: [40, 'years'], 'History of severe organ failure or immunocompromise': true };
    expect(valueOf(runEntities(calculator, { ...base, 'Surgery Type': 'Nonoperative ' }))).toBe(5);
    expect(valueOf(runEntities(calculator, { ...base, 'Surgery Type': 'Nonoperative' }))).toBe(5);
    expect(valueOf(runEntities(calculator, { ...base, 'Surgery Type': 'Elective' }))).toBe(2);
  });

  it('chronic health: emergency post-op 5; no operation mentioned -> non-operative 5 (assumption); no history 0', () => {
    expect(score({ severeOrganInsufficiency: true, admissionType: 'emergency postoperative' })).toBe(5);
    const result = expectComputed(runClean(calculator, { ...normal, severeOrganInsufficiency: true }));
    expect(result.value).toEqual({ kind: 'number', value: 5 });
    expect(result.assumptions.some((text) => text.includes('non-operative'))).toBe(true);
    expect(score({ severeOrganInsufficiency: false, admissionType: 'elective postoperative' })).toBe(0);
  });

  it('chronic renal failure (boolean or enum) adds nothing by itself', () => {
    expect(valueOf(runEntities(calculator, { age: [40, 'years'], 'Chronic Renal Failure': true }))).toBe(0);
    expect(
      valueOf(runEntities(calculator, { age: [40, 'years'], 'Chronic Renal Failure': 'Not mentinoed' })),
    ).toBe(0);
  });

  it('age points through the calculator: 44 0, 45 2, 54 2, 55 3, 64 3, 65 5, 74 5, 75 6', () => {
    expectPoints('age', [
      [44, 0],
      [45, 2],
      [54, 2],
      [55, 3],
      [64, 3],
      [65, 5],
      [74, 5],
      [75, 6],
    ]);
  });

  it('MAP boundaries from SBP/DBP: 160 4, 159.7 3, 130 3, 110 2, 109.7 0, 70 0, 69.7 2, 50 2, 49.7 4', () => {
    const pairs: [number, number, number][] = [
      [180, 150, 4],
      [179, 150, 3],
      [150, 120, 3],
      [130, 100, 2],
      [129, 100, 0],
      [90, 60, 0],
      [89, 60, 2],
      [70, 40, 2],
      [69, 40, 4],
    ];
    for (const [systolic, diastolic, points] of pairs) expect(score({ systolic, diastolic })).toBe(points);
  });

  it('oxygenation: FiO₂ 50 % uses the A–a gradient (500 4, 499 3, 350 3, 349 2, 200 2, 199 0)', () => {
    expectPoints(
      'aaGradient',
      [
        [500, 4],
        [499, 3],
        [350, 3],
        [349, 2],
        [200, 2],
        [199, 0],
      ],
      { fio2: 50, pao2: 50 },
    );
  });

  it('oxygenation: FiO₂ 49 % uses PaO₂ (71 0, 70 1, 61 1, 60 3, 55 3, 54 4) and ignores the A–a gradient', () => {
    expectPoints(
      'pao2',
      [
        [71, 0],
        [70, 1],
        [61, 1],
        [60, 3],
        [55, 3],
        [54, 4],
      ],
      { fio2: 49, aaGradient: 600 },
    );
  });

  it('oxygenation: FiO₂ not mentioned is read as room air (PaO₂ 58 -> 3)', () => {
    const result = expectComputed(runClean(calculator, { ...normal, fio2: undefined, pao2: 58 }));
    expect(result.value).toEqual({ kind: 'number', value: 3 });
    expect(result.assumptions.some((text) => text.includes('FiO₂'))).toBe(true);
  });

  it('creatinine through the calculator, and doubled in acute renal failure (3.5 -> 2×4 = 8, 0.5 -> 2×2 = 4)', () => {
    expectPoints('creatinine', [
      [3.5, 4],
      [3.4, 3],
      [2, 3],
      [1.9, 2],
      [1.5, 2],
      [1.4, 0],
      [0.6, 0],
      [0.5, 2],
    ]);
    expectPoints(
      'creatinine',
      [
        [3.5, 8],
        [1.9, 4],
        [1.0, 0],
        [0.5, 4],
      ],
      { acuteRenalFailure: true },
    );
  });

  it('GCS scores 15 − GCS: 15 0, 14 1, 8 7, 3 12', () => {
    expectPoints('glasgowComaScale', [
      [15, 0],
      [14, 1],
      [8, 7],
      [3, 12],
    ]);
  });

  it('converted counts on a boundary stay on it: 15 000/µL = 15 ×10⁹/L -> 1, 3000/µL = 3 -> 0', () => {
    expect(score({ whiteCellCount: [15000, 'µL'] })).toBe(1);
    expect(score({ whiteCellCount: [3000, 'µL'] })).toBe(0);
  });

  it('missing physiology is scored normal with one assumption each; missing age is not computable', () => {
    const result = expectComputed(runClean(calculator, { age: 50 }));
    expect(result.value).toEqual({ kind: 'number', value: 2 });
    expect(result.assumptions.length).toBeGreaterThanOrEqual(12);
    expectNotComputable(runClean(calculator, { temperature: 37 }), ['age']);
  });

  it('stays within 0..71, and worse GCS, older age, ARF and chronic disease never lower it', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 16, max: 100 }),
          temperature: fc.double({ min: 26, max: 44, noNaN: true }),
          heartRate: fc.integer({ min: 20, max: 250 }),
          respiratoryRate: fc.integer({ min: 2, max: 70 }),
          fio2: fc.integer({ min: 21, max: 100 }),
          aaGradient: fc.integer({ min: 0, max: 650 }),
          pao2: fc.integer({ min: 30, max: 500 }),
          ph: fc.double({ min: 6.8, max: 7.9, noNaN: true }),
          sodium: fc.integer({ min: 100, max: 190 }),
          creatinine: fc.double({ min: 0.2, max: 15, noNaN: true }),
          acuteRenalFailure: fc.boolean(),
          glasgowComaScale: fc.integer({ min: 3, max: 15 }),
          severeOrganInsufficiency: fc.boolean(),
        }),
        (inputs) => {
          const value = valueOf(runClean(calculator, inputs));
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(71);
          expect(valueOf(runClean(calculator, { ...inputs, glasgowComaScale: 3 }))).toBeGreaterThanOrEqual(
            value,
          );
          expect(valueOf(runClean(calculator, { ...inputs, age: inputs.age + 10 }))).toBeGreaterThanOrEqual(
            value,
          );
          expect(
            valueOf(runClean(calculator, { ...inputs, acuteRenalFailure: true })),
          ).toBeGreaterThanOrEqual(value);
          expect(
            valueOf(runClean(calculator, { ...inputs, severeOrganInsufficiency: true })),
          ).toBeGreaterThanOrEqual(value);
        },
      ),
    );
  });

  it('unit invariance: °C vs °F, creatinine mg/dL vs µmol/L, WBC ×10⁹/L vs per µL', () => {
    // Values sit half a step between table boundaries so conversion round-off cannot move a row.
    fc.assert(
      fc.property(
        fc.record({
          temperature: fc.integer({ min: 280, max: 430 }).map((tenths) => tenths / 10 + 0.05),
          creatinine: fc.integer({ min: 2, max: 80 }).map((tenths) => tenths / 10 + 0.05),
          whiteCellCount: fc.integer({ min: 2, max: 450 }).map((tenths) => tenths / 10 + 0.05),
        }),
        ({ temperature, creatinine, whiteCellCount }) => {
          const inCanonical = score({ temperature, creatinine, whiteCellCount });
          const converted = score({
            temperature: [(temperature * 9) / 5 + 32, 'degrees fahrenheit'],
            creatinine: [creatinine * 88.42, 'µmol/L'],
            whiteCellCount: [whiteCellCount * 1000, 'µL'],
          });
          expect(converted).toBe(inCanonical);
        },
      ),
    );
  });
});
