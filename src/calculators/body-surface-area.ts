import { formatNumber } from '../units/index.js';
import { HEIGHT_INPUT, WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Body surface area from height and weight.
 *
 * Mosteller (default): BSA = √(height cm × weight kg / 3600) m². Source: Mosteller RD. Simplified calculation of
 * body-surface area. N Engl J Med 1987;317:1098.
 * Du Bois (option): BSA = 0.007184 × height cm^0.725 × weight kg^0.425 m². Source: Du Bois D, Du Bois EF. A formula
 * to estimate the approximate surface area if height and weight be known. Arch Intern Med 1916;17:863-71.
 * MDCalc: "Body Surface Area (BSA) Calculator" (Mosteller).
 * Units: height cm, weight kg (other units converted), answer m². Valid ranges: weight 0.3–400 kg, height
 * 30–250 cm (the two formulas agree within a few per cent for adults of ordinary build, less so in infants and
 * severe obesity).
 */
export const calculator = defineCalculator({
  id: 'body-surface-area',
  version: '1.0.0',
  name: 'Body Surface Area Calculator',
  medcalcId: 60,
  category: 'physical',
  outputType: 'decimal',
  unit: 'm²',
  summary:
    'BSA in m² by Mosteller √(cm × kg / 3600) (or Du Bois by option); weight 0.3–400 kg, height 30–250 cm.',
  reference: {
    primary: 'Mosteller RD. Simplified calculation of body-surface area. N Engl J Med 1987;317:1098.',
    mdcalc: 'Body Surface Area (BSA) Calculator',
    others: [
      'Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be known. Arch Intern Med 1916;17:863-71.',
    ],
  },
  inputs: {
    weight: WEIGHT_INPUT,
    height: HEIGHT_INPUT,
  },
  options: {
    formula: {
      values: ['mosteller', 'du-bois'],
      sources: {
        'du-bois':
          'Du Bois D, Du Bois EF. A formula to estimate the approximate surface area if height and weight be known. Arch Intern Med 1916;17:863-71.',
      },
      default: 'mosteller',
      description:
        'mosteller: √(height cm × weight kg / 3600) (Mosteller, NEJM 1987; the formula MDCalc and MedCalc-Bench use). ' +
        'du-bois: 0.007184 × height cm^0.725 × weight kg^0.425 (Du Bois & Du Bois, Arch Intern Med 1916; the historical ' +
        'standard, still used in some oncology and physiology settings).',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { weight, height } = inputs;
    if (weight === undefined || height === undefined) {
      return derivation.notComputable([
        ...(weight === undefined ? ['weight'] : []),
        ...(height === undefined ? ['height'] : []),
      ]);
    }
    if (weight < 0 || height < 0) {
      return derivation.notComputable([], 'weight and height must not be negative for a body surface area');
    }
    if (options.formula === 'du-bois') {
      const value = 0.007184 * height ** 0.725 * weight ** 0.425;
      derivation.step(
        `BSA (Du Bois) = 0.007184 × ${formatNumber(height)}^0.725 × ${formatNumber(weight)}^0.425 = ${formatNumber(value)} m²`,
      );
      return derivation.number(value, 'm²');
    }
    const value = Math.sqrt((height * weight) / 3600);
    derivation.step(
      `BSA (Mosteller) = √(${formatNumber(height)} × ${formatNumber(weight)} / 3600) = ${formatNumber(value)} m²`,
    );
    return derivation.number(value, 'm²');
  },
});
