import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import type { Instance } from '../dataset/instance.js';
import type { Finding } from './types.js';

/**
 * The possible results of the scores whose range is fixed by their criteria (the sum of the lowest and of the
 * highest points each criterion can give, per the primary source each calculator module cites). Scores without
 * a fixed upper end (PSI, Caprini, CCI with age) are left out.
 */
// prettier-ignore
export const SCORE_RANGES: Readonly<Partial<Record<CalculatorSlug, readonly [number, number]>>> = {
  'cha2ds2-vasc': [0, 9],
  'wells-pe': [0, 12.5],
  'child-pugh': [5, 15],
  'wells-dvt': [-2, 9],
  'revised-cardiac-risk-index': [0, 6],
  'heart-score': [0, 10],
  'centor-mcisaac': [-1, 5],
  'glasgow-coma-scale': [3, 15],
  'meld-na': [6, 40],
  'has-bled': [0, 9],
  'glasgow-blatchford': [0, 23],
  'apache-ii': [0, 71],
  feverpain: [0, 5],
  sofa: [0, 24],
  'curb-65': [0, 5],
  perc: [0, 8],
  sirs: [0, 4],
  'framingham-hard-chd': [0, 100],
};

/**
 * A finding when the original label lies outside its calculator's possible results (a GCS of 16): whatever the
 * note says, the label code computed something the score cannot be. `calculator-logic`, `error`.
 */
export function checkLabelRange(instance: Pick<Instance, 'calculatorSlug' | 'label'>): Finding[] {
  const slug = instance.calculatorSlug;
  const range = slug !== undefined && Object.hasOwn(SCORE_RANGES, slug) ? SCORE_RANGES[slug] : undefined;
  const label = Number(instance.label);
  if (range === undefined || instance.label.trim() === '' || !Number.isFinite(label)) return [];
  if (label >= range[0] && label <= range[1]) return [];
  return [
    {
      category: 'calculator-logic',
      severity: 'error',
      message: `the label ${instance.label} is outside the possible range of ${instance.calculatorSlug} (${range[0]} to ${range[1]})`,
      evidence: [],
    },
  ];
}
