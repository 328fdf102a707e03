import { formatNumber } from '../units/index.js';
import { CREATININE_INPUT, SODIUM_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Fractional excretion of sodium, in percent: FENa = 100 × (serum creatinine × urine sodium) / (serum sodium ×
 * urine creatinine). Both creatinines and both sodiums are in the same units, so the ratio is unitless.
 * Reading (oliguric acute kidney injury): below 1 % suggests a prerenal cause, above 2 % intrinsic renal injury
 * such as acute tubular necrosis, 1–2 % is indeterminate. Diuretics raise FENa and make it unreliable.
 *
 * Source: Espinel CH. The FENa test: use in the differential diagnosis of acute renal failure. JAMA
 * 1976;236:579-81. MDCalc: "Fractional Excretion of Sodium (FENa)".
 * Units: serum and urine creatinine mg/dL (µmol/L converted), serum and urine sodium mmol/L (= mEq/L); answer %.
 * Valid ranges: serum sodium 95–200, urine sodium 1–400 mmol/L, urine creatinine above serum creatinine.
 */
export const calculator = defineCalculator({
  id: 'fena',
  version: '1.0.0',
  name: 'Fractional Excretion of Sodium (FENa)',
  medcalcId: 40,
  category: 'lab',
  outputType: 'decimal',
  unit: '%',
  summary: 'FENa % = 100 × (SCr × UNa) / (SNa × UCr); < 1 % suggests prerenal, > 2 % intrinsic renal injury.',
  reference: {
    primary:
      'Espinel CH. The FENa test: use in the differential diagnosis of acute renal failure. JAMA 1976;236:579-81.',
    mdcalc: 'Fractional Excretion of Sodium (FENa)',
  },
  inputs: {
    serumCreatinine: CREATININE_INPUT,
    urineCreatinine: {
      type: 'quantity',
      quantity: 'urine-creatinine',
      label: 'Urine creatinine',
      entityKeys: ['Urine creatinine'],
    },
    serumSodium: SODIUM_INPUT,
    urineSodium: {
      type: 'quantity',
      quantity: 'urine-sodium',
      label: 'Urine sodium',
      entityKeys: ['Urine sodium'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { serumCreatinine, urineCreatinine, serumSodium, urineSodium } = inputs;
    if (
      serumCreatinine === undefined ||
      urineCreatinine === undefined ||
      serumSodium === undefined ||
      urineSodium === undefined
    ) {
      return derivation.notComputable([
        ...(serumCreatinine === undefined ? ['serumCreatinine'] : []),
        ...(urineCreatinine === undefined ? ['urineCreatinine'] : []),
        ...(serumSodium === undefined ? ['serumSodium'] : []),
        ...(urineSodium === undefined ? ['urineSodium'] : []),
      ]);
    }
    if (urineCreatinine <= serumCreatinine) {
      derivation.warn(
        'inputs-contradict',
        `urine creatinine ${formatNumber(urineCreatinine)} mg/dL is not above serum creatinine ` +
          `${formatNumber(serumCreatinine)} mg/dL; the two may be swapped`,
      );
    }
    const value = (100 * (serumCreatinine * urineSodium)) / (serumSodium * urineCreatinine);
    derivation.step(
      `FENa = 100 × (${formatNumber(serumCreatinine)} mg/dL × ${formatNumber(urineSodium)} mmol/L) / ` +
        `(${formatNumber(serumSodium)} mmol/L × ${formatNumber(urineCreatinine)} mg/dL) = ${formatNumber(value)} %`,
    );
    if (value < 1) derivation.step('FENa < 1 %: suggests a prerenal cause');
    else if (value > 2)
      derivation.step('FENa > 2 %: suggests intrinsic renal injury (e.g. acute tubular necrosis)');
    else derivation.step('FENa 1–2 %: indeterminate');
    return derivation.number(value, '%');
  },
});
