import { formatNumber } from '../units/index.js';
import { AGE_INPUT, CREATININE_INPUT, HEIGHT_INPUT, SEX_INPUT, WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import { recordIdealBodyWeight } from './ideal-body-weight.js';
import type { OptionSpec, Sex } from './types.js';

type WeightBasis = 'bmi-rule' | 'actual' | 'ideal' | 'adjusted';

const weightBasisOption: OptionSpec<WeightBasis> = {
  values: ['bmi-rule', 'actual', 'ideal', 'adjusted'],
  default: 'bmi-rule',
  description:
    'Which body weight enters the equation. bmi-rule (default; the MedCalc-Bench question, MDCalc and Winter ' +
    '2012): actual if BMI < 18.5, min(IBW, actual) if 18.5 ≤ BMI < 25, adjusted if BMI ≥ 25. actual: total ' +
    'body weight as in Cockcroft & Gault 1976 (height not needed). ideal: Devine IBW. adjusted: IBW + 0.4 × ' +
    '(actual − IBW) whatever the BMI.',
};

/**
 * Creatinine clearance by the Cockcroft–Gault equation, in mL/min:
 * CrCl = (140 − age) × weight × (0.85 if female) / (72 × serum creatinine in mg/dL).
 *
 * The weight follows the `weightBasis` option. The default (`bmi-rule`) is the rule the MedCalc-Bench question
 * states and MDCalc suggests: BMI < 18.5 kg/m² uses actual weight; 18.5 ≤ BMI < 25 uses the lesser of ideal and
 * actual weight; BMI ≥ 25 uses adjusted weight = IBW + 0.4 × (actual − IBW). Ideal body weight is Devine's:
 * 50 kg (men) / 45.5 kg (women) + 2.3 kg per inch of height over 60 in.
 *
 * Sources: Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron
 * 1976;16:31-41 (actual weight, men aged 18–92, the 0.85 factor for women proposed there). Weight rule: Winter MA
 * et al. Pharmacotherapy 2012;32:604-12. Devine BJ. Drug Intell Clin Pharm 1974;8:650-5.
 * MDCalc: "Creatinine Clearance (Cockcroft-Gault Equation)".
 * Units: age years, weight kg, height cm, creatinine mg/dL (µmol/L converted); answer mL/min (not normalised to
 * body surface area). Valid for adults (age 18–92 in the derivation cohort) with stable creatinine.
 */
export const calculator = defineCalculator({
  id: 'creatinine-clearance-cockcroft-gault',
  version: '1.0.0',
  name: 'Creatinine Clearance (Cockcroft-Gault Equation)',
  medcalcId: 2,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mL/min',
  summary:
    'CrCl = (140 − age) × weight × 0.85[F] / (72 × SCr mg/dL); weight chosen by BMI (actual, min(IBW, actual) or adjusted); adults, stable creatinine.',
  reference: {
    primary:
      'Cockcroft DW, Gault MH. Prediction of creatinine clearance from serum creatinine. Nephron 1976;16:31-41.',
    mdcalc: 'Creatinine Clearance (Cockcroft-Gault Equation)',
    others: [
      'Winter MA, Guhr KN, Berg GM. Impact of various body weights and serum creatinine concentrations on the bias and accuracy of the Cockcroft-Gault equation. Pharmacotherapy 2012;32:604-12.',
      'Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5.',
    ],
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    weight: { ...WEIGHT_INPUT, label: 'Actual body weight' },
    height: HEIGHT_INPUT,
    creatinine: CREATININE_INPUT,
  },
  options: {
    weightBasis: weightBasisOption,
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { age, sex, weight, height, creatinine } = inputs;
    const basis = options.weightBasis;
    const needsHeight = basis !== 'actual';
    if (
      age === undefined ||
      sex === undefined ||
      weight === undefined ||
      creatinine === undefined ||
      (needsHeight && height === undefined)
    ) {
      return derivation.notComputable([
        ...(age === undefined ? ['age'] : []),
        ...(sex === undefined ? ['sex'] : []),
        ...(weight === undefined ? ['weight'] : []),
        ...(needsHeight && height === undefined ? ['height'] : []),
        ...(creatinine === undefined ? ['creatinine'] : []),
      ]);
    }
    if (age < 18)
      derivation.warn(
        'outside-population',
        `age ${formatNumber(age)} years: Cockcroft–Gault was derived in adults (18–92 years)`,
      );
    if (age >= 140)
      derivation.warn(
        'implausible-result',
        `age ${formatNumber(age)} years gives a clearance of zero or less`,
      );
    const usedWeight = chooseWeight({ derivation, basis, sex, weight, height });
    const sexFactor = sex === 'female' ? 0.85 : 1;
    const value = ((140 - age) * usedWeight * sexFactor) / (72 * creatinine);
    derivation.step(
      `CrCl = (140 − ${formatNumber(age)}) × ${formatNumber(usedWeight)} kg` +
        `${sex === 'female' ? ' × 0.85 (female)' : ''} / (72 × ${formatNumber(creatinine)} mg/dL) = ${formatNumber(value)} mL/min`,
    );
    return derivation.number(value, 'mL/min');
  },
});

interface WeightChoice {
  derivation: Derivation;
  basis: WeightBasis;
  sex: Sex;
  weight: number;
  height: number | undefined;
}

/** The weight (kg) the chosen basis puts into the equation, with each step recorded. */
function chooseWeight({ derivation, basis, sex, weight, height }: WeightChoice): number {
  if (basis === 'actual' || height === undefined) {
    derivation.step(`Weight used: actual body weight ${formatNumber(weight)} kg`);
    return weight;
  }
  const idealWeight = recordIdealBodyWeight(derivation, sex, height);
  const adjustedWeight = idealWeight + 0.4 * (weight - idealWeight);
  const adjustedText = `adjusted body weight = ${formatNumber(idealWeight)} + 0.4 × (${formatNumber(weight)} − ${formatNumber(idealWeight)}) = ${formatNumber(adjustedWeight)} kg`;
  if (basis === 'ideal') {
    derivation.step(`Weight used: ideal body weight ${formatNumber(idealWeight)} kg`);
    return idealWeight;
  }
  if (basis === 'adjusted') {
    derivation.step(`Weight used: ${adjustedText}`);
    return adjustedWeight;
  }
  const bmi = weight / (height / 100) ** 2;
  const bmiText = `BMI = ${formatNumber(weight)} kg / (${formatNumber(height / 100)} m)² = ${formatNumber(bmi)} kg/m²`;
  if (bmi < 18.5) {
    derivation.step(`${bmiText} (< 18.5, underweight): weight used = actual ${formatNumber(weight)} kg`);
    return weight;
  }
  if (bmi < 25) {
    const lesser = Math.min(idealWeight, weight);
    derivation.step(
      `${bmiText} (18.5–25, normal): weight used = min(IBW, actual) = ${formatNumber(lesser)} kg`,
    );
    return lesser;
  }
  derivation.step(`${bmiText} (≥ 25, overweight or obese): weight used = ${adjustedText}`);
  return adjustedWeight;
}
