import { formatNumber } from '../units/index.js';
import { AGE_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Fibrosis-4 index: FIB-4 = age [years] × AST [U/L] / (platelets [10⁹/L] × √ALT [U/L]).
 * Below 1.45 makes advanced fibrosis unlikely, above 3.25 likely (Sterling 2006 cut-offs).
 *
 * Source: Sterling RK et al. Development of a simple noninvasive index to predict significant fibrosis in
 * patients with HIV/HCV coinfection. Hepatology 2006;43:1317-25. MDCalc: "Fibrosis-4 (FIB-4) Index for Liver
 * Fibrosis".
 * Units: age years; AST and ALT U/L (both above 0); platelets ×10⁹/L (above 0). The index is validated for
 * adults aged 35–65 (McPherson S et al. Am J Gastroenterol 2017;112:740-51 found it unreliable outside that
 * range); other ages are computed with a warning.
 */
export const calculator = defineCalculator({
  id: 'fib-4',
  version: '1.0.0',
  name: 'Fibrosis-4 (FIB-4) Index for Liver Fibrosis',
  medcalcId: 19,
  category: 'lab',
  outputType: 'decimal',
  unit: 'index',
  summary:
    'FIB-4 = age × AST / (platelets[10⁹/L] × √ALT); AST/ALT U/L > 0, platelets > 0; validated age 35–65.',
  reference: {
    primary: 'Sterling RK et al. Hepatology 2006;43:1317-25.',
    mdcalc: 'Fibrosis-4 (FIB-4) Index for Liver Fibrosis',
    others: ['McPherson S et al. Am J Gastroenterol 2017;112:740-51 (age limits 35–65).'],
  },
  inputs: {
    age: AGE_INPUT,
    aspartateAminotransferase: {
      type: 'quantity',
      quantity: 'liver-enzyme',
      label: 'Aspartate aminotransferase (AST)',
      entityKeys: ['Aspartate aminotransferase'],
    },
    alanineAminotransferase: {
      type: 'quantity',
      quantity: 'liver-enzyme',
      label: 'Alanine aminotransferase (ALT)',
      entityKeys: ['Alanine aminotransferase'],
    },
    plateletCount: {
      type: 'quantity',
      quantity: 'platelet-count',
      label: 'Platelet count',
      entityKeys: ['Platelet count'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const {
      age,
      aspartateAminotransferase: ast,
      alanineAminotransferase: alt,
      plateletCount: platelets,
    } = inputs;
    if (age === undefined || ast === undefined || alt === undefined || platelets === undefined) {
      return derivation.notComputable([
        ...(age === undefined ? ['age'] : []),
        ...(ast === undefined ? ['aspartateAminotransferase'] : []),
        ...(alt === undefined ? ['alanineAminotransferase'] : []),
        ...(platelets === undefined ? ['plateletCount'] : []),
      ]);
    }
    if (alt <= 0 || platelets <= 0) {
      return derivation.notComputable(
        [],
        `ALT (${formatNumber(alt)} U/L) and platelets (${formatNumber(platelets)} ×10⁹/L) must both be above 0`,
      );
    }
    if (age < 35 || age > 65) {
      derivation.warn(
        'outside-population',
        `age ${formatNumber(age)} years is outside 35–65, where FIB-4 is validated`,
      );
    }
    const value = (age * ast) / (platelets * Math.sqrt(alt));
    derivation.step(
      `FIB-4 = ${formatNumber(age)} × ${formatNumber(ast)} / (${formatNumber(platelets)} × √${formatNumber(alt)}) = ` +
        `${formatNumber(value)}`,
    );
    return derivation.number(value, 'index');
  },
});
