import { formatNumber } from '../units/index.js';
import { defineCalculator } from './define.js';
import { computeCorrectedQt, qtcInputs } from './qtc-terms.js';

/**
 * QTc by Hodges: QTc = QT + 1.75 × (HR − 60), with QT in ms and heart rate in beats/min (result in ms). Linear in
 * heart rate, so it needs no RR interval.
 *
 * Source: Hodges M, Salerno D, Erlien D. Bazett's QT correction reviewed: evidence that a linear QT correction for
 * heart rate is better. J Am Coll Cardiol 1983;1:694 (abstract).
 * MDCalc: "Corrected QT Interval (QTc)" (Hodges option).
 * Units: heart rate beats/min (plausible 10–300), QT ms (plausible 150–800).
 */
export const calculator = defineCalculator({
  id: 'qtc-hodges',
  version: '1.0.0',
  name: 'QTc Hodges Calculator',
  medcalcId: 58,
  category: 'physical',
  outputType: 'decimal',
  unit: 'msec',
  summary: 'QTc = QT + 1.75 × (HR − 60) in ms, from QT (ms, 150–800) and heart rate (beats/min, 10–300).',
  reference: {
    primary: 'Hodges M, Salerno D, Erlien D. J Am Coll Cardiol 1983;1:694 (abstract).',
    mdcalc: 'Corrected QT Interval (QTc)',
  },
  inputs: qtcInputs,
  options: {},
  compute(inputs) {
    return computeCorrectedQt(inputs, ({ qtInterval, heartRate }, derivation) => {
      const value = qtInterval + 1.75 * (heartRate - 60);
      derivation.step(
        `QTc = ${formatNumber(qtInterval)} + 1.75 × (${formatNumber(heartRate)} − 60) = ${formatNumber(value)} ms`,
      );
      return value;
    });
  },
});
