import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './mean-arterial-pressure.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// UCUM defines 1 mm[Hg] = 133.322 Pa, so 1 kPa = 1000 / 133.322 mm Hg.
const MM_HG_PER_KPA = 1000 / 133.322;

describe('Mean arterial pressure', () => {
  it('120/80: (2×80 + 120)/3 = 93.33', () => {
    expect(valueOf(runClean(calculator, { systolic: 120, diastolic: 80 }))).toBeCloseTo(93.333, 3);
  });
  it('90/60 from entities with "mm hg": (120 + 90)/3 = 70', () => {
    const result = runEntities(calculator, {
      'Systolic Blood Pressure': [90, 'mm hg'],
      'Diastolic Blood Pressure': [60, 'mmhg'],
    });
    expect(valueOf(result)).toBe(70);
    expect(expectComputed(result).warnings).toEqual([]);
  });
  it('180/110: (220 + 180)/3 = 133.33; 100/40: (80 + 100)/3 = 60', () => {
    expect(valueOf(runClean(calculator, { systolic: 180, diastolic: 110 }))).toBeCloseTo(133.3333, 4);
    expect(valueOf(runClean(calculator, { systolic: 100, diastolic: 40 }))).toBeCloseTo(60, 9);
  });
  it('pressure in kPa converts: 16 kPa/10.667 kPa ≈ 120/80 mm Hg -> 93.3', () => {
    const result = runClean(calculator, { systolic: [16, 'kPa'], diastolic: [10.6657, 'kPa'] });
    expect(valueOf(result)).toBeCloseTo(93.33, 1);
  });
  it('equal pressures give that pressure without warning; DBP above SBP is computed and warned', () => {
    const equal = expectComputed(runClean(calculator, { systolic: 80, diastolic: 80 }));
    expect(equal.value).toEqual({ kind: 'number', value: 80 });
    expect(equal.warnings).toEqual([]);
    // swapped 80/120: (240 + 80)/3 = 106.67, flagged rather than silently fixed
    const swapped = expectComputed(runClean(calculator, { systolic: 80, diastolic: 120 }));
    expect(swapped.value).toMatchObject({ value: expect.closeTo(106.6667, 4) });
    expect(swapped.warnings).toContainEqual({
      code: 'inputs-contradict',
      text: expect.stringContaining('exceeds systolic'),
    });
  });
  it('missing diastolic is not computable', () => {
    expectNotComputable(runClean(calculator, { systolic: 120 }), ['diastolic']);
    expectNotComputable(runEntities(calculator, {}), ['systolic', 'diastolic']);
  });

  const pressures = fc
    .record({
      diastolic: fc.double({ min: 30, max: 140, noNaN: true }),
      pulse: fc.double({ min: 0, max: 120, noNaN: true }),
    })
    .map(({ diastolic, pulse }) => ({ diastolic, systolic: diastolic + pulse }));

  it('unit invariance: kPa gives the same MAP as mm Hg', () => {
    fc.assert(
      fc.property(pressures, ({ systolic, diastolic }) => {
        const millimetres = valueOf(runClean(calculator, { systolic, diastolic }));
        const kilopascals = valueOf(
          runClean(calculator, {
            systolic: [systolic / MM_HG_PER_KPA, 'kPa'],
            diastolic: [diastolic / MM_HG_PER_KPA, 'kPa'],
          }),
        );
        expect(Math.abs(kilopascals - millimetres)).toBeLessThanOrEqual(1e-9 * millimetres);
      }),
    );
  });

  it('lies between DBP and SBP, one third of the way up, and rises with either pressure', () => {
    fc.assert(
      fc.property(pressures, ({ systolic, diastolic }) => {
        const map = valueOf(runClean(calculator, { systolic, diastolic }));
        expect(map).toBeGreaterThanOrEqual(diastolic - 1e-9);
        expect(map).toBeLessThanOrEqual(systolic + 1e-9);
        expect(map - diastolic).toBeCloseTo((systolic - diastolic) / 3, 9);
        expect(valueOf(runClean(calculator, { systolic: systolic + 1, diastolic }))).toBeGreaterThan(map);
        expect(valueOf(runClean(calculator, { systolic, diastolic: diastolic + 1 }))).toBeGreaterThan(map);
      }),
    );
  });
});
