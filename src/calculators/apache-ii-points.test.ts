import { describe, expect, it } from 'vitest';
import {
  AA_GRADIENT_POINTS,
  AGE_POINTS,
  CREATININE_POINTS,
  findPointsRow,
  HEART_RATE_POINTS,
  HEMATOCRIT_POINTS,
  MEAN_ARTERIAL_PRESSURE_POINTS,
  PAO2_POINTS,
  PH_POINTS,
  POTASSIUM_POINTS,
  RESPIRATORY_RATE_POINTS,
  SODIUM_POINTS,
  TEMPERATURE_POINTS,
  WHITE_CELL_POINTS,
  type PointsTable,
} from './apache-ii-points.js';

/**
 * "value:points" pairs typed by hand from Knaus 1985 Table 1, on both sides of every boundary. Written as text so
 * each table reads as one line; a mismatch reports the value.
 */
function expectTable(table: PointsTable, pairs: string): void {
  for (const pair of pairs.split(' ')) {
    const [value, points] = pair.split(':').map(Number);
    expect(`${value}:${findPointsRow(table, value!).points}`).toBe(`${value}:${points}`);
  }
}

describe('APACHE II point tables (Knaus 1985)', () => {
  it('temperature, °C', () => {
    expectTable(
      TEMPERATURE_POINTS,
      '41:4 40.9:3 39:3 38.9:1 38.5:1 38.4:0 36:0 35.9:1 34:1 33.9:2 32:2 31.9:3 30:3 29.9:4',
    );
  });
  it('mean arterial pressure, mm Hg (69.7 falls in 50–69)', () => {
    expectTable(MEAN_ARTERIAL_PRESSURE_POINTS, '160:4 159:3 130:3 129:2 110:2 109:0 70:0 69.7:2 50:2 49:4');
  });
  it('heart rate', () => {
    expectTable(HEART_RATE_POINTS, '180:4 179:3 140:3 139:2 110:2 109:0 70:0 69:2 55:2 54:3 40:3 39:4');
  });
  it('respiratory rate', () => {
    expectTable(RESPIRATORY_RATE_POINTS, '50:4 49:3 35:3 34:1 25:1 24:0 12:0 11:1 10:1 9:2 6:2 5:4');
  });
  it('A–a gradient, mm Hg', () => {
    expectTable(AA_GRADIENT_POINTS, '500:4 499:3 350:3 349:2 200:2 199:0 0:0');
  });
  it('PaO₂, mm Hg ("> 70" is strict: 70 scores 1; 60.5 falls in 55–60)', () => {
    expectTable(PAO2_POINTS, '71:0 70.1:0 70:1 61:1 60.5:3 60:3 55:3 54:4');
  });
  it('arterial pH', () => {
    expectTable(
      PH_POINTS,
      '7.7:4 7.69:3 7.6:3 7.59:1 7.5:1 7.49:0 7.33:0 7.32:2 7.25:2 7.24:3 7.15:3 7.14:4',
    );
  });
  it('sodium, mmol/L', () => {
    expectTable(
      SODIUM_POINTS,
      '180:4 179:3 160:3 159:2 155:2 154:1 150:1 149:0 130:0 129:2 120:2 119:3 111:3 110:4',
    );
  });
  it('potassium, mmol/L (5.45 falls in 3.5–5.4)', () => {
    expectTable(POTASSIUM_POINTS, '7:4 6.9:3 6:3 5.9:1 5.5:1 5.45:0 5.4:0 3.5:0 3.4:1 3:1 2.9:2 2.5:2 2.4:4');
  });
  it('creatinine, mg/dL (before doubling)', () => {
    expectTable(CREATININE_POINTS, '3.5:4 3.4:3 2:3 1.9:2 1.5:2 1.45:0 1.4:0 0.6:0 0.5:2');
  });
  it('haematocrit, %', () => {
    expectTable(HEMATOCRIT_POINTS, '60:4 59.9:2 50:2 49.9:1 46:1 45.9:0 30:0 29.9:2 20:2 19.9:4');
  });
  it('white cells, ×10⁹/L', () => {
    expectTable(WHITE_CELL_POINTS, '40:4 39.9:2 20:2 19.9:1 15:1 14.9:0 3:0 2.9:2 1:2 0.9:4');
  });
  it('age, years', () => {
    expectTable(AGE_POINTS, '44:0 44.9:0 45:2 54:2 55:3 64:3 65:5 74:5 75:6 99:6');
  });
});
