import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './meld-na.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// [creatinine mg/dL, bilirubin mg/dL, INR, sodium mmol/L, dialysis twice in the past week]
type Labs = [creatinine: number, bilirubin: number, inr: number, sodium: number, dialysis?: boolean];

const labs = (...[creatinine, bilirubin, inr, sodium, dialysis = false]: Labs) => ({
  creatinine: [creatinine, 'mg/dL'],
  bilirubin: [bilirubin, 'mg/dL'],
  internationalNormalizedRatio: inr,
  sodium: [sodium, 'mmol/L'],
  dialysisTwicePastWeek: dialysis,
  continuousHemodialysisPastWeek: false,
});

describe('MELD-Na (OPTN 2016)', () => {
  it('all labs at the floor of 1: MELD(i) = 0.643 → 6.4 × … → 6, ≤ 11 so no sodium term', () => {
    expect(valueOf(runClean(calculator, labs(1, 1, 1, 140)))).toBe(6);
  });

  it('Cr 1.5, bili 3.0, INR 1.8, Na 128: MELD(i) = 0.3880 + 0.4153 + 0.6583 + 0.643 = 2.1046 → 21; 21 + 11.88 − 6.237 = 26.643 → 27', () => {
    expect(valueOf(runClean(calculator, labs(1.5, 3.0, 1.8, 128)))).toBe(27);
  });

  it('Cr 1.2, bili 1.5, INR 1.3, Na 130: MELD(i) = 1.2646 → 13; 13 + 9.24 − 3.003 = 19.237 → 19', () => {
    expect(valueOf(runClean(calculator, labs(1.2, 1.5, 1.3, 130)))).toBe(19);
  });

  it('rounds MELD(i) to the tenth before × 10 (1.8257 → 18), not to an integer (the v1.0 defect gives 20)', () => {
    const result = runEntities(calculator, {
      creatinine: [2.0, 'mg/dL'],
      'Continuous veno-venous hemodialysis for ≥24 hours in the past week': false,
      'Dialysis at least twice in the past week': false,
      'international normalized ratio': 1.59,
      Sodium: [142.0, 'mEq/L'],
      Bilirubin: [0.7, 'mg/dL'],
    });
    // bili 0.7 → 1; 0.957 ln 2 + 1.120 ln 1.59 + 0.643 = 0.6633 + 0.5193 + 0.643 = 1.8257 → 18; Na 142 → 137 adds 0
    expect(valueOf(result)).toBe(18);
    expect(expectComputed(result).assumptions).toEqual([]);
  });

  it('dialysis sets creatinine to 4 even when it is below 1 (Cr 0.8, bili 1.2, INR 1.1, Na 135 → 21 → 22.254 → 22)', () => {
    expect(valueOf(runClean(calculator, labs(0.8, 1.2, 1.1, 135, true)))).toBe(22);
    const cvvhd = { ...labs(0.8, 1.2, 1.1, 135), continuousHemodialysisPastWeek: true };
    expect(valueOf(runClean(calculator, cvvhd))).toBe(22);
  });

  it('MELD 11 gets no sodium term, MELD 12 does (Cr 1, bili 1, Na 130; INR 1.504 → 11, INR 1.6 → 12 + 9.24 − 2.772 = 18.468 → 18)', () => {
    expect(valueOf(runClean(calculator, labs(1, 1, 1.504, 130)))).toBe(11);
    expect(valueOf(runClean(calculator, labs(1, 1, 1.6, 130)))).toBe(18);
  });

  it('bounds: sodium 120 scores as 125 and 140 as 137; creatinine 6 as 4; labs below 1 as 1; cap at 40', () => {
    // MELD 21 (Cr 1.5, bili 3, INR 1.8). Na 125 and 120: 21 + 1.32 × 12 − 0.033 × 21 × 12 = 28.524 → 29.
    expect(valueOf(runClean(calculator, labs(1.5, 3, 1.8, 125)))).toBe(29);
    expect(valueOf(runClean(calculator, labs(1.5, 3, 1.8, 120)))).toBe(29);
    // Na 137 and 140: no deficit, 21.
    expect(valueOf(runClean(calculator, labs(1.5, 3, 1.8, 137)))).toBe(21);
    expect(valueOf(runClean(calculator, labs(1.5, 3, 1.8, 140)))).toBe(21);
    // Cr 4 and 6 (→ 4): 0.957 ln 4 + 0.4153 + 0.6583 + 0.643 = 3.0433 → 30; Na 130: 30 + 9.24 − 6.93 = 32.31 → 32.
    expect(valueOf(runClean(calculator, labs(4, 3, 1.8, 130)))).toBe(32);
    expect(valueOf(runClean(calculator, labs(6, 3, 1.8, 130)))).toBe(32);
    expect(valueOf(runClean(calculator, labs(0.5, 0.4, 0.9, 140)))).toBe(6);
    // Cr 8 → 4, bili 30, INR 6: MELD(i) = 5.2621 → 53 → 47.852 → 48, capped at 40
    expect(valueOf(runClean(calculator, labs(8, 30, 6, 120)))).toBe(40);
  });

  it('missing dialysis entities are assumed "no dialysis" and recorded', () => {
    const result = expectComputed(
      runEntities(calculator, {
        creatinine: [1.5, 'mg/dL'],
        Bilirubin: [3.0, 'mg/dL'],
        'international normalized ratio': 1.8,
        Sodium: [128, 'mEq/L'],
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 27 });
    expect(result.assumptions.some((text) => text.includes('assumed none'))).toBe(true);
  });

  it('missing labs are not computable', () => {
    expectNotComputable(runEntities(calculator, { creatinine: [1.5, 'mg/dL'] }), [
      'bilirubin',
      'internationalNormalizedRatio',
      'sodium',
    ]);
  });

  it('SI units give the same score: creatinine µmol/L and bilirubin µmol/L (unit invariance)', () => {
    fc.assert(
      fc.property(
        fc.record({
          creatinine: fc.double({ min: 0.3, max: 8, noNaN: true }),
          bilirubin: fc.double({ min: 0.3, max: 40, noNaN: true }),
          inr: fc.double({ min: 0.8, max: 8, noNaN: true }),
          sodium: fc.integer({ min: 115, max: 150 }),
        }),
        ({ creatinine, bilirubin, inr, sodium }) => {
          const conventional = valueOf(runClean(calculator, labs(creatinine, bilirubin, inr, sodium)));
          const si = valueOf(
            runClean(calculator, {
              ...labs(creatinine, bilirubin, inr, sodium),
              // Exact inverses of the molar masses (creatinine 113.12, bilirubin 584.66 g/mol).
              creatinine: [(creatinine * 10000) / 113.12, 'µmol/L'],
              bilirubin: [(bilirubin * 10000) / 584.66, 'µmol/L'],
            }),
          );
          expect(si).toBe(conventional);
        },
      ),
    );
  });

  it('lies in 6..40, is a whole number, and never falls when a lab worsens', () => {
    fc.assert(
      fc.property(
        fc.record({
          creatinine: fc.double({ min: 0.3, max: 8, noNaN: true }),
          bilirubin: fc.double({ min: 0.3, max: 40, noNaN: true }),
          inr: fc.double({ min: 0.8, max: 8, noNaN: true }),
          sodium: fc.integer({ min: 115, max: 150 }),
        }),
        ({ creatinine, bilirubin, inr, sodium }) => {
          const score = valueOf(runClean(calculator, labs(creatinine, bilirubin, inr, sodium)));
          expect(Number.isInteger(score)).toBe(true);
          expect(score).toBeGreaterThanOrEqual(6);
          expect(score).toBeLessThanOrEqual(40);
          expect(
            valueOf(runClean(calculator, labs(creatinine * 1.2, bilirubin, inr, sodium))),
          ).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, labs(creatinine, bilirubin * 1.2, inr, sodium))),
          ).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, labs(creatinine, bilirubin, inr * 1.2, sodium))),
          ).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, labs(creatinine, bilirubin, inr, sodium - 1))),
          ).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, labs(creatinine, bilirubin, inr, sodium, true))),
          ).toBeGreaterThanOrEqual(
            valueOf(runClean(calculator, labs(Math.min(creatinine, 4), bilirubin, inr, sodium))),
          );
        },
      ),
    );
  });
});
