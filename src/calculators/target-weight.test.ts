import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator as bodyMassIndex } from './body-mass-index.js';
import { calculator } from './target-weight.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Target weight', () => {
  it('target BMI 22, 175 cm: 22 × 1.75² = 22 × 3.0625 = 67.375 kg', () => {
    expect(valueOf(runClean(calculator, { targetBmi: 22, height: 175 }))).toBeCloseTo(67.375, 9);
  });

  it('target BMI 25, 160 cm: 25 × 2.56 = 64 kg', () => {
    expect(valueOf(runClean(calculator, { targetBmi: 25, height: 160 }))).toBeCloseTo(64, 9);
  });

  it('entities with height in inches: 70 in = 1.778 m; 18.5 × 3.161284 = 58.4838 kg', () => {
    const result = runEntities(calculator, { 'Body Mass Index (BMI)': [18.5, 'kg/m^2'], height: [70, 'in'] });
    expect(valueOf(result)).toBeCloseTo(58.483754, 6);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('entities with height in metres: 1.6 m, target 20 -> 20 × 2.56 = 51.2 kg', () => {
    expect(
      valueOf(runEntities(calculator, { 'Body Mass Index (BMI)': [20, 'kg/m^2'], height: [1.6, 'm'] })),
    ).toBeCloseTo(51.2, 9);
  });

  it('missing inputs are not computable', () => {
    expectNotComputable(runClean(calculator, { height: 170 }), ['targetBmi']);
    expectNotComputable(runEntities(calculator, { 'Body Mass Index (BMI)': [22, 'kg/m^2'] }), ['height']);
  });

  it('properties: cm/in invariance, proportional to BMI, quadratic in height, and BMI of the target weight is the target', () => {
    fc.assert(
      fc.property(
        fc.record({
          targetBmi: fc.double({ min: 15, max: 40, noNaN: true }),
          height: fc.double({ min: 100, max: 220, noNaN: true }),
        }),
        ({ targetBmi, height }) => {
          const weight = valueOf(runClean(calculator, { targetBmi, height }));
          expect(valueOf(runClean(calculator, { targetBmi, height: [height / 2.54, 'in'] }))).toBeCloseTo(
            weight,
            9,
          );
          expect(valueOf(runClean(calculator, { targetBmi: 2 * targetBmi, height }))).toBeCloseTo(
            2 * weight,
            9,
          );
          expect(valueOf(runClean(calculator, { targetBmi, height: height / 2 }))).toBeCloseTo(weight / 4, 9);
          expect(valueOf(runClean(bodyMassIndex, { weight, height }))).toBeCloseTo(targetBmi, 9);
        },
      ),
    );
  });
});
