import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './glasgow-blatchford.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

/** A man scoring 0 everywhere: BUN 10 mg/dL, Hb 15 g/dL, SBP 130, pulse 70, no history items. */
const baseline = {
  bun: 10,
  hemoglobin: 15,
  sex: 'male',
  systolic: 130,
  heartRate: 70,
  melena: false,
  syncope: false,
  hepaticDisease: false,
  cardiacFailure: false,
};
const score = (inputs: Record<string, unknown>, options: Record<string, string> = {}) =>
  valueOf(runClean(calculator, { ...baseline, ...inputs }, options));

describe('Glasgow-Blatchford bleeding score', () => {
  it('baseline man: 0', () => {
    expect(score({})).toBe(0);
  });

  it('woman, BUN 34 mg/dL (12.1 mmol/L: 4), Hb 13 (0), SBP 90 (2), pulse 80, melaena 1, cardiac failure 2 = 9', () => {
    const inputs = {
      bun: 34,
      hemoglobin: 13,
      sex: 'female',
      systolic: 90,
      heartRate: 80,
      melena: true,
      cardiacFailure: true,
    };
    expect(score(inputs)).toBe(9);
  });

  it('man, BUN 21 mg/dL (7.5 mmol/L: 2), Hb 14 (0), SBP 95 (2), pulse 110 (1), syncope 2, hepatic 2 = 9', () => {
    const inputs = {
      bun: 21,
      hemoglobin: 14,
      systolic: 95,
      heartRate: 110,
      syncope: true,
      hepaticDisease: true,
    };
    expect(score(inputs)).toBe(9);
  });

  it('maximum: BUN 80 (6) + Hb 8 (6) + SBP 80 (3) + pulse 120 (1) + 1 + 2 + 2 + 2 = 23', () => {
    const inputs = {
      bun: 80,
      hemoglobin: 8,
      systolic: 80,
      heartRate: 120,
      melena: true,
      syncope: true,
      hepaticDisease: true,
      cardiacFailure: true,
    };
    expect(score(inputs)).toBe(23);
  });

  it('BUN boundaries from the urea bands (1 mmol/L urea = 2.8014 mg/dL): 6.5 -> 18.209, 8 -> 22.411, 10 -> 28.014, 25 -> 70.035', () => {
    expect(score({ bun: 18.2 })).toBe(0); // 6.497 mmol/L
    expect(score({ bun: 18.21 })).toBe(2); // 6.500 mmol/L
    expect(score({ bun: 22.41 })).toBe(2); // 7.9996 mmol/L
    expect(score({ bun: 22.42 })).toBe(3);
    expect(score({ bun: 28.01 })).toBe(3); // 9.9986 mmol/L
    expect(score({ bun: 28.02 })).toBe(4);
    expect(score({ bun: 70.03 })).toBe(4); // 24.998 mmol/L
    expect(score({ bun: 70.04 })).toBe(6);
  });

  it('urea exactly on each band edge in mmol/L scores the upper band: 6.5 -> 2, 8 -> 3, 10 -> 4, 25 -> 6', () => {
    expect(score({ bun: [6.49, 'mmol/L'] })).toBe(0);
    expect(score({ bun: [6.5, 'mmol/L'] })).toBe(2);
    expect(score({ bun: [8, 'mmol/L'] })).toBe(3);
    expect(score({ bun: [10, 'mmol/L'] })).toBe(4);
    expect(score({ bun: [25, 'mmol/L'] })).toBe(6);
  });

  it('option bunCutoffs=mdcalc-rounded: 18.2 -> 2, 22.4 -> 3, 28 -> 4, 70 -> 4, 70.01 -> 6', () => {
    const mdcalc = { bunCutoffs: 'mdcalc-rounded' };
    expect(score({ bun: 18.19 }, mdcalc)).toBe(0);
    expect(score({ bun: 18.2 }, mdcalc)).toBe(2);
    expect(score({ bun: 22.4 }, mdcalc)).toBe(3);
    expect(score({ bun: 28 }, mdcalc)).toBe(4);
    expect(score({ bun: 70 }, mdcalc)).toBe(4);
    expect(score({ bun: 70.01 }, mdcalc)).toBe(6);
  });

  it('haemoglobin bands for men: 13 -> 0, 12.99 -> 1, 12 -> 1, 11.99 -> 3, 10 -> 3, 9.99 -> 6', () => {
    expect([13, 12.99, 12, 11.99, 10, 9.99].map((hemoglobin) => score({ hemoglobin }))).toEqual([
      0, 1, 1, 3, 3, 6,
    ]);
  });

  it('haemoglobin bands for women: 12 -> 0, 11.99 -> 1, 10 -> 1, 9.99 -> 6', () => {
    expect([12, 11.99, 10, 9.99].map((hemoglobin) => score({ hemoglobin, sex: 'female' }))).toEqual([
      0, 1, 1, 6,
    ]);
  });

  it('systolic bands: 110 -> 0, 109 -> 1, 100 -> 1, 99 -> 2, 90 -> 2, 89 -> 3; pulse 99 -> 0, 100 -> 1', () => {
    expect([110, 109, 100, 99, 90, 89].map((systolic) => score({ systolic }))).toEqual([0, 1, 1, 2, 2, 3]);
    expect(score({ heartRate: 99 })).toBe(0);
    expect(score({ heartRate: 100 })).toBe(1);
  });

  it('entities with BUN in mmol/L: 22 mmol/L urea (61.6 mg/dL: 4), woman Hb 12.0 (0), syncope 2, hepatic 2 = 8', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [96.0, 'beats per minute'],
      'Blood Urea Nitrogen (BUN)': [22.0, 'mmol/L'],
      sex: 'Female',
      Hemoglobin: [12.0, 'g/dL'],
      'Recent syncope': true,
      'Systolic Blood Pressure': [120.0, 'mm Hg'],
      'Hepatic disease history': true,
      'Melena present': false,
      'Cardiac failure present': false,
    });
    expect(valueOf(result)).toBe(8);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing history items score 0 with an assumption each', () => {
    const result = runClean(calculator, {
      bun: 10,
      hemoglobin: 15,
      sex: 'male',
      systolic: 130,
      heartRate: 70,
    });
    expect(valueOf(result)).toBe(0);
    const history = ['Melaena', 'Syncope', 'Hepatic disease', 'Cardiac failure'];
    for (const item of history) {
      expect(expectComputed(result).assumptions).toContain(`${item}: not mentioned, assumed absent`);
    }
  });

  it('sex is needed only when Hb is 10–< 13 g/dL', () => {
    expect(score({ sex: undefined, hemoglobin: 14 })).toBe(0);
    expect(score({ sex: undefined, hemoglobin: 9 })).toBe(6);
    expectNotComputable(runClean(calculator, { ...baseline, sex: undefined, hemoglobin: 12 }), ['sex']);
  });

  it('missing BUN, haemoglobin, SBP or pulse is not computable', () => {
    expectNotComputable(runClean(calculator, { sex: 'male' }), [
      'bun',
      'hemoglobin',
      'systolic',
      'heartRate',
    ]);
    expectNotComputable(runClean(calculator, { ...baseline, heartRate: undefined }), ['heartRate']);
  });

  it('unit invariance: BUN mg/dL vs urea mmol/L, Hb g/dL vs g/L', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 400 }).map((tenths) => tenths / 10),
        fc.integer({ min: 50, max: 180 }).map((gramsPerLitre) => gramsPerLitre),
        fc.constantFrom('male', 'female'),
        (ureaMmol, gramsPerLitre, sex) => {
          const mgDl = score({ bun: ureaMmol * 2.8014, hemoglobin: gramsPerLitre / 10, sex });
          const si = score({ bun: [ureaMmol, 'mmol/L'], hemoglobin: [gramsPerLitre, 'g/L'], sex });
          expect(si).toBe(mgDl);
        },
      ),
    );
  });

  it('always 0..23, and worse vitals or labs never lower the score', () => {
    fc.assert(
      fc.property(
        fc.record({
          bun: fc.double({ min: 2, max: 150, noNaN: true }),
          hemoglobin: fc.double({ min: 4, max: 20, noNaN: true }),
          sex: fc.constantFrom('male', 'female'),
          systolic: fc.double({ min: 60, max: 200, noNaN: true }),
          heartRate: fc.double({ min: 40, max: 160, noNaN: true }),
          melena: fc.boolean(),
          syncope: fc.boolean(),
          hepaticDisease: fc.boolean(),
          cardiacFailure: fc.boolean(),
        }),
        fc.double({ min: 0, max: 20, noNaN: true }),
        (inputs, delta) => {
          const value = score(inputs);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(23);
          const worse = score({
            ...inputs,
            bun: inputs.bun + delta,
            hemoglobin: Math.max(2, inputs.hemoglobin - delta / 4),
            systolic: inputs.systolic - delta,
            heartRate: inputs.heartRate + delta,
          });
          expect(worse).toBeGreaterThanOrEqual(value);
        },
      ),
    );
  });
});
