import { formatNumber } from '../units/index.js';
import {
  AGE_INPUT,
  CREATININE_INPUT,
  DIASTOLIC_INPUT,
  HEART_RATE_INPUT,
  PAO2_INPUT,
  RESPIRATORY_RATE_INPUT,
  SODIUM_INPUT,
  SYSTOLIC_INPUT,
  TEMPERATURE_INPUT,
} from './common-inputs.js';
import {
  AA_GRADIENT_POINTS,
  AGE_POINTS,
  CREATININE_POINTS,
  findPointsRow,
  HEART_RATE_POINTS,
  HEMATOCRIT_POINTS,
  MEAN_ARTERIAL_PRESSURE_POINTS,
  PAO2_POINTS,
  PH_POINTS,
  POTASSIUM_POINTS,
  RESPIRATORY_RATE_POINTS,
  SODIUM_POINTS,
  TEMPERATURE_POINTS,
  WHITE_CELL_POINTS,
  type PointsTable,
} from './apache-ii-points.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import { recordMeanArterialPressure } from './mean-arterial-pressure.js';

/** Scores one variable from its table; a missing value scores 0 ("assumed normal"). */
function scoreVariable(derivation: Derivation, table: PointsTable, value: number | undefined): number {
  if (value === undefined) {
    derivation.assume(`${table.label}: not mentioned, assumed normal (0 points)`);
    return derivation.add(`${table.label}: not mentioned`, 0);
  }
  const row = findPointsRow(table, value);
  const unit = table.unit === '' ? '' : ` ${table.unit}`;
  return derivation.add(`${table.label} ${formatNumber(value)}${unit} (${row.range})`, row.points);
}

/** FiO₂ ≥ 50 %: A–a gradient points; FiO₂ < 50 % (or not mentioned: room air): PaO₂ points. */
function scoreOxygenation(
  derivation: Derivation,
  { fio2, aaGradient, pao2 }: { fio2?: number; aaGradient?: number; pao2?: number },
): number {
  if (fio2 === undefined)
    derivation.assume('FiO₂: not mentioned, assumed < 50 % (room air), so PaO₂ is scored');
  if (fio2 !== undefined && fio2 >= 50) {
    derivation.step(`FiO₂ ${formatNumber(fio2)} % ≥ 50 %: oxygenation scored by the A–a gradient`);
    return scoreVariable(derivation, AA_GRADIENT_POINTS, aaGradient);
  }
  if (fio2 !== undefined) derivation.step(`FiO₂ ${formatNumber(fio2)} % < 50 %: oxygenation scored by PaO₂`);
  if (aaGradient !== undefined) derivation.step('A–a gradient not used (it is scored only when FiO₂ ≥ 50 %)');
  return scoreVariable(derivation, PAO2_POINTS, pao2);
}

/**
 * APACHE II severity-of-disease score (0–71) = Acute Physiology Score + age points + chronic health points.
 *
 * Acute Physiology Score: twelve variables, each 0–4 points from Knaus's table (worst value in the first 24 h
 * of ICU care): rectal temperature, mean arterial pressure (here (SBP + 2 × DBP) / 3), heart rate, respiratory
 * rate, oxygenation (FiO₂ ≥ 50 %: A–a gradient; FiO₂ < 50 %: PaO₂), arterial pH, sodium, potassium, creatinine
 * (points doubled in acute renal failure), haematocrit, white cells, and 15 − GCS. A physiology value that is
 * not mentioned scores 0, the convention of APACHE practice (recorded as an assumption); a missing FiO₂ is read
 * as below 50 % (room air). Age: ≤44 0, 45–54 2, 55–64 3, 65–74 5, ≥75 6. Chronic health: a history of severe
 * organ insufficiency (cirrhosis with portal hypertension, NYHA IV heart failure, severe COPD, chronic dialysis)
 * or immunocompromise scores 5 for non-operative or emergency post-operative patients, 2 for elective
 * post-operative ones; when no operation is mentioned the patient is taken as non-operative. Chronic renal
 * failure alone does not score (only chronic dialysis counts, under severe organ insufficiency).
 *
 * Source: Knaus WA, Draper EA, Wagner DP, Zimmerman JE. APACHE II: a severity of disease classification system.
 * Crit Care Med 1985;13:818-29. MDCalc: "APACHE II Score".
 * Units: °C, mm Hg, per minute, %, mmol/L (Na, K), mg/dL (creatinine), ×10⁹/L (WBC), GCS 3–15; age required.
 * Valid ranges: values outside the plausible ranges of units/quantities.ts (e.g. temperature 25–45 °C), pH
 * 6.5–8, A–a gradient 0–700 mm Hg or GCS 3–15 are warned about, never corrected. Adult ICU patients.
 */
export const calculator = defineCalculator({
  id: 'apache-ii',
  version: '1.0.0',
  name: 'APACHE II Score',
  medcalcId: 28,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'APACHE II (0–71): 12 acute physiology variables (missing = normal) + age points + chronic health points; age required.',
  reference: {
    primary:
      'Knaus WA, Draper EA, Wagner DP, Zimmerman JE. APACHE II: a severity of disease classification system. Crit Care Med 1985;13:818-29.',
    mdcalc: 'APACHE II Score',
  },
  inputs: {
    age: AGE_INPUT,
    temperature: { ...TEMPERATURE_INPUT, label: 'Temperature (rectal)' },
    systolic: SYSTOLIC_INPUT,
    diastolic: DIASTOLIC_INPUT,
    heartRate: HEART_RATE_INPUT,
    respiratoryRate: RESPIRATORY_RATE_INPUT,
    fio2: { type: 'quantity', quantity: 'fraction-inspired-oxygen', label: 'FiO₂', entityKeys: ['FiO₂'] },
    aaGradient: {
      type: 'number',
      unit: 'mm Hg',
      label: 'A–a O₂ gradient',
      entityKeys: ['A-a gradient'],
      plausible: [0, 700],
      description: 'Alveolar–arterial oxygen gradient in mm Hg; scored when FiO₂ ≥ 50 %.',
    },
    pao2: { ...PAO2_INPUT, description: 'Arterial PaO₂; scored when FiO₂ < 50 %.' },
    ph: { type: 'number', label: 'Arterial pH', entityKeys: ['pH'], plausible: [6.5, 8] },
    sodium: SODIUM_INPUT,
    potassium: { type: 'quantity', quantity: 'potassium', label: 'Potassium', entityKeys: ['Potassium'] },
    creatinine: CREATININE_INPUT,
    acuteRenalFailure: {
      type: 'boolean',
      label: 'Acute renal failure',
      entityKeys: ['Acute renal failure'],
      description: 'Doubles the creatinine points.',
    },
    chronicRenalFailure: {
      type: 'enum',
      label: 'Chronic renal failure',
      entityKeys: ['Chronic Renal Failure'],
      options: ['present', 'absent', 'not mentioned'],
      aliases: {
        true: 'present',
        false: 'absent',
        'not mentinoed': 'not mentioned',
        unknown: 'not mentioned',
      },
      fromBoolean: { true: 'present', false: 'absent' },
      description:
        'Recorded only: APACHE II doubles creatinine points for acute, not chronic, renal failure.',
    },
    hematocrit: {
      type: 'quantity',
      quantity: 'hematocrit',
      label: 'Haematocrit',
      entityKeys: ['Hematocrit'],
    },
    whiteCellCount: {
      type: 'quantity',
      quantity: 'white-cell-count',
      label: 'White blood cell count',
      entityKeys: ['White blood cell count'],
    },
    glasgowComaScale: {
      type: 'number',
      label: 'Glasgow Coma Scale',
      entityKeys: ['Glasgow Coma Score'],
      plausible: [3, 15],
      integer: true,
    },
    severeOrganInsufficiency: {
      type: 'boolean',
      label: 'History of severe organ insufficiency or immunocompromise',
      entityKeys: ['History of severe organ failure or immunocompromise'],
    },
    admissionType: {
      type: 'enum',
      label: 'Admission type',
      entityKeys: ['Surgery Type'],
      options: ['nonoperative', 'emergency postoperative', 'elective postoperative'],
      aliases: {
        'non-operative': 'nonoperative',
        'non operative': 'nonoperative',
        emergency: 'emergency postoperative',
        'emergency surgery': 'emergency postoperative',
        'emergency post-operative': 'emergency postoperative',
        elective: 'elective postoperative',
        'elective surgery': 'elective postoperative',
        'elective post-operative': 'elective postoperative',
      },
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    if (inputs.age === undefined) return derivation.notComputable(['age']);

    scoreVariable(derivation, TEMPERATURE_POINTS, inputs.temperature);
    const { systolic, diastolic } = inputs;
    if (systolic !== undefined && diastolic !== undefined) {
      if (diastolic > systolic)
        derivation.warn(
          'inputs-contradict',
          `diastolic ${formatNumber(diastolic)} mm Hg exceeds systolic ${formatNumber(systolic)} mm Hg`,
        );
      const meanArterialPressure = recordMeanArterialPressure(derivation, systolic, diastolic);
      scoreVariable(derivation, MEAN_ARTERIAL_PRESSURE_POINTS, meanArterialPressure);
    } else {
      derivation.step('Mean arterial pressure needs both systolic and diastolic pressure');
      scoreVariable(derivation, MEAN_ARTERIAL_PRESSURE_POINTS, undefined);
    }
    scoreVariable(derivation, HEART_RATE_POINTS, inputs.heartRate);
    scoreVariable(derivation, RESPIRATORY_RATE_POINTS, inputs.respiratoryRate);
    scoreOxygenation(derivation, inputs);
    scoreVariable(derivation, PH_POINTS, inputs.ph);
    scoreVariable(derivation, SODIUM_POINTS, inputs.sodium);
    scoreVariable(derivation, POTASSIUM_POINTS, inputs.potassium);
    if (inputs.acuteRenalFailure === undefined) {
      derivation.assume('Acute renal failure: not mentioned, assumed absent (creatinine points not doubled)');
    }
    if (inputs.creatinine !== undefined && inputs.acuteRenalFailure === true) {
      const row = findPointsRow(CREATININE_POINTS, inputs.creatinine);
      const text = `Creatinine ${formatNumber(inputs.creatinine)} mg/dL (${row.range}), acute renal failure: 2 × ${row.points}`;
      derivation.add(text, 2 * row.points);
    } else {
      scoreVariable(derivation, CREATININE_POINTS, inputs.creatinine);
    }
    if (inputs.chronicRenalFailure === 'present') {
      derivation.step(
        'Chronic renal failure: not scored by itself (chronic dialysis counts as organ insufficiency)',
      );
    }
    scoreVariable(derivation, HEMATOCRIT_POINTS, inputs.hematocrit);
    scoreVariable(derivation, WHITE_CELL_POINTS, inputs.whiteCellCount);
    const gcs = inputs.glasgowComaScale;
    if (gcs === undefined) {
      derivation.assume('Glasgow Coma Scale: not mentioned, assumed 15 (0 points)');
      derivation.add('Glasgow Coma Scale: not mentioned', 0);
    } else {
      derivation.add(`Glasgow Coma Scale ${gcs}: 15 − ${gcs}`, 15 - gcs);
    }
    scoreVariable(derivation, AGE_POINTS, inputs.age);

    if (inputs.severeOrganInsufficiency !== true) {
      derivation.flag('Severe organ insufficiency or immunocompromise', inputs.severeOrganInsufficiency, 0);
    } else if (inputs.admissionType === 'elective postoperative') {
      derivation.add('Severe organ insufficiency or immunocompromise, elective post-operative', 2);
    } else {
      if (inputs.admissionType === undefined)
        derivation.assume('Admission type: no operation mentioned, taken as non-operative');
      derivation.add(
        `Severe organ insufficiency or immunocompromise, ${inputs.admissionType ?? 'nonoperative'}`,
        5,
      );
    }
    return derivation.score();
  },
});
