import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './fib-4.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

interface Patient {
  age: number;
  ast: number;
  alt: number;
  platelets: number;
}

const patient = ({ age, ast, alt, platelets }: Patient) => ({
  age: [age, 'years'],
  aspartateAminotransferase: [ast, 'U/L'],
  alanineAminotransferase: [alt, 'U/L'],
  plateletCount: [platelets, '10^9/L'],
});

describe('FIB-4', () => {
  it('50 y, AST 40, ALT 16, platelets 200: 50 × 40 / (200 × 4) = 2.5', () => {
    expect(valueOf(runClean(calculator, patient({ age: 50, ast: 40, alt: 16, platelets: 200 })))).toBeCloseTo(
      2.5,
      10,
    );
  });

  it('60 y, AST 30, ALT 25, platelets 300: 1800 / (300 × 5) = 1.2', () => {
    expect(valueOf(runClean(calculator, patient({ age: 60, ast: 30, alt: 25, platelets: 300 })))).toBeCloseTo(
      1.2,
      10,
    );
  });

  it('45 y, AST 100, ALT 100, platelets 100: 4500 / (100 × 10) = 4.5', () => {
    expect(
      valueOf(runClean(calculator, patient({ age: 45, ast: 100, alt: 100, platelets: 100 }))),
    ).toBeCloseTo(4.5, 10);
  });

  it('benchmark entities with platelets per µL: 47 × 213 / (149 × √309 = 2619.19) = 3.8222', () => {
    const result = runEntities(calculator, {
      age: [47, 'years'],
      'Alanine aminotransferase': [309.0, 'U/L'],
      'Aspartate aminotransferase': [213.0, 'U/L'],
      'Platelet count': [149000.0, 'µL'],
    });
    expect(valueOf(result)).toBeCloseTo(3.8222, 4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('platelets per litre that are implausibly low are used as given, with a warning (1.19e8/L = 0.119 ×10⁹/L)', () => {
    const result = runEntities(calculator, {
      age: [62, 'years'],
      'Aspartate aminotransferase': [2452.0, 'U/L'],
      'Alanine aminotransferase': [1161.0, 'U/L'],
      'Platelet count': [119000000.0, 'L'],
    });
    // 62 × 2452 / (0.119 × √1161 = 4.0547) = 37492.9
    expect(valueOf(result)).toBeCloseTo(37492.9, 1);
    expect(expectComputed(result).warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
  });

  it('age boundaries: 35 and 65 are inside the validated range, 34 and 66 are warned', () => {
    const warned = (age: number) =>
      expectComputed(runClean(calculator, patient({ age: age, ast: 40, alt: 16, platelets: 200 }))).warnings
        .length > 0;
    expect(warned(35)).toBe(false);
    expect(warned(65)).toBe(false);
    expect(warned(34)).toBe(true);
    expect(warned(66)).toBe(true);
  });

  it('missing inputs and a zero ALT are not computable', () => {
    expectNotComputable(runEntities(calculator, { age: [50, 'years'] }), [
      'aspartateAminotransferase',
      'alanineAminotransferase',
      'plateletCount',
    ]);
    expectNotComputable(runClean(calculator, patient({ age: 50, ast: 40, alt: 0, platelets: 200 })), []);
  });

  it('platelets per µL, per litre and ×10⁹/L give the same index (unit invariance)', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 18, max: 90 }),
          ast: fc.integer({ min: 5, max: 2000 }),
          alt: fc.integer({ min: 5, max: 2000 }),
          platelets: fc.integer({ min: 10, max: 900 }),
        }),
        ({ age, ast, alt, platelets }) => {
          const base = valueOf(
            runClean(calculator, patient({ age: age, ast: ast, alt: alt, platelets: platelets })),
          );
          const perMicrolitre = valueOf(
            runClean(calculator, {
              ...patient({ age: age, ast: ast, alt: alt, platelets: platelets }),
              plateletCount: [platelets * 1000, 'µL'],
            }),
          );
          const perLitre = valueOf(
            runClean(calculator, {
              ...patient({ age: age, ast: ast, alt: alt, platelets: platelets }),
              plateletCount: [platelets * 1e9, 'L'],
            }),
          );
          expect(perMicrolitre).toBeCloseTo(base, 8);
          expect(perLitre).toBeCloseTo(base, 8);
        },
      ),
    );
  });

  it('rises with age and AST, falls with ALT and platelets', () => {
    fc.assert(
      fc.property(
        fc.record({
          age: fc.integer({ min: 18, max: 90 }),
          ast: fc.integer({ min: 5, max: 2000 }),
          alt: fc.integer({ min: 5, max: 2000 }),
          platelets: fc.integer({ min: 10, max: 900 }),
        }),
        ({ age, ast, alt, platelets }) => {
          const base = valueOf(
            runClean(calculator, patient({ age: age, ast: ast, alt: alt, platelets: platelets })),
          );
          expect(
            valueOf(
              runClean(calculator, patient({ age: age + 1, ast: ast, alt: alt, platelets: platelets })),
            ),
          ).toBeGreaterThan(base);
          expect(
            valueOf(
              runClean(calculator, patient({ age: age, ast: ast + 1, alt: alt, platelets: platelets })),
            ),
          ).toBeGreaterThan(base);
          expect(
            valueOf(
              runClean(calculator, patient({ age: age, ast: ast, alt: alt + 1, platelets: platelets })),
            ),
          ).toBeLessThan(base);
          expect(
            valueOf(
              runClean(calculator, patient({ age: age, ast: ast, alt: alt, platelets: platelets + 1 })),
            ),
          ).toBeLessThan(base);
        },
      ),
    );
  });
});
