import { formatNumber } from '../units/index.js';
import { AGE_INPUT, CREATININE_INPUT, SEX_INPUT, RACE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { OptionSpec } from './types.js';

type Calibration = 'idms' | 'original';

const CONSTANTS: Readonly<Record<Calibration, number>> = { idms: 175, original: 186 };

const calibrationOption: OptionSpec<Calibration> = {
  values: ['idms', 'original'],
  sources: {
    original:
      'Levey AS et al. A simplified equation to predict glomerular filtration rate from serum creatinine [abstract]. J Am Soc Nephrol 2000;11:155A.',
  },
  default: 'idms',
  description:
    'Creatinine calibration. idms (default; Levey 2006, MDCalc, NKDEP): constant 175 for creatinine traceable to ' +
    'isotope-dilution mass spectrometry, as all current assays are. original: constant 186 of the 4-variable ' +
    're-expression of the MDRD Study equation (Levey 2000) for creatinine measured on the older, uncalibrated ' +
    'Cleveland Clinic assay.',
};

/**
 * Estimated GFR by the 4-variable MDRD Study equation (IDMS-traceable), in mL/min/1.73 m²:
 * GFR = 175 × SCr^−1.154 × age^−0.203 × 0.742 [female] × 1.212 [Black], SCr in mg/dL.
 * Race "not mentioned" is read as not Black and recorded as an assumption, as MDCalc does when it is left unset.
 *
 * Sources: Levey AS et al. Using standardized serum creatinine values in the Modification of Diet in Renal
 * Disease Study equation for estimating glomerular filtration rate. Ann Intern Med 2006;145:247-54 (constant 175).
 * Levey AS et al. J Am Soc Nephrol 2000;11:155A (4-variable equation, constant 186). MDCalc: "MDRD GFR Equation".
 * Units: creatinine mg/dL (µmol/L converted), age years; answer mL/min/1.73 m². Valid for adults (≥ 18 years)
 * with stable creatinine; it underestimates GFR above 60 mL/min/1.73 m².
 */
export const calculator = defineCalculator({
  id: 'mdrd-gfr',
  version: '1.0.0',
  name: 'MDRD GFR Equation',
  medcalcId: 9,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mL/min/1.73 m²',
  summary:
    'GFR = 175 × SCr^−1.154 × age^−0.203 × 0.742[F] × 1.212[Black] (SCr mg/dL, adults ≥ 18 years); race defaults to not Black.',
  reference: {
    primary:
      'Levey AS et al. Using standardized serum creatinine values in the Modification of Diet in Renal Disease Study equation for estimating glomerular filtration rate. Ann Intern Med 2006;145:247-54.',
    mdcalc: 'MDRD GFR Equation',
    others: [
      'Levey AS et al. A simplified equation to predict glomerular filtration rate from serum creatinine [abstract]. J Am Soc Nephrol 2000;11:155A.',
    ],
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    creatinine: CREATININE_INPUT,
    race: RACE_INPUT,
  },
  options: { calibration: calibrationOption },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { age, sex, creatinine, race } = inputs;
    if (age === undefined || sex === undefined || creatinine === undefined) {
      return derivation.notComputable([
        ...(age === undefined ? ['age'] : []),
        ...(sex === undefined ? ['sex'] : []),
        ...(creatinine === undefined ? ['creatinine'] : []),
      ]);
    }
    if (age < 18)
      derivation.warn(
        'outside-population',
        `age ${formatNumber(age)} years: the MDRD equation is validated for adults only`,
      );
    if (race === undefined) derivation.assume('Race: not mentioned, assumed not Black');
    const constant = CONSTANTS[options.calibration];
    const creatinineTerm = creatinine ** -1.154;
    const ageTerm = age ** -0.203;
    const sexFactor = sex === 'female' ? 0.742 : 1;
    const raceFactor = race === 'black' ? 1.212 : 1;
    derivation.step(`${formatNumber(creatinine)}^−1.154 = ${formatNumber(creatinineTerm)}`);
    derivation.step(`${formatNumber(age)}^−0.203 = ${formatNumber(ageTerm)}`);
    const value = constant * creatinineTerm * ageTerm * sexFactor * raceFactor;
    derivation.step(
      `GFR = ${constant} × ${formatNumber(creatinineTerm)} × ${formatNumber(ageTerm)}` +
        `${sexFactor === 1 ? '' : ' × 0.742 (female)'}${raceFactor === 1 ? '' : ' × 1.212 (Black)'}` +
        ` = ${formatNumber(value)} mL/min/1.73 m²`,
    );
    if (value > 60)
      derivation.step('Above 60 mL/min/1.73 m² the MDRD estimate is imprecise (often reported as "> 60")');
    return derivation.number(value, 'mL/min/1.73 m²');
  },
});
