import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator, computeIdealBodyWeight } from './ideal-body-weight.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('Ideal body weight (Devine)', () => {
  it('man 70 in (177.8 cm): 50 + 2.3 × 10 = 73 kg', () => {
    expect(valueOf(runClean(calculator, { sex: 'male', height: 177.8 }))).toBeCloseTo(73, 9);
  });

  it('woman 64 in (162.56 cm): 45.5 + 2.3 × 4 = 54.7 kg', () => {
    expect(valueOf(runClean(calculator, { sex: 'female', height: 162.56 }))).toBeCloseTo(54.7, 9);
  });

  it('woman 1.75 m from entities: 175 / 2.54 = 68.8976 in; 45.5 + 2.3 × 8.8976 = 65.9646 kg', () => {
    const result = runEntities(calculator, { sex: 'Female', height: [1.75, 'm'] });
    expect(valueOf(result)).toBeCloseTo(65.9646, 4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('height in inches and in cm give the same answer: 72 in = 182.88 cm -> 50 + 2.3 × 12 = 77.6 kg', () => {
    expect(valueOf(runEntities(calculator, { sex: 'Male', height: [72, 'in'] }))).toBeCloseTo(77.6, 9);
    expect(valueOf(runEntities(calculator, { sex: 'Male', height: [182.88, 'cm'] }))).toBeCloseTo(77.6, 9);
  });

  it('exactly 60 in (152.4 cm) is the base weight, 50 kg, with no warning', () => {
    const result = expectComputed(runClean(calculator, { sex: 'male', height: 152.4 }));
    expect(valueOf(result)).toBeCloseTo(50, 9);
    expect(result.warnings).toEqual([]);
  });

  it('59 in (149.86 cm) is extended, not clamped: 50 − 2.3 = 47.7 kg, with a short-stature warning', () => {
    const result = expectComputed(runClean(calculator, { sex: 'male', height: 149.86 }));
    expect(valueOf(result)).toBeCloseTo(47.7, 9);
    expect(result.warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('under 60 in'),
    });
  });

  it('a 60 cm infant gives a negative Devine weight (45.5 + 2.3 × (23.622 − 60) = 45.5 − 83.669 = −38.169), warned twice', () => {
    const result = expectComputed(runClean(calculator, { sex: 'female', height: 60 }));
    expect(valueOf(result)).toBeCloseTo(-38.1693, 3);
    expect(result.warnings.map(({ code }) => code)).toEqual(['outside-population', 'implausible-result']);
  });

  it('missing sex or height is not computable', () => {
    expectNotComputable(runClean(calculator, { height: 170 }), ['sex']);
    expectNotComputable(runClean(calculator, { sex: 'male' }), ['height']);
    expectNotComputable(runClean(calculator, {}), ['sex', 'height']);
  });

  it('computeIdealBodyWeight is exported for other calculators: 180 cm man = 50 + 2.3 × (70.866 − 60) = 74.99 kg', () => {
    expect(computeIdealBodyWeight('male', 180)).toBeCloseTo(74.9921, 4);
  });

  it('properties: rises 2.3 kg per inch, women are 4.5 kg below men, cm and inches agree', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 100, max: 230, noNaN: true }),
        fc.double({ min: 0.1, max: 30, noNaN: true }),
        (height, extra) => {
          const male = valueOf(runClean(calculator, { sex: 'male', height }));
          const female = valueOf(runClean(calculator, { sex: 'female', height }));
          expect(male - female).toBeCloseTo(4.5, 9);
          const taller = valueOf(runClean(calculator, { sex: 'male', height: height + extra }));
          expect(taller - male).toBeCloseTo((2.3 * extra) / 2.54, 9);
          const inInches = valueOf(runClean(calculator, { sex: 'male', height: [height / 2.54, 'in'] }));
          expect(inInches).toBeCloseTo(male, 9);
        },
      ),
    );
  });
});
