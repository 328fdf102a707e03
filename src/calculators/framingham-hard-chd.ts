import { formatNumber } from '../units/index.js';
import { AGE_INPUT, SEX_INPUT, SYSTOLIC_INPUT } from './common-inputs.js';
import type { Sex } from './types.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

interface Coefficients {
  lnAge: number;
  lnTotalCholesterol: number;
  lnHdl: number;
  lnSystolic: number;
  treated: number;
  smoker: number;
  lnAgeTimesLnTotalCholesterol: number;
  lnSmokingAgeTimesSmoker: number;
  lnAgeSquared: number;
  constant: number;
  /** Age above which the age-by-smoking term stops growing. */
  smokingAgeCap: number;
  /** Ten-year baseline survival S₀. */
  baselineSurvival: number;
}

/** Sex-specific Cox coefficients of the ATP III hard-CHD risk function (total and HDL cholesterol in mg/dL). */
const COEFFICIENTS: Record<Sex, Coefficients> = {
  male: {
    lnAge: 52.00961,
    lnTotalCholesterol: 20.014077,
    lnHdl: -0.905964,
    lnSystolic: 1.305784,
    treated: 0.241549,
    smoker: 12.096316,
    lnAgeTimesLnTotalCholesterol: -4.605038,
    lnSmokingAgeTimesSmoker: -2.84367,
    lnAgeSquared: -2.93323,
    constant: -172.300168,
    smokingAgeCap: 70,
    baselineSurvival: 0.9402,
  },
  female: {
    lnAge: 31.764001,
    lnTotalCholesterol: 22.465206,
    lnHdl: -1.187731,
    lnSystolic: 2.552905,
    treated: 0.420251,
    smoker: 13.07543,
    lnAgeTimesLnTotalCholesterol: -5.060998,
    lnSmokingAgeTimesSmoker: -2.996945,
    lnAgeSquared: 0,
    constant: -146.5933061,
    smokingAgeCap: 78,
    baselineSurvival: 0.98767,
  },
};

/**
 * Framingham / ATP III 10-year risk of hard coronary heart disease (myocardial infarction or coronary death), in
 * percent.
 *
 * Linear predictor L = β₁ ln(age) + β₂ ln(TC) + β₃ ln(HDL) + β₄ ln(SBP) + β₅ [BP treated] + β₆ [smoker]
 * + β₇ ln(age) ln(TC) + β₈ ln(min(age, cap)) [smoker] + β₉ ln(age)² + β₀, with sex-specific coefficients
 * (men: cap 70 years, S₀ = 0.9402; women: cap 78 years, no squared-age term, S₀ = 0.98767); risk = 100 × (1 − S₀^exp(L)).
 * Cholesterol enters in mg/dL (the model was fitted on mg/dL; an mmol/L value is converted to mg/dL first, never the
 * reverse), nothing is rounded on the way, and treated blood pressure is the binary term used by MDCalc and the
 * Framingham Heart Study risk-function page. A missing smoking or treatment status is taken as "no" with an
 * assumption; missing age, sex, total or HDL cholesterol, or systolic pressure make the risk not computable.
 *
 * Source: Expert Panel on Detection, Evaluation, and Treatment of High Blood Cholesterol in Adults. Executive
 * summary of the Third Report of the NCEP (Adult Treatment Panel III). JAMA 2001;285:2486-97, and the Framingham
 * Heart Study "Hard Coronary Heart Disease (10-year risk)" function (Wilson PWF et al., Circulation 1998;97:1837-47).
 * MDCalc: "Framingham Risk Score for Hard Coronary Heart Disease".
 * Intended population (MDCalc, and the 30–74-year cohort of Wilson 1998): age 30–74 years, no CHD, intermittent
 * claudication or diabetes. ATP III's point tables run from 20 to 79 years; outside 30–74 the risk is still computed,
 * with a warning. Units: total and HDL cholesterol mg/dL, systolic pressure mm Hg (90–200 typical), age years.
 */
export const calculator = defineCalculator({
  id: 'framingham-hard-chd',
  version: '1.0.0',
  name: 'Framingham Risk Score for Hard Coronary Heart Disease',
  medcalcId: 46,
  category: 'lab',
  outputType: 'decimal',
  unit: '% (10-year risk)',
  summary:
    '10-year hard CHD risk (%) from sex, age 30–74, total and HDL cholesterol (mg/dL), SBP, BP treatment, smoking.',
  reference: {
    primary: 'NCEP Adult Treatment Panel III. JAMA 2001;285:2486-97.',
    mdcalc: 'Framingham Risk Score for Hard Coronary Heart Disease',
    others: [
      'Wilson PWF et al. Prediction of coronary heart disease using risk factor categories. Circulation 1998;97:1837-47.',
    ],
  },
  inputs: {
    sex: SEX_INPUT,
    age: AGE_INPUT,
    totalCholesterol: {
      type: 'quantity',
      quantity: 'cholesterol',
      label: 'Total cholesterol',
      entityKeys: ['Total cholesterol'],
    },
    hdl: {
      type: 'quantity',
      quantity: 'cholesterol',
      label: 'HDL cholesterol',
      entityKeys: ['high-density lipoprotein cholesterol'],
    },
    systolic: SYSTOLIC_INPUT,
    bloodPressureTreated: {
      type: 'boolean',
      label: 'Blood pressure treated with medication',
      entityKeys: ['Blood pressure being treated with medicines'],
    },
    smoker: { type: 'boolean', label: 'Current smoker', entityKeys: ['Smoker'] },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sex, age, totalCholesterol, hdl, systolic } = inputs;
    if (
      sex === undefined ||
      age === undefined ||
      totalCholesterol === undefined ||
      hdl === undefined ||
      systolic === undefined
    ) {
      const required = { sex, age, totalCholesterol, hdl, systolic };
      return derivation.notComputable(
        Object.entries(required).flatMap(([name, value]) => (value === undefined ? [name] : [])),
      );
    }
    if (age < 30 || age > 74)
      derivation.warn(
        'outside-population',
        `age ${formatNumber(age)} years is outside the model's intended range (30–74)`,
      );
    if (hdl < 10)
      derivation.warn(
        'implausible-value',
        `implausible HDL cholesterol ${formatNumber(hdl)} mg/dL (below 10)`,
      );
    if (hdl >= totalCholesterol) {
      derivation.warn(
        'inputs-contradict',
        `HDL ${formatNumber(hdl)} mg/dL is not below total cholesterol ${formatNumber(totalCholesterol)} mg/dL`,
      );
    }
    if (inputs.smoker === undefined) derivation.assume('Smoker: not mentioned, assumed non-smoker');
    if (inputs.bloodPressureTreated === undefined) {
      derivation.assume('Blood pressure treatment: not mentioned, assumed untreated');
    }
    const smoker = inputs.smoker === true ? 1 : 0;
    const treated = inputs.bloodPressureTreated === true ? 1 : 0;
    const beta = COEFFICIENTS[sex];
    const lnAge = Math.log(age);
    const lnTotalCholesterol = Math.log(totalCholesterol);
    const smokingAge = Math.min(age, beta.smokingAgeCap);
    const terms: [string, number][] = [
      [`${beta.lnAge} × ln(age ${formatNumber(age)})`, beta.lnAge * lnAge],
      [
        `${beta.lnTotalCholesterol} × ln(TC ${formatNumber(totalCholesterol)})`,
        beta.lnTotalCholesterol * lnTotalCholesterol,
      ],
      [`${beta.lnHdl} × ln(HDL ${formatNumber(hdl)})`, beta.lnHdl * Math.log(hdl)],
      [`${beta.lnSystolic} × ln(SBP ${formatNumber(systolic)})`, beta.lnSystolic * Math.log(systolic)],
      [`${beta.treated} × treated ${treated}`, beta.treated * treated],
      [`${beta.smoker} × smoker ${smoker}`, beta.smoker * smoker],
      [
        `${beta.lnAgeTimesLnTotalCholesterol} × ln(age) × ln(TC)`,
        beta.lnAgeTimesLnTotalCholesterol * lnAge * lnTotalCholesterol,
      ],
      [
        `${beta.lnSmokingAgeTimesSmoker} × ln(${formatNumber(smokingAge)}) × smoker ${smoker}`,
        beta.lnSmokingAgeTimesSmoker * Math.log(smokingAge) * smoker,
      ],
      [`${beta.lnAgeSquared} × ln(age)²`, beta.lnAgeSquared * lnAge * lnAge],
      ['constant', beta.constant],
    ];
    let linear = 0;
    for (const [text, value] of terms) {
      linear += value;
      derivation.step(`${text} = ${formatNumber(value)}`);
    }
    derivation.step(`Linear predictor L (${sex}) = ${formatNumber(linear)}`);
    const risk = 100 * (1 - Math.pow(beta.baselineSurvival, Math.exp(linear)));
    derivation.step(`Risk = 100 × (1 − ${beta.baselineSurvival}^exp(L)) = ${formatNumber(risk)} %`);
    return derivation.number(risk, '%');
  },
});
