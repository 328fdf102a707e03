import { formatNumber } from '../units/index.js';
import { DIASTOLIC_INPUT, SYSTOLIC_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * MAP = (2 × DBP + SBP) / 3 in mm Hg, from systolic and diastolic pressure in mm Hg; unrounded. The one formula
 * for every calculator that derives MAP from a cuff reading (this one, APACHE II, SOFA). The operand order does
 * not matter: floating-point addition commutes, so (SBP + 2 × DBP) / 3 is the same number.
 */
export function computeMeanArterialPressure(systolic: number, diastolic: number): number {
  return (2 * diastolic + systolic) / 3;
}

/**
 * Computes MAP and records it as the step "MAP = (SBP + 2 × DBP) / 3 = … mm Hg", the form the APACHE II and
 * SOFA derivations show; returns the unrounded MAP.
 */
export function recordMeanArterialPressure(
  derivation: Derivation,
  systolic: number,
  diastolic: number,
): number {
  const meanArterialPressure = computeMeanArterialPressure(systolic, diastolic);
  derivation.step(
    `MAP = (${formatNumber(systolic)} + 2 × ${formatNumber(diastolic)}) / 3 = ${formatNumber(meanArterialPressure)} mm Hg`,
  );
  return meanArterialPressure;
}

/**
 * Mean arterial pressure from a cuff reading: MAP = (2 × DBP + SBP) / 3, i.e. DBP + (SBP − DBP) / 3.
 *
 * Source: the one-third pulse-pressure estimate (e.g. Sesso HD et al., Hypertension 2000;36:801-7).
 * MDCalc: "Mean Arterial Pressure (MAP)".
 * Units: mm Hg in and out (kPa converted). Valid ranges: 10–300 mm Hg for each pressure, DBP not above SBP;
 * values outside are computed and warned about.
 */
export const calculator = defineCalculator({
  id: 'mean-arterial-pressure',
  version: '1.0.0',
  name: 'Mean Arterial Pressure (MAP)',
  medcalcId: 5,
  category: 'physical',
  outputType: 'decimal',
  unit: 'mm Hg',
  summary:
    'MAP = (2 × DBP + SBP) / 3 from systolic and diastolic pressure in mm Hg (10–300 each, DBP ≤ SBP).',
  reference: {
    primary:
      'Sesso HD et al. Systolic and diastolic blood pressure, pulse pressure, and mean arterial pressure as predictors of cardiovascular disease risk in men. Hypertension 2000;36:801-7.',
    mdcalc: 'Mean Arterial Pressure (MAP)',
  },
  inputs: {
    systolic: SYSTOLIC_INPUT,
    diastolic: DIASTOLIC_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { systolic, diastolic } = inputs;
    if (systolic === undefined || diastolic === undefined) {
      return derivation.notComputable([
        ...(systolic === undefined ? ['systolic'] : []),
        ...(diastolic === undefined ? ['diastolic'] : []),
      ]);
    }
    if (diastolic > systolic)
      derivation.warn('inputs-contradict', `diastolic ${diastolic} mm Hg exceeds systolic ${systolic} mm Hg`);
    const value = computeMeanArterialPressure(systolic, diastolic);
    derivation.step(
      `MAP = (2 × ${formatNumber(diastolic)} + ${formatNumber(systolic)}) / 3 = ${formatNumber(value)} mm Hg`,
    );
    return derivation.number(value, 'mm Hg');
  },
});
