import {
  AGE_INPUT,
  CONGESTIVE_HEART_FAILURE_INPUT,
  HYPERTENSION_HISTORY_INPUT,
  SEX_INPUT,
  TRANSIENT_ISCHEMIC_ATTACK_INPUT,
} from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * CHA₂DS₂-VASc stroke-risk score for atrial fibrillation (0–9 points).
 *
 * Points: congestive heart failure 1; hypertension 1; age ≥75 years 2, 65–74 years 1; diabetes 1; prior stroke,
 * TIA or thromboembolism 2 (once, however many); vascular disease (prior MI, peripheral artery disease, aortic
 * plaque) 1; female sex 1. Missing criteria are "not mentioned" and score 0.
 *
 * Source: Lip GYH et al. Refining clinical risk stratification for predicting stroke and thromboembolism in atrial
 * fibrillation using a novel risk factor-based approach. Chest 2010;137:263-72.
 * MDCalc: "CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk".
 * Inputs: age in years (0–120), sex, booleans.
 */
export const calculator = defineCalculator({
  id: 'cha2ds2-vasc',
  version: '1.0.0',
  name: 'CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk',
  medcalcId: 4,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Stroke risk in atrial fibrillation, 0–9 points; requires age and sex, other criteria default to absent.',
  reference: {
    primary: 'Lip GYH et al. Chest 2010;137:263-72.',
    mdcalc: 'CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk',
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    congestiveHeartFailure: CONGESTIVE_HEART_FAILURE_INPUT,
    hypertension: HYPERTENSION_HISTORY_INPUT,
    diabetes: { type: 'boolean', label: 'Diabetes mellitus', entityKeys: ['Diabetes history'] },
    stroke: { type: 'boolean', label: 'Prior stroke', entityKeys: ['Stroke'] },
    transientIschemicAttack: TRANSIENT_ISCHEMIC_ATTACK_INPUT,
    thromboembolism: {
      type: 'boolean',
      label: 'Prior thromboembolism',
      entityKeys: ['Thromboembolism history'],
    },
    vascularDisease: {
      type: 'boolean',
      label: 'Vascular disease (prior MI, peripheral artery disease, aortic plaque)',
      entityKeys: ['Vascular disease history'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    if (inputs.age === undefined || inputs.sex === undefined) {
      return derivation.notComputable([
        ...(inputs.age === undefined ? ['age'] : []),
        ...(inputs.sex === undefined ? ['sex'] : []),
      ]);
    }
    const age = inputs.age;
    if (age >= 75) derivation.add(`Age ${age} years (≥75)`, 2);
    else if (age >= 65) derivation.add(`Age ${age} years (65–74)`, 1);
    else derivation.add(`Age ${age} years (<65)`, 0);
    derivation.add(`Sex ${inputs.sex}`, inputs.sex === 'female' ? 1 : 0);
    derivation.flag('Congestive heart failure', inputs.congestiveHeartFailure, 1);
    derivation.flag('Hypertension', inputs.hypertension, 1);
    derivation.flag('Diabetes mellitus', inputs.diabetes, 1);
    const thromboembolic = [inputs.stroke, inputs.transientIschemicAttack, inputs.thromboembolism];
    if (thromboembolic.some((value) => value === true)) {
      derivation.add('Prior stroke, TIA or thromboembolism', 2);
    } else {
      if (thromboembolic.some((value) => value === undefined)) {
        derivation.assume('Prior stroke/TIA/thromboembolism: not all mentioned, assumed absent');
      }
      derivation.add('Prior stroke, TIA or thromboembolism: none', 0);
    }
    derivation.flag('Vascular disease', inputs.vascularDisease, 1);
    return derivation.score();
  },
});
