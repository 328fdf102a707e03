import { formatNumber } from '../units/index.js';
import { WEIGHT_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Maintenance fluid rate by the Holliday–Segar method, in mL/h.
 *
 * Hourly 4-2-1 rule (default): 4 mL/kg/h for the first 10 kg, 2 mL/kg/h for the next 10 kg, 1 mL/kg/h for every
 * kg above 20: ≤10 kg 4 × w; 10–20 kg 40 + 2 × (w − 10); >20 kg 60 + (w − 20).
 * Daily 100-50-20 rule (option): 100 mL/kg/day for the first 10 kg, 50 for the next 10, 20 per kg above 20,
 * divided by 24 h; it gives about 4% more than the hourly rule up to 20 kg, the same at 35 kg, and less above.
 *
 * Source: Holliday MA, Segar WE. The maintenance need for water in parenteral fluid therapy. Pediatrics
 * 1957;19:823-32 (the per-day rule; the per-hour 4-2-1 form is the bedside restatement).
 * MDCalc: "Maintenance Fluids Calculations".
 * Units: weight kg (g and lb converted), answer mL/h. Valid range: weight 0.3–400 kg; derived for children and
 * applied to adults without a cap here (many clinicians cap adults near 100–120 mL/h).
 */
export const calculator = defineCalculator({
  id: 'maintenance-fluids',
  version: '1.0.0',
  name: 'Maintenance Fluids Calculations',
  medcalcId: 22,
  category: 'physical',
  outputType: 'decimal',
  unit: 'mL/hr',
  summary: 'Holliday–Segar maintenance fluid rate in mL/h (4-2-1 rule) from weight in kg (0.3–400 kg).',
  reference: {
    primary:
      'Holliday MA, Segar WE. The maintenance need for water in parenteral fluid therapy. Pediatrics 1957;19:823-32.',
    mdcalc: 'Maintenance Fluids Calculations',
  },
  inputs: {
    weight: WEIGHT_INPUT,
  },
  options: {
    rule: {
      values: ['hourly-4-2-1', 'daily-100-50-20'],
      default: 'hourly-4-2-1',
      description:
        'hourly-4-2-1: 4/2/1 mL/kg/h by weight band (the bedside form MDCalc "Maintenance Fluids Calculations" ' +
        'uses). daily-100-50-20: 100/50/20 mL/kg/day as published by Holliday & Segar (Pediatrics 1957), divided ' +
        'by 24 h; about 4% higher up to 20 kg, equal at 35 kg, lower above (104.2 vs 110 mL/h at 70 kg).',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { weight } = inputs;
    if (weight === undefined) return derivation.notComputable(['weight']);
    const w = formatNumber(weight);
    if (options.rule === 'daily-100-50-20') {
      let daily: number;
      if (weight <= 10) {
        daily = 100 * weight;
        derivation.step(`Weight ${w} kg (≤10 kg): 100 × ${w} = ${formatNumber(daily)} mL/day`);
      } else if (weight <= 20) {
        daily = 1000 + 50 * (weight - 10);
        derivation.step(`Weight ${w} kg (10–20 kg): 1000 + 50 × (${w} − 10) = ${formatNumber(daily)} mL/day`);
      } else {
        daily = 1500 + 20 * (weight - 20);
        derivation.step(`Weight ${w} kg (>20 kg): 1500 + 20 × (${w} − 20) = ${formatNumber(daily)} mL/day`);
      }
      const hourly = daily / 24;
      derivation.step(`Rate = ${formatNumber(daily)} / 24 = ${formatNumber(hourly)} mL/h`);
      return derivation.number(hourly, 'mL/hr');
    }
    let hourly: number;
    if (weight <= 10) {
      hourly = 4 * weight;
      derivation.step(`Weight ${w} kg (≤10 kg): 4 × ${w} = ${formatNumber(hourly)} mL/h`);
    } else if (weight <= 20) {
      hourly = 40 + 2 * (weight - 10);
      derivation.step(`Weight ${w} kg (10–20 kg): 40 + 2 × (${w} − 10) = ${formatNumber(hourly)} mL/h`);
    } else {
      hourly = 60 + (weight - 20);
      derivation.step(`Weight ${w} kg (>20 kg): 60 + 1 × (${w} − 20) = ${formatNumber(hourly)} mL/h`);
    }
    return derivation.number(hourly, 'mL/hr');
  },
});
