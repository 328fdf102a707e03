import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './sodium-correction-hyperglycemia.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const GLUCOSE_MG_DL_PER_MMOL_L = 18.016;

describe('Sodium correction for hyperglycaemia', () => {
  it('Na 130, glucose 600: 130 + 0.024 × 500 = 142', () => {
    expect(valueOf(runClean(calculator, { sodium: 130, glucose: 600 }))).toBeCloseTo(142, 9);
  });

  it('factor=katz: Na 130, glucose 600: 130 + 0.016 × 500 = 138', () => {
    expect(valueOf(runClean(calculator, { sodium: 130, glucose: 600 }, { factor: 'katz' }))).toBeCloseTo(
      138,
      9,
    );
  });

  it('glucose exactly 100 leaves sodium unchanged: 135 + 0.024 × 0 = 135', () => {
    expect(valueOf(runClean(calculator, { sodium: 135, glucose: 100 }))).toBe(135);
  });

  it('glucose 80 lowers it: 135 + 0.024 × (−20) = 134.52', () => {
    expect(valueOf(runClean(calculator, { sodium: 135, glucose: 80 }))).toBeCloseTo(134.52, 9);
  });

  it('benchmark row 368: Glucose 555 mg/dL, Sodium 140 mmol/L -> 140 + 0.024 × 455 = 150.92', () => {
    const result = runEntities(calculator, { Glucose: [555.0, 'mg/dL'], Sodium: [140.0, 'mmol/L'] });
    expect(valueOf(result)).toBeCloseTo(150.92, 9);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark row 383 (SI glucose): 36.8 mmol/L = 662.989 mg/dL, Na 126 -> 126 + 0.024 × 562.989 = 139.512', () => {
    const result = runEntities(calculator, { Glucose: [36.8, 'mmol/L'], Sodium: [126.0, 'mEq/L'] });
    expect(valueOf(result)).toBeCloseTo(139.5117, 3);
  });

  it('missing glucose is not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 130 }), ['glucose']);
  });

  const samples = fc.record({
    sodium: fc.double({ min: 100, max: 170, noNaN: true }),
    glucose: fc.double({ min: 20, max: 2000, noNaN: true }),
  });

  it('unit invariance: glucose in mmol/L gives the same corrected sodium', () => {
    fc.assert(
      fc.property(samples, ({ sodium, glucose }) => {
        const conventional = valueOf(runClean(calculator, { sodium, glucose }));
        const si = valueOf(
          runClean(calculator, {
            sodium: [sodium, 'mEq/L'],
            glucose: [glucose / GLUCOSE_MG_DL_PER_MMOL_L, 'mmol/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('rises with sodium and with glucose; Hillier corrects at least as much as Katz above 100 mg/dL', () => {
    fc.assert(
      fc.property(samples, ({ sodium, glucose }) => {
        const base = valueOf(runClean(calculator, { sodium, glucose }));
        expect(valueOf(runClean(calculator, { sodium: sodium + 1, glucose }))).toBeGreaterThan(base);
        expect(valueOf(runClean(calculator, { sodium, glucose: glucose + 10 }))).toBeGreaterThan(base);
        const katz = valueOf(runClean(calculator, { sodium, glucose }, { factor: 'katz' }));
        if (glucose >= 100) expect(base).toBeGreaterThanOrEqual(katz);
      }),
    );
  });
});
