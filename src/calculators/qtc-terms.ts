import { formatNumber } from '../units/index.js';
import { HEART_RATE_INPUT, QT_INTERVAL_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import type { CalculatorResult } from './types.js';

/**
 * Inputs and RR handling shared by the five QTc calculators (Bazett, Fridericia, Framingham, Hodges,
 * Rautaharju). Each correction receives the measured QT (ms), the heart rate (beats/min) and the RR interval in
 * seconds, RR = 60 / HR, kept unrounded.
 */
export const qtcInputs = { heartRate: HEART_RATE_INPUT, qtInterval: QT_INTERVAL_INPUT } as const;

export interface QtcTerms {
  /** Beats per minute. */
  heartRate: number;
  /** Measured QT in ms. */
  qtInterval: number;
  /** RR interval in seconds (60 / heart rate). */
  rrSeconds: number;
}

/** Applies one correction and returns its derivation; the correction records its own formula step. */
export function computeCorrectedQt(
  inputs: { heartRate?: number | undefined; qtInterval?: number | undefined },
  correct: (terms: QtcTerms, derivation: Derivation) => number,
): CalculatorResult {
  const derivation = new Derivation();
  const { heartRate, qtInterval } = inputs;
  if (heartRate === undefined || qtInterval === undefined) {
    return derivation.notComputable([
      ...(heartRate === undefined ? ['heartRate'] : []),
      ...(qtInterval === undefined ? ['qtInterval'] : []),
    ]);
  }
  if (heartRate <= 0) {
    derivation.warn(
      'implausible-value',
      `heart rate ${formatNumber(heartRate)} beats/min is not a beating heart`,
    );
    return derivation.notComputable([], 'heart rate must be above 0 beats/min to derive an RR interval');
  }
  const rrSeconds = 60 / heartRate;
  derivation.step(`RR interval = 60 / ${formatNumber(heartRate)} beats/min = ${formatNumber(rrSeconds)} s`);
  const value = correct({ heartRate, qtInterval, rrSeconds }, derivation);
  return derivation.number(value, 'msec');
}
