import { formatNumber } from '../units/index.js';
import { GLUCOSE_INPUT, SODIUM_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { OptionSpec } from './types.js';

type Factor = 'hillier' | 'katz';

const FACTORS: Readonly<Record<Factor, number>> = { hillier: 0.024, katz: 0.016 };

const factorOption: OptionSpec<Factor> = {
  values: ['hillier', 'katz'],
  sources: {
    katz: 'Katz MA. Hyperglycemia-induced hyponatremia: calculation of expected serum sodium depression. N Engl J Med 1973;289:843-4.',
  },
  default: 'hillier',
  description:
    'Sodium fall per mg/dL of glucose above 100. hillier (default; Hillier 1999, measured in volunteers given ' +
    'somatostatin and dextrose, used by MDCalc): 0.024 (2.4 mEq/L per 100 mg/dL). katz (Katz 1973, derived ' +
    'from fluid-shift theory): 0.016 (1.6 mEq/L per 100 mg/dL).',
};

/**
 * Serum sodium corrected for hyperglycaemia, in mEq/L: corrected Na = Na + 0.024 × (glucose mg/dL − 100).
 * Glucose draws water out of cells and dilutes sodium; the correction estimates the sodium once glucose is
 * normal. The `factor` option selects Katz's 0.016 instead of Hillier's 0.024.
 *
 * Sources: Hillier TA, Abbott RD, Barrett EJ. Hyponatremia: evaluating the correction factor for
 * hyperglycemia. Am J Med 1999;106:399-403. Katz MA. Hyperglycemia-induced hyponatremia — calculation of expected
 * serum sodium depression. N Engl J Med 1973;289:843-4. MDCalc: "Sodium Correction for Hyperglycemia".
 * Units: sodium mmol/L (= mEq/L), glucose mg/dL (mmol/L converted); answer mEq/L. Valid ranges: sodium 95–200
 * mmol/L, glucose 10–3000 mg/dL (the correction is meant for glucose above 100 mg/dL).
 */
export const calculator = defineCalculator({
  id: 'sodium-correction-hyperglycemia',
  version: '1.0.0',
  name: 'Sodium Correction for Hyperglycemia',
  medcalcId: 26,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mEq/L',
  summary: 'Corrected Na = Na + 0.024 × (glucose mg/dL − 100) (Hillier); option for Katz 0.016.',
  reference: {
    primary:
      'Hillier TA, Abbott RD, Barrett EJ. Hyponatremia: evaluating the correction factor for hyperglycemia. Am J Med 1999;106:399-403.',
    mdcalc: 'Sodium Correction for Hyperglycemia',
    others: [
      'Katz MA. Hyperglycemia-induced hyponatremia: calculation of expected serum sodium depression. N Engl J Med 1973;289:843-4.',
    ],
  },
  inputs: {
    sodium: { ...SODIUM_INPUT, label: 'Measured serum sodium' },
    glucose: GLUCOSE_INPUT,
  },
  options: { factor: factorOption },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { sodium, glucose } = inputs;
    if (sodium === undefined || glucose === undefined) {
      return derivation.notComputable([
        ...(sodium === undefined ? ['sodium'] : []),
        ...(glucose === undefined ? ['glucose'] : []),
      ]);
    }
    const factor = FACTORS[options.factor];
    const correction = factor * (glucose - 100);
    const value = sodium + correction;
    derivation.step(
      `Correction = ${factor} × (${formatNumber(glucose)} − 100) mg/dL = ${formatNumber(correction)} mEq/L`,
    );
    if (glucose < 100) derivation.step('Glucose is below 100 mg/dL, so the correction lowers the sodium');
    derivation.step(
      `Corrected Na = ${formatNumber(sodium)} + ${formatNumber(correction)} = ${formatNumber(value)} mEq/L`,
    );
    return derivation.number(value, 'mEq/L');
  },
});
