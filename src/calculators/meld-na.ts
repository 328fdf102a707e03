import { formatNumber } from '../units/index.js';
import { BILIRUBIN_INPUT, CREATININE_INPUT, SODIUM_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

const SODIUM_LOW = 125;
const SODIUM_HIGH = 137;

/**
 * MELD-Na as OPTN/UNOS allocated livers from January 2016 (superseded by MELD 3.0 in July 2023).
 *
 * 1. Creatinine, bilirubin and INR below 1 are set to 1; creatinine above 4 mg/dL is set to 4, and is set to 4
 *    whatever its value after dialysis at least twice, or CVVHD for 24 hours or more, in the past week.
 * 2. MELD(i) = 0.957 ln(Cr) + 0.378 ln(bilirubin) + 1.120 ln(INR) + 0.643; policy rounds it to the tenth and
 *    multiplies by 10, giving a whole-number MELD.
 * 3. If MELD > 11: MELD-Na = MELD + 1.32 × (137 − Na) − 0.033 × MELD × (137 − Na), sodium bounded to 125–137
 *    mmol/L; the result is rounded to the nearest whole number. Otherwise MELD-Na = MELD.
 * 4. Capped at 40, so the score runs 6–40.
 * Missing dialysis/CVVHD entities mean "not mentioned": no renal replacement (recorded as an assumption).
 *
 * Sources: Kim WR et al. Hyponatremia and mortality among patients on the liver-transplant waiting list. NEJM
 * 2008;359:1018-26; OPTN Policy 9.1 (MELD-Na, effective 2016-01-11). MDCalc: "MELD Na (UNOS/OPTN)".
 * Units: creatinine and bilirubin mg/dL, sodium mmol/L, INR unitless (plausible 0.5–20).
 */
export const calculator = defineCalculator({
  id: 'meld-na',
  version: '1.0.0',
  name: 'MELD Na (UNOS/OPTN)',
  medcalcId: 23,
  category: 'lab',
  outputType: 'decimal',
  unit: 'points',
  summary:
    'OPTN 2016 MELD-Na (6–40) from creatinine, bilirubin (mg/dL), INR and sodium (mmol/L); dialysis sets Cr 4.',
  reference: {
    primary: 'Kim WR et al. NEJM 2008;359:1018-26; OPTN Policy 9.1 MELD-Na (2016).',
    mdcalc: 'MELD Na (UNOS/OPTN)',
  },
  inputs: {
    creatinine: CREATININE_INPUT,
    bilirubin: BILIRUBIN_INPUT,
    internationalNormalizedRatio: {
      type: 'number',
      label: 'INR',
      plausible: [0.5, 20],
      entityKeys: ['international normalized ratio'],
    },
    sodium: SODIUM_INPUT,
    dialysisTwicePastWeek: {
      type: 'boolean',
      label: 'Dialysis at least twice in the past week',
      entityKeys: ['Dialysis at least twice in the past week'],
    },
    continuousHemodialysisPastWeek: {
      type: 'boolean',
      label: 'CVVHD for 24 hours or more in the past week',
      entityKeys: ['Continuous veno-venous hemodialysis for ≥24 hours in the past week'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { creatinine, bilirubin, internationalNormalizedRatio: inr, sodium } = inputs;
    if (creatinine === undefined || bilirubin === undefined || inr === undefined || sodium === undefined) {
      return derivation.notComputable([
        ...(creatinine === undefined ? ['creatinine'] : []),
        ...(bilirubin === undefined ? ['bilirubin'] : []),
        ...(inr === undefined ? ['internationalNormalizedRatio'] : []),
        ...(sodium === undefined ? ['sodium'] : []),
      ]);
    }
    if (creatinine <= 0 || bilirubin <= 0 || inr <= 0) {
      return derivation.notComputable([], 'creatinine, bilirubin and INR must be above 0 for the logarithms');
    }
    const renalReplacement = [inputs.dialysisTwicePastWeek, inputs.continuousHemodialysisPastWeek];
    if (
      renalReplacement.some((value) => value === undefined) &&
      !renalReplacement.some((value) => value === true)
    ) {
      derivation.assume('Dialysis/CVVHD in the past week: not mentioned, assumed none');
    }
    let usedCreatinine: number;
    if (renalReplacement.some((value) => value === true)) {
      usedCreatinine = 4;
      derivation.step(
        `Creatinine ${formatNumber(creatinine)} mg/dL: dialysis or CVVHD in the past week, set to 4`,
      );
    } else {
      usedCreatinine = Math.min(Math.max(creatinine, 1), 4);
      derivation.step(
        `Creatinine ${formatNumber(creatinine)} mg/dL, bounded to 1–4: ${formatNumber(usedCreatinine)}`,
      );
    }
    const usedBilirubin = Math.max(bilirubin, 1);
    const usedInr = Math.max(inr, 1);
    derivation.step(`Bilirubin ${formatNumber(bilirubin)} mg/dL, at least 1: ${formatNumber(usedBilirubin)}`);
    derivation.step(`INR ${formatNumber(inr)}, at least 1: ${formatNumber(usedInr)}`);
    const meldI =
      0.957 * Math.log(usedCreatinine) + 0.378 * Math.log(usedBilirubin) + 1.12 * Math.log(usedInr) + 0.643;
    const meld = Math.round(meldI * 10);
    derivation.step(
      `MELD(i) = 0.957 ln ${formatNumber(usedCreatinine)} + 0.378 ln ${formatNumber(usedBilirubin)} + 1.120 ln ` +
        `${formatNumber(usedInr)} + 0.643 = ${formatNumber(meldI)}; rounded to the tenth × 10 = ${meld}`,
    );
    let score = meld;
    if (meld > 11) {
      const usedSodium = Math.min(Math.max(sodium, SODIUM_LOW), SODIUM_HIGH);
      const deficit = SODIUM_HIGH - usedSodium;
      const withSodium = meld + 1.32 * deficit - 0.033 * meld * deficit;
      score = Math.round(withSodium);
      derivation.step(
        `Sodium ${formatNumber(sodium)} mmol/L, bounded to 125–137: ${formatNumber(usedSodium)}`,
      );
      derivation.step(
        `MELD-Na = ${meld} + 1.32 × ${formatNumber(deficit)} − 0.033 × ${meld} × ${formatNumber(deficit)} = ` +
          `${formatNumber(withSodium)}, rounded to ${score}`,
      );
    } else {
      derivation.step(`MELD ${meld} ≤ 11: no sodium adjustment`);
    }
    if (score > 40) {
      derivation.step(`${score} capped at 40`);
      score = 40;
    }
    return derivation.number(score, 'points');
  },
});
