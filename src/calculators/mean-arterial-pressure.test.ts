import { describe, expect, it } from 'vitest';
import { calculator } from './mean-arterial-pressure.js';
import { expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Mean arterial pressure', () => {
  it('120/80: (2×80 + 120)/3 = 93.33', () => {
    expect(valueOf(runClean(calculator, { systolic: 120, diastolic: 80 }))).toBeCloseTo(93.333, 3);
  });
  it('90/60 from entities with "mm hg": (120 + 90)/3 = 70', () => {
    const result = runEntities(calculator, {
      'Systolic Blood Pressure': [90, 'mm hg'],
      'Diastolic Blood Pressure': [60, 'mmhg'],
    });
    expect(valueOf(result)).toBe(70);
  });
  it('pressure in kPa converts: 16 kPa/10.667 kPa ≈ 120/80 mm Hg -> 93.3', () => {
    const result = runClean(calculator, { systolic: [16, 'kPa'], diastolic: [10.6657, 'kPa'] });
    expect(valueOf(result)).toBeCloseTo(93.33, 1);
  });
  it('missing diastolic is not computable', () => {
    expectNotComputable(runClean(calculator, { systolic: 120 }), ['diastolic']);
  });
});
