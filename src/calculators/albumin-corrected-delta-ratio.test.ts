import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './albumin-corrected-delta-ratio.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Albumin-corrected delta ratio', () => {
  it('Na 140, Cl 104, HCO₃ 16, albumin 2: corrected AG 25, (25 − 12) / (24 − 16) = 13 / 8 = 1.625', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16, albumin: 2 }))).toBe(
      1.625,
    );
  });

  it('Na 135, Cl 100, HCO₃ 20, albumin 2.5: 18.75 − 12 = 6.75; 6.75 / 4 = 1.6875', () => {
    expect(
      valueOf(runClean(calculator, { sodium: 135, chloride: 100, bicarbonate: 20, albumin: 2.5 })),
    ).toBeCloseTo(1.6875, 12);
  });

  it('albumin 4 equals the plain delta ratio: Na 140, Cl 104, HCO₃ 16: 8 / 8 = 1', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16, albumin: 4 }))).toBe(
      1,
    );
  });

  it('entities with albumin in mg/dL: 3000 mg/dL = 3 g/dL; Na 139, Cl 101, HCO₃ 14: 24 + 2.5 = 26.5; 14.5 / 10 = 1.45', () => {
    const result = runEntities(calculator, {
      Chloride: [101, 'mEq/L'],
      Albumin: [3000, 'mg/dL'],
      Bicarbonate: [14, 'mEq/L'],
      Sodium: [139, 'mmol/L'],
    });
    expect(valueOf(result)).toBeCloseTo(1.45, 9);
  });

  it('HCO₃ 24 is not computable (division by zero); 25 computes with a warning', () => {
    const zero = runClean(calculator, { sodium: 140, chloride: 100, bicarbonate: 24, albumin: 3 });
    expectNotComputable(zero, []);
    if (zero.status === 'not-computable') expect(zero.reason).toContain('division by zero');
    // Na 140, Cl 100, HCO₃ 25, albumin 4: AG 15, (15 − 12) / (24 − 25) = −3
    const above = expectComputed(
      runClean(calculator, { sodium: 140, chloride: 100, bicarbonate: 25, albumin: 4 }),
    );
    expect(valueOf(above)).toBe(-3);
    expect(above.warnings).toContainEqual({
      code: 'formula-does-not-apply',
      text: expect.stringContaining('above 24'),
    });
  });

  it('missing albumin or bicarbonate is not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }), ['albumin']);
    expectNotComputable(runClean(calculator, { sodium: 140, chloride: 104, albumin: 3 }), ['bicarbonate']);
  });

  it('properties: g/L = g/dL × 10; with HCO₃ below 24, rises as albumin falls (2.5 / (24 − HCO₃) per g/dL)', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 120, max: 160 }),
          chloride: fc.integer({ min: 80, max: 120 }),
          bicarbonate: fc.integer({ min: 2, max: 23 }),
          albumin: fc.double({ min: 1.5, max: 5.5, noNaN: true }),
        }),
        (inputs) => {
          const base = valueOf(runClean(calculator, inputs));
          const inGramsPerLitre = valueOf(
            runClean(calculator, { ...inputs, albumin: [inputs.albumin * 10, 'g/L'] }),
          );
          expect(inGramsPerLitre).toBeCloseTo(base, 9);
          const lower = valueOf(runClean(calculator, { ...inputs, albumin: inputs.albumin - 1 }));
          expect(lower - base).toBeCloseTo(2.5 / (24 - inputs.bicarbonate), 9);
        },
      ),
    );
  });
});
