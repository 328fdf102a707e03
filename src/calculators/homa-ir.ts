import { formatNumber } from '../units/index.js';
import { GLUCOSE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * HOMA-IR, the homeostasis model assessment of insulin resistance (unitless index):
 * HOMA-IR = fasting insulin (µIU/mL) × fasting glucose (mg/dL) / 405, which is Matthews' insulin × glucose
 * (mmol/L) / 22.5 with glucose in mg/dL (22.5 × 18 = 405). Insulin in pmol/L is converted at 6 pmol/L per µIU/mL.
 * Both values must be fasting; a random sample makes the index meaningless (not checkable from the inputs).
 *
 * Source: Matthews DR et al. Homeostasis model assessment: insulin resistance and β-cell function from fasting
 * plasma glucose and insulin concentrations in man. Diabetologia 1985;28:412-9. MDCalc: "HOMA-IR (Homeostatic
 * Model Assessment for Insulin Resistance)".
 * Units: insulin µIU/mL (pmol/L converted), glucose mg/dL (mmol/L converted). Valid ranges: insulin 0.2–2000
 * µIU/mL, glucose 10–3000 mg/dL.
 */
export const calculator = defineCalculator({
  id: 'homa-ir',
  version: '1.0.0',
  name: 'HOMA-IR (Homeostatic Model Assessment for Insulin Resistance)',
  medcalcId: 31,
  category: 'lab',
  outputType: 'decimal',
  unit: 'index',
  summary: 'HOMA-IR = fasting insulin (µIU/mL) × fasting glucose (mg/dL) / 405.',
  reference: {
    primary:
      'Matthews DR et al. Homeostasis model assessment: insulin resistance and beta-cell function from fasting plasma glucose and insulin concentrations in man. Diabetologia 1985;28:412-9.',
    mdcalc: 'HOMA-IR (Homeostatic Model Assessment for Insulin Resistance)',
  },
  inputs: {
    insulin: { type: 'quantity', quantity: 'insulin', label: 'Fasting insulin', entityKeys: ['Insulin'] },
    glucose: { ...GLUCOSE_INPUT, label: 'Fasting glucose' },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { insulin, glucose } = inputs;
    if (insulin === undefined || glucose === undefined) {
      return derivation.notComputable([
        ...(insulin === undefined ? ['insulin'] : []),
        ...(glucose === undefined ? ['glucose'] : []),
      ]);
    }
    const value = (insulin * glucose) / 405;
    derivation.step(
      `HOMA-IR = ${formatNumber(insulin)} µIU/mL × ${formatNumber(glucose)} mg/dL / 405 = ${formatNumber(value)}`,
    );
    return derivation.number(value, 'index');
  },
});
