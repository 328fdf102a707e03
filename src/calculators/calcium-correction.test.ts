import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './calcium-correction.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// 1 mmol/L calcium = 4.0078 mg/dL (molar mass 40.078); 1 g/dL albumin = 10 g/L.
const CALCIUM_MG_DL_PER_MMOL_L = 4.0078;

describe('Calcium correction for hypoalbuminaemia', () => {
  it('Ca 8.0 mg/dL, albumin 2.0 g/dL: 8 + 0.8 × (4 − 2) = 9.6', () => {
    expect(valueOf(runClean(calculator, { calcium: 8, albumin: 2 }))).toBeCloseTo(9.6, 9);
  });

  it('Ca 7.5, albumin 3.2: 7.5 + 0.8 × 0.8 = 8.14', () => {
    expect(valueOf(runClean(calculator, { calcium: 7.5, albumin: 3.2 }))).toBeCloseTo(8.14, 9);
  });

  it('albumin at the reference 4.0 leaves calcium unchanged: 10 + 0.8 × 0 = 10', () => {
    expect(valueOf(runClean(calculator, { calcium: 10, albumin: 4 }))).toBe(10);
  });

  it('normalAlbumin option: Ca 8, albumin 2 -> 3.5: 8 + 0.8 × 1.5 = 9.2; 4.5: 8 + 0.8 × 2.5 = 10', () => {
    expect(valueOf(runClean(calculator, { calcium: 8, albumin: 2 }, { normalAlbumin: '3.5' }))).toBeCloseTo(
      9.2,
      9,
    );
    expect(valueOf(runClean(calculator, { calcium: 8, albumin: 2 }, { normalAlbumin: '4.5' }))).toBeCloseTo(
      10,
      9,
    );
  });

  it('slope option: Payne 1973 published Ca − albumin + 4.0 (slope 1): Ca 8, albumin 2 -> 8 + 1 × 2 = 10', () => {
    expect(valueOf(runClean(calculator, { calcium: 8, albumin: 2 }, { slope: 'payne-1973' }))).toBeCloseTo(
      10,
      9,
    );
    // the default stays the 0.8 form MDCalc and the benchmark question use: 8 + 0.8 × 2 = 9.6
    expect(valueOf(runClean(calculator, { calcium: 8, albumin: 2 }, { slope: '0.8' }))).toBeCloseTo(9.6, 9);
  });

  it('benchmark row 114 (SI): Calcium 2.26 mmol/L = 9.0576 mg/dL, Albumin 28 g/L = 2.8 g/dL -> 9.0576 + 0.96 = 10.018', () => {
    // not the v1.0 label 8.96, which read 2.26 mmol/L as 8.0 mg/dL through a rounded conversion
    const result = runEntities(calculator, { Albumin: [28.0, 'g/L'], Calcium: [2.26, 'mmol/L'] });
    expect(valueOf(result)).toBeCloseTo(10.017628, 5);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark mg/dL entities: Calcium 7.2 mg/dL, Albumin 2.1 g/dL -> 7.2 + 0.8 × 1.9 = 8.72', () => {
    const result = runEntities(calculator, { Calcium: [7.2, 'mg/dL'], Albumin: [2.1, 'g/dL'] });
    expect(valueOf(result)).toBeCloseTo(8.72, 9);
  });

  it('warns about an implausible albumin (row 772 had 17.1 g/dL) but still computes', () => {
    const result = expectComputed(
      runEntities(calculator, { Calcium: [9, 'mg/dL'], Albumin: [17.1, 'g/dL'] }),
    );
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
  });

  it('missing albumin is not computable', () => {
    expectNotComputable(runClean(calculator, { calcium: 8 }), ['albumin']);
  });

  const samples = fc.record({
    calcium: fc.double({ min: 4, max: 16, noNaN: true }),
    albumin: fc.double({ min: 1, max: 6, noNaN: true }),
  });

  it('unit invariance: calcium in mmol/L and albumin in g/L give the same result', () => {
    fc.assert(
      fc.property(samples, ({ calcium, albumin }) => {
        const conventional = valueOf(runClean(calculator, { calcium, albumin }));
        const si = valueOf(
          runClean(calculator, {
            calcium: [calcium / CALCIUM_MG_DL_PER_MMOL_L, 'mmol/L'],
            albumin: [albumin * 10, 'g/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('rises with calcium, falls as albumin rises', () => {
    fc.assert(
      fc.property(samples, ({ calcium, albumin }) => {
        const base = valueOf(runClean(calculator, { calcium, albumin }));
        expect(valueOf(runClean(calculator, { calcium: calcium + 0.1, albumin }))).toBeGreaterThan(base);
        expect(valueOf(runClean(calculator, { calcium, albumin: albumin + 0.1 }))).toBeLessThan(base);
      }),
    );
  });
});
