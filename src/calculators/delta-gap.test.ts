import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator as anionGap } from './anion-gap.js';
import { calculator } from './delta-gap.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Delta gap', () => {
  it('Na 140, Cl 104, HCO₃ 16: AG 20; 20 − 12 = 8 mEq/L', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }))).toBe(8);
  });

  it('normal gap boundary: Na 140, Cl 104, HCO₃ 24: AG 12; 12 − 12 = 0', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 24 }))).toBe(0);
  });

  it('gap below normal gives a negative delta gap: 138 − (100 + 30) = 8; 8 − 12 = −4', () => {
    const result = expectComputed(runClean(calculator, { sodium: 138, chloride: 100, bicarbonate: 30 }));
    expect(valueOf(result)).toBe(-4);
    expect(result.warnings).toEqual([]);
  });

  it('entities: Na 132 mmol/L, Cl 95 mEq/L, HCO₃ 9 mmol/L -> AG 28; 28 − 12 = 16', () => {
    const result = runEntities(calculator, {
      Sodium: [132, 'mmol/L'],
      Chloride: [95, 'mEq/L'],
      Bicarbonate: [9, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(16, 12);
  });

  it('missing electrolytes are not computable', () => {
    expectNotComputable(runClean(calculator, { chloride: 100, bicarbonate: 20 }), ['sodium']);
  });

  it('property: always 12 below the anion gap, and rises one for one with sodium', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 110, max: 170 }),
          chloride: fc.integer({ min: 70, max: 130 }),
          bicarbonate: fc.integer({ min: 2, max: 45 }),
        }),
        (inputs) => {
          const delta = valueOf(runClean(calculator, inputs));
          expect(valueOf(runClean(anionGap, inputs)) - delta).toBe(12);
          expect(valueOf(runClean(calculator, { ...inputs, sodium: inputs.sodium + 1 }))).toBe(delta + 1);
        },
      ),
    );
  });
});
