import { formatNumber } from '../units/index.js';
import { HEIGHT_INPUT, SEX_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { Sex } from './types.js';

/** Centimetres per inch (exact, by definition of the international inch). */
export const CENTIMETRES_PER_INCH = 2.54;

/** Devine's starting weights at 5 ft (60 in), in kg. */
export const DEVINE_BASE_KG: Readonly<Record<Sex, number>> = { male: 50, female: 45.5 };

/** Devine's increment per inch of height above 5 ft, in kg. */
export const DEVINE_KG_PER_INCH = 2.3;

/** The height (5 ft = 60 in = 152.4 cm) below which the Devine formula was never meant to be used. */
export const DEVINE_MINIMUM_HEIGHT_CM = 60 * CENTIMETRES_PER_INCH;

/**
 * Devine ideal body weight in kg: 50 kg (male) or 45.5 kg (female) + 2.3 kg per inch of height over 60 in.
 * Not clamped: below 60 in the line is simply extended (callers warn; see `recordIdealBodyWeight`).
 */
export function computeIdealBodyWeight(sex: Sex, heightCm: number): number {
  const heightInches = heightCm / CENTIMETRES_PER_INCH;
  return DEVINE_BASE_KG[sex] + DEVINE_KG_PER_INCH * (heightInches - 60);
}

/**
 * Computes the Devine ideal body weight and writes its derivation (height in inches, the formula line) into
 * `derivation`, warning when the height is under 5 ft or the result is not a positive weight. For reuse by
 * every calculator that needs IBW (adjusted body weight, Cockcroft-Gault).
 */
export function recordIdealBodyWeight(derivation: Derivation, sex: Sex, heightCm: number): number {
  const heightInches = heightCm / CENTIMETRES_PER_INCH;
  const idealWeight = computeIdealBodyWeight(sex, heightCm);
  derivation.step(
    `Height ${formatNumber(heightCm)} cm = ${formatNumber(heightCm)} / 2.54 = ${formatNumber(heightInches)} in`,
  );
  derivation.step(
    `IBW (Devine, ${sex}) = ${formatNumber(DEVINE_BASE_KG[sex])} + 2.3 × (${formatNumber(heightInches)} − 60) = ${formatNumber(idealWeight)} kg`,
  );
  if (heightCm < DEVINE_MINIMUM_HEIGHT_CM) {
    derivation.warn(
      'outside-population',
      `height ${formatNumber(heightInches)} in is under 60 in (5 ft): the Devine formula was not derived for ` +
        'short stature and its extrapolation here is unreliable',
    );
  }
  if (idealWeight <= 0) {
    derivation.warn(
      'implausible-result',
      `Devine ideal body weight ${formatNumber(idealWeight)} kg is not a positive weight`,
    );
  }
  return idealWeight;
}

/**
 * Ideal body weight by the Devine formula: IBW = 50 kg (male) or 45.5 kg (female) + 2.3 kg × (height in inches
 * − 60).
 *
 * Source: Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5 (proposed for dosing, not derived
 * from outcome data; Pai MP, Paloucek FP, Ann Pharmacother 2000;34:1066-9, reviews its origin).
 * MDCalc: "Ideal Body Weight and Adjusted Body Weight".
 * Units: height in cm (any length unit is converted), answer in kg. Valid range: height ≥ 60 in (152.4 cm);
 * shorter heights are computed by extending the line and warned about (no floor, no clamp).
 */
export const calculator = defineCalculator({
  id: 'ideal-body-weight',
  version: '1.0.0',
  name: 'Ideal Body Weight',
  medcalcId: 10,
  category: 'physical',
  outputType: 'decimal',
  unit: 'kg',
  summary:
    'Devine IBW = 50 (M) / 45.5 (F) + 2.3 × (height in − 60) kg; valid for heights ≥ 60 in (152.4 cm).',
  reference: {
    primary: 'Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5.',
    mdcalc: 'Ideal Body Weight and Adjusted Body Weight',
    others: [
      'Pai MP, Paloucek FP. The origin of the "ideal" body weight equations. Ann Pharmacother 2000;34:1066-9.',
    ],
  },
  inputs: {
    sex: SEX_INPUT,
    height: HEIGHT_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sex, height } = inputs;
    if (sex === undefined || height === undefined) {
      return derivation.notComputable([
        ...(sex === undefined ? ['sex'] : []),
        ...(height === undefined ? ['height'] : []),
      ]);
    }
    return derivation.number(recordIdealBodyWeight(derivation, sex, height), 'kg');
  },
});
