import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator as correctedGap } from './albumin-corrected-anion-gap.js';
import { calculator } from './albumin-corrected-delta-gap.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Albumin-corrected delta gap', () => {
  it('Na 140, Cl 104, HCO₃ 16, albumin 2: 20 + 5 = 25; 25 − 12 = 13 mEq/L', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16, albumin: 2 }))).toBe(
      13,
    );
  });

  it('Na 135, Cl 100, HCO₃ 20, albumin 2.5: 15 + 3.75 = 18.75; 18.75 − 12 = 6.75', () => {
    expect(
      valueOf(runClean(calculator, { sodium: 135, chloride: 100, bicarbonate: 20, albumin: 2.5 })),
    ).toBeCloseTo(6.75, 12);
  });

  it('normal boundary: Na 140, Cl 104, HCO₃ 24, albumin 4: 12 + 0 − 12 = 0', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 24, albumin: 4 }))).toBe(
      0,
    );
  });

  it('entities with albumin in g/L: 30 g/L = 3 g/dL; Na 138, Cl 102, HCO₃ 18: 18 + 2.5 = 20.5; − 12 = 8.5', () => {
    const result = runEntities(calculator, {
      Albumin: [30, 'g/L'],
      Sodium: [138, 'mEq/L'],
      Chloride: [102, 'mEq/L'],
      Bicarbonate: [18, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(8.5, 9);
  });

  it('sodium "in mg/dL" is converted literally and warned: 137 mg/dL = 59.59 mmol/L; 59.59 − 120 + 0 − 12 = −72.41', () => {
    const result = expectComputed(
      runEntities(calculator, {
        Albumin: [4, 'g/dL'],
        Sodium: [137, 'mg/dL'],
        Chloride: [100, 'mEq/L'],
        Bicarbonate: [20, 'mmol/L'],
      }),
    );
    expect(valueOf(result)).toBeCloseTo(-72.4089, 3);
    expect(result.warnings).toContainEqual({
      code: 'unit-not-how-measured',
      text: expect.stringContaining('probably wrong'),
    });
  });

  it('missing albumin is not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }), ['albumin']);
  });

  it('property: always 12 below the albumin-corrected anion gap; rises 2.5 per g/dL fall in albumin', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 120, max: 160 }),
          chloride: fc.integer({ min: 80, max: 120 }),
          bicarbonate: fc.integer({ min: 2, max: 40 }),
          albumin: fc.double({ min: 1.5, max: 5.5, noNaN: true }),
        }),
        (inputs) => {
          const delta = valueOf(runClean(calculator, inputs));
          expect(valueOf(runClean(correctedGap, inputs)) - delta).toBeCloseTo(12, 9);
          const lower = valueOf(runClean(calculator, { ...inputs, albumin: inputs.albumin - 1 }));
          expect(lower - delta).toBeCloseTo(2.5, 9);
        },
      ),
    );
  });
});
