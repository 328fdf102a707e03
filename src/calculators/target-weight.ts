import { formatNumber } from '../units/index.js';
import { HEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Target weight for a chosen body mass index: weight = target BMI (kg/m²) × height (m)², the BMI definition
 * solved for weight.
 *
 * Source: the BMI definition and adult categories of the World Health Organization (Obesity: preventing and
 * managing the global epidemic, WHO Technical Report Series 894, 2000).
 * MDCalc: "Target Weight".
 * Units: target BMI kg/m², height cm (m, in and ft are converted), answer kg. Valid ranges: height 30–250 cm,
 * target BMI 8–100 kg/m² (targets are normally 18.5–25).
 * In MedCalc-Bench the entity "Body Mass Index (BMI)" carries the TARGET BMI, not the patient's current one.
 */
export const calculator = defineCalculator({
  id: 'target-weight',
  version: '1.0.0',
  name: 'Target weight',
  medcalcId: 61,
  category: 'physical',
  outputType: 'decimal',
  unit: 'kg',
  summary: 'Target weight = target BMI × height² in kg; height 30–250 cm, target BMI usually 18.5–25 kg/m².',
  reference: {
    primary:
      'World Health Organization. Obesity: preventing and managing the global epidemic. WHO Technical Report Series 894, 2000.',
    mdcalc: 'Target Weight',
  },
  inputs: {
    targetBmi: {
      type: 'quantity',
      quantity: 'body-mass-index',
      label: 'Target body mass index',
      entityKeys: ['Body Mass Index (BMI)'],
      description: 'The BMI the patient should reach (the benchmark key names it "Body Mass Index (BMI)").',
    },
    height: HEIGHT_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { targetBmi, height } = inputs;
    if (targetBmi === undefined || height === undefined) {
      return derivation.notComputable([
        ...(targetBmi === undefined ? ['targetBmi'] : []),
        ...(height === undefined ? ['height'] : []),
      ]);
    }
    const heightMetres = height / 100;
    const value = targetBmi * heightMetres * heightMetres;
    derivation.step(`Height ${formatNumber(height)} cm = ${formatNumber(heightMetres)} m`);
    derivation.step(
      `Target weight = ${formatNumber(targetBmi)} × ${formatNumber(heightMetres)}² = ${formatNumber(value)} kg`,
    );
    return derivation.number(value, 'kg');
  },
});
