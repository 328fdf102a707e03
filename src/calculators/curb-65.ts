import { formatNumber, QUANTITY_KINDS } from '../units/index.js';
import {
  AGE_INPUT,
  BLOOD_UREA_NITROGEN_INPUT,
  DIASTOLIC_INPUT,
  RESPIRATORY_RATE_INPUT,
  SYSTOLIC_INPUT,
} from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** mg/dL of urea nitrogen per mmol/L of urea (two nitrogen atoms of 14.007 g/mol, per dL). */
const BUN_MG_DL_PER_UREA_MMOL_L = QUANTITY_KINDS['blood-urea-nitrogen'].molecularWeight / 10;

/**
 * CURB-65 severity score for community-acquired pneumonia (0–5 points).
 *
 * +1 each: Confusion (new disorientation in person, place or time); Urea above 7 mmol/L, which MDCalc writes as
 * BUN above 19 mg/dL (see the `ureaThreshold` option); Respiratory rate 30/min or more; Blood pressure low,
 * systolic below 90 or diastolic 60 mm Hg or less; age 65 years or more. Confusion not mentioned is absent.
 * Age, urea, respiratory rate and blood pressure are measurements with no default: without urea the score is
 * CRB-65, a different rule, so a missing one makes the result not computable (the blood-pressure criterion is
 * decided by whichever reading already meets it).
 *
 * Source: Lim WS et al. Defining community acquired pneumonia severity on presentation to hospital: an
 * international derivation and validation study. Thorax 2003;58:377-82.
 * MDCalc: "CURB-65 Score for Pneumonia Severity".
 * Inputs: age in years (0–120), BUN in mg/dL (urea mmol/L converted; 1–300), respiratory rate per minute
 * (2–80), blood pressure in mm Hg (10–300).
 */
export const calculator = defineCalculator({
  id: 'curb-65',
  version: '1.0.0',
  name: 'CURB-65 Score for Pneumonia Severity',
  medcalcId: 45,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary: 'Pneumonia 30-day mortality, 0–5 points; needs age, BUN, respiratory rate and blood pressure.',
  reference: {
    primary: 'Lim WS et al. Thorax 2003;58:377-82.',
    mdcalc: 'CURB-65 Score for Pneumonia Severity',
  },
  inputs: {
    confusion: { type: 'boolean', label: 'Confusion', entityKeys: ['Confusion'] },
    bloodUreaNitrogen: BLOOD_UREA_NITROGEN_INPUT,
    respiratoryRate: RESPIRATORY_RATE_INPUT,
    systolic: SYSTOLIC_INPUT,
    diastolic: DIASTOLIC_INPUT,
    age: AGE_INPUT,
  },
  options: {
    ureaThreshold: {
      values: ['bun-19', 'urea-7'] as const,
      default: 'bun-19' as const,
      description:
        'The urea criterion. "bun-19" (default): BUN > 19 mg/dL, as MDCalc states it. "urea-7": urea > 7 mmol/L ' +
        'as in Lim et al. Thorax 2003, i.e. BUN > 19.61 mg/dL. They differ only for BUN 19–19.61 mg/dL.',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { bloodUreaNitrogen, respiratoryRate, systolic, diastolic, age } = inputs;
    const missing = [
      ...(bloodUreaNitrogen === undefined ? ['bloodUreaNitrogen'] : []),
      ...(respiratoryRate === undefined ? ['respiratoryRate'] : []),
      ...(age === undefined ? ['age'] : []),
    ];
    const lowPressure =
      (systolic !== undefined && systolic < 90) || (diastolic !== undefined && diastolic <= 60);
    if (!lowPressure) {
      if (systolic === undefined) missing.push('systolic');
      if (diastolic === undefined) missing.push('diastolic');
    }
    if (
      bloodUreaNitrogen === undefined ||
      respiratoryRate === undefined ||
      age === undefined ||
      missing.length > 0
    ) {
      return derivation.notComputable(missing);
    }
    derivation.flag('Confusion', inputs.confusion, 1);
    // Compare without conversion noise: 7 mmol/L urea arrives as 19.609799999999996 mg/dL.
    const bun = Number(formatNumber(bloodUreaNitrogen));
    if (options.ureaThreshold === 'urea-7') {
      const urea = Number(formatNumber(bloodUreaNitrogen / BUN_MG_DL_PER_UREA_MMOL_L));
      derivation.add(`Urea ${formatNumber(urea)} mmol/L (${urea > 7 ? '> 7' : '≤ 7'})`, urea > 7 ? 1 : 0);
    } else {
      derivation.add(`BUN ${formatNumber(bun)} mg/dL (${bun > 19 ? '> 19' : '≤ 19'})`, bun > 19 ? 1 : 0);
    }
    const rate = respiratoryRate;
    derivation.add(
      `Respiratory rate ${formatNumber(rate)}/min (${rate >= 30 ? '≥ 30' : '< 30'})`,
      rate >= 30 ? 1 : 0,
    );
    if (diastolic !== undefined && systolic !== undefined && diastolic > systolic) {
      derivation.warn(
        'inputs-contradict',
        `diastolic ${formatNumber(diastolic)} mm Hg exceeds systolic ${formatNumber(systolic)} mm Hg`,
      );
    }
    const pressure = `${systolic === undefined ? '?' : formatNumber(systolic)}/${diastolic === undefined ? '?' : formatNumber(diastolic)}`;
    derivation.add(
      `Blood pressure ${pressure} mm Hg (${lowPressure ? 'SBP < 90 or DBP ≤ 60' : 'SBP ≥ 90 and DBP > 60'})`,
      lowPressure ? 1 : 0,
    );
    derivation.add(`Age ${formatNumber(age)} years (${age >= 65 ? '≥ 65' : '< 65'})`, age >= 65 ? 1 : 0);
    return derivation.score();
  },
});
