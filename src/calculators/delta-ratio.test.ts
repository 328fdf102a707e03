import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './delta-ratio.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Delta ratio', () => {
  it('Na 140, Cl 104, HCO₃ 16: AG 20, (20 − 12) / (24 − 16) = 8 / 8 = 1.0', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }))).toBe(1);
  });

  it('Na 140, Cl 100, HCO₃ 10: AG 30, 18 / 14 = 1.2857', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 100, bicarbonate: 10 }))).toBeCloseTo(
      1.285714,
      6,
    );
  });

  it('Na 140, Cl 110, HCO₃ 14: AG 16, 4 / 10 = 0.4 (mixed-disorder threshold)', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 110, bicarbonate: 14 }))).toBeCloseTo(
      0.4,
      12,
    );
  });

  it('entities: Na 138 mEq/L, Cl 98 mmol/L, HCO₃ 12 mmol/L: AG 28, 16 / 12 = 1.3333', () => {
    const result = runEntities(calculator, {
      Sodium: [138, 'mEq/L'],
      Chloride: [98, 'mmol/L'],
      Bicarbonate: [12, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(1.333333, 6);
  });

  it('HCO₃ 24 is not computable (24 − 24 = 0, division by zero)', () => {
    const result = runClean(calculator, { sodium: 140, chloride: 100, bicarbonate: 24 });
    expectNotComputable(result, []);
    if (result.status === 'not-computable') expect(result.reason).toContain('division by zero');
  });

  it('HCO₃ 23 (just below 24) computes without warning: Na 140, Cl 105: AG 12, 0 / 1 = 0', () => {
    const result = expectComputed(runClean(calculator, { sodium: 140, chloride: 105, bicarbonate: 23 }));
    expect(valueOf(result)).toBe(0);
    expect(result.warnings).toEqual([]);
  });

  it('HCO₃ 26 (above 24) computes and warns: Na 140, Cl 100: AG 14, 2 / −2 = −1', () => {
    const result = expectComputed(runClean(calculator, { sodium: 140, chloride: 100, bicarbonate: 26 }));
    expect(valueOf(result)).toBe(-1);
    expect(result.warnings).toContainEqual({
      code: 'formula-does-not-apply',
      text: expect.stringContaining('above 24'),
    });
  });

  it('missing electrolytes are not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 140 }), ['chloride', 'bicarbonate']);
  });

  it('properties: unchanged when Na and Cl rise together; with HCO₃ below 24, rises with Na', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 110, max: 170 }),
          chloride: fc.integer({ min: 70, max: 130 }),
          bicarbonate: fc.integer({ min: 2, max: 23 }),
          shift: fc.integer({ min: 1, max: 20 }),
        }),
        ({ sodium, chloride, bicarbonate, shift }) => {
          const base = valueOf(runClean(calculator, { sodium, chloride, bicarbonate }));
          expect(
            valueOf(
              runClean(calculator, { sodium: sodium + shift, chloride: chloride + shift, bicarbonate }),
            ),
          ).toBeCloseTo(base, 9);
          const higher = valueOf(runClean(calculator, { sodium: sodium + shift, chloride, bicarbonate }));
          expect(higher - base).toBeCloseTo(shift / (24 - bicarbonate), 9);
        },
      ),
    );
  });
});
