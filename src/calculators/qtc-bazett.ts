import { formatNumber } from '../units/index.js';
import { defineCalculator } from './define.js';
import { computeCorrectedQt, qtcInputs } from './qtc-terms.js';

/**
 * QTc by Bazett: QTc = QT / √RR, with QT in ms and RR = 60 / heart rate in seconds (result in ms).
 *
 * Source: Bazett HC. An analysis of the time-relations of electrocardiograms. Heart 1920;7:353-70.
 * MDCalc: "Corrected QT Interval (QTc)" (Bazett option).
 * Units: heart rate beats/min (plausible 10–300), QT ms (plausible 150–800). Bazett over-corrects at fast and
 * under-corrects at slow rates; the other four QTc calculators are the alternatives.
 */
export const calculator = defineCalculator({
  id: 'qtc-bazett',
  version: '1.0.0',
  name: 'QTc Bazett Calculator',
  medcalcId: 11,
  category: 'physical',
  outputType: 'decimal',
  unit: 'msec',
  summary: 'QTc = QT / √(60 / HR) in ms, from QT (ms, 150–800) and heart rate (beats/min, 10–300).',
  reference: {
    primary: 'Bazett HC. An analysis of the time-relations of electrocardiograms. Heart 1920;7:353-70.',
    mdcalc: 'Corrected QT Interval (QTc)',
  },
  inputs: qtcInputs,
  options: {},
  compute(inputs) {
    return computeCorrectedQt(inputs, ({ qtInterval, rrSeconds }, derivation) => {
      const value = qtInterval / Math.sqrt(rrSeconds);
      derivation.step(
        `QTc = ${formatNumber(qtInterval)} / √${formatNumber(rrSeconds)} = ${formatNumber(value)} ms`,
      );
      return value;
    });
  },
});
