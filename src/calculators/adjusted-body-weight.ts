import { formatNumber } from '../units/index.js';
import { HEIGHT_INPUT, SEX_INPUT, WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import { recordIdealBodyWeight } from './ideal-body-weight.js';

/** Fraction of the weight above ideal that is counted (the usual dosing-weight convention). */
export const ADJUSTMENT_FACTOR = 0.4;

/**
 * Adjusted body weight: ABW = IBW + 0.4 × (actual weight − IBW), with IBW from the Devine formula (50 kg male,
 * 45.5 kg female, + 2.3 kg per inch over 60 in).
 *
 * Sources: Devine BJ, Drug Intell Clin Pharm 1974;8:650-5 (IBW); the 0.4 correction factor for excess weight as
 * reviewed by Pai MP, Paloucek FP, Ann Pharmacother 2000;34:1066-9.
 * MDCalc: "Ideal Body Weight and Adjusted Body Weight".
 * Units: weight kg, height cm (other units converted), answer kg. Valid ranges: height ≥ 60 in (152.4 cm);
 * the adjustment is meant for patients heavier than their IBW. Below IBW it is still computed as written (the
 * result then lies between actual weight and IBW) and a warning says so.
 */
export const calculator = defineCalculator({
  id: 'adjusted-body-weight',
  version: '1.0.0',
  name: 'Adjusted Body Weight',
  medcalcId: 62,
  category: 'physical',
  outputType: 'decimal',
  unit: 'kg',
  summary: 'ABW = IBW + 0.4 × (weight − IBW) kg with Devine IBW; height ≥ 60 in, weight above IBW.',
  reference: {
    primary:
      'Pai MP, Paloucek FP. The origin of the "ideal" body weight equations. Ann Pharmacother 2000;34:1066-9.',
    mdcalc: 'Ideal Body Weight and Adjusted Body Weight',
    others: ['Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-5.'],
  },
  inputs: {
    sex: SEX_INPUT,
    weight: { ...WEIGHT_INPUT, label: 'Actual body weight' },
    height: HEIGHT_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sex, weight, height } = inputs;
    if (sex === undefined || weight === undefined || height === undefined) {
      return derivation.notComputable([
        ...(sex === undefined ? ['sex'] : []),
        ...(weight === undefined ? ['weight'] : []),
        ...(height === undefined ? ['height'] : []),
      ]);
    }
    const idealWeight = recordIdealBodyWeight(derivation, sex, height);
    const adjusted = idealWeight + ADJUSTMENT_FACTOR * (weight - idealWeight);
    derivation.step(
      `ABW = ${formatNumber(idealWeight)} + 0.4 × (${formatNumber(weight)} − ${formatNumber(idealWeight)}) = ${formatNumber(adjusted)} kg`,
    );
    if (weight < idealWeight) {
      derivation.warn(
        'outside-population',
        `actual weight ${formatNumber(weight)} kg is below the ideal body weight ${formatNumber(idealWeight)} kg: ` +
          'adjusted body weight is meant for patients above IBW (computed as written)',
      );
    }
    return derivation.number(adjusted, 'kg');
  },
});
