import { formatNumber } from '../units/index.js';
import { defineCalculator } from './define.js';
import { computeCorrectedQt, qtcInputs } from './qtc-terms.js';

/**
 * QTc by Rautaharju (2014), as MDCalc uses it: QTc = QT × (120 + HR) / 180, with QT in ms and heart rate in
 * beats/min (result in ms; at 60 beats/min QTc = QT).
 *
 * Source: Rautaharju PM, Mason JW, Akiyama T. New age- and sex-specific criteria for QT prolongation based on
 * rate correction formulas that minimize bias at the upper normal limits. Int J Cardiol 2014;174:535-40.
 * MDCalc: "Corrected QT Interval (QTc)" (Rautaharju option).
 * Units: heart rate beats/min (plausible 10–300), QT ms (plausible 150–800).
 */
export const calculator = defineCalculator({
  id: 'qtc-rautaharju',
  version: '1.0.0',
  name: 'QTc Rautaharju Calculator',
  medcalcId: 59,
  category: 'physical',
  outputType: 'decimal',
  unit: 'msec',
  summary: 'QTc = QT × (120 + HR) / 180 in ms, from QT (ms, 150–800) and heart rate (beats/min, 10–300).',
  reference: {
    primary: 'Rautaharju PM, Mason JW, Akiyama T. Int J Cardiol 2014;174:535-40.',
    mdcalc: 'Corrected QT Interval (QTc)',
  },
  inputs: qtcInputs,
  options: {},
  compute(inputs) {
    return computeCorrectedQt(inputs, ({ qtInterval, heartRate }, derivation) => {
      const value = (qtInterval * (120 + heartRate)) / 180;
      derivation.step(
        `QTc = ${formatNumber(qtInterval)} × (120 + ${formatNumber(heartRate)}) / 180 = ${formatNumber(value)} ms`,
      );
      return value;
    });
  },
});
