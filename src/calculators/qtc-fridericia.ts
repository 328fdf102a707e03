import { formatNumber } from '../units/index.js';
import { defineCalculator } from './define.js';
import { computeCorrectedQt, qtcInputs } from './qtc-terms.js';

/**
 * QTc by Fridericia: QTc = QT / ∛RR, with QT in ms and RR = 60 / heart rate in seconds (result in ms).
 *
 * Source: Fridericia LS. Die Systolendauer im Elektrokardiogramm bei normalen Menschen und bei Herzkranken.
 * Acta Med Scand 1920;53:469-86.
 * MDCalc: "Corrected QT Interval (QTc)" (Fridericia option).
 * Units: heart rate beats/min (plausible 10–300), QT ms (plausible 150–800).
 */
export const calculator = defineCalculator({
  id: 'qtc-fridericia',
  version: '1.0.0',
  name: 'QTc Fridericia Calculator',
  medcalcId: 56,
  category: 'physical',
  outputType: 'decimal',
  unit: 'msec',
  summary: 'QTc = QT / ∛(60 / HR) in ms, from QT (ms, 150–800) and heart rate (beats/min, 10–300).',
  reference: {
    primary: 'Fridericia LS. Acta Med Scand 1920;53:469-86.',
    mdcalc: 'Corrected QT Interval (QTc)',
  },
  inputs: qtcInputs,
  options: {},
  compute(inputs) {
    return computeCorrectedQt(inputs, ({ qtInterval, rrSeconds }, derivation) => {
      const value = qtInterval / Math.cbrt(rrSeconds);
      derivation.step(
        `QTc = ${formatNumber(qtInterval)} / ∛${formatNumber(rrSeconds)} = ${formatNumber(value)} ms`,
      );
      return value;
    });
  },
});
