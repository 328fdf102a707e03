import { checkPlausible, formatNumber } from '../units/index.js';
import { HEIGHT_INPUT, WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Body mass index (Quetelet index): BMI = weight (kg) / height (m)².
 *
 * Source: World Health Organization. Obesity: preventing and managing the global epidemic. WHO Technical Report
 * Series 894, 2000 (definition and adult categories; the index itself is Quetelet's, popularised by Keys A et al.,
 * J Chronic Dis 1972;25:329-43).
 * MDCalc: "BMI Calculator (Body Mass Index)".
 * Units: weight kg, height cm (other units converted), answer kg/m². Valid ranges: weight 0.3–400 kg, height
 * 30–250 cm; an answer outside 8–100 kg/m² is warned about as implausible.
 */
export const calculator = defineCalculator({
  id: 'body-mass-index',
  version: '1.0.0',
  name: 'Body Mass Index (BMI)',
  medcalcId: 6,
  category: 'physical',
  outputType: 'decimal',
  unit: 'kg/m²',
  summary: 'BMI = weight / height² in kg/m² from weight (0.3–400 kg) and height (30–250 cm).',
  reference: {
    primary:
      'World Health Organization. Obesity: preventing and managing the global epidemic. WHO Technical Report Series 894, 2000.',
    mdcalc: 'BMI Calculator (Body Mass Index)',
    others: ['Keys A et al. Indices of relative weight and obesity. J Chronic Dis 1972;25:329-43.'],
  },
  inputs: {
    weight: WEIGHT_INPUT,
    height: HEIGHT_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { weight, height } = inputs;
    if (weight === undefined || height === undefined) {
      return derivation.notComputable([
        ...(weight === undefined ? ['weight'] : []),
        ...(height === undefined ? ['height'] : []),
      ]);
    }
    if (height <= 0)
      return derivation.notComputable([], `height ${formatNumber(height)} cm is not a positive length`);
    const heightMetres = height / 100;
    const value = weight / (heightMetres * heightMetres);
    derivation.step(`Height ${formatNumber(height)} cm = ${formatNumber(heightMetres)} m`);
    derivation.step(
      `BMI = ${formatNumber(weight)} / ${formatNumber(heightMetres)}² = ${formatNumber(value)} kg/m²`,
    );
    const implausible = checkPlausible('body-mass-index', value);
    if (implausible !== undefined) derivation.warn('implausible-result', implausible);
    return derivation.number(value, 'kg/m²');
  },
});
