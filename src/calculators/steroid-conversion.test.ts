import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './steroid-conversion.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const BENCHMARK_NAMES = [
  'Betamethasone IV',
  'Cortisone PO',
  'Dexamethasone IV',
  'Dexamethasone PO',
  'Hydrocortisone IV',
  'Hydrocortisone PO',
  'MethylPrednisoLONE IV',
  'MethylPrednisoLONE PO',
  'PrednisoLONE PO',
  'PredniSONE PO',
  'Triamcinolone IV',
];

const convert = (drug: string, dose: number, target: string) =>
  valueOf(runEntities(calculator, { 'input steroid': [drug, dose, 'mg'], 'target steroid': target }));

describe('Steroid conversion', () => {
  it('prednisone 10 mg → methylprednisolone: 10 / 5 × 4 = 8 mg', () => {
    expect(convert('PredniSONE PO', 10, 'MethylPrednisoLONE PO')).toBeCloseTo(8, 10);
  });

  it('methylprednisolone IV 40 mg → dexamethasone PO: 40 / 4 × 0.75 = 7.5 mg', () => {
    expect(convert('MethylPrednisoLONE IV', 40, 'Dexamethasone PO')).toBeCloseTo(7.5, 10);
  });

  it('hydrocortisone 100 mg → prednisone: 100 / 20 × 5 = 25 mg; cortisone 260.997 → betamethasone: × 0.75 / 25 = 7.8299', () => {
    expect(convert('Hydrocortisone IV', 100, 'PredniSONE PO')).toBeCloseTo(25, 10);
    expect(convert('Cortisone PO', 260.997, 'Betamethasone IV')).toBeCloseTo(7.82991, 5);
  });

  it('benchmark entity: dexamethasone PO 7.96 mg → prednisolone PO: 7.96 / 0.75 × 5 = 53.0667 mg', () => {
    const result = runEntities(calculator, {
      'input steroid': ['Dexamethasone PO', 7.96, 'mg'],
      'target steroid': 'PrednisoLONE PO',
    });
    expect(valueOf(result)).toBeCloseTo(53.0667, 4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('IV and PO forms of one drug are equivalent (dexamethasone IV 6.86 → PO 6.86)', () => {
    expect(convert('Dexamethasone IV', 6.86, 'Dexamethasone PO')).toBeCloseTo(6.86, 10);
  });

  it('understands every drug/route name the benchmark uses, on both sides', () => {
    for (const name of BENCHMARK_NAMES) {
      expect(
        expectComputed(runEntities(calculator, { 'input steroid': [name, 1, 'mg'], 'target steroid': name }))
          .warnings,
      ).toEqual([]);
    }
  });

  it('a route MDCalc does not list (prednisone IV) is an unusable input, not a guess', () => {
    const result = runEntities(calculator, {
      'input steroid': ['Prednisone IV', 10, 'mg'],
      'target steroid': 'Cortisone PO',
    });
    expect(result.status).toBe('not-computable');
    if (result.status === 'not-computable')
      expect(result.invalid[0]).toMatchObject({ input: 'inputSteroid', code: 'value-unreadable' });
  });

  it('pulse-dose boundary: methylprednisolone 1000 mg (= 1250 mg prednisone) is not warned, 1001 mg is', () => {
    const at = expectComputed(
      runEntities(calculator, {
        'input steroid': ['MethylPrednisoLONE IV', 1000, 'mg'],
        'target steroid': 'PredniSONE PO',
      }),
    );
    expect(at.warnings).toEqual([]);
    const above = expectComputed(
      runEntities(calculator, {
        'input steroid': ['MethylPrednisoLONE IV', 1001, 'mg'],
        'target steroid': 'PredniSONE PO',
      }),
    );
    expect(above.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('pulse'),
    });
  });

  it('clean input by drug name: prednisone 10 mg → dexamethasone: 10 / 5 × 0.75 = 1.5 mg', () => {
    const result = runClean(calculator, {
      inputSteroid: { drug: 'prednisone', dose: 10, unit: 'mg' },
      targetSteroid: 'dexamethasone',
    });
    expect(valueOf(result)).toBeCloseTo(1.5, 10);
  });

  it('missing input or target is not computable', () => {
    expectNotComputable(runEntities(calculator, { 'target steroid': 'PredniSONE PO' }), ['inputSteroid']);
    expectNotComputable(runEntities(calculator, { 'input steroid': ['PredniSONE PO', 10, 'mg'] }), [
      'targetSteroid',
    ]);
  });

  it('a dose in g or µg gives the same result as in mg (unit invariance)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BENCHMARK_NAMES),
        fc.constantFrom(...BENCHMARK_NAMES),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        (from, to, dose) => {
          const inMilligrams = convert(from, dose, to);
          const inGrams = valueOf(
            runEntities(calculator, { 'input steroid': [from, dose / 1000, 'g'], 'target steroid': to }),
          );
          const inMicrograms = valueOf(
            runEntities(calculator, { 'input steroid': [from, dose * 1000, 'µg'], 'target steroid': to }),
          );
          expect(inGrams).toBeCloseTo(inMilligrams, 6);
          expect(inMicrograms).toBeCloseTo(inMilligrams, 6);
        },
      ),
    );
  });

  it('is proportional to the dose and converting there and back returns the dose', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BENCHMARK_NAMES),
        fc.constantFrom(...BENCHMARK_NAMES),
        fc.double({ min: 0.1, max: 500, noNaN: true }),
        (from, to, dose) => {
          const once = convert(from, dose, to);
          expect(convert(from, dose * 2, to)).toBeCloseTo(once * 2, 6);
          expect(convert(to, once, from)).toBeCloseTo(dose, 6);
        },
      ),
    );
  });
});
