import { formatNumber } from '../units/index.js';
import {
  BILIRUBIN_INPUT,
  CREATININE_INPUT,
  DIASTOLIC_INPUT,
  PAO2_INPUT,
  SYSTOLIC_INPUT,
} from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import { band, scoreCardiovascular, scoreRenal, scoreRespiration } from './sofa-organs.js';

/**
 * Sequential (sepsis-related) Organ Failure Assessment score, 0–24: six organ systems, 0–4 points each.
 *
 * Respiration PaO₂/FiO₂ (mm Hg; FiO₂ given in % is divided by 100): ≥400 0, <400 1, <300 2, <200 with
 * respiratory support (mechanical ventilation or CPAP) 3, <100 with support 4; without support the points stop
 * at 2. Coagulation platelets ×10⁹/L: ≥150 0, <150 1, <100 2, <50 3, <20 4. Liver bilirubin mg/dL: <1.2 0,
 * 1.2–1.9 1, 2.0–5.9 2, 6.0–11.9 3, ≥12 4. Cardiovascular (doses in µg/kg/min, given ≥1 h): no hypotension 0,
 * MAP <70 mm Hg 1, dopamine ≤5 or any dobutamine 2, dopamine >5 or epinephrine ≤0.1 or norepinephrine ≤0.1 3,
 * dopamine >15 or epinephrine >0.1 or norepinephrine >0.1 4. The "Hypotension" yes/no stands in for MAP <70
 * only when MAP cannot be computed from SBP and DBP. CNS GCS: 15 0, 13–14 1, 10–12 2, 6–9 3, <6 4. Renal: the
 * worse of creatinine mg/dL (<1.2 0, 1.2–1.9 1, 2.0–3.4 2, 3.5–4.9 3, ≥5 4) and urine output (<500 mL/day 3,
 * <200 4). An organ whose data are not mentioned scores 0 (assumption recorded), as SOFA practice does. The 1996
 * score has no dialysis item: dialysis is noted in the derivation, and renal points come from creatinine and
 * urine output.
 *
 * Source: Vincent JL et al. The SOFA (Sepsis-related Organ Failure Assessment) score to describe organ
 * dysfunction/failure. Intensive Care Med 1996;22:707-10. MDCalc: "Sequential Organ Failure Assessment (SOFA)
 * Score". Units: mm Hg, %, ×10⁹/L, mg/dL, µg/kg/min, mL/day; GCS 3–15. Values outside the plausible ranges of
 * units/quantities.ts are warned about, never corrected. Creatinine and bilirubin in µmol/L are converted exactly
 * (113.12 and 584.66 g/mol) and scored on the mg/dL bands; Vincent's rounded µmol/L columns (creatinine 110, 171,
 * 300, 440; bilirubin 20, 33, 102, 204) therefore differ by one point in narrow windows such as creatinine
 * 171–176 µmol/L (1.93–1.99 mg/dL: 1 here, 2 on the µmol/L column).
 */
export const calculator = defineCalculator({
  id: 'sofa',
  version: '1.0.0',
  name: 'Sequential Organ Failure Assessment (SOFA) Score',
  medcalcId: 43,
  category: 'risk',
  outputType: 'integer',
  unit: 'points',
  summary:
    'SOFA (0–24): respiration, coagulation, liver, cardiovascular, CNS and renal, 0–4 each; unmentioned organs score 0.',
  reference: {
    primary:
      'Vincent JL et al. The SOFA (Sepsis-related Organ Failure Assessment) score to describe organ dysfunction/failure. Intensive Care Med 1996;22:707-10.',
    mdcalc: 'Sequential Organ Failure Assessment (SOFA) Score',
  },
  inputs: {
    pao2: PAO2_INPUT,
    fio2: { type: 'quantity', quantity: 'fraction-inspired-oxygen', label: 'FiO₂', entityKeys: ['FiO₂'] },
    mechanicalVentilation: {
      type: 'boolean',
      label: 'On mechanical ventilation',
      entityKeys: ['On mechanical ventilation'],
    },
    cpap: {
      type: 'boolean',
      label: 'Continuous positive airway pressure',
      entityKeys: ['Continous positive airway pressure', 'Continuous positive airway pressure'],
    },
    platelets: {
      type: 'quantity',
      quantity: 'platelet-count',
      label: 'Platelet count',
      entityKeys: ['Platelet count'],
    },
    bilirubin: BILIRUBIN_INPUT,
    systolic: SYSTOLIC_INPUT,
    diastolic: DIASTOLIC_INPUT,
    hypotension: {
      type: 'boolean',
      label: 'Hypotension (MAP < 70 mm Hg)',
      entityKeys: ['Hypotension'],
      description: 'Used only when MAP cannot be computed from systolic and diastolic pressure.',
    },
    dopamine: { type: 'quantity', quantity: 'vasopressor-dose', label: 'Dopamine', entityKeys: ['DOPamine'] },
    dobutamine: {
      type: 'quantity',
      quantity: 'vasopressor-dose',
      label: 'Dobutamine',
      entityKeys: ['DOBUTamine'],
    },
    epinephrine: {
      type: 'quantity',
      quantity: 'vasopressor-dose',
      label: 'Epinephrine',
      entityKeys: ['EPINEPHrine'],
    },
    norepinephrine: {
      type: 'quantity',
      quantity: 'vasopressor-dose',
      label: 'Norepinephrine',
      entityKeys: ['norEPINEPHrine'],
    },
    glasgowComaScale: {
      type: 'number',
      label: 'Glasgow Coma Scale',
      entityKeys: ['Glasgow Coma Score'],
      plausible: [3, 15],
      integer: true,
    },
    creatinine: CREATININE_INPUT,
    urineOutput: {
      type: 'quantity',
      quantity: 'urine-output',
      label: 'Urine output',
      entityKeys: ['Urine Output'],
    },
    continuousHemodialysis: {
      type: 'boolean',
      label: 'Continuous veno-venous haemodialysis ≥24 h in the past week',
      entityKeys: ['Continuous veno-venous hemodialysis for ≥24 hours in the past week'],
      description: 'Recorded only: SOFA (1996) scores the kidney by creatinine and urine output.',
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    scoreRespiration(derivation, inputs);

    if (inputs.platelets === undefined) {
      derivation.assume('Coagulation: platelet count not mentioned, assumed ≥ 150 ×10⁹/L');
      derivation.add('Coagulation: not mentioned', 0);
    } else {
      const row = band(inputs.platelets, [
        [150, 0, '≥ 150'],
        [100, 1, '100–149'],
        [50, 2, '50–99'],
        [20, 3, '20–49'],
        [-Infinity, 4, '< 20'],
      ]);
      derivation.add(
        `Coagulation: platelets ${formatNumber(inputs.platelets)} ×10⁹/L (${row.range})`,
        row.points,
      );
    }

    if (inputs.bilirubin === undefined) {
      derivation.assume('Liver: bilirubin not mentioned, assumed < 1.2 mg/dL');
      derivation.add('Liver: not mentioned', 0);
    } else {
      const row = band(inputs.bilirubin, [
        [12, 4, '≥ 12'],
        [6, 3, '6.0–11.9'],
        [2, 2, '2.0–5.9'],
        [1.2, 1, '1.2–1.9'],
        [-Infinity, 0, '< 1.2'],
      ]);
      derivation.add(`Liver: bilirubin ${formatNumber(inputs.bilirubin)} mg/dL (${row.range})`, row.points);
    }

    scoreCardiovascular(derivation, inputs);

    const gcs = inputs.glasgowComaScale;
    if (gcs === undefined) {
      derivation.assume('CNS: Glasgow Coma Scale not mentioned, assumed 15');
      derivation.add('CNS: not mentioned', 0);
    } else {
      const row = band(gcs, [
        [15, 0, '15'],
        [13, 1, '13–14'],
        [10, 2, '10–12'],
        [6, 3, '6–9'],
        [-Infinity, 4, '< 6'],
      ]);
      derivation.add(`CNS: GCS ${formatNumber(gcs)} (${row.range})`, row.points);
    }

    if (inputs.continuousHemodialysis === true) {
      derivation.step(
        'Continuous haemodialysis recorded: SOFA (1996) has no dialysis item; renal points from creatinine and urine output',
      );
    }
    scoreRenal(derivation, inputs);
    return derivation.score();
  },
});
