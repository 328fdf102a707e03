import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './sirs.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

const normal = { temperature: 37, heartRate: 80, respiratoryRate: 14, whiteCellCount: 8 };

describe('SIRS criteria', () => {
  it('afebrile, HR 80, RR 14, WBC 8: no criterion met = 0', () => {
    expect(valueOf(runClean(calculator, normal))).toBe(0);
  });

  it('39.5 °C (>38) + HR 116 (>90) + RR 22 (>20) + WBC 7 (normal) = 1+1+1+0 = 3', () => {
    expect(
      valueOf(
        runClean(calculator, { temperature: 39.5, heartRate: 116, respiratoryRate: 22, whiteCellCount: 7 }),
      ),
    ).toBe(3);
  });

  it('35.5 °C (<36) + HR 120 + PaCO₂ 28 with RR 18 + WBC 2.1 (<4) = 4 (maximum)', () => {
    const result = runClean(calculator, {
      temperature: 35.5,
      heartRate: 120,
      respiratoryRate: 18,
      paco2: 28,
      whiteCellCount: 2.1,
    });
    expect(valueOf(result)).toBe(4);
  });

  it('temperature boundaries: 38.0 and 36.0 do not count; 38.1 and 35.9 do', () => {
    expect(valueOf(runClean(calculator, { ...normal, temperature: 38 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, temperature: 36 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, temperature: 38.1 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...normal, temperature: 35.9 }))).toBe(1);
  });

  it('heart-rate boundary: 90 does not count, 91 does (Bone 1992: >90)', () => {
    expect(valueOf(runClean(calculator, { ...normal, heartRate: 90 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, heartRate: 91 }))).toBe(1);
  });

  it('respiration boundaries: RR 20 no, 21 yes; PaCO₂ 32 no, 31.9 yes; both abnormal still one criterion', () => {
    expect(valueOf(runClean(calculator, { ...normal, respiratoryRate: 20 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, respiratoryRate: 21 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...normal, paco2: 32 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, paco2: 31.9 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...normal, respiratoryRate: 30, paco2: 25 }))).toBe(1);
  });

  it('white-cell boundaries: 12 and 4 do not count, 12.1 and 3.9 do; bands 10 % no, 11 % yes', () => {
    expect(valueOf(runClean(calculator, { ...normal, whiteCellCount: 12 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, whiteCellCount: 4 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, whiteCellCount: 12.1 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...normal, whiteCellCount: 3.9 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...normal, bands: 10 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...normal, bands: 11 }))).toBe(1);
  });

  it('benchmark entities: 37.6 °C, HR 124, RR 19, WBC 4300/µL (= 4.3 ×10⁹/L, normal) -> 1', () => {
    const result = runEntities(calculator, {
      Temperature: [37.6, 'degrees celsius'],
      'Heart Rate or Pulse': [124.0, 'beats per minute'],
      'respiratory rate': [19.0, 'breaths per minute'],
      'White blood cell count': [4300.0, 'µL'],
    });
    expect(valueOf(result)).toBe(1);
  });

  it('benchmark typos: 99.5 "degrees fahreinheit" (37.5 °C), "bpm", WBC 13900 "m^3" (per mm³, >12) -> 1', () => {
    const result = expectComputed(
      runEntities(calculator, {
        Temperature: [99.5, 'degrees fahreinheit'],
        'Heart Rate or Pulse': [84.0, 'bpm'],
        'respiratory rate': [15.0, 'breaths per minute'],
        'White blood cell count': [13900.0, 'm^3'],
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 1 });
    expect(result.warnings).toContainEqual({
      code: 'unit-typo-read-as-meant',
      text: expect.stringContaining('per mm³'),
    });
    expect(result.warnings.some(({ code }) => code === 'unknown-entity-ignored')).toBe(false);
  });

  it('PaCO₂ entity in "mm hg": RR 23 and PaCO₂ 30 count once; 38.9 °C; HR 104; WBC 6100/mm³ normal -> 3', () => {
    const result = runEntities(calculator, {
      Temperature: [38.9, 'degrees celsius'],
      'Heart Rate or Pulse': [104.0, 'beats per minute'],
      'PaCO₂': [30.0, 'mm hg'],
      'respiratory rate': [23.0, 'breaths per minute'],
      'White blood cell count': [6100.0, 'm^3'],
    });
    expect(valueOf(result)).toBe(3);
  });

  it('converted values on a threshold stay on it: 100.4 °F = 38.0 °C, 12000/µL = 12, 4000 "m^3" = 4 -> 0', () => {
    const base = { 'Heart Rate or Pulse': [80, 'bpm'], 'respiratory rate': [14, 'breaths per minute'] };
    const fahrenheit = { ...base, Temperature: [100.4, 'degrees fahrenheit'] };
    expect(valueOf(runEntities(calculator, { ...fahrenheit, 'White blood cell count': [12000, 'µL'] }))).toBe(
      0,
    );
    expect(valueOf(runEntities(calculator, { ...fahrenheit, 'White blood cell count': [4000, 'm^3'] }))).toBe(
      0,
    );
  });

  it('nothing mentioned: 0 criteria, with an assumption for each', () => {
    const result = expectComputed(runClean(calculator, {}));
    expect(result.value).toEqual({ kind: 'number', value: 0 });
    expect(result.assumptions.length).toBeGreaterThanOrEqual(4);
  });

  it('an implausible WBC (3.8 per µL) is warned about, not silently rescaled', () => {
    const result = expectComputed(runEntities(calculator, { 'White blood cell count': [3.8, 'µL'] }));
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
    expect(result.value).toEqual({ kind: 'number', value: 1 });
  });

  it('an abnormal value in one criterion raises the count by 0 or 1, never lowers it', () => {
    fc.assert(
      fc.property(
        fc.record({
          temperature: fc.integer({ min: 340, max: 410 }).map((tenths) => tenths / 10),
          heartRate: fc.integer({ min: 40, max: 160 }),
          respiratoryRate: fc.integer({ min: 8, max: 40 }),
          whiteCellCount: fc.integer({ min: 10, max: 300 }).map((tenths) => tenths / 10),
        }),
        fc.constantFrom(
          { temperature: 39 },
          { temperature: 35 },
          { heartRate: 120 },
          { respiratoryRate: 28 },
          { paco2: 25 },
          { whiteCellCount: 18 },
          { whiteCellCount: 2 },
          { bands: 15 },
        ),
        (inputs, abnormal) => {
          const before = valueOf(runClean(calculator, inputs));
          const after = valueOf(runClean(calculator, { ...inputs, ...abnormal }));
          expect(after - before).toBeGreaterThanOrEqual(0);
          expect(after - before).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('always 0..4; unit invariance °C/°F and ×10⁹/L vs per µL', () => {
    fc.assert(
      fc.property(
        fc.record({
          celsius: fc.double({ min: 30, max: 43, noNaN: true }),
          heartRate: fc.integer({ min: 30, max: 200 }),
          respiratoryRate: fc.integer({ min: 6, max: 50 }),
          whiteCellCount: fc.double({ min: 0.5, max: 40, noNaN: true }),
        }),
        ({ celsius, heartRate, respiratoryRate, whiteCellCount }) => {
          const score = valueOf(
            runClean(calculator, { temperature: celsius, heartRate, respiratoryRate, whiteCellCount }),
          );
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(4);
          // Stay clear of the thresholds so float conversion noise cannot flip a criterion.
          fc.pre(Math.abs(celsius - 38) > 1e-6 && Math.abs(celsius - 36) > 1e-6);
          fc.pre(Math.abs(whiteCellCount - 12) > 1e-6 && Math.abs(whiteCellCount - 4) > 1e-6);
          const converted = valueOf(
            runClean(calculator, {
              temperature: [(celsius * 9) / 5 + 32, 'degrees fahrenheit'],
              heartRate,
              respiratoryRate,
              whiteCellCount: [whiteCellCount * 1000, 'µL'],
            }),
          );
          expect(converted).toBe(score);
        },
      ),
    );
  });
});
