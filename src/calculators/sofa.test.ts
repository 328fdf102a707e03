import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './sofa.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

/** Every organ normal: P/F 95/0.21 = 452, MAP (120 + 160)/3 = 93.3, no drugs. */
const normal = {
  pao2: 95,
  fio2: 21,
  mechanicalVentilation: false,
  cpap: false,
  platelets: 250,
  bilirubin: 0.8,
  systolic: 120,
  diastolic: 80,
  dopamine: 0,
  dobutamine: 0,
  epinephrine: 0,
  norepinephrine: 0,
  glasgowComaScale: 15,
  creatinine: 0.9,
  urineOutput: 1500,
};

function score(changes: Record<string, unknown>): number {
  return valueOf(runClean(calculator, { ...normal, ...changes }));
}

/** "value:points" pairs worked by hand from Vincent 1996, on both sides of every boundary. */
function expectPoints(input: string, pairs: string, extra: Record<string, unknown> = {}): void {
  for (const pair of pairs.split(' ')) {
    const [value, points] = pair.split(':').map(Number);
    expect(`${value}:${score({ ...extra, [input]: value })}`).toBe(`${value}:${points}`);
  }
}

describe('SOFA', () => {
  it('all organs normal: 0', () => {
    expect(score({})).toBe(0);
  });

  it('P/F 90/0.5 = 180 on CPAP 3 + platelets 120 1 + bilirubin 2.5 2 + dopamine 7 3 + GCS 11 2 + Cr 1.8 1 = 12', () => {
    const changes = { pao2: 90, fio2: 50, cpap: true, platelets: 120, bilirubin: 2.5, dopamine: 7 };
    expect(score({ ...changes, glasgowComaScale: 11, creatinine: 1.8, urineOutput: 800 })).toBe(12);
  });

  it('maximum: P/F 60 ventilated 4 + platelets 10 4 + bilirubin 15 4 + norepinephrine 0.2 4 + GCS 3 4 + Cr 6 4 = 24', () => {
    const changes = { pao2: 60, fio2: 100, mechanicalVentilation: true, platelets: 10, bilirubin: 15 };
    expect(score({ ...changes, norepinephrine: 0.2, glasgowComaScale: 3, creatinine: 6 })).toBe(24);
  });

  it('FiO₂ in % is divided by 100: PaO₂ 80 on 40 % -> P/F 200 -> 2 (not 80/40 = 2 -> 4)', () => {
    expect(score({ pao2: 80, fio2: 40, mechanicalVentilation: true })).toBe(2);
  });

  it('respiration boundaries with support (FiO₂ 100 %, so P/F = PaO₂)', () => {
    expectPoints('pao2', '400:0 399:1 300:1 299:2 200:2 199:3 100:3 99:4', {
      fio2: 100,
      mechanicalVentilation: true,
    });
  });

  it('respiration without ventilation or CPAP stops at 2 (P/F 99 -> 2)', () => {
    expectPoints('pao2', '199:2 99:2 50:2', { fio2: 100 });
  });

  it('coagulation boundaries (platelets ×10⁹/L)', () => {
    expectPoints('platelets', '150:0 149:1 100:1 99:2 50:2 49:3 20:3 19:4');
  });

  it('liver boundaries (bilirubin mg/dL)', () => {
    expectPoints('bilirubin', '1.1:0 1.2:1 1.9:1 2:2 5.9:2 6:3 11.9:3 12:4');
  });

  it('cardiovascular: MAP 70 (90/60) 0, MAP 69.7 (89/60) 1', () => {
    expect(score({ systolic: 90, diastolic: 60 })).toBe(0);
    expect(score({ systolic: 89, diastolic: 60 })).toBe(1);
  });

  it('cardiovascular drug tiers: dopamine 5 2, 5.1 3, 15 3, 15.1 4; dobutamine any 2', () => {
    expectPoints('dopamine', '1:2 5:2 5.1:3 15:3 15.1:4');
    expectPoints('dobutamine', '1:2 20:2');
  });

  it('cardiovascular drug tiers: epinephrine and norepinephrine 0.1 -> 3, 0.11 -> 4', () => {
    expectPoints('epinephrine', '0.01:3 0.1:3 0.11:4');
    expectPoints('norepinephrine', '0.01:3 0.1:3 0.11:4');
  });

  it('"Hypotension" counts only when MAP cannot be computed; a contradiction is warned about', () => {
    expect(score({ systolic: undefined, hypotension: true })).toBe(1);
    expect(score({ systolic: undefined, hypotension: false })).toBe(0);
    const result = expectComputed(runClean(calculator, { ...normal, hypotension: true }));
    expect(result.value).toEqual({ kind: 'number', value: 0 });
    expect(result.warnings).toContainEqual({
      code: 'inputs-contradict',
      text: expect.stringContaining('Hypotension'),
    });
  });

  it('CNS boundaries (GCS)', () => {
    expectPoints('glasgowComaScale', '15:0 14:1 13:1 12:2 10:2 9:3 6:3 5:4 3:4');
  });

  it('renal boundaries: creatinine mg/dL and urine output mL/day', () => {
    expectPoints('creatinine', '1.1:0 1.2:1 1.9:1 2:2 3.4:2 3.5:3 4.9:3 5:4');
    expectPoints('urineOutput', '500:0 499:3 200:3 199:4');
  });

  it('renal takes the worse of creatinine and urine output: Cr 1.3 (1) with 150 mL/day (4) -> 4; Cr 5.5 (4) with 900 (0) -> 4', () => {
    expect(score({ creatinine: 1.3, urineOutput: 150 })).toBe(4);
    expect(score({ creatinine: 5.5, urineOutput: 900 })).toBe(4);
  });

  it('benchmark entities: typos "Continous", "mc/kg/min", creatinine and bilirubin in µmol/L, platelets per µL', () => {
    // P/F 70/0.6 = 116.7 on CPAP 3; platelets 95 000/µL = 95 2; bilirubin 35 µmol/L = 2.05 mg/dL 2;
    // norepinephrine 0.05 3; GCS 14 1; creatinine 180 µmol/L = 2.04 mg/dL 2; urine 600 0. Total 13.
    const result = expectComputed(
      runEntities(calculator, {
        'FiO₂': [60.0, '%'],
        'Partial pressure of oxygen (PaO₂) for Apache II': [70.0, 'mm Hg'],
        'On mechanical ventilation': false,
        'Continous positive airway pressure': true,
        'Platelet count': [95000.0, 'µL'],
        Bilirubin: [35.0, 'µmol/L'],
        norEPINEPHrine: [0.05, 'mc/kg/min'],
        DOPamine: [0.0, 'mcg/kg/min'],
        'Glasgow Coma Score': 14.0,
        creatinine: [180.0, 'µmol/L'],
        'Urine Output': [600, 'mL/day'],
        'Continuous veno-venous hemodialysis for ≥24 hours in the past week': true,
        Hypotension: false,
        'Systolic Blood Pressure': [118.0, 'mm Hg'],
        'Diastolic Blood Pressure': [64.0, 'mm Hg'],
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 13 });
    expect(
      result.warnings.filter(
        ({ code }) => code === 'unknown-entity-ignored' || code === 'entity-value-ignored',
      ),
    ).toEqual([]);
  });

  it('µmol/L creatinine is scored on the mg/dL bands: 171 µmol/L = 1.93 mg/dL -> 1, 177 µmol/L = 2.002 -> 2', () => {
    expect(score({ creatinine: [171, 'µmol/L'] })).toBe(1);
    expect(score({ creatinine: [177, 'µmol/L'] })).toBe(2);
  });

  it('150 000 platelets per µL sits exactly on the 150 boundary despite conversion round-off -> 0', () => {
    expect(valueOf(runEntities(calculator, { 'Platelet count': [150000.0, 'µL'] }))).toBe(0);
  });

  it('nothing mentioned: 0, each organ recorded as an assumption', () => {
    const result = expectComputed(runClean(calculator, {}));
    expect(result.value).toEqual({ kind: 'number', value: 0 });
    expect(result.assumptions.length).toBeGreaterThanOrEqual(6);
  });

  it('stays within 0..24; more norepinephrine, fewer platelets and lower GCS never lower it', () => {
    fc.assert(
      fc.property(
        fc.record({
          pao2: fc.integer({ min: 30, max: 500 }),
          fio2: fc.integer({ min: 21, max: 100 }),
          mechanicalVentilation: fc.boolean(),
          platelets: fc.integer({ min: 5, max: 500 }),
          bilirubin: fc.double({ min: 0.2, max: 30, noNaN: true }),
          dopamine: fc.double({ min: 0, max: 25, noNaN: true }),
          norepinephrine: fc.double({ min: 0, max: 1, noNaN: true }),
          glasgowComaScale: fc.integer({ min: 3, max: 15 }),
          creatinine: fc.double({ min: 0.3, max: 10, noNaN: true }),
          urineOutput: fc.integer({ min: 0, max: 4000 }),
        }),
        (inputs) => {
          const value = score(inputs);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(24);
          expect(score({ ...inputs, norepinephrine: inputs.norepinephrine + 0.2 })).toBeGreaterThanOrEqual(
            value,
          );
          expect(score({ ...inputs, platelets: inputs.platelets / 2 })).toBeGreaterThanOrEqual(value);
          expect(score({ ...inputs, glasgowComaScale: 3 })).toBeGreaterThanOrEqual(value);
        },
      ),
    );
  });

  it('unit invariance: creatinine and bilirubin in µmol/L, platelets per µL', () => {
    fc.assert(
      fc.property(
        fc.record({
          creatinine: fc.integer({ min: 3, max: 80 }).map((tenths) => tenths / 10 + 0.05),
          bilirubin: fc.integer({ min: 3, max: 200 }).map((tenths) => tenths / 10 + 0.05),
          platelets: fc.integer({ min: 2, max: 400 }).map((whole) => whole + 0.5),
        }),
        ({ creatinine, bilirubin, platelets }) => {
          const converted = score({
            creatinine: [creatinine * 88.42, 'µmol/L'],
            bilirubin: [bilirubin * 17.104, 'µmol/L'],
            platelets: [platelets * 1000, 'µL'],
          });
          expect(converted).toBe(score({ creatinine, bilirubin, platelets }));
        },
      ),
    );
  });
});
