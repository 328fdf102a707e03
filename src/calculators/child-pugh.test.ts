import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './child-pugh.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const normal = { bilirubin: 1, albumin: 4, inr: 1, ascites: 'absent', encephalopathy: 'none' };
const ASCITES = ['absent', 'slight', 'moderate'] as const;
const ENCEPHALOPATHY = ['none', 'grade-1-2', 'grade-3-4'] as const;

describe('Child-Pugh', () => {
  it('all normal: 1 + 1 + 1 + 1 + 1 = 5 (class A minimum)', () => {
    expect(valueOf(runClean(calculator, normal))).toBe(5);
  });

  it('bilirubin 2.45, albumin 3.1, INR 2.1, slight ascites, grade 3-4: 2 + 2 + 2 + 2 + 3 = 11', () => {
    const inputs = {
      bilirubin: 2.45,
      albumin: 3.1,
      inr: 2.1,
      ascites: 'slight',
      encephalopathy: 'grade-3-4',
    };
    expect(valueOf(runClean(calculator, inputs))).toBe(11);
  });

  it('worst case: bilirubin 5, albumin 2.0, INR 3.0, moderate ascites, grade 3-4: 3 × 5 = 15', () => {
    const inputs = { bilirubin: 5, albumin: 2, inr: 3, ascites: 'moderate', encephalopathy: 'grade-3-4' };
    expect(valueOf(runClean(calculator, inputs))).toBe(15);
  });

  it('bilirubin boundaries: 1.99 -> 1, exactly 2.0 -> 2, exactly 3.0 -> 2, 3.01 -> 3', () => {
    const score = (bilirubin: number) => valueOf(runClean(calculator, { ...normal, bilirubin })) - 4;
    expect(score(1.99)).toBe(1);
    expect(score(2)).toBe(2);
    expect(score(3)).toBe(2);
    expect(score(3.01)).toBe(3);
  });

  it('albumin boundaries: 3.51 -> 1, exactly 3.5 -> 2, exactly 2.8 -> 2, 2.79 -> 3', () => {
    const score = (albumin: number) => valueOf(runClean(calculator, { ...normal, albumin })) - 4;
    expect(score(3.51)).toBe(1);
    expect(score(3.5)).toBe(2);
    expect(score(2.8)).toBe(2);
    expect(score(2.79)).toBe(3);
  });

  it('INR boundaries: 1.69 -> 1, exactly 1.7 -> 2, exactly 2.3 -> 2, 2.31 -> 3', () => {
    const score = (inr: number) => valueOf(runClean(calculator, { ...normal, inr })) - 4;
    expect(score(1.69)).toBe(1);
    expect(score(1.7)).toBe(2);
    expect(score(2.3)).toBe(2);
    expect(score(2.31)).toBe(3);
  });

  it('ascites and encephalopathy grades score 1/2/3 each', () => {
    ASCITES.forEach((ascites, index) => {
      expect(valueOf(runClean(calculator, { ...normal, ascites }))).toBe(5 + index);
    });
    ENCEPHALOPATHY.forEach((encephalopathy, index) => {
      expect(valueOf(runClean(calculator, { ...normal, encephalopathy }))).toBe(5 + index);
    });
  });

  it('entity row with lower-case "absent" ascites and bilirubin in µmol/L: 40.2 µmol/L = 2.35 mg/dL -> 2; total 2+2+2+1+2 = 9', () => {
    const result = runEntities(calculator, {
      'international normalized ratio': 2.1,
      Ascites: 'absent',
      Albumin: [3.1, 'g/dL'],
      Encephalopathy: 'Grade 1-2',
      Bilirubin: [40.2, 'µmol/L'],
    });
    expect(valueOf(result)).toBe(9);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('bilirubin in µmol/L (× 584.66 / 10 000): 34.2 = 1.9995 mg/dL -> 1, 34.25 = 2.0025 -> 2, 51.3 = 2.9993 -> 2, 51.35 = 3.0022 -> 3', () => {
    const score = (micromoles: number) =>
      valueOf(runClean(calculator, { ...normal, bilirubin: [micromoles, 'µmol/L'] })) - 4;
    expect([34.2, 34.25, 51.3, 51.35].map(score)).toEqual([1, 2, 2, 3]);
  });

  it('"Grade 0" and "No Encephalopathy" both mean none (1 point): 1+3+3+1+1 = 9', () => {
    for (const text of ['Grade 0', 'No Encephalopathy']) {
      const result = runEntities(calculator, {
        'international normalized ratio': 2.4,
        Ascites: 'absent',
        Albumin: [2.7, 'g/dL'],
        Encephalopathy: text,
        Bilirubin: [1.5, 'mg/dL'],
      });
      expect(valueOf(result)).toBe(9);
    }
  });

  it('missing ascites and encephalopathy are assumed absent, with the assumption recorded: 2+2+2+1+1 = 8', () => {
    const result = runEntities(calculator, {
      Bilirubin: [2.1, 'mg/dL'],
      'international normalized ratio': 1.7,
      Albumin: [3.2, 'g/dL'],
    });
    expect(valueOf(result)).toBe(8);
    const { assumptions } = expectComputed(result);
    expect(assumptions.some((text) => text.startsWith('Ascites'))).toBe(true);
    expect(assumptions.some((text) => text.startsWith('Encephalopathy'))).toBe(true);
  });

  it('missing laboratory values are not computable', () => {
    expectNotComputable(runClean(calculator, { albumin: 3 }), ['bilirubin', 'inr']);
    expectNotComputable(runClean(calculator, { bilirubin: 1, inr: 1 }), ['albumin']);
  });

  it('an unknown ascites text is unusable, not guessed', () => {
    const result = runClean(calculator, { ...normal, ascites: 'some' });
    expect(result.status).toBe('not-computable');
  });

  it('unit invariance: bilirubin in mg/dL and the same value in µmol/L give the same score', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 300 })
          .filter((tenths) => tenths !== 20 && tenths !== 30)
          .map((tenths) => tenths / 10),
        (milligrams) => {
          const micromoles = (milligrams * 10 * 1000) / 584.66;
          const inMilligrams = valueOf(runClean(calculator, { ...normal, bilirubin: milligrams }));
          const inMicromoles = valueOf(
            runClean(calculator, { ...normal, bilirubin: [micromoles, 'µmol/L'] }),
          );
          expect(inMicromoles).toBe(inMilligrams);
        },
      ),
    );
  });

  it('always 5..15; worse bilirubin/INR, lower albumin never lower the score', () => {
    fc.assert(
      fc.property(
        fc.record({
          bilirubin: fc.double({ min: 0.1, max: 30, noNaN: true }),
          albumin: fc.double({ min: 1, max: 6, noNaN: true }),
          inr: fc.double({ min: 0.8, max: 8, noNaN: true }),
          ascites: fc.constantFrom(...ASCITES),
          encephalopathy: fc.constantFrom(...ENCEPHALOPATHY),
        }),
        fc.double({ min: 0, max: 3, noNaN: true }),
        (inputs, delta) => {
          const { bilirubin, albumin, inr } = inputs;
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(5);
          expect(score).toBeLessThanOrEqual(15);
          const worse = valueOf(
            runClean(calculator, {
              ...inputs,
              bilirubin: bilirubin + delta,
              inr: inr + delta,
              albumin: Math.max(0.5, albumin - delta),
            }),
          );
          expect(worse).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
