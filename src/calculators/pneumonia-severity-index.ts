import { formatNumber } from '../units/index.js';
import {
  AGE_INPUT,
  BLOOD_UREA_NITROGEN_INPUT,
  CONGESTIVE_HEART_FAILURE_INPUT,
  GLUCOSE_INPUT,
  HEART_RATE_INPUT,
  PAO2_INPUT,
  RESPIRATORY_RATE_INPUT,
  SEX_INPUT,
  SODIUM_INPUT,
  SYSTOLIC_INPUT,
  TEMPERATURE_INPUT,
} from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** 11 mmol/L urea and 14 mmol/L glucose, Fine's SI cut-offs, in mg/dL (molar masses as in units/quantities.ts). */
const BUN_SI_CUTOFF_MG_DL = 11 * 2.8014;
const GLUCOSE_SI_CUTOFF_MG_DL = 14 * 18.016;

type Finding = { label: string; value: number | undefined; unit: string; met: (value: number) => boolean };

/**
 * Pneumonia Severity Index (PSI / PORT score) for community-acquired pneumonia, in points.
 *
 * Points: age in years (women: age − 10); nursing-home resident +10; neoplastic disease +30; liver disease +20;
 * congestive heart failure +10; cerebrovascular disease +10; renal disease +10; altered mental status +20;
 * respiratory rate ≥30/min +20; systolic BP <90 mm Hg +20; temperature <35 °C or ≥40 °C +15; pulse ≥125/min
 * +10; arterial pH <7.35 +30; BUN ≥30 mg/dL +20; sodium <130 mmol/L +20; glucose ≥250 mg/dL +10; haematocrit
 * <30 % +10; PaO₂ <60 mm Hg or SaO₂ <90 % +10; pleural effusion +10. Risk classes: ≤70 II, 71–90 III, 91–130 IV,
 * >130 V; class I is assigned before any points (age ≤50 with none of the five comorbidities and none of the five
 * examination findings), so the derivation reports ≤70 as "I–II". Age and sex are required; any other finding
 * that is not mentioned counts as absent or normal (recorded as an assumption), as in Fine's derivation, where
 * missing values were taken as normal.
 *
 * Source: Fine MJ et al. A prediction rule to identify low-risk patients with community-acquired pneumonia.
 * N Engl J Med 1997;336:243-50. MDCalc: "PSI/PORT Score: Pneumonia Severity Index for CAP".
 * Units: years, per minute, mm Hg, °C, mg/dL (BUN, glucose), mmol/L (sodium), %. Adults (≥18 years; younger is
 * warned about). Values outside the plausible ranges of units/quantities.ts (e.g. temperature 25–45 °C, pH
 * 6.5–8) are warned about, never corrected.
 */
export const calculator = defineCalculator({
  id: 'pneumonia-severity-index',
  version: '1.0.0',
  name: 'PSI Score: Pneumonia Severity Index for CAP',
  medcalcId: 29,
  category: 'severity',
  outputType: 'integer',
  unit: 'points',
  summary:
    'PSI/PORT points for adult community-acquired pneumonia; requires age and sex, unmentioned findings count as normal.',
  reference: {
    primary:
      'Fine MJ et al. A prediction rule to identify low-risk patients with community-acquired pneumonia. N Engl J Med 1997;336:243-50.',
    mdcalc: 'PSI/PORT Score: Pneumonia Severity Index for CAP',
  },
  inputs: {
    age: AGE_INPUT,
    sex: SEX_INPUT,
    nursingHomeResident: {
      type: 'boolean',
      label: 'Nursing home resident',
      entityKeys: ['Nursing home resident'],
    },
    neoplasticDisease: {
      type: 'boolean',
      label: 'Neoplastic disease',
      entityKeys: ['Neoplastic disease'],
      description:
        'Any cancer except basal- or squamous-cell skin cancer, active or diagnosed within the past year.',
    },
    liverDisease: { type: 'boolean', label: 'Liver disease', entityKeys: ['Liver disease severity'] },
    congestiveHeartFailure: CONGESTIVE_HEART_FAILURE_INPUT,
    cerebrovascularDisease: {
      type: 'boolean',
      label: 'Cerebrovascular disease',
      entityKeys: ['Cerebrovascular disease history'],
    },
    renalDisease: { type: 'boolean', label: 'Renal disease', entityKeys: ['Renal disease'] },
    alteredMentalStatus: {
      type: 'boolean',
      label: 'Altered mental status',
      entityKeys: ['Altered mental status'],
    },
    respiratoryRate: RESPIRATORY_RATE_INPUT,
    systolic: SYSTOLIC_INPUT,
    temperature: TEMPERATURE_INPUT,
    heartRate: HEART_RATE_INPUT,
    ph: { type: 'number', label: 'Arterial pH', entityKeys: ['pH'], plausible: [6.5, 8] },
    bloodUreaNitrogen: BLOOD_UREA_NITROGEN_INPUT,
    sodium: SODIUM_INPUT,
    glucose: GLUCOSE_INPUT,
    hematocrit: {
      type: 'quantity',
      quantity: 'hematocrit',
      label: 'Haematocrit',
      entityKeys: ['Hematocrit'],
    },
    pao2: PAO2_INPUT,
    oxygenSaturation: {
      type: 'quantity',
      quantity: 'oxygen-saturation',
      label: 'SaO₂',
      entityKeys: ['O₂ saturation percentage'],
    },
    pleuralEffusion: {
      type: 'boolean',
      label: 'Pleural effusion on x-ray',
      entityKeys: ['Pleural effusion on x-ray'],
    },
  },
  options: {
    labCutoffs: {
      values: ['conventional', 'si'],
      default: 'conventional',
      description:
        'Fine 1997 prints BUN ≥30 mg/dL (≥11 mmol/L) and glucose ≥250 mg/dL (≥14 mmol/L), but the SI figures are rounded: 11 mmol/L urea = 30.8 mg/dL BUN and 14 mmol/L = 252.2 mg/dL. "conventional" (default) applies 30 and 250 mg/dL, the primary cut-offs of Fine 1997 and MDCalc; "si" applies 11 and 14 mmol/L, as SI-unit versions of the rule (e.g. the MSD Manual calculator) print them.',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    if (inputs.age === undefined || inputs.sex === undefined) {
      return derivation.notComputable([
        ...(inputs.age === undefined ? ['age'] : []),
        ...(inputs.sex === undefined ? ['sex'] : []),
      ]);
    }
    const age = Math.floor(inputs.age);
    if (age < 18)
      derivation.warn(
        'outside-population',
        `age ${formatNumber(inputs.age)} years: the PSI was derived in adults (≥18 years)`,
      );
    if (age !== inputs.age) derivation.step(`Age ${formatNumber(inputs.age)} years: ${age} completed years`);
    if (inputs.sex === 'female') derivation.add(`Age ${age} years, female: ${age} − 10`, age - 10);
    else derivation.add(`Age ${age} years, male`, age);

    derivation.flag('Nursing home resident', inputs.nursingHomeResident, 10);
    derivation.flag('Neoplastic disease', inputs.neoplasticDisease, 30);
    derivation.flag('Liver disease', inputs.liverDisease, 20);
    derivation.flag('Congestive heart failure', inputs.congestiveHeartFailure, 10);
    derivation.flag('Cerebrovascular disease', inputs.cerebrovascularDisease, 10);
    derivation.flag('Renal disease', inputs.renalDisease, 10);
    derivation.flag('Altered mental status', inputs.alteredMentalStatus, 20);

    const si = options.labCutoffs === 'si';
    const bunCutoff = si ? BUN_SI_CUTOFF_MG_DL : 30;
    const glucoseCutoff = si ? GLUCOSE_SI_CUTOFF_MG_DL : 250;
    const findings: [Finding, string, number][] = [
      [
        {
          label: 'Respiratory rate',
          value: inputs.respiratoryRate,
          unit: '/min',
          met: (value) => value >= 30,
        },
        '≥30',
        20,
      ],
      [
        {
          label: 'Systolic blood pressure',
          value: inputs.systolic,
          unit: 'mm Hg',
          met: (value) => value < 90,
        },
        '<90',
        20,
      ],
      [
        {
          label: 'Temperature',
          value: inputs.temperature,
          unit: '°C',
          met: (value) => value < 35 || value >= 40,
        },
        '<35 or ≥40',
        15,
      ],
      [{ label: 'Pulse', value: inputs.heartRate, unit: '/min', met: (value) => value >= 125 }, '≥125', 10],
      [{ label: 'Arterial pH', value: inputs.ph, unit: '', met: (value) => value < 7.35 }, '<7.35', 30],
      [
        { label: 'BUN', value: inputs.bloodUreaNitrogen, unit: 'mg/dL', met: (value) => value >= bunCutoff },
        `≥${si ? '11 mmol/L' : '30'}`,
        20,
      ],
      [{ label: 'Sodium', value: inputs.sodium, unit: 'mmol/L', met: (value) => value < 130 }, '<130', 20],
      [
        { label: 'Glucose', value: inputs.glucose, unit: 'mg/dL', met: (value) => value >= glucoseCutoff },
        `≥${si ? '14 mmol/L' : '250'}`,
        10,
      ],
      [{ label: 'Haematocrit', value: inputs.hematocrit, unit: '%', met: (value) => value < 30 }, '<30', 10],
    ];
    for (const [finding, criterion, points] of findings) {
      if (finding.value === undefined) {
        derivation.assume(`${finding.label}: not mentioned, assumed normal`);
        derivation.add(`${finding.label}: not mentioned`, 0);
        continue;
      }
      const met = finding.met(finding.value);
      const unit = finding.unit === '' ? '' : ` ${finding.unit}`;
      derivation.add(
        `${finding.label} ${formatNumber(finding.value)}${unit} (${criterion}: ${met ? 'yes' : 'no'})`,
        met ? points : 0,
      );
    }

    const { pao2, oxygenSaturation } = inputs;
    const hypoxaemia =
      (pao2 !== undefined && pao2 < 60) || (oxygenSaturation !== undefined && oxygenSaturation < 90);
    const oxygenParts = [
      ...(pao2 === undefined ? [] : [`PaO₂ ${formatNumber(pao2)} mm Hg`]),
      ...(oxygenSaturation === undefined ? [] : [`SaO₂ ${formatNumber(oxygenSaturation)} %`]),
    ];
    if (oxygenParts.length === 0) {
      derivation.assume('PaO₂/SaO₂: not mentioned, assumed normal');
      derivation.add('PaO₂ <60 mm Hg or SaO₂ <90 %: not mentioned', 0);
    } else {
      derivation.add(
        `${oxygenParts.join(', ')} (PaO₂ <60 or SaO₂ <90: ${hypoxaemia ? 'yes' : 'no'})`,
        hypoxaemia ? 10 : 0,
      );
    }
    derivation.flag('Pleural effusion', inputs.pleuralEffusion, 10);

    const total = derivation.total;
    const riskClass = total > 130 ? 'V' : total > 90 ? 'IV' : total > 70 ? 'III' : 'I–II';
    derivation.step(`Risk class ${riskClass} (Fine 1997: ≤70 I–II, 71–90 III, 91–130 IV, >130 V)`);
    return derivation.score();
  },
});
