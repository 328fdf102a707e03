import { formatNumber } from '../units/index.js';
import { AGE_INPUT, CREATININE_INPUT, SEX_INPUT, RACE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { OptionSpec } from './types.js';

type Equation = 'ckd-epi-2021' | 'ckd-epi-2009';

interface Coefficients {
  constant: number;
  alphaFemale: number;
  alphaMale: number;
  /** Exponent of max(SCr/κ, 1). */
  highExponent: number;
  ageBase: number;
  femaleFactor: number;
  blackFactor: number;
}

const COEFFICIENTS: Readonly<Record<Equation, Coefficients>> = {
  'ckd-epi-2021': {
    constant: 142,
    alphaFemale: -0.241,
    alphaMale: -0.302,
    highExponent: -1.2,
    ageBase: 0.9938,
    femaleFactor: 1.012,
    blackFactor: 1,
  },
  'ckd-epi-2009': {
    constant: 141,
    alphaFemale: -0.329,
    alphaMale: -0.411,
    highExponent: -1.209,
    ageBase: 0.993,
    femaleFactor: 1.018,
    blackFactor: 1.159,
  },
};

const equationOption: OptionSpec<Equation> = {
  values: ['ckd-epi-2021', 'ckd-epi-2009'],
  sources: {
    'ckd-epi-2009':
      'Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med 2009;150:604-12.',
  },
  default: 'ckd-epi-2021',
  description:
    'ckd-epi-2021 (default; Inker 2021, the race-free refit the MedCalc-Bench question names and the NKF-ASN task ' +
    'force recommends): 142, α −0.241 F / −0.302 M, upper exponent −1.200, 0.9938^age, ×1.012 female. ckd-epi-2009 ' +
    '(Levey 2009): 141, α −0.329 F / −0.411 M, upper exponent −1.209, 0.993^age, ×1.018 female, ×1.159 Black ' +
    '(race missing: not Black, recorded as an assumption).',
};

/**
 * Estimated GFR by the CKD-EPI creatinine equation, in mL/min/1.73 m². Default: the 2021 race-free equation,
 * eGFR = 142 × min(SCr/κ, 1)^α × max(SCr/κ, 1)^−1.200 × 0.9938^age × 1.012 [female],
 * κ = 0.7 (female) / 0.9 (male), α = −0.241 (female) / −0.302 (male), SCr in mg/dL (IDMS-traceable).
 * The 2009 equation (with its race coefficient) is available through the `equation` option.
 *
 * Sources: Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. N Engl J
 * Med 2021;385:1737-49. Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med
 * 2009;150:604-12. MDCalc: "CKD-EPI Equations for Glomerular Filtration Rate (GFR)".
 * Units: creatinine mg/dL (µmol/L converted), age years; answer mL/min/1.73 m². Valid for adults (≥ 18 years)
 * with stable creatinine; not for acute kidney injury.
 */
export const calculator = defineCalculator({
  id: 'ckd-epi-2021',
  version: '1.0.0',
  name: 'CKD-EPI Equations for Glomerular Filtration Rate',
  medcalcId: 3,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mL/min/1.73 m²',
  summary:
    'eGFR (CKD-EPI 2021, race-free) from creatinine (mg/dL), age (≥ 18 years) and sex; option for CKD-EPI 2009.',
  reference: {
    primary:
      'Inker LA et al. New creatinine- and cystatin C-based equations to estimate GFR without race. N Engl J Med 2021;385:1737-49.',
    mdcalc: 'CKD-EPI Equations for Glomerular Filtration Rate (GFR)',
    others: [
      'Levey AS et al. A new equation to estimate glomerular filtration rate. Ann Intern Med 2009;150:604-12.',
    ],
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    creatinine: CREATININE_INPUT,
    race: { ...RACE_INPUT, label: 'Race (used only by the 2009 equation)' },
  },
  options: { equation: equationOption },
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
        `age ${formatNumber(age)} years: CKD-EPI is validated for adults only`,
      );
    const equation = options.equation;
    const coefficients = COEFFICIENTS[equation];
    const female = sex === 'female';
    const kappa = female ? 0.7 : 0.9;
    const alpha = female ? coefficients.alphaFemale : coefficients.alphaMale;
    const ratio = creatinine / kappa;
    const lowTerm = Math.min(ratio, 1) ** alpha;
    const highTerm = Math.max(ratio, 1) ** coefficients.highExponent;
    const ageTerm = coefficients.ageBase ** age;
    const sexFactor = female ? coefficients.femaleFactor : 1;
    derivation.step(`${equation}: κ = ${kappa}, α = ${alpha} (${sex})`);
    derivation.step(`SCr/κ = ${formatNumber(creatinine)} / ${kappa} = ${formatNumber(ratio)}`);
    derivation.step(`min(SCr/κ, 1)^${alpha} = ${formatNumber(lowTerm)}`);
    derivation.step(`max(SCr/κ, 1)^${coefficients.highExponent} = ${formatNumber(highTerm)}`);
    derivation.step(`${coefficients.ageBase}^${formatNumber(age)} = ${formatNumber(ageTerm)}`);
    let raceFactor = 1;
    if (equation === 'ckd-epi-2009') {
      if (race === undefined)
        derivation.assume('Race: not mentioned, assumed not Black (no race coefficient)');
      raceFactor = race === 'black' ? coefficients.blackFactor : 1;
    } else if (race !== undefined) {
      derivation.step('Race is not part of the 2021 equation and is ignored');
    }
    const value = coefficients.constant * lowTerm * highTerm * ageTerm * sexFactor * raceFactor;
    derivation.step(
      `eGFR = ${coefficients.constant} × ${formatNumber(lowTerm)} × ${formatNumber(highTerm)} × ${formatNumber(ageTerm)}` +
        `${female ? ` × ${coefficients.femaleFactor} (female)` : ''}${raceFactor === 1 ? '' : ` × ${raceFactor} (Black)`}` +
        ` = ${formatNumber(value)} mL/min/1.73 m²`,
    );
    return derivation.number(value, 'mL/min/1.73 m²');
  },
});
