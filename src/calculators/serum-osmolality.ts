import { formatNumber } from '../units/index.js';
import { BLOOD_UREA_NITROGEN_INPUT, GLUCOSE_INPUT, SODIUM_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { OptionSpec } from './types.js';

type Formula = 'two-sodium' | 'dorwart-chalmers';

const formulaOption: OptionSpec<Formula> = {
  values: ['two-sodium', 'dorwart-chalmers'],
  sources: {
    'dorwart-chalmers':
      'Dorwart WV, Chalmers L. Comparison of methods for calculating serum osmolality from chemical concentrations, and the prognostic value of such calculations. Clin Chem 1975;21:190-4.',
  },
  default: 'two-sodium',
  description:
    'two-sodium (default; MDCalc and the MedCalc-Bench labels, the bedside formula of Smithline & Gardner 1976): ' +
    '2 × Na + BUN/2.8 + glucose/18. dorwart-chalmers (Dorwart & Chalmers 1975, the best fit of 13 formulas in ' +
    '715 sera): 1.86 × Na + BUN/2.8 + glucose/18 + 9.',
};

/**
 * Calculated serum osmolality, in mOsm/kg: 2 × Na + BUN/2.8 + glucose/18, with sodium in mmol/L and BUN and
 * glucose in mg/dL (dividing by 2.8 and 18 turns mg/dL into mmol/L). Normal about 275–295 mOsm/kg. The
 * `formula` option selects the Dorwart–Chalmers coefficients instead.
 *
 * Sources: Smithline N, Gardner KD Jr. Gaps — anionic and osmolal. JAMA 1976;236:1594-7. Dorwart WV, Chalmers L.
 * Comparison of methods for calculating serum osmolality from chemical concentrations, and the prognostic value
 * of such calculations. Clin Chem 1975;21:190-4. MDCalc: "Serum Osmolality/Osmolarity".
 * Units: sodium mmol/L (= mEq/L), BUN mg/dL (urea mmol/L converted), glucose mg/dL (mmol/L converted); answer
 * mOsm/kg. Valid ranges: sodium 95–200 mmol/L, BUN 1–300 mg/dL, glucose 10–3000 mg/dL.
 */
export const calculator = defineCalculator({
  id: 'serum-osmolality',
  version: '1.0.0',
  name: 'Serum Osmolality',
  medcalcId: 30,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mOsm/kg',
  summary:
    'Calculated osmolality = 2 × Na + BUN/2.8 + glucose/18 (Na mmol/L; BUN, glucose mg/dL); option for Dorwart–Chalmers.',
  reference: {
    primary: 'Smithline N, Gardner KD Jr. Gaps — anionic and osmolal. JAMA 1976;236:1594-7.',
    mdcalc: 'Serum Osmolality/Osmolarity',
    others: [
      'Dorwart WV, Chalmers L. Comparison of methods for calculating serum osmolality from chemical concentrations, and the prognostic value of such calculations. Clin Chem 1975;21:190-4.',
    ],
  },
  inputs: {
    sodium: SODIUM_INPUT,
    bloodUreaNitrogen: BLOOD_UREA_NITROGEN_INPUT,
    glucose: GLUCOSE_INPUT,
  },
  options: { formula: formulaOption },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { sodium, bloodUreaNitrogen, glucose } = inputs;
    if (sodium === undefined || bloodUreaNitrogen === undefined || glucose === undefined) {
      return derivation.notComputable([
        ...(sodium === undefined ? ['sodium'] : []),
        ...(bloodUreaNitrogen === undefined ? ['bloodUreaNitrogen'] : []),
        ...(glucose === undefined ? ['glucose'] : []),
      ]);
    }
    const dorwart = options.formula === 'dorwart-chalmers';
    const sodiumFactor = dorwart ? 1.86 : 2;
    const constant = dorwart ? 9 : 0;
    const sodiumTerm = sodiumFactor * sodium;
    const ureaTerm = bloodUreaNitrogen / 2.8;
    const glucoseTerm = glucose / 18;
    const value = sodiumTerm + ureaTerm + glucoseTerm + constant;
    derivation.step(`${sodiumFactor} × Na ${formatNumber(sodium)} mmol/L = ${formatNumber(sodiumTerm)}`);
    derivation.step(`BUN ${formatNumber(bloodUreaNitrogen)} mg/dL / 2.8 = ${formatNumber(ureaTerm)}`);
    derivation.step(`Glucose ${formatNumber(glucose)} mg/dL / 18 = ${formatNumber(glucoseTerm)}`);
    derivation.step(
      `Osmolality = ${formatNumber(sodiumTerm)} + ${formatNumber(ureaTerm)} + ${formatNumber(glucoseTerm)}` +
        `${dorwart ? ' + 9' : ''} = ${formatNumber(value)} mOsm/kg`,
    );
    return derivation.number(value, 'mOsm/kg');
  },
});
