import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './body-surface-area.js';
import { expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const KG_PER_POUND = 0.45359237;

describe('Body surface area', () => {
  it('Mosteller 180 cm, 80 kg: √(14400 / 3600) = √4 = 2.0 m²', () => {
    expect(valueOf(runClean(calculator, { height: 180, weight: 80 }))).toBeCloseTo(2, 12);
  });

  it('Mosteller 150 cm, 24 kg: √(3600 / 3600) = 1.0 m²', () => {
    expect(valueOf(runClean(calculator, { height: 150, weight: 24 }))).toBeCloseTo(1, 12);
  });

  it('Mosteller from entities, 170 cm 60 kg: √(10200 / 3600) = √2.8333 = 1.6833 m²', () => {
    const result = runEntities(calculator, { height: [170, 'cm'], weight: [60, 'kg'] });
    expect(valueOf(result)).toBeCloseTo(1.68325, 5);
  });

  it('Du Bois option, 180 cm 80 kg: 0.007184 × 43.1591 × 6.43892 = 1.9964 m²', () => {
    const result = runClean(calculator, { height: 180, weight: 80 }, { formula: 'du-bois' });
    expect(valueOf(result)).toBeCloseTo(1.99642, 4);
  });

  it('missing inputs are not computable; negative values are refused', () => {
    expectNotComputable(runClean(calculator, { height: 170 }), ['weight']);
    expectNotComputable(runClean(calculator, {}), ['weight', 'height']);
    expectNotComputable(runClean(calculator, { height: 170, weight: -5 }), []);
  });

  it('properties: unit invariance, monotone in both inputs, Mosteller scales as √(h × w), Du Bois within 7% for adults (worst ≈6.7% at 200 cm, 45 kg)', () => {
    fc.assert(
      fc.property(
        fc.record({
          weight: fc.double({ min: 45, max: 110, noNaN: true }),
          height: fc.double({ min: 150, max: 200, noNaN: true }),
          extra: fc.double({ min: 0.1, max: 20, noNaN: true }),
        }),
        ({ weight, height, extra }) => {
          const base = valueOf(runClean(calculator, { weight, height }));
          const imperial = valueOf(
            runClean(calculator, { weight: [weight / KG_PER_POUND, 'lbs'], height: [height / 2.54, 'in'] }),
          );
          expect(imperial).toBeCloseTo(base, 9);
          expect(valueOf(runClean(calculator, { weight: weight + extra, height }))).toBeGreaterThan(base);
          expect(valueOf(runClean(calculator, { weight, height: height + extra }))).toBeGreaterThan(base);
          expect(valueOf(runClean(calculator, { weight: 4 * weight, height }))).toBeCloseTo(2 * base, 9);
          const duBois = valueOf(runClean(calculator, { weight, height }, { formula: 'du-bois' }));
          expect(Math.abs(duBois - base) / base).toBeLessThan(0.07);
        },
      ),
    );
  });
});
