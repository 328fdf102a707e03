import { formatNumber } from '../units/index.js';
import { HEART_RATE_INPUT, PREVIOUS_DVT_INPUT, PREVIOUS_PE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Wells' criteria for pulmonary embolism (0–12.5 points, in half-point steps).
 *
 * Criteria: clinical signs and symptoms of DVT 3; PE the most likely diagnosis or equally likely 3; heart rate
 * above 100 beats/min (strictly) 1.5; immobilisation for at least 3 days or surgery in the previous 4 weeks 1.5
 * (once, even when both apply); previously documented PE or DVT 1.5 (once); haemoptysis 1; malignancy treated
 * within 6 months or palliative 1. Criteria not mentioned in the note are absent, as MDCalc's yes/no toggles
 * read; a missing heart rate leaves the tachycardia criterion unmet and is recorded as an assumption.
 *
 * Source: Wells PS et al. Derivation of a simple clinical model to categorize patients probability of pulmonary
 * embolism: increasing the models utility with the SimpliRED D-dimer. Thromb Haemost 2000;83:416-20.
 * MDCalc: "Wells' Criteria for Pulmonary Embolism".
 * Inputs: heart rate in beats/min (plausible 10–300), booleans.
 */
export const calculator = defineCalculator({
  id: 'wells-pe',
  version: '1.0.0',
  name: "Wells' Criteria for Pulmonary Embolism",
  medcalcId: 8,
  category: 'risk',
  outputType: 'decimal',
  unit: 'points',
  summary:
    'Pre-test probability of PE, 0–12.5 points; heart rate in beats/min, criteria not mentioned count as absent.',
  reference: {
    primary: 'Wells PS et al. Thromb Haemost 2000;83:416-20.',
    mdcalc: "Wells' Criteria for Pulmonary Embolism",
  },
  inputs: {
    clinicalSignsOfDvt: {
      type: 'boolean',
      label: 'Clinical signs and symptoms of DVT',
      entityKeys: ['Clinical signs and symptoms of Deep Vein Thrombosis'],
      description: 'Objectively measured leg swelling and pain on palpation of the deep veins.',
    },
    peMostLikely: {
      type: 'boolean',
      label: 'PE is the most likely diagnosis or equally likely',
      entityKeys: ['Pulmonary Embolism is #1 diagnosis OR equally likely'],
    },
    heartRate: HEART_RATE_INPUT,
    immobilization: {
      type: 'boolean',
      label: 'Immobilisation for at least 3 days',
      entityKeys: ['Immobilization for at least 3 days'],
    },
    recentSurgery: {
      type: 'boolean',
      label: 'Surgery in the previous 4 weeks',
      entityKeys: ['Surgery in the previous 4 weeks'],
    },
    previousPe: PREVIOUS_PE_INPUT,
    previousDvt: PREVIOUS_DVT_INPUT,
    hemoptysis: { type: 'boolean', label: 'Haemoptysis', entityKeys: ['Hemoptysis'] },
    malignancy: {
      type: 'boolean',
      label: 'Malignancy with treatment within 6 months or palliative',
      entityKeys: ['Malignancy with treatment within 6 months or palliative'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    derivation.flag('Clinical signs and symptoms of DVT', inputs.clinicalSignsOfDvt, 3);
    derivation.flag('PE the most likely diagnosis or equally likely', inputs.peMostLikely, 3);
    if (inputs.heartRate === undefined) {
      derivation.assume('Heart rate: not mentioned, tachycardia (> 100 beats/min) assumed absent');
      derivation.add('Heart rate: not mentioned', 0);
    } else {
      const rate = inputs.heartRate;
      derivation.add(
        `Heart rate ${formatNumber(rate)} beats/min (${rate > 100 ? '> 100' : '≤ 100'})`,
        rate > 100 ? 1.5 : 0,
      );
    }
    addEitherCriterion(derivation, {
      label: 'Immobilisation ≥ 3 days or surgery in the previous 4 weeks',
      findings: [inputs.immobilization, inputs.recentSurgery],
      points: 1.5,
    });
    addEitherCriterion(derivation, {
      label: 'Previously documented PE or DVT',
      findings: [inputs.previousPe, inputs.previousDvt],
      points: 1.5,
    });
    derivation.flag('Haemoptysis', inputs.hemoptysis, 1);
    derivation.flag('Malignancy with treatment within 6 months or palliative', inputs.malignancy, 1);
    return derivation.score();
  },
});

/** One criterion met by any of several findings, scored once. */
function addEitherCriterion(
  derivation: Derivation,
  criterion: { label: string; findings: readonly (boolean | undefined)[]; points: number },
): void {
  const { label, findings, points } = criterion;
  if (findings.some((finding) => finding === true)) {
    derivation.add(`${label}: yes`, points);
    return;
  }
  if (findings.some((finding) => finding === undefined)) {
    derivation.assume(`${label}: not all mentioned, assumed absent`);
  }
  derivation.add(`${label}: no`, 0);
}
