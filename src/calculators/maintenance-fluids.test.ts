import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './maintenance-fluids.js';
import { expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const KG_PER_POUND = 0.45359237;

describe('Maintenance fluids (Holliday–Segar)', () => {
  it('8 kg: 4 × 8 = 32 mL/h', () => {
    expect(valueOf(runClean(calculator, { weight: 8 }))).toBeCloseTo(32, 12);
  });

  it('15 kg: 40 + 2 × 5 = 50 mL/h', () => {
    expect(valueOf(runClean(calculator, { weight: 15 }))).toBeCloseTo(50, 12);
  });

  it('25 kg: 60 + 1 × 5 = 65 mL/h; 70 kg: 60 + 50 = 110 mL/h', () => {
    expect(valueOf(runClean(calculator, { weight: 25 }))).toBeCloseTo(65, 12);
    expect(valueOf(runClean(calculator, { weight: 70 }))).toBeCloseTo(110, 12);
  });

  it('band boundaries: 10 kg = 40, just over 10 kg ≈ 40, 20 kg = 60, just over 20 kg ≈ 60', () => {
    expect(valueOf(runClean(calculator, { weight: 10 }))).toBeCloseTo(40, 12);
    expect(valueOf(runClean(calculator, { weight: 10.001 }))).toBeCloseTo(40.002, 9);
    expect(valueOf(runClean(calculator, { weight: 20 }))).toBeCloseTo(60, 12);
    expect(valueOf(runClean(calculator, { weight: 20.001 }))).toBeCloseTo(60.001, 9);
  });

  it('entities in grams and pounds: 3000 g = 3 kg -> 12 mL/h; 154.32 lb = 70 kg -> 110 mL/h', () => {
    expect(valueOf(runEntities(calculator, { weight: [3000, 'g'] }))).toBeCloseTo(12, 12);
    expect(valueOf(runEntities(calculator, { weight: [70 / KG_PER_POUND, 'lbs'] }))).toBeCloseTo(110, 9);
  });

  it('daily 100-50-20 option: 8 kg 800/24 = 33.333; 15 kg 1250/24 = 52.083; 70 kg 2500/24 = 104.167 mL/h', () => {
    const daily = { rule: 'daily-100-50-20' };
    expect(valueOf(runClean(calculator, { weight: 8 }, daily))).toBeCloseTo(33.3333, 4);
    expect(valueOf(runClean(calculator, { weight: 15 }, daily))).toBeCloseTo(52.0833, 4);
    expect(valueOf(runClean(calculator, { weight: 70 }, daily))).toBeCloseTo(104.1667, 4);
    expect(valueOf(runClean(calculator, { weight: 35 }, daily))).toBeCloseTo(75, 9);
    expect(valueOf(runClean(calculator, { weight: 35 }))).toBeCloseTo(75, 9);
  });

  it('missing weight is not computable', () => {
    expectNotComputable(runClean(calculator, {}), ['weight']);
  });

  it('properties: kg/lb invariance, non-decreasing and continuous in weight, slope 4/2/1 by band', () => {
    fc.assert(
      fc.property(
        fc.record({
          weight: fc.double({ min: 0.5, max: 200, noNaN: true }),
          extra: fc.double({ min: 0.001, max: 30, noNaN: true }),
        }),
        ({ weight, extra }) => {
          const base = valueOf(runClean(calculator, { weight }));
          expect(valueOf(runClean(calculator, { weight: [weight / KG_PER_POUND, 'lb'] }))).toBeCloseTo(
            base,
            9,
          );
          const heavier = valueOf(runClean(calculator, { weight: weight + extra }));
          expect(heavier).toBeGreaterThan(base);
          expect(heavier - base).toBeLessThanOrEqual(4 * extra + 1e-9);
          expect(heavier - base).toBeGreaterThanOrEqual(extra - 1e-9);
        },
      ),
    );
  });
});
