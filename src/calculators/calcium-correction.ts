import { formatNumber } from '../units/index.js';
import { ALBUMIN_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { OptionSpec } from './types.js';

type NormalAlbumin = '4.0' | '3.5' | '4.5';
type Slope = '0.8' | 'payne-1973';

/** mg/dL of calcium added per g/dL of albumin below the reference. */
const SLOPES: Readonly<Record<Slope, number>> = { '0.8': 0.8, 'payne-1973': 1 };

const slopeOption: OptionSpec<Slope> = {
  values: ['0.8', 'payne-1973'],
  default: '0.8',
  description:
    '0.8 (default): 0.8 mg/dL per g/dL (0.02 mmol/L per g/L), the coefficient MDCalc and the MedCalc-Bench ' +
    'question use. payne-1973: 1.0 mg/dL per g/dL, the equation Payne et al. derived and published in 1973 ' +
    '(adjusted Ca = Ca − albumin + 4.0, mg/100 mL and g/100 mL).',
};

const normalAlbuminOption: OptionSpec<NormalAlbumin> = {
  values: ['4.0', '3.5', '4.5'],
  default: '4.0',
  description:
    'Reference ("normal") albumin in g/dL. 4.0 (default): Payne 1973 (40 g/L), the MDCalc default and the ' +
    'MedCalc-Bench question. MDCalc lets the user enter the mid-normal albumin of the local laboratory instead; ' +
    '3.5 and 4.5 cover the usual range of laboratory references.',
};

/**
 * Calcium corrected for hypoalbuminaemia, in mg/dL: corrected Ca = Ca + 0.8 × (normal albumin − albumin), with
 * calcium in mg/dL, albumin in g/dL and a normal albumin of 4.0 g/dL (the `normalAlbumin` option). Each g/dL of
 * albumin below normal is taken to hide 0.8 mg/dL of bound calcium (0.02 mmol/L per g/L), the coefficient MDCalc
 * and the benchmark use. Payne's 1973 regression itself gave a slope of 1 (adjusted Ca = Ca − albumin + 4.0);
 * the `slope` option selects it.
 *
 * Source: Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with abnormal
 * serum proteins. Br Med J 1973;4:643-6 (the albumin adjustment; slope 1 mg/dL per g/dL). MDCalc: "Calcium
 * Correction for Hypoalbuminemia" (slope 0.8).
 * Units: calcium mg/dL (mmol/L and mEq/L converted), albumin g/dL (g/L converted); answer mg/dL. Valid ranges:
 * calcium 2–20 mg/dL, albumin 0.5–6.5 g/dL. Ionised calcium is more reliable when albumin is very low.
 */
export const calculator = defineCalculator({
  id: 'calcium-correction',
  version: '1.1.0',
  name: 'Calcium Correction for Hypoalbuminemia',
  medcalcId: 7,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mg/dL',
  summary:
    'Corrected Ca = Ca + 0.8 × (4.0 − albumin) (Ca mg/dL, albumin g/dL); reference albumin and slope are options.',
  reference: {
    primary:
      'Payne RB, Little AJ, Williams RB, Milner JR. Interpretation of serum calcium in patients with abnormal serum proteins. Br Med J 1973;4:643-6.',
    mdcalc: 'Calcium Correction for Hypoalbuminemia',
  },
  inputs: {
    calcium: { type: 'quantity', quantity: 'calcium', label: 'Total serum calcium', entityKeys: ['Calcium'] },
    albumin: ALBUMIN_INPUT,
  },
  options: { normalAlbumin: normalAlbuminOption, slope: slopeOption },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { calcium, albumin } = inputs;
    if (calcium === undefined || albumin === undefined) {
      return derivation.notComputable([
        ...(calcium === undefined ? ['calcium'] : []),
        ...(albumin === undefined ? ['albumin'] : []),
      ]);
    }
    const normalAlbumin = Number(options.normalAlbumin);
    const slope = SLOPES[options.slope];
    const correction = slope * (normalAlbumin - albumin);
    const value = calcium + correction;
    derivation.step(
      `Correction = ${formatNumber(slope)} × (${formatNumber(normalAlbumin)} − ${formatNumber(albumin)}) g/dL = ${formatNumber(correction)} mg/dL`,
    );
    derivation.step(
      `Corrected Ca = ${formatNumber(calcium)} + ${formatNumber(correction)} = ${formatNumber(value)} mg/dL`,
    );
    return derivation.number(value, 'mg/dL');
  },
});
