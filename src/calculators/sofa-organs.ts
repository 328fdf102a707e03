import { formatNumber } from '../units/index.js';
import { type Derivation } from './derivation.js';
import { recordMeanArterialPressure } from './mean-arterial-pressure.js';

/**
 * SOFA organ scoring helpers for sofa.ts (Vincent JL et al., Intensive Care Med 1996;22:707-10): respiration,
 * cardiovascular and renal need more than one input each; the one-input organs use `band`.
 */

/** The SOFA inputs the multi-input organs read (canonical units: mm Hg, %, µg/kg/min, mg/dL, mL/day). */
export interface SofaValues {
  pao2?: number;
  fio2?: number;
  mechanicalVentilation?: boolean;
  cpap?: boolean;
  systolic?: number;
  diastolic?: number;
  hypotension?: boolean;
  dopamine?: number;
  dobutamine?: number;
  epinephrine?: number;
  norepinephrine?: number;
  creatinine?: number;
  urineOutput?: number;
}

/** One table row: values from `from` down to the next row's bound score `points`. */
export type Band = readonly [from: number, points: number, range: string];

/** The first of the descending rows whose lower bound the value reaches (every table ends at −Infinity). */
export function band(value: number, rows: readonly Band[]): { points: number; range: string } {
  const row = rows.find(([from]) => value >= from);
  if (row === undefined) throw new Error(`SOFA band table has no row for ${value}`);
  return { points: row[1], range: row[2] };
}

/** PaO₂/FiO₂ points; 3 and 4 need ventilation or CPAP, without which the points stop at 2. */
export function scoreRespiration(derivation: Derivation, values: SofaValues): number {
  const { pao2, fio2 } = values;
  if (pao2 === undefined || fio2 === undefined) {
    derivation.assume('Respiration: PaO₂ or FiO₂ not mentioned, assumed normal (0 points)');
    return derivation.add('Respiration: PaO₂/FiO₂ not available', 0);
  }
  const ratio = pao2 / (fio2 / 100);
  derivation.step(
    `PaO₂/FiO₂ = ${formatNumber(pao2)} / ${formatNumber(fio2 / 100)} = ${formatNumber(ratio)} mm Hg`,
  );
  const support = values.mechanicalVentilation === true || values.cpap === true;
  if (ratio < 200 && !support && (values.mechanicalVentilation === undefined || values.cpap === undefined)) {
    derivation.assume(
      'Respiratory support: ventilation/CPAP not mentioned, assumed none (points capped at 2)',
    );
  }
  const supportText = support ? 'with respiratory support' : 'without respiratory support';
  if (ratio < 100 && support) return derivation.add(`Respiration: P/F < 100 ${supportText}`, 4);
  if (ratio < 200 && support) return derivation.add(`Respiration: P/F 100–199 ${supportText}`, 3);
  if (ratio < 300) return derivation.add(`Respiration: P/F < 300 (${supportText})`, 2);
  if (ratio < 400) return derivation.add('Respiration: P/F 300–399', 1);
  return derivation.add('Respiration: P/F ≥ 400', 0);
}

/** The highest tier reached by vasoactive drugs, else MAP < 70 (or the recorded hypotension when MAP is unknown). */
export function scoreCardiovascular(derivation: Derivation, values: SofaValues): number {
  const drugs = {
    dopamine: values.dopamine,
    dobutamine: values.dobutamine,
    epinephrine: values.epinephrine,
    norepinephrine: values.norepinephrine,
  };
  const unmentioned = Object.entries(drugs)
    .filter(([, dose]) => dose === undefined)
    .map(([drug]) => drug);
  if (unmentioned.length > 0)
    derivation.assume(`Vasoactive drugs not mentioned (${unmentioned.join(', ')}): assumed not given`);
  const dopamine = drugs.dopamine ?? 0;
  const dobutamine = drugs.dobutamine ?? 0;
  const epinephrine = drugs.epinephrine ?? 0;
  const norepinephrine = drugs.norepinephrine ?? 0;
  const given = Object.entries(drugs).filter(([, dose]) => dose !== undefined && dose > 0);
  if (given.length > 0) {
    derivation.step(
      `Vasoactive drugs (µg/kg/min): ${given.map(([drug, dose]) => `${drug} ${formatNumber(dose ?? 0)}`).join(', ')}`,
    );
  }
  if (dopamine > 15 || epinephrine > 0.1 || norepinephrine > 0.1) {
    return derivation.add('Cardiovascular: dopamine > 15 or epinephrine > 0.1 or norepinephrine > 0.1', 4);
  }
  if (dopamine > 5 || epinephrine > 0 || norepinephrine > 0) {
    return derivation.add('Cardiovascular: dopamine > 5 or epinephrine ≤ 0.1 or norepinephrine ≤ 0.1', 3);
  }
  if (dopamine > 0 || dobutamine > 0)
    return derivation.add('Cardiovascular: dopamine ≤ 5 or dobutamine (any dose)', 2);
  const { systolic, diastolic, hypotension } = values;
  if (systolic !== undefined && diastolic !== undefined) {
    const meanArterialPressure = recordMeanArterialPressure(derivation, systolic, diastolic);
    if (hypotension === true && meanArterialPressure >= 70) {
      derivation.warn(
        'inputs-contradict',
        `"Hypotension" is recorded but MAP is ${formatNumber(meanArterialPressure)} mm Hg (≥ 70); MAP used`,
      );
    }
    return derivation.add(
      `Cardiovascular: MAP ${meanArterialPressure < 70 ? '< 70' : '≥ 70'}, no vasoactive drugs`,
      meanArterialPressure < 70 ? 1 : 0,
    );
  }
  if (hypotension === undefined) {
    derivation.assume(
      'Cardiovascular: MAP not computable and hypotension not mentioned, assumed MAP ≥ 70 mm Hg',
    );
    return derivation.add('Cardiovascular: MAP not available, no vasoactive drugs', 0);
  }
  derivation.step(
    'MAP not computable (needs systolic and diastolic): the recorded hypotension stands for MAP < 70',
  );
  return derivation.add(
    `Cardiovascular: hypotension ${hypotension ? 'yes (MAP < 70)' : 'no'}`,
    hypotension ? 1 : 0,
  );
}

/** The worse of the creatinine and urine-output points. */
export function scoreRenal(derivation: Derivation, values: SofaValues): number {
  const { creatinine, urineOutput } = values;
  if (creatinine === undefined && urineOutput === undefined) {
    derivation.assume('Renal: creatinine and urine output not mentioned, assumed normal (0 points)');
    return derivation.add('Renal: not mentioned', 0);
  }
  let points = 0;
  const reasons: string[] = [];
  if (creatinine === undefined)
    derivation.assume('Creatinine: not mentioned, renal points from urine output only');
  else {
    const row = band(creatinine, [
      [5, 4, '≥ 5.0'],
      [3.5, 3, '3.5–4.9'],
      [2, 2, '2.0–3.4'],
      [1.2, 1, '1.2–1.9'],
      [-Infinity, 0, '< 1.2'],
    ]);
    reasons.push(`creatinine ${formatNumber(creatinine)} mg/dL (${row.range}): ${row.points}`);
    points = row.points;
  }
  if (urineOutput === undefined) derivation.assume('Urine output: not mentioned, assumed ≥ 500 mL/day');
  else {
    const row = band(urineOutput, [
      [500, 0, '≥ 500'],
      [200, 3, '200–499'],
      [-Infinity, 4, '< 200'],
    ]);
    reasons.push(`urine output ${formatNumber(urineOutput)} mL/day (${row.range}): ${row.points}`);
    points = Math.max(points, row.points);
  }
  return derivation.add(`Renal: ${reasons.join('; ')} (the worse counts)`, points);
}
