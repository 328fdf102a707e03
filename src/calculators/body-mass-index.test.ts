import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './body-mass-index.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const KG_PER_POUND = 0.45359237;

describe('Body mass index', () => {
  it('70 kg, 175 cm: 70 / 1.75² = 70 / 3.0625 = 22.857 kg/m²', () => {
    expect(valueOf(runClean(calculator, { weight: 70, height: 175 }))).toBeCloseTo(22.857142857, 8);
  });

  it('50 kg, 150 cm: 50 / 2.25 = 22.222 kg/m²', () => {
    expect(valueOf(runClean(calculator, { weight: 50, height: 150 }))).toBeCloseTo(22.2222222, 6);
  });

  it('entities with height in metres: 100 kg, 1.6 m -> 100 / 2.56 = 39.0625 kg/m²', () => {
    const result = runEntities(calculator, { weight: [100, 'kg'], height: [1.6, 'm'] });
    expect(valueOf(result)).toBeCloseTo(39.0625, 9);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('entities in pounds and inches: 154.3236 lb (70 kg), 68.8976 in (175 cm) -> 22.857', () => {
    const result = runEntities(calculator, {
      weight: [70 / KG_PER_POUND, 'lbs'],
      height: [175 / 2.54, 'in'],
    });
    expect(valueOf(result)).toBeCloseTo(22.857142857, 8);
  });

  it('plausibility boundary: 100 kg at 100 cm = 100 kg/m² is not warned, 101 kg at 100 cm = 101 is', () => {
    expect(expectComputed(runClean(calculator, { weight: 100, height: 100 })).warnings).toEqual([]);
    const high = expectComputed(runClean(calculator, { weight: 101, height: 100 }));
    expect(valueOf(high)).toBeCloseTo(101, 9);
    expect(high.warnings).toContainEqual({
      code: 'implausible-result',
      text: expect.stringContaining('implausible body-mass-index'),
    });
  });

  it('missing inputs and a zero height are not computable', () => {
    expectNotComputable(runClean(calculator, { weight: 70 }), ['height']);
    expectNotComputable(runClean(calculator, { height: 170 }), ['weight']);
    expectNotComputable(runClean(calculator, { weight: 70, height: 0 }), []);
  });

  it('properties: unit invariance (lb/in vs kg/cm), rises with weight, falls with height', () => {
    fc.assert(
      fc.property(
        fc.record({
          weight: fc.double({ min: 2, max: 300, noNaN: true }),
          height: fc.double({ min: 50, max: 220, noNaN: true }),
          extra: fc.double({ min: 0.1, max: 20, noNaN: true }),
        }),
        ({ weight, height, extra }) => {
          const base = valueOf(runClean(calculator, { weight, height }));
          const imperial = valueOf(
            runClean(calculator, { weight: [weight / KG_PER_POUND, 'lb'], height: [height / 2.54, 'in'] }),
          );
          expect(imperial).toBeCloseTo(base, 8);
          expect(valueOf(runClean(calculator, { weight: weight + extra, height }))).toBeGreaterThan(base);
          expect(valueOf(runClean(calculator, { weight, height: height + extra }))).toBeLessThan(base);
        },
      ),
    );
  });
});
