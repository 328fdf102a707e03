import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './wells-dvt.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

const POSITIVE = [
  'activeCancer',
  'bedriddenOrMajorSurgery',
  'paralysisOrCast',
  'localizedTenderness',
  'entireLegSwollen',
  'calfSwelling',
  'pittingEdema',
  'collateralVeins',
  'previousDvt',
] as const;

describe("Wells' criteria for DVT", () => {
  it('nothing mentioned: 0, with each criterion recorded as assumed absent', () => {
    const result = expectComputed(runClean(calculator, {}));
    expect(valueOf(result)).toBe(0);
    expect(result.assumptions.length).toBeGreaterThanOrEqual(9);
  });

  it('cancer 1 + tenderness 1 + calf swelling 1 − alternative diagnosis 2 = 1', () => {
    const result = runClean(calculator, {
      activeCancer: true,
      localizedTenderness: true,
      calfSwelling: true,
      alternativeDiagnosis: true,
    });
    expect(valueOf(result)).toBe(1);
  });

  it('only an alternative diagnosis: 0 − 2 = −2 (minimum)', () => {
    expect(valueOf(runClean(calculator, { alternativeDiagnosis: true }))).toBe(-2);
  });

  it('all nine positive criteria, no alternative diagnosis: 9 (maximum)', () => {
    const inputs: Record<string, unknown> = { alternativeDiagnosis: false, majorSurgery: true };
    for (const flag of POSITIVE) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(9);
  });

  it('bedridden and major surgery keys count once: both true gives 1, either alone gives 1', () => {
    expect(valueOf(runClean(calculator, { bedriddenOrMajorSurgery: true, majorSurgery: true }))).toBe(1);
    expect(valueOf(runClean(calculator, { bedriddenOrMajorSurgery: false, majorSurgery: true }))).toBe(1);
    expect(valueOf(runClean(calculator, { bedriddenOrMajorSurgery: true, majorSurgery: false }))).toBe(1);
  });

  it('reads the benchmark entities: paralysis 1 + surgery 1 + previous DVT 1 − 2 = 1, no warnings', () => {
    const result = runEntities(calculator, {
      'Active cancer': false,
      'Bedridden recently >3 days or major surgery within 12 weeks': true,
      'Major surgery within 12 weeks': true,
      'Paralysis, paresis, or recent plaster immobilization of the lower extremity': true,
      'Previously documented Deep Vein Thrombosis': true,
      'Alternative diagnosis to Deep Vein Thrombosis as likely or more likely': true,
      'Calf swelling >3 centimeters compared to the other leg': false,
      'Collateral (nonvaricose) superficial veins present': false,
      'Entire Leg Swollen': false,
      'Localized tenderness along the deep venous system': false,
      'Pitting edema, confined to symptomatic leg': false,
    });
    expect(valueOf(result)).toBe(1);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('stays within −2..9, rises with each positive criterion and falls with the alternative diagnosis', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: POSITIVE.length, maxLength: POSITIVE.length }),
        fc.boolean(),
        fc.constantFrom(...POSITIVE),
        (values, alternative, flip) => {
          const inputs: Record<string, unknown> = { alternativeDiagnosis: alternative };
          POSITIVE.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(-2);
          expect(score).toBeLessThanOrEqual(9);
          expect(Number.isInteger(score)).toBe(true);
          expect(valueOf(runClean(calculator, { ...inputs, [flip]: true }))).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, { ...inputs, alternativeDiagnosis: true })),
          ).toBeLessThanOrEqual(score);
        },
      ),
    );
  });
});
