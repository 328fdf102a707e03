import { formatNumber } from '../units/index.js';
import { AGE_INPUT, HEART_RATE_INPUT, PREVIOUS_DVT_INPUT, PREVIOUS_PE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * PERC rule for pulmonary embolism, reported as the number of criteria met (0–8; 0 = PERC negative).
 *
 * Criteria: age 50 years or older; heart rate 100 beats/min or more; oxygen saturation below 95 %; unilateral leg
 * swelling; haemoptysis; surgery or trauma within 4 weeks requiring hospitalisation; prior PE or DVT (one
 * criterion, however many); hormone use (oral contraceptives, hormone replacement or oestrogen). The benchmark
 * asks for the count, not the rule-out verdict; the verdict (all eight negative in a low-pretest-probability
 * patient) is given as a step. Age is required. Criteria not mentioned are not met; a missing heart rate or
 * saturation leaves its criterion unmet and is recorded as an assumption.
 *
 * Source: Kline JA et al. Clinical criteria to prevent unnecessary diagnostic testing in emergency department
 * patients with suspected pulmonary embolism. J Thromb Haemost 2004;2:1247-55.
 * MDCalc: "PERC Rule for Pulmonary Embolism".
 * Inputs: age in years (0–120), heart rate in beats/min (10–300), SaO₂ in % (30–100), booleans.
 */
export const calculator = defineCalculator({
  id: 'perc',
  version: '1.0.0',
  name: 'PERC Rule for Pulmonary Embolism',
  medcalcId: 48,
  category: 'diagnosis',
  outputType: 'integer',
  unit: 'criteria count',
  summary: 'Number of PERC criteria met, 0–8 (0 = rule-out if pretest probability is low); age required.',
  reference: {
    primary: 'Kline JA et al. J Thromb Haemost 2004;2:1247-55.',
    mdcalc: 'PERC Rule for Pulmonary Embolism',
  },
  inputs: {
    age: AGE_INPUT,
    heartRate: HEART_RATE_INPUT,
    oxygenSaturation: {
      type: 'quantity',
      quantity: 'oxygen-saturation',
      label: 'Oxygen saturation (room air)',
      entityKeys: ['O₂ saturation percentage'],
    },
    unilateralLegSwelling: {
      type: 'boolean',
      label: 'Unilateral leg swelling',
      entityKeys: ['Unilateral Leg Swelling'],
    },
    hemoptysis: { type: 'boolean', label: 'Haemoptysis', entityKeys: ['Hemoptysis'] },
    recentSurgeryOrTrauma: {
      type: 'boolean',
      label: 'Recent surgery or trauma',
      entityKeys: ['Recent surgery or trauma'],
      description: 'Within 4 weeks, requiring treatment with general anaesthesia or hospitalisation.',
    },
    previousPe: PREVIOUS_PE_INPUT,
    previousDvt: PREVIOUS_DVT_INPUT,
    hormoneUse: {
      type: 'boolean',
      label: 'Hormone use',
      entityKeys: ['Hormone use'],
      description: 'Oral contraceptives, hormone replacement or oestrogen therapy.',
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    if (inputs.age === undefined) return derivation.notComputable(['age']);
    const age = inputs.age;
    derivation.add(`Age ${formatNumber(age)} years (${age >= 50 ? '≥ 50' : '< 50'})`, age >= 50 ? 1 : 0);
    if (inputs.heartRate === undefined) {
      derivation.assume('Heart rate: not mentioned, assumed below 100 beats/min');
      derivation.add('Heart rate: not mentioned', 0);
    } else {
      const rate = inputs.heartRate;
      derivation.add(
        `Heart rate ${formatNumber(rate)} beats/min (${rate >= 100 ? '≥ 100' : '< 100'})`,
        rate >= 100 ? 1 : 0,
      );
    }
    if (inputs.oxygenSaturation === undefined) {
      derivation.assume('Oxygen saturation: not mentioned, assumed 95 % or more');
      derivation.add('Oxygen saturation: not mentioned', 0);
    } else {
      const saturation = inputs.oxygenSaturation;
      derivation.add(
        `Oxygen saturation ${formatNumber(saturation)} % (${saturation < 95 ? '< 95' : '≥ 95'})`,
        saturation < 95 ? 1 : 0,
      );
    }
    derivation.flag('Unilateral leg swelling', inputs.unilateralLegSwelling, 1);
    derivation.flag('Haemoptysis', inputs.hemoptysis, 1);
    derivation.flag('Recent surgery or trauma', inputs.recentSurgeryOrTrauma, 1);
    const thrombosis = [inputs.previousPe, inputs.previousDvt];
    if (thrombosis.some((value) => value === true)) {
      derivation.add('Prior PE or DVT: yes', 1);
    } else {
      if (thrombosis.some((value) => value === undefined)) {
        derivation.assume('Prior PE or DVT: not all mentioned, assumed absent');
      }
      derivation.add('Prior PE or DVT: no', 0);
    }
    derivation.flag('Hormone use', inputs.hormoneUse, 1);
    derivation.step(
      derivation.total === 0
        ? 'PERC negative: PE can be ruled out if the pretest probability is low (< 15 %)'
        : 'PERC positive: PE cannot be ruled out by PERC',
    );
    return derivation.score(derivation.total, 'criteria');
  },
});
