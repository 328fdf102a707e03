import { formatNumber } from '../units/index.js';
import { AGE_INPUT, SEX_INPUT, SODIUM_INPUT, WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { Sex } from './types.js';

const TARGET_SODIUM = 140;
/** Below this weight an adult's weight is almost certainly an extraction or unit error. */
const IMPLAUSIBLE_ADULT_WEIGHT_KG = 30;

/** Total body water as a fraction of weight, by age band and sex (Adrogué & Madias 2000). */
function chooseWaterFraction(age: number, sex: Sex): { fraction: number; group: string } {
  if (age < 18) return { fraction: 0.6, group: 'child (< 18 years)' };
  if (age >= 65)
    return sex === 'male'
      ? { fraction: 0.5, group: 'elderly man (≥ 65 years)' }
      : { fraction: 0.45, group: 'elderly woman (≥ 65 years)' };
  return sex === 'male' ? { fraction: 0.6, group: 'adult man' } : { fraction: 0.5, group: 'adult woman' };
}

/**
 * Free water deficit in hypernatraemia, in litres: FWD = TBW fraction × weight × (Na / 140 − 1).
 * TBW fraction: children (< 18 years) 0.6; adult men 0.6, adult women 0.5; elderly (≥ 65 years) men 0.5,
 * elderly women 0.45. A sodium below 140 mmol/L gives a negative number, which is kept (it means a water excess,
 * not a deficit) and warned about.
 *
 * Source: Adrogué HJ, Madias NE. Hypernatremia. N Engl J Med 2000;342:1493-9. MDCalc: "Free Water Deficit".
 * Units: age years (months converted), weight kg (lb converted), sodium mmol/L (= mEq/L); answer L. Valid
 * ranges: sodium 95–200 mmol/L, weight 0.3–400 kg; target sodium 140 mmol/L.
 */
export const calculator = defineCalculator({
  id: 'free-water-deficit',
  version: '1.0.0',
  name: 'Free Water Deficit',
  medcalcId: 38,
  category: 'lab',
  outputType: 'decimal',
  unit: 'L',
  summary:
    'FWD (L) = TBW fraction (0.6/0.5/0.45 by age and sex) × weight kg × (Na/140 − 1); negative means water excess.',
  reference: {
    primary: 'Adrogué HJ, Madias NE. Hypernatremia. N Engl J Med 2000;342:1493-9.',
    mdcalc: 'Free Water Deficit',
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    weight: WEIGHT_INPUT,
    sodium: SODIUM_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { age, sex, weight, sodium } = inputs;
    if (age === undefined || sex === undefined || weight === undefined || sodium === undefined) {
      return derivation.notComputable([
        ...(age === undefined ? ['age'] : []),
        ...(sex === undefined ? ['sex'] : []),
        ...(weight === undefined ? ['weight'] : []),
        ...(sodium === undefined ? ['sodium'] : []),
      ]);
    }
    if (age >= 18 && weight < IMPLAUSIBLE_ADULT_WEIGHT_KG) {
      derivation.warn(
        'implausible-value',
        `weight ${formatNumber(weight)} kg is implausible for an adult (${formatNumber(age)} years)`,
      );
    }
    const { fraction, group } = chooseWaterFraction(age, sex);
    derivation.step(`TBW fraction for ${group}: ${fraction}`);
    const totalBodyWater = fraction * weight;
    derivation.step(`TBW = ${fraction} × ${formatNumber(weight)} kg = ${formatNumber(totalBodyWater)} L`);
    const value = totalBodyWater * (sodium / TARGET_SODIUM - 1);
    derivation.step(
      `FWD = ${formatNumber(totalBodyWater)} × (${formatNumber(sodium)} / 140 − 1) = ${formatNumber(value)} L`,
    );
    if (value < 0) {
      derivation.warn(
        'formula-does-not-apply',
        `sodium ${formatNumber(sodium)} mmol/L is below 140: the negative result is a free water excess, not a deficit`,
      );
    }
    return derivation.number(value, 'L');
  },
});
