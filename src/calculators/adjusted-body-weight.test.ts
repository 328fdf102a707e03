import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './adjusted-body-weight.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const KG_PER_POUND = 0.45359237;

describe('Adjusted body weight', () => {
  it('man 70 in (177.8 cm), 100 kg: IBW 50 + 2.3 × 10 = 73; 73 + 0.4 × 27 = 83.8 kg', () => {
    expect(valueOf(runClean(calculator, { sex: 'male', weight: 100, height: 177.8 }))).toBeCloseTo(83.8, 9);
  });

  it('woman 64 in (162.56 cm), 80 kg: IBW 45.5 + 2.3 × 4 = 54.7; 54.7 + 0.4 × 25.3 = 64.82 kg', () => {
    expect(valueOf(runClean(calculator, { sex: 'female', weight: 80, height: 162.56 }))).toBeCloseTo(
      64.82,
      9,
    );
  });

  it('entities, woman 165 cm 90 kg: 64.9606 in, IBW 56.9094; 56.9094 + 0.4 × 33.0906 = 70.1457 kg', () => {
    const result = runEntities(calculator, { sex: 'Female', weight: [90, 'kg'], height: [165, 'cm'] });
    expect(valueOf(result)).toBeCloseTo(70.1457, 4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('weight equal to IBW gives IBW with no warning (boundary): 73 kg man of 177.8 cm -> 73', () => {
    const result = expectComputed(runClean(calculator, { sex: 'male', weight: 73, height: 177.8 }));
    expect(valueOf(result)).toBeCloseTo(73, 9);
    expect(result.warnings).toEqual([]);
  });

  it('weight below IBW is computed as written and warned: 73 + 0.4 × (60 − 73) = 67.8 kg', () => {
    const result = expectComputed(runClean(calculator, { sex: 'male', weight: 60, height: 177.8 }));
    expect(valueOf(result)).toBeCloseTo(67.8, 9);
    expect(result.warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('below the ideal body weight'),
    });
  });

  it('missing inputs are not computable', () => {
    expectNotComputable(runClean(calculator, { sex: 'male', height: 170 }), ['weight']);
    expectNotComputable(runClean(calculator, { weight: 70 }), ['sex', 'height']);
  });

  it('properties: pounds and kg agree; slope 0.4 per kg of weight; rises with height', () => {
    fc.assert(
      fc.property(
        fc.record({
          sex: fc.constantFrom('male', 'female'),
          weight: fc.double({ min: 30, max: 250, noNaN: true }),
          height: fc.double({ min: 150, max: 210, noNaN: true }),
          extra: fc.double({ min: 0.5, max: 40, noNaN: true }),
        }),
        ({ sex, weight, height, extra }) => {
          const base = valueOf(runClean(calculator, { sex, weight, height }));
          const inPounds = valueOf(
            runClean(calculator, { sex, weight: [weight / KG_PER_POUND, 'lbs'], height }),
          );
          expect(inPounds).toBeCloseTo(base, 9);
          const heavier = valueOf(runClean(calculator, { sex, weight: weight + extra, height }));
          expect(heavier - base).toBeCloseTo(0.4 * extra, 9);
          const taller = valueOf(runClean(calculator, { sex, weight, height: height + extra }));
          expect(taller).toBeGreaterThan(base);
        },
      ),
    );
  });
});
