import { formatNumber } from '../units/index.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Revised Cardiac Risk Index (Lee index) for major cardiac complications after non-cardiac surgery (0–6 points).
 *
 * +1 each: elevated-risk surgery (intraperitoneal, intrathoracic or suprainguinal vascular); history of
 * ischaemic heart disease; history of congestive heart failure; history of cerebrovascular disease (stroke or
 * TIA); pre-operative treatment with insulin; pre-operative serum creatinine above 2 mg/dL (177 µmol/L).
 * Criteria not mentioned are absent, as MDCalc's yes/no form reads; a missing creatinine leaves its criterion
 * unmet and is recorded as an assumption. The benchmark carries cerebrovascular disease under two entity keys;
 * both feed one input (true if either is true, and a disagreement is reported). The v1.0 labels read only the
 * key that is always false, so they never count this criterion; we do.
 *
 * Source: Lee TH et al. Derivation and prospective validation of a simple index for prediction of cardiac risk
 * of major noncardiac surgery. Circulation 1999;100:1043-9.
 * MDCalc: "Revised Cardiac Risk Index for Pre-Operative Risk".
 * Inputs: creatinine in mg/dL (µmol/L converted; plausible 0.1–25), booleans.
 */
export const calculator = defineCalculator({
  id: 'revised-cardiac-risk-index',
  version: '1.0.0',
  name: 'Revised Cardiac Risk Index for Pre-Operative Risk',
  medcalcId: 17,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'Peri-operative cardiac risk, 0–6 points; creatinine in mg/dL, criteria not mentioned count as absent.',
  reference: {
    primary: 'Lee TH et al. Circulation 1999;100:1043-9.',
    mdcalc: 'Revised Cardiac Risk Index for Pre-Operative Risk',
  },
  inputs: {
    elevatedRiskSurgery: {
      type: 'boolean',
      label: 'Elevated-risk surgery',
      entityKeys: ['Elevated-risk surgery'],
      description: 'Intraperitoneal, intrathoracic or suprainguinal vascular surgery.',
    },
    ischemicHeartDisease: {
      type: 'boolean',
      label: 'History of ischaemic heart disease',
      entityKeys: ['History of ischemic heart disease'],
      description: 'Prior MI, positive exercise test, angina, nitrate therapy or pathological Q waves.',
    },
    congestiveHeartFailure: {
      type: 'boolean',
      label: 'History of congestive heart failure',
      entityKeys: ['Congestive Heart Failure criteria for the Cardiac Risk Index rule'],
    },
    cerebrovascularDisease: {
      type: 'boolean',
      label: 'History of cerebrovascular disease',
      entityKeys: ['History of cerebrovascular disease', 'Cerebrovascular disease history'],
      description: 'Prior stroke or transient ischaemic attack.',
    },
    insulinTreatment: {
      type: 'boolean',
      label: 'Pre-operative treatment with insulin',
      entityKeys: ['Pre-operative treatment with insulin'],
    },
    creatinine: {
      type: 'quantity',
      quantity: 'creatinine',
      label: 'Pre-operative creatinine',
      entityKeys: ['Pre-operative creatinine'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    derivation.flag('Elevated-risk surgery', inputs.elevatedRiskSurgery, 1);
    derivation.flag('History of ischaemic heart disease', inputs.ischemicHeartDisease, 1);
    derivation.flag('History of congestive heart failure', inputs.congestiveHeartFailure, 1);
    derivation.flag('History of cerebrovascular disease', inputs.cerebrovascularDisease, 1);
    derivation.flag('Pre-operative treatment with insulin', inputs.insulinTreatment, 1);
    if (inputs.creatinine === undefined) {
      derivation.assume('Pre-operative creatinine: not mentioned, creatinine > 2 mg/dL assumed absent');
      derivation.add('Pre-operative creatinine: not mentioned', 0);
    } else {
      const creatinine = inputs.creatinine;
      const high = creatinine > 2;
      derivation.add(
        `Pre-operative creatinine ${formatNumber(creatinine)} mg/dL (${high ? '> 2' : '≤ 2'})`,
        high ? 1 : 0,
      );
    }
    return derivation.score();
  },
});
