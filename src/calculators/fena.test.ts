import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './fena.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const MICROMOL_PER_MG_DL = 10000 / 113.12;

function interpretation(inputs: Record<string, unknown>): string | undefined {
  return expectComputed(runClean(calculator, inputs)).steps.at(-1)?.text;
}

describe('FENa', () => {
  it('prerenal: SCr 2.0, UNa 20, SNa 140, UCr 100 -> 100 × 40 / 14 000 = 0.2857 %', () => {
    const inputs = { serumCreatinine: 2, urineSodium: 20, serumSodium: 140, urineCreatinine: 100 };
    expect(valueOf(runClean(calculator, inputs))).toBeCloseTo(0.285714, 6);
    expect(interpretation(inputs)).toContain('prerenal');
  });

  it('intrinsic: SCr 3.0, UNa 60, SNa 135, UCr 50 -> 100 × 180 / 6750 = 2.6667 %', () => {
    const inputs = { serumCreatinine: 3, urineSodium: 60, serumSodium: 135, urineCreatinine: 50 };
    expect(valueOf(runClean(calculator, inputs))).toBeCloseTo(2.666667, 6);
    expect(interpretation(inputs)).toContain('intrinsic');
  });

  it('SCr 1.5, UNa 40, SNa 140, UCr 60 -> 100 × 60 / 8400 = 0.7143 %', () => {
    const inputs = { serumCreatinine: 1.5, urineSodium: 40, serumSodium: 140, urineCreatinine: 60 };
    expect(valueOf(runClean(calculator, inputs))).toBeCloseTo(0.714286, 6);
  });

  it('reading boundaries: exactly 1 % and 2 % are indeterminate', () => {
    // 100 × (1 × 14) / (140 × 10) = 1; 100 × (1 × 28) / (140 × 10) = 2
    const one = { serumCreatinine: 1, urineSodium: 14, serumSodium: 140, urineCreatinine: 10 };
    expect(valueOf(runClean(calculator, one))).toBe(1);
    expect(interpretation(one)).toContain('indeterminate');
    const two = { ...one, urineSodium: 28 };
    expect(valueOf(runClean(calculator, two))).toBe(2);
    expect(interpretation(two)).toContain('indeterminate');
  });

  it('benchmark entity keys with mEq/L sodium: creatinine 4, Urine creatinine 80, Sodium 132, Urine sodium 45 -> 1.7045 %', () => {
    // 100 × (4 × 45) / (132 × 80) = 18 000 / 10 560 = 1.70455
    const result = runEntities(calculator, {
      'Urine creatinine': [80, 'mg/dL'],
      creatinine: [4, 'mg/dL'],
      'Urine sodium': [45, 'mEq/L'],
      Sodium: [132, 'mEq/L'],
    });
    expect(valueOf(result)).toBeCloseTo(1.704545, 6);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('warns when urine creatinine is not above serum creatinine', () => {
    const result = runClean(calculator, {
      serumCreatinine: 2,
      urineSodium: 20,
      serumSodium: 140,
      urineCreatinine: 1.5,
    });
    expect(expectComputed(result).warnings).toContainEqual({
      code: 'inputs-contradict',
      text: expect.stringContaining('swapped'),
    });
  });

  it('every input is required', () => {
    expectNotComputable(runClean(calculator, { serumCreatinine: 2, serumSodium: 140 }), [
      'urineCreatinine',
      'urineSodium',
    ]);
  });

  const samples = fc.record({
    serumCreatinine: fc.double({ min: 0.3, max: 15, noNaN: true }),
    urineCreatinine: fc.double({ min: 20, max: 400, noNaN: true }),
    serumSodium: fc.double({ min: 110, max: 170, noNaN: true }),
    urineSodium: fc.double({ min: 2, max: 200, noNaN: true }),
  });

  it('unit invariance: creatinines in µmol/L give the same FENa as in mg/dL', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const conventional = valueOf(runClean(calculator, sample));
        const si = valueOf(
          runClean(calculator, {
            ...sample,
            serumCreatinine: [sample.serumCreatinine * MICROMOL_PER_MG_DL, 'µmol/L'],
            urineCreatinine: [sample.urineCreatinine * MICROMOL_PER_MG_DL, 'µmol/L'],
            serumSodium: [sample.serumSodium, 'mEq/L'],
          }),
        );
        expect(Math.abs(si - conventional)).toBeLessThanOrEqual(1e-9 * conventional);
      }),
    );
  });

  it('rises with urine sodium and serum creatinine, falls with serum sodium and urine creatinine', () => {
    fc.assert(
      fc.property(samples, (sample) => {
        const base = valueOf(runClean(calculator, sample));
        expect(base).toBeGreaterThan(0);
        expect(
          valueOf(runClean(calculator, { ...sample, urineSodium: sample.urineSodium * 1.1 })),
        ).toBeGreaterThan(base);
        expect(
          valueOf(runClean(calculator, { ...sample, serumCreatinine: sample.serumCreatinine * 1.1 })),
        ).toBeGreaterThan(base);
        expect(
          valueOf(runClean(calculator, { ...sample, serumSodium: sample.serumSodium + 1 })),
        ).toBeLessThan(base);
        expect(
          valueOf(runClean(calculator, { ...sample, urineCreatinine: sample.urineCreatinine * 1.1 })),
        ).toBeLessThan(base);
      }),
    );
  });
});
