import { formatNumber } from '../units/index.js';
import { AGE_INPUT, HYPERTENSION_HISTORY_INPUT, TRANSIENT_ISCHEMIC_ATTACK_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

const HISTORY_OPTIONS = ['slightly-suspicious', 'moderately-suspicious', 'highly-suspicious'] as const;
const ECG_OPTIONS = ['normal', 'non-specific-repolarization', 'significant-st-deviation'] as const;
const TROPONIN_OPTIONS = ['normal', 'one-to-three-times', 'more-than-three-times'] as const;
type History = (typeof HISTORY_OPTIONS)[number];
type Electrocardiogram = (typeof ECG_OPTIONS)[number];
type Troponin = (typeof TROPONIN_OPTIONS)[number];

const HISTORY_ALIASES: Readonly<Record<string, History>> = {
  'slightly suspicious': 'slightly-suspicious',
  'moderately suspicious': 'moderately-suspicious',
  'highly suspicious': 'highly-suspicious',
};
const ECG_ALIASES: Readonly<Record<string, Electrocardiogram>> = {
  'non-specific repolarization disturbance': 'non-specific-repolarization',
  'non-specific repolarisation disturbance': 'non-specific-repolarization',
  'nonspecific repolarization disturbance': 'non-specific-repolarization',
  'significant st deviation': 'significant-st-deviation',
  'significant st depression': 'significant-st-deviation',
};
const TROPONIN_ALIASES: Readonly<Record<string, Troponin>> = {
  'less than or equal to normal limit': 'normal',
  '≤ normal limit': 'normal',
  'between the normal limit or up to three times the normal limit': 'one-to-three-times',
  '1-3x normal limit': 'one-to-three-times',
  '1–3× normal limit': 'one-to-three-times',
  'greater than three times normal limit': 'more-than-three-times',
  '>3x normal limit': 'more-than-three-times',
  '>3× normal limit': 'more-than-three-times',
};

const HISTORY_POINTS: Record<History, number> = {
  'slightly-suspicious': 0,
  'moderately-suspicious': 1,
  'highly-suspicious': 2,
};
const ECG_POINTS: Record<Electrocardiogram, number> = {
  normal: 0,
  'non-specific-repolarization': 1,
  'significant-st-deviation': 2,
};
const TROPONIN_POINTS: Record<Troponin, number> = {
  normal: 0,
  'one-to-three-times': 1,
  'more-than-three-times': 2,
};

/**
 * HEART score for major adverse cardiac events in emergency chest pain (0–10 points).
 *
 * History: slightly 0, moderately 1, highly suspicious 2. ECG: normal 0; non-specific repolarisation disturbance
 * (LBBB, LVH, digoxin, paced rhythm) 1; significant ST deviation 2. Age: < 45 years 0, 45–64 1, ≥ 65 2. Risk
 * factors (hypertension, hypercholesterolaemia, diabetes, obesity BMI > 30 kg/m², current or recent smoking,
 * parent or sibling with cardiovascular disease before 65): none 0, one or two 1, three or more 2; known
 * atherosclerotic disease scores 2 whatever the count. MDCalc defines that as prior MI, PCI/CABG, stroke/TIA or
 * peripheral arterial disease, so a TIA history counts here. Initial troponin: at or below the normal limit 0,
 * up to three times 1, above three times 2. (The v1.0 label code scores atherosclerotic disease with one or two
 * other risk factors as 1; we score 2.)
 *
 * Required: history, ECG, age and troponin are graded findings with no "normal if unmentioned" default in the
 * source or on MDCalc (every field must be chosen), so a missing one makes the score not computable. Risk
 * factors not mentioned are absent (recorded as assumptions).
 *
 * Source: Six AJ, Backus BE, Kelder JC. Chest pain in the emergency room: value of the HEART score. Neth Heart J
 * 2008;16:191-6; definitions as in Backus BE et al. Int J Cardiol 2013;168:2153-8.
 * MDCalc: "HEART Score for Major Cardiac Events".
 * Inputs: age in years (0–120), three graded findings, booleans.
 */
export const calculator = defineCalculator({
  id: 'heart-score',
  version: '1.0.0',
  name: 'HEART Score for Major Cardiac Events',
  medcalcId: 18,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'MACE risk in chest pain, 0–10 points; history, ECG, age and troponin required, risk factors default absent.',
  reference: {
    primary: 'Six AJ, Backus BE, Kelder JC. Neth Heart J 2008;16:191-6.',
    mdcalc: 'HEART Score for Major Cardiac Events',
    others: [
      'Backus BE et al. A prospective validation of the HEART score for chest pain patients at the emergency department. Int J Cardiol 2013;168:2153-8.',
    ],
  },
  inputs: {
    history: {
      type: 'enum',
      label: 'History (suspicion of ACS)',
      entityKeys: ['Suspicion History'],
      options: HISTORY_OPTIONS,
      aliases: HISTORY_ALIASES,
    },
    electrocardiogram: {
      type: 'enum',
      label: 'ECG',
      entityKeys: ['Electrocardiogram Test'],
      options: ECG_OPTIONS,
      aliases: ECG_ALIASES,
    },
    age: AGE_INPUT,
    troponin: {
      type: 'enum',
      label: 'Initial troponin',
      entityKeys: ['Initial troponin'],
      options: TROPONIN_OPTIONS,
      aliases: TROPONIN_ALIASES,
    },
    hypertension: HYPERTENSION_HISTORY_INPUT,
    hypercholesterolemia: {
      type: 'boolean',
      label: 'Hypercholesterolaemia',
      entityKeys: ['hypercholesterolemia'],
    },
    diabetes: {
      type: 'boolean',
      label: 'Diabetes mellitus',
      entityKeys: ['Diabetes mellitus criteria for CCI rule'],
    },
    obesity: { type: 'boolean', label: 'Obesity (BMI > 30 kg/m²)', entityKeys: ['obesity'] },
    smoking: {
      type: 'boolean',
      label: 'Smoking (current, or stopped ≤ 3 months ago)',
      entityKeys: ['smoking'],
    },
    familyHistory: {
      type: 'boolean',
      label: 'Parent or sibling with cardiovascular disease before 65',
      entityKeys: ['parent or sibling with Cardiovascular disease before age 65'],
    },
    atheroscleroticDisease: {
      type: 'boolean',
      label: 'Known atherosclerotic disease',
      entityKeys: ['atherosclerotic disease'],
      description: 'Prior MI, PCI/CABG, stroke/TIA or peripheral arterial disease.',
    },
    transientIschemicAttack: {
      ...TRANSIENT_ISCHEMIC_ATTACK_INPUT,
      description: 'Counts as known atherosclerotic disease (MDCalc definition).',
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { history, electrocardiogram, age, troponin } = inputs;
    if (
      history === undefined ||
      electrocardiogram === undefined ||
      age === undefined ||
      troponin === undefined
    ) {
      return derivation.notComputable([
        ...(history === undefined ? ['history'] : []),
        ...(electrocardiogram === undefined ? ['electrocardiogram'] : []),
        ...(age === undefined ? ['age'] : []),
        ...(troponin === undefined ? ['troponin'] : []),
      ]);
    }
    derivation.add(`History: ${history}`, HISTORY_POINTS[history]);
    derivation.add(`ECG: ${electrocardiogram}`, ECG_POINTS[electrocardiogram]);
    if (age >= 65) derivation.add(`Age ${formatNumber(age)} years (≥ 65)`, 2);
    else if (age >= 45) derivation.add(`Age ${formatNumber(age)} years (45–64)`, 1);
    else derivation.add(`Age ${formatNumber(age)} years (< 45)`, 0);

    const factors: [string, boolean | undefined][] = [
      ['hypertension', inputs.hypertension],
      ['hypercholesterolaemia', inputs.hypercholesterolemia],
      ['diabetes', inputs.diabetes],
      ['obesity', inputs.obesity],
      ['smoking', inputs.smoking],
      ['family history', inputs.familyHistory],
    ];
    const present = factors.filter(([, value]) => value === true).map(([name]) => name);
    const unmentioned = factors.filter(([, value]) => value === undefined).map(([name]) => name);
    if (unmentioned.length > 0)
      derivation.assume(`Risk factors not mentioned, assumed absent: ${unmentioned.join(', ')}`);
    const atherosclerosis = [inputs.atheroscleroticDisease, inputs.transientIschemicAttack];
    if (atherosclerosis.some((value) => value === undefined)) {
      derivation.assume('Known atherosclerotic disease (incl. TIA): not all mentioned, assumed absent');
    }
    const listed = present.length > 0 ? present.join(', ') : 'none';
    if (atherosclerosis.some((value) => value === true)) {
      const which = inputs.atheroscleroticDisease === true ? 'atherosclerotic disease' : 'prior TIA';
      derivation.add(`Risk factors: known atherosclerotic disease (${which}); other factors ${listed}`, 2);
    } else if (present.length >= 3) {
      derivation.add(`Risk factors: ${present.length} (${listed}; ≥ 3)`, 2);
    } else if (present.length >= 1) {
      derivation.add(`Risk factors: ${present.length} (${listed}; 1–2)`, 1);
    } else {
      derivation.add('Risk factors: none', 0);
    }
    derivation.add(`Initial troponin: ${troponin}`, TROPONIN_POINTS[troponin]);
    return derivation.score();
  },
});
