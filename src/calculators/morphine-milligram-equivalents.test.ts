import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './morphine-milligram-equivalents.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const ORAL = [
  'codeine',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
];

const regimen = (drug: string, dose: number, perDay: number) => ({
  [`${drug}Dose`]: [dose, 'mg'],
  [`${drug}DosesPerDay`]: [perDay, 'per day'],
});

describe('Morphine milligram equivalents', () => {
  it('benchmark row: tapentadol 50×1×0.4 = 20, tramadol 50×1×0.2 = 10, buccal fentanyl 20 µg×2×0.13 = 5.2 → 35.2', () => {
    const result = runEntities(calculator, {
      'Tapentadol Dose': [50, 'mg'],
      'Tapentadol Dose Per Day': [1, 'per day'],
      'TraMADol Dose': [50, 'mg'],
      'TraMADol Dose Per Day': [1, 'per day'],
      'FentaNYL buccal Dose': [20, 'µg'],
      'FentaNYL buccal Dose Per Day': [2, 'per day'],
    });
    expect(valueOf(result)).toBeCloseTo(35.2, 9);
    const warnings = expectComputed(result).warnings;
    expect(warnings.some(({ code }) => code === 'unknown-entity-ignored')).toBe(false);
    expect(warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('100–1200 µg'),
    });
  });

  it('morphine 30 mg × 2 × 1 = 60 plus oxycodone 10 mg × 3 × 1.5 = 45 → 105', () => {
    expect(
      valueOf(runClean(calculator, { ...regimen('morphine', 30, 2), ...regimen('oxycodone', 10, 3) })),
    ).toBeCloseTo(105, 9);
  });

  it('hydromorphone 4 mg × 4: × 5 = 80 (cdc-2022), × 4 = 64 (cdc-2016); tramadol 50 mg × 4: × 0.2 = 40, × 0.1 = 20', () => {
    expect(valueOf(runClean(calculator, regimen('hydromorphone', 4, 4)))).toBeCloseTo(80, 9);
    expect(
      valueOf(runClean(calculator, regimen('hydromorphone', 4, 4), { factors: 'cdc-2016' })),
    ).toBeCloseTo(64, 9);
    expect(valueOf(runClean(calculator, regimen('tramadol', 50, 4)))).toBeCloseTo(40, 9);
    expect(valueOf(runClean(calculator, regimen('tramadol', 50, 4), { factors: 'cdc-2016' }))).toBeCloseTo(
      20,
      9,
    );
  });

  it('methadone: 20 mg/day × 4.7 = 94 (cdc-2022); cdc-2016 tiers 20→×4, 21→×8, 40→×8, 41→×10, 60→×10, 61→×12', () => {
    expect(valueOf(runClean(calculator, regimen('methadone', 10, 2)))).toBeCloseTo(94, 9);
    const tiered = (daily: number) =>
      valueOf(runClean(calculator, regimen('methadone', daily, 1), { factors: 'cdc-2016' }));
    expect(tiered(20)).toBeCloseTo(80, 9);
    expect(tiered(21)).toBeCloseTo(168, 9);
    expect(tiered(40)).toBeCloseTo(320, 9);
    expect(tiered(41)).toBeCloseTo(410, 9);
    expect(tiered(60)).toBeCloseTo(600, 9);
    expect(tiered(61)).toBeCloseTo(732, 9);
  });

  it('cdc-2016 methadone beyond 80 mg/day uses 12 with a warning (45 mg × 2 = 90 → 1080)', () => {
    const at80 = expectComputed(runClean(calculator, regimen('methadone', 40, 2), { factors: 'cdc-2016' }));
    expect(at80.value).toEqual({ kind: 'number', value: 960 });
    expect(at80.warnings).toEqual([]);
    const result = expectComputed(runClean(calculator, regimen('methadone', 45, 2), { factors: 'cdc-2016' }));
    expect(result.value).toEqual({ kind: 'number', value: 1080 });
    expect(result.warnings).toContainEqual({
      code: 'formula-does-not-apply',
      text: expect.stringContaining('80 mg/day'),
    });
  });

  it('fentanyl patch written in "mg" (the benchmark) is read as µg/h with a warning: 50 × 1 × 2.4 = 120', () => {
    const result = expectComputed(
      runEntities(calculator, {
        'FentANYL patch Dose': [50, 'mg'],
        'FentANYL patch Dose Per Day': [1, 'per day'],
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 120 });
    expect(result.warnings).toContainEqual({
      code: 'input-read-one-way',
      text: expect.stringContaining('read as 50 µg/h'),
    });
  });

  it('a clean {value, unit} patch in "mg" is read as µg/h like the [value, unit] form: 25 × 1 × 2.4 = 60', () => {
    const result = expectComputed(
      runClean(calculator, {
        fentanylPatchDose: { value: 25, unit: 'mg' },
        fentanylPatchDosesPerDay: [1, 'per day'],
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 60 });
    expect(result.warnings).toContainEqual({
      code: 'input-read-one-way',
      text: expect.stringContaining('read as 25 µg/h'),
    });
  });

  it('fentanyl patch in µg/h needs no warning: 25 mcg/hr × 2.4 = 60; two patches a day are flagged', () => {
    const single = expectComputed(
      runClean(calculator, { fentanylPatchDose: [25, 'mcg/hr'], fentanylPatchDosesPerDay: [1, 'per day'] }),
    );
    expect(single.value).toEqual({ kind: 'number', value: 60 });
    expect(single.warnings).toEqual([]);
    const double = expectComputed(
      runEntities(calculator, {
        'FentaNYL patch Dose': [25, 'µg/h'],
        'FentaNYL patch Dose Per Day': [2, 'per day'],
      }),
    );
    expect(double.value).toEqual({ kind: 'number', value: 120 });
    expect(double.warnings).toContainEqual({
      code: 'input-read-one-way',
      text: expect.stringContaining('patches worn at once'),
    });
  });

  it('buccal fentanyl boundaries: 100 µg and 1200 µg are not warned, 1300 µg (1.3 mg) is', () => {
    const warned = (dose: unknown[]) =>
      expectComputed(
        runClean(calculator, { fentanylBuccalDose: dose, fentanylBuccalDosesPerDay: [1, 'per day'] }),
      ).warnings.length > 0;
    expect(warned([100, 'µg'])).toBe(false);
    expect(warned([1200, 'mcg'])).toBe(false);
    expect(warned([1.3, 'mg'])).toBe(true);
  });

  it('a dose without its doses per day (or no opioid at all) is not computable', () => {
    expectNotComputable(runEntities(calculator, { 'Morphine Dose': [10, 'mg'] }), ['morphineDosesPerDay']);
    expectNotComputable(runEntities(calculator, { 'Codeine Dose Per Day': [2, 'per day'] }), ['codeineDose']);
    expectNotComputable(runEntities(calculator, {}), []);
  });

  it('doses in g or µg give the same MME as in mg (unit invariance)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORAL),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 6 }),
        (drug, dose, perDay) => {
          const inMilligrams = valueOf(runClean(calculator, regimen(drug, dose, perDay)));
          const inGrams = valueOf(
            runClean(calculator, { ...regimen(drug, dose, perDay), [`${drug}Dose`]: [dose / 1000, 'g'] }),
          );
          const inMicrograms = valueOf(
            runClean(calculator, { ...regimen(drug, dose, perDay), [`${drug}Dose`]: [dose * 1000, 'µg'] }),
          );
          expect(inGrams).toBeCloseTo(inMilligrams, 6);
          expect(inMicrograms).toBeCloseTo(inMilligrams, 6);
        },
      ),
    );
  });

  it('is positive, rises with dose and frequency, and adding an opioid never lowers the total', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORAL),
        fc.constantFrom(...ORAL),
        fc.integer({ min: 1, max: 200 }),
        (first, second, dose) => {
          const alone = valueOf(runClean(calculator, regimen(first, dose, 1)));
          expect(alone).toBeGreaterThan(0);
          expect(valueOf(runClean(calculator, regimen(first, dose + 1, 1)))).toBeGreaterThan(alone);
          expect(valueOf(runClean(calculator, regimen(first, dose, 2)))).toBeGreaterThan(alone);
          if (second !== first) {
            expect(
              valueOf(runClean(calculator, { ...regimen(first, dose, 1), ...regimen(second, 10, 1) })),
            ).toBeGreaterThan(alone);
          }
        },
      ),
    );
  });
});
