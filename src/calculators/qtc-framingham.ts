import { formatNumber } from '../units/index.js';
import { defineCalculator } from './define.js';
import { computeCorrectedQt, qtcInputs } from './qtc-terms.js';

/**
 * QTc by the Framingham linear regression: QTc = QT + 154 × (1 − RR), with QT in ms and RR = 60 / heart rate in
 * seconds (the published form is QT + 0.154 × (1 − RR) in seconds; 0.154 s = 154 ms).
 *
 * Source: Sagie A, Larson MG, Goldberg RJ, Bengtson JR, Levy D. An improved method for adjusting the QT interval
 * for heart rate (the Framingham Heart Study). Am J Cardiol 1992;70:797-801.
 * MDCalc: "Corrected QT Interval (QTc)" (Framingham option).
 * Units: heart rate beats/min (plausible 10–300), QT ms (plausible 150–800).
 */
export const calculator = defineCalculator({
  id: 'qtc-framingham',
  version: '1.0.0',
  name: 'QTc Framingham Calculator',
  medcalcId: 57,
  category: 'physical',
  outputType: 'decimal',
  unit: 'msec',
  summary: 'QTc = QT + 154 × (1 − 60 / HR) in ms, from QT (ms, 150–800) and heart rate (beats/min, 10–300).',
  reference: {
    primary:
      'Sagie A et al. An improved method for adjusting the QT interval for heart rate (the Framingham Heart Study). Am J Cardiol 1992;70:797-801.',
    mdcalc: 'Corrected QT Interval (QTc)',
  },
  inputs: qtcInputs,
  options: {},
  compute(inputs) {
    return computeCorrectedQt(inputs, ({ qtInterval, rrSeconds }, derivation) => {
      const value = qtInterval + 154 * (1 - rrSeconds);
      derivation.step(
        `QTc = ${formatNumber(qtInterval)} + 154 × (1 − ${formatNumber(rrSeconds)}) = ${formatNumber(value)} ms`,
      );
      return value;
    });
  },
});
