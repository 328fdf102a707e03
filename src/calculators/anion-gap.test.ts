import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './anion-gap.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Anion gap', () => {
  it('Na 140, Cl 104, HCO₃ 24: 140 − 128 = 12 mEq/L', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 24 }))).toBe(12);
  });

  it('Na 140, Cl 104, HCO₃ 16: 140 − 120 = 20 mEq/L', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }))).toBe(20);
  });

  it('entities in mEq/L and mmol/L: Na 135, Cl 100, HCO₃ 10 -> 135 − 110 = 25 mEq/L', () => {
    const result = runEntities(calculator, {
      Sodium: [135, 'mEq/L'],
      Chloride: [100, 'mmol/L'],
      Bicarbonate: [10, 'mEq/L'],
    });
    expect(valueOf(result)).toBeCloseTo(25, 12);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('zero gap is not warned; a negative gap is computed and warned: 130 − (110 + 25) = −5', () => {
    expect(
      expectComputed(runClean(calculator, { sodium: 135, chloride: 110, bicarbonate: 25 })).warnings,
    ).toEqual([]);
    const negative = expectComputed(runClean(calculator, { sodium: 130, chloride: 110, bicarbonate: 25 }));
    expect(valueOf(negative)).toBe(-5);
    expect(negative.warnings).toContainEqual({
      code: 'implausible-result',
      text: expect.stringContaining('negative anion gap'),
    });
  });

  it('sodium "in mg/dL" is converted literally and warned, not fixed: 137 mg/dL = 59.59 mmol/L; 59.59 − 120 = −60.41', () => {
    const result = expectComputed(
      runEntities(calculator, {
        Sodium: [137, 'mg/dL'],
        Chloride: [100, 'mEq/L'],
        Bicarbonate: [20, 'mEq/L'],
      }),
    );
    expect(valueOf(result)).toBeCloseTo(-60.4089, 3);
    expect(result.warnings).toContainEqual({
      code: 'unit-not-how-measured',
      text: expect.stringContaining('probably wrong'),
    });
  });

  it('missing electrolytes are not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 140, chloride: 100 }), ['bicarbonate']);
    expectNotComputable(runClean(calculator, { bicarbonate: 20 }), ['sodium', 'chloride']);
  });

  it('properties: mEq/L = mmol/L, unchanged when Na and Cl rise together, rises with Na, falls with Cl and HCO₃', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 110, max: 170 }),
          chloride: fc.integer({ min: 70, max: 130 }),
          bicarbonate: fc.integer({ min: 2, max: 45 }),
          shift: fc.integer({ min: 1, max: 20 }),
        }),
        ({ sodium, chloride, bicarbonate, shift }) => {
          const base = valueOf(runClean(calculator, { sodium, chloride, bicarbonate }));
          const milliequivalents = valueOf(
            runClean(calculator, {
              sodium: [sodium, 'mEq/L'],
              chloride: [chloride, 'meq/l'],
              bicarbonate: [bicarbonate, 'mEq/L'],
            }),
          );
          expect(milliequivalents).toBeCloseTo(base, 9);
          expect(
            valueOf(
              runClean(calculator, { sodium: sodium + shift, chloride: chloride + shift, bicarbonate }),
            ),
          ).toBeCloseTo(base, 9);
          expect(valueOf(runClean(calculator, { sodium: sodium + shift, chloride, bicarbonate }))).toBe(
            base + shift,
          );
          expect(valueOf(runClean(calculator, { sodium, chloride: chloride + shift, bicarbonate }))).toBe(
            base - shift,
          );
          expect(valueOf(runClean(calculator, { sodium, chloride, bicarbonate: bicarbonate + shift }))).toBe(
            base - shift,
          );
        },
      ),
    );
  });
});
