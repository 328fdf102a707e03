import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertToCanonical } from './convert.js';

function value(kind: Parameters<typeof convertToCanonical>[0], amount: number, unit: string): number {
  const result = convertToCanonical(kind, amount, unit);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('convertToCanonical', () => {
  it('creatinine 85 µmol/L = 85 × 113.12 / 10,000 = 0.96152 mg/dL (no intermediate rounding, unlike v1.0 code)', () => {
    expect(value('creatinine', 85, 'µmol/L')).toBeCloseTo(0.96152, 10);
  });
  it('glucose 5.5 mmol/L = 5.5 × 180.16 / 10 = 99.088 mg/dL', () => {
    expect(value('glucose', 5.5, 'mmol/L')).toBeCloseTo(99.088, 10);
  });
  it('calcium 2.2 mmol/L = 8.81716 mg/dL, and 4.4 mEq/L (valence 2) is the same 2.2 mmol/L', () => {
    expect(value('calcium', 2.2, 'mmol/L')).toBeCloseTo(8.81716, 8);
    expect(value('calcium', 4.4, 'mEq/L')).toBeCloseTo(8.81716, 8);
  });
  it('bilirubin 200 µmol/L = 200 × 584.66 / 10,000 = 11.6932 mg/dL', () => {
    expect(value('bilirubin', 200, 'µmol/L')).toBeCloseTo(11.6932, 8);
  });
  it('BUN: 7 mmol/L urea = 7 × 2.8014 = 19.6098 mg/dL urea nitrogen', () => {
    expect(value('blood-urea-nitrogen', 7, 'mmol/L')).toBeCloseTo(19.6098, 8);
  });
  it('temperatures: 100.4 °F is exactly 38 °C (no float noise), and the misspelled "degrees celsisus" is Celsius with a warning', () => {
    expect(value('temperature', 100.4, 'degrees fahrenheit')).toBe(38);
    const misspelled = convertToCanonical('temperature', 37, 'degrees celsisus');
    expect(misspelled).toMatchObject({ ok: true, value: 37 });
    expect(misspelled.ok && misspelled.warnings[0]).toMatchObject({
      code: 'unit-typo-read-as-meant',
      text: expect.stringMatching(/misspelled unit/),
    });
    expect(value('temperature', 98.6, 'degrees fahreinheit')).toBe(37);
  });
  it('cell counts: 12,000 per µL = 12 ×10⁹/L; 1.19e8 per L = 0.119 ×10⁹/L; "m^3" read as per mm³ with a warning', () => {
    expect(value('white-cell-count', 12000, 'µL')).toBe(12);
    expect(value('platelet-count', 1.19e8, 'L')).toBe(0.119);
    const cubic = convertToCanonical('white-cell-count', 9000, 'm^3');
    expect(cubic).toMatchObject({ ok: true, value: 9 });
    expect(cubic.ok && cubic.warnings).toEqual([
      { code: 'unit-typo-read-as-meant', text: expect.stringMatching(/per mm³/) },
    ]);
  });
  it('body measures: 154 lbs = 69.853 kg; 70 in = 177.8 cm; 18 months = 1.5 years', () => {
    expect(value('body-weight', 154, 'lbs')).toBeCloseTo(69.8532, 4);
    expect(value('body-height', 70, 'in')).toBeCloseTo(177.8, 10);
    expect(value('age', 18, 'months')).toBeCloseTo(1.5, 10);
  });
  it('insulin 60 pmol/L = 10 µIU/mL (factor 6)', () => {
    expect(value('insulin', 60, 'pmol/L')).toBeCloseTo(10, 10);
  });
  it('implausible values are warned about and never altered: albumin 17.1 g/dL, sodium 137 "mg/dL"', () => {
    const albumin = convertToCanonical('albumin', 17.1, 'g/dL');
    expect(albumin).toMatchObject({ ok: true, value: 17.1 });
    expect(albumin.ok && albumin.warnings[0]).toEqual({
      code: 'implausible-value',
      text: expect.stringMatching(/implausible albumin 17.1 g\/dL/),
    });
    const sodium = convertToCanonical('sodium', 137, 'mg/dL');
    expect(sodium.ok && sodium.value).toBeCloseTo(59.59, 2);
    expect(sodium.ok && sodium.warnings).toEqual([
      { code: 'unit-not-how-measured', text: expect.stringMatching(/not how it is measured/) },
      { code: 'implausible-value', text: expect.stringMatching(/implausible sodium/) },
    ]);
  });
  it('unknown or incommensurable units are errors with a reason', () => {
    expect(convertToCanonical('creatinine', 1, 'furlongs')).toMatchObject({
      ok: false,
      code: 'unit-unknown',
      reason: expect.stringMatching(/unknown unit "furlongs"/),
    });
    expect(convertToCanonical('creatinine', 1, 'kg')).toMatchObject({
      ok: false,
      code: 'unit-unknown',
      reason: expect.stringMatching(/cannot convert/),
    });
  });
  it('round trip: mg/dL -> µmol/L -> mg/dL is the identity for creatinine (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 20, noNaN: true }), (mgPerDl) => {
        const micromolar = (mgPerDl * 10_000) / 113.12;
        expect(value('creatinine', micromolar, 'µmol/L')).toBeCloseTo(mgPerDl, 9);
      }),
    );
  });
});
