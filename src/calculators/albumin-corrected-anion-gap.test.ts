import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './albumin-corrected-anion-gap.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Albumin-corrected anion gap', () => {
  it('albumin 4 g/dL needs no correction: Na 140, Cl 104, HCO₃ 16 -> 20 + 2.5 × 0 = 20', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16, albumin: 4 }))).toBe(
      20,
    );
  });

  it('albumin 2 g/dL: 20 + 2.5 × (4 − 2) = 25 mEq/L', () => {
    expect(valueOf(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16, albumin: 2 }))).toBe(
      25,
    );
  });

  it('Na 135, Cl 100, HCO₃ 20, albumin 2.5: 15 + 2.5 × 1.5 = 18.75 mEq/L', () => {
    expect(
      valueOf(runClean(calculator, { sodium: 135, chloride: 100, bicarbonate: 20, albumin: 2.5 })),
    ).toBeCloseTo(18.75, 12);
  });

  it('entities with albumin in g/L and mg/dL: 25 g/L = 2500 mg/dL = 2.5 g/dL -> 18.75', () => {
    const electrolytes = { Sodium: [135, 'mmol/L'], Chloride: [100, 'mEq/L'], Bicarbonate: [20, 'mmol/L'] };
    expect(valueOf(runEntities(calculator, { ...electrolytes, Albumin: [25, 'g/L'] }))).toBeCloseTo(18.75, 9);
    expect(valueOf(runEntities(calculator, { ...electrolytes, Albumin: [2500, 'mg/dL'] }))).toBeCloseTo(
      18.75,
      9,
    );
  });

  it('implausible albumin 17.1 g/dL is used as given and warned: 15 + 2.5 × (4 − 17.1) = −17.75', () => {
    const result = expectComputed(
      runEntities(calculator, {
        Sodium: [135, 'mmol/L'],
        Chloride: [100, 'mmol/L'],
        Bicarbonate: [20, 'mmol/L'],
        Albumin: [17.1, 'g/dL'],
      }),
    );
    expect(valueOf(result)).toBeCloseTo(-17.75, 9);
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible albumin'),
    });
  });

  it('missing albumin (no default) and missing electrolytes are not computable', () => {
    expectNotComputable(runClean(calculator, { sodium: 140, chloride: 104, bicarbonate: 16 }), ['albumin']);
    expectNotComputable(runClean(calculator, { albumin: 3 }), ['sodium', 'chloride', 'bicarbonate']);
  });

  it('properties: g/L = g/dL × 10, falls 2.5 per g/dL of albumin, equals the plain gap at albumin 4', () => {
    fc.assert(
      fc.property(
        fc.record({
          sodium: fc.integer({ min: 120, max: 160 }),
          chloride: fc.integer({ min: 80, max: 120 }),
          bicarbonate: fc.integer({ min: 2, max: 40 }),
          albumin: fc.double({ min: 1, max: 5.5, noNaN: true }),
        }),
        ({ sodium, chloride, bicarbonate, albumin }) => {
          const base = valueOf(runClean(calculator, { sodium, chloride, bicarbonate, albumin }));
          const inGramsPerLitre = valueOf(
            runClean(calculator, { sodium, chloride, bicarbonate, albumin: [albumin * 10, 'g/L'] }),
          );
          expect(inGramsPerLitre).toBeCloseTo(base, 9);
          const lower = valueOf(
            runClean(calculator, { sodium, chloride, bicarbonate, albumin: albumin - 0.5 }),
          );
          expect(lower - base).toBeCloseTo(1.25, 9);
          const normal = valueOf(runClean(calculator, { sodium, chloride, bicarbonate, albumin: 4 }));
          expect(normal).toBe(sodium - chloride - bicarbonate);
        },
      ),
    );
  });
});
