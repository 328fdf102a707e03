import { formatNumber } from '../units/index.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** Friedewald et al. excluded samples at or above this triglyceride level (mg/dL). */
const TRIGLYCERIDE_LIMIT = 400;

/**
 * LDL cholesterol estimated by the Friedewald equation, in mg/dL: LDL = total cholesterol − HDL − TG/5, where
 * TG/5 estimates VLDL cholesterol. With triglycerides at or above 400 mg/dL (4.5 mmol/L), or in
 * chylomicronaemia or type III dysbetalipoproteinaemia, the estimate is invalid: it is still computed here but
 * with a warning. A fasting sample is assumed by the method.
 *
 * Source: Friedewald WT, Levy RI, Fredrickson DS. Estimation of the concentration of low-density lipoprotein
 * cholesterol in plasma, without use of the preparative ultracentrifuge. Clin Chem 1972;18:499-502.
 * MDCalc: "LDL Calculated".
 * Units: total and HDL cholesterol and triglycerides in mg/dL (mmol/L converted; triglycerides as triolein,
 * 885.7 g/mol); answer mg/dL. Valid range: triglycerides below 400 mg/dL.
 */
export const calculator = defineCalculator({
  id: 'ldl-friedewald',
  version: '1.0.0',
  name: 'LDL Calculated',
  medcalcId: 44,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mg/dL',
  summary: 'Friedewald LDL = total cholesterol − HDL − TG/5 (mg/dL); invalid (warned) when TG ≥ 400 mg/dL.',
  reference: {
    primary:
      'Friedewald WT, Levy RI, Fredrickson DS. Estimation of the concentration of low-density lipoprotein cholesterol in plasma, without use of the preparative ultracentrifuge. Clin Chem 1972;18:499-502.',
    mdcalc: 'LDL Calculated',
  },
  inputs: {
    totalCholesterol: {
      type: 'quantity',
      quantity: 'cholesterol',
      label: 'Total cholesterol',
      entityKeys: ['Total cholesterol'],
    },
    hdlCholesterol: {
      type: 'quantity',
      quantity: 'cholesterol',
      label: 'HDL cholesterol',
      entityKeys: ['high-density lipoprotein cholesterol'],
    },
    triglycerides: {
      type: 'quantity',
      quantity: 'triglycerides',
      label: 'Triglycerides',
      entityKeys: ['Triglycerides'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { totalCholesterol, hdlCholesterol, triglycerides } = inputs;
    if (totalCholesterol === undefined || hdlCholesterol === undefined || triglycerides === undefined) {
      return derivation.notComputable([
        ...(totalCholesterol === undefined ? ['totalCholesterol'] : []),
        ...(hdlCholesterol === undefined ? ['hdlCholesterol'] : []),
        ...(triglycerides === undefined ? ['triglycerides'] : []),
      ]);
    }
    if (triglycerides >= TRIGLYCERIDE_LIMIT) {
      derivation.warn(
        'formula-does-not-apply',
        `triglycerides ${formatNumber(triglycerides)} mg/dL ≥ 400 mg/dL: the Friedewald estimate is not valid; ` +
          'measure LDL directly',
      );
    }
    if (hdlCholesterol >= totalCholesterol) {
      derivation.warn(
        'inputs-contradict',
        `HDL ${formatNumber(hdlCholesterol)} mg/dL is not below total cholesterol ${formatNumber(totalCholesterol)} mg/dL`,
      );
    }
    const vldl = triglycerides / 5;
    const value = totalCholesterol - hdlCholesterol - vldl;
    derivation.step(
      `VLDL cholesterol ≈ TG / 5 = ${formatNumber(triglycerides)} / 5 = ${formatNumber(vldl)} mg/dL`,
    );
    derivation.step(
      `LDL = ${formatNumber(totalCholesterol)} − ${formatNumber(hdlCholesterol)} − ${formatNumber(vldl)} = ${formatNumber(value)} mg/dL`,
    );
    if (value < 0)
      derivation.warn('implausible-result', `calculated LDL ${formatNumber(value)} mg/dL is negative`);
    return derivation.number(value, 'mg/dL');
  },
});
