import { formatNumber } from '../units/index.js';
import { AGE_INPUT, PREVIOUS_DVT_INPUT, PREVIOUS_PE_INPUT, SEX_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import { FACTORS, SURGERY_POINTS, WOMEN_FACTORS, type SurgeryType } from './caprini-2005-factors.js';
import type { BooleanInputSpec } from './types.js';

type FactorName = (typeof FACTORS)[number]['name'] | (typeof WOMEN_FACTORS)[number]['name'];

const FACTOR_INPUTS = Object.fromEntries(
  [...FACTORS, ...WOMEN_FACTORS].map((factor): [FactorName, BooleanInputSpec] => [
    factor.name,
    { type: 'boolean', label: factor.label, entityKeys: factor.keys },
  ]),
) as Record<FactorName, BooleanInputSpec>;

/**
 * Caprini risk assessment model for venous thromboembolism, 2005 version (0–76 points).
 *
 * Age 41–60 years 1, 61–74 2, ≥ 75 3. Surgery: minor 1; major (> 45 min), laparoscopic (> 45 min) or arthroscopic
 * 2; elective major lower-extremity arthroplasty 5. Within the last month: major surgery, congestive heart
 * failure, sepsis, serious lung disease including pneumonia 1 each; immobilising plaster cast 2; stroke, hip/pelvis/
 * leg fracture, multiple trauma, acute spinal cord injury with paralysis 5 each. Varicose veins, current swollen
 * legs 1; current central venous access 2; history of DVT/PE 3 (one item: a prior DVT and a prior PE together still
 * score 3, as on the 2005 form and the MDCalc page); family history of thrombosis, factor V Leiden, prothrombin
 * 20210A, lupus anticoagulant, anticardiolipin antibody, raised homocysteine, heparin-induced thrombocytopenia,
 * other thrombophilia 3 each. Mobility: bed rest 1, confined to bed > 72 h 2. Inflammatory bowel disease, BMI
 * > 25 kg/m², acute myocardial infarction, COPD 1 each; malignancy (present or previous) 2. Women only: pregnancy or
 * postpartum, adverse obstetric history, oral contraceptives or HRT 1 each. Sex itself scores nothing.
 *
 * A missing age makes the score not computable; every other missing factor is "not mentioned" and scores 0
 * (surgery none, mobility normal, BMI not above 25), each recorded as an assumption.
 *
 * Source: Caprini JA. Thrombosis risk assessment as a guide to quality patient care. Dis Mon 2005;51:70-8.
 * MDCalc: "Caprini Score for Venous Thromboembolism (2005)".
 * Units: age in years (0–120), BMI kg/m² (8–100).
 */
export const calculator = defineCalculator({
  id: 'caprini-2005',
  version: '1.0.0',
  name: 'Caprini Score for Venous Thromboembolism (2005)',
  medcalcId: 36,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'VTE risk, 0–76 points, from age, surgery, recent events, thrombophilia, mobility and history; age required.',
  reference: {
    primary:
      'Caprini JA. Thrombosis risk assessment as a guide to quality patient care. Dis Mon 2005;51:70-8.',
    mdcalc: 'Caprini Score for Venous Thromboembolism (2005)',
  },
  inputs: {
    age: AGE_INPUT,
    sex: { ...SEX_INPUT, label: 'Sex (gates the women-only items)' },
    surgeryType: {
      type: 'enum',
      label: 'Type of surgery',
      entityKeys: ['Surgery Type'],
      options: Object.keys(SURGERY_POINTS) as SurgeryType[],
      aliases: {
        nonoperative: 'none',
        'non-operative': 'none',
        'no surgery': 'none',
        'minor surgery': 'minor',
        'major surgery': 'major',
        'major (>45 minutes)': 'major',
        'major >45 min': 'major',
        'laparoscopic (>45 minutes)': 'laparoscopic',
        'laparoscopic >45 min': 'laparoscopic',
        'elective major lower extremity arthroplasty': 'elective-major-lower-extremity-arthroplasty',
        'elective major lower-extremity arthroplasty': 'elective-major-lower-extremity-arthroplasty',
      },
    },
    mobility: {
      type: 'enum',
      label: 'Mobility',
      entityKeys: ['Mobility'],
      options: ['ambulatory', 'bed-rest', 'confined-over-72-hours'],
      aliases: {
        normal: 'ambulatory',
        'normal/ambulatory': 'ambulatory',
        'on bed rest': 'bed-rest',
        'bed rest': 'bed-rest',
        'confined to bed >72 hours': 'confined-over-72-hours',
        'confined to bed > 72 hours': 'confined-over-72-hours',
      },
    },
    bmi: {
      type: 'quantity',
      quantity: 'body-mass-index',
      label: 'Body mass index',
      entityKeys: ['Body Mass Index (BMI)'],
    },
    previousDvt: PREVIOUS_DVT_INPUT,
    previousPe: PREVIOUS_PE_INPUT,
    ...FACTOR_INPUTS,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { age, sex, bmi } = inputs;
    if (age === undefined) return derivation.notComputable(['age']);
    const ageText = `Age ${formatNumber(age)} years`;
    if (age >= 75) derivation.add(`${ageText} (≥ 75)`, 3);
    else if (age > 60) derivation.add(`${ageText} (61–74)`, 2);
    else if (age > 40) derivation.add(`${ageText} (41–60)`, 1);
    else derivation.add(`${ageText} (≤ 40)`, 0);

    const surgery = inputs.surgeryType as SurgeryType | undefined;
    if (surgery === undefined) derivation.assume('Surgery type: not mentioned, assumed no surgery');
    derivation.add(`Surgery: ${surgery ?? 'not mentioned'}`, SURGERY_POINTS[surgery ?? 'none']);

    const mobility = inputs.mobility;
    if (mobility === undefined) derivation.assume('Mobility: not mentioned, assumed normal (ambulatory)');
    const mobilityPoints = mobility === 'confined-over-72-hours' ? 2 : mobility === 'bed-rest' ? 1 : 0;
    derivation.add(`Mobility: ${mobility ?? 'not mentioned'}`, mobilityPoints);

    if (bmi === undefined) {
      derivation.assume('BMI: not mentioned, assumed not above 25 kg/m²');
      derivation.add('BMI: not mentioned', 0);
    } else {
      derivation.add(`BMI ${formatNumber(bmi)} kg/m² (${bmi > 25 ? '> 25' : '≤ 25'})`, bmi > 25 ? 1 : 0);
    }

    const thrombosis = [inputs.previousDvt, inputs.previousPe];
    if (thrombosis.some((value) => value === true)) {
      derivation.add('History of DVT/PE (scored once)', 3);
    } else {
      if (thrombosis.some((value) => value === undefined)) {
        derivation.assume('History of DVT/PE: not all mentioned, assumed absent');
      }
      derivation.add('History of DVT/PE: none', 0);
    }

    for (const factor of FACTORS) derivation.flag(factor.label, inputs[factor.name], factor.points);

    for (const factor of WOMEN_FACTORS) {
      const present = inputs[factor.name];
      if (sex === 'male') {
        if (present === true)
          derivation.warn(
            'inputs-contradict',
            `${factor.label}: marked present for a man; women-only item not scored`,
          );
        continue;
      }
      derivation.flag(factor.label, present, factor.points);
    }
    return derivation.score();
  },
});
