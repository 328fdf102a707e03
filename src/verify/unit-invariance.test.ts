import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { CALCULATORS } from '../calculators/registry.js';
import type { CalculatorResult } from '../calculators/types.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import type { PythonValue } from '../dataset/python-literal.js';
import { readCsvRows } from '../dataset/read-rows.js';

/**
 * Unit invariance across all calculators: the same patient written in other units (µmol/L instead of mg/dL,
 * pounds, inches, °F, months, counts per litre) must give the same answer. The conversion factors here are
 * written independently of src/units (molar masses from the literature, exact length/mass definitions).
 */

type Rewrite = (value: number) => [number, string];

const BY_UNIT: Record<string, Rewrite> = {
  kg: (value) => [value / 0.45359237, 'lbs'],
  lbs: (value) => [value * 0.45359237, 'kg'],
  cm: (value) => [value / 2.54, 'in'],
  in: (value) => [value * 2.54, 'cm'],
  m: (value) => [value * 100, 'cm'],
  'degrees celsius': (value) => [(value * 9) / 5 + 32, 'degrees fahrenheit'],
  'degrees fahrenheit': (value) => [((value - 32) * 5) / 9, 'degrees celsius'],
  µL: (value) => [value * 1e6, 'L'],
  years: (value) => [value * 12, 'months'],
};

/** mg/dL -> mmol/L (or µmol/L) by molar mass, per analyte entity key. */
const BY_ANALYTE: { pattern: RegExp; from: string; rewrite: Rewrite }[] = [
  { pattern: /creatinine/i, from: 'mg/dL', rewrite: (value) => [(value * 10_000) / 113.12, 'µmol/L'] },
  { pattern: /^glucose$/i, from: 'mg/dL', rewrite: (value) => [(value * 10) / 180.16, 'mmol/L'] },
  { pattern: /BUN/, from: 'mg/dL', rewrite: (value) => [(value * 10) / 28.014, 'mmol/L'] },
  { pattern: /^bilirubin$/i, from: 'mg/dL', rewrite: (value) => [(value * 10_000) / 584.66, 'µmol/L'] },
  { pattern: /^calcium$/i, from: 'mg/dL', rewrite: (value) => [(value * 10) / 40.078, 'mmol/L'] },
  { pattern: /cholesterol/i, from: 'mg/dL', rewrite: (value) => [(value * 10) / 386.65, 'mmol/L'] },
  { pattern: /^triglycerides$/i, from: 'mg/dL', rewrite: (value) => [(value * 10) / 885.7, 'mmol/L'] },
  { pattern: /^albumin$/i, from: 'g/dL', rewrite: (value) => [value * 10, 'g/L'] },
  { pattern: /^hemoglobin$/i, from: 'g/dL', rewrite: (value) => [value * 10, 'g/L'] },
];

function rewriteQuantity(key: string, value: PythonValue): PythonValue | undefined {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    typeof value[0] !== 'number' ||
    typeof value[1] !== 'string'
  )
    return undefined;
  const [amount, unit] = value;
  const analyte = BY_ANALYTE.find((entry) => entry.pattern.test(key) && entry.from === unit);
  const rewrite = analyte?.rewrite ?? BY_UNIT[unit];
  return rewrite === undefined ? undefined : rewrite(amount);
}

function answerOf(result: CalculatorResult): string {
  if (result.status === 'not-computable')
    return `not computable: ${[...result.missing, ...result.invalid.map((input) => input.text)].join(',')}`;
  return result.value.kind === 'number' ? `number` : result.answer;
}

function expectSameResult(original: CalculatorResult, rewritten: CalculatorResult, context: string): void {
  expect(answerOf(rewritten), context).toBe(answerOf(original));
  if (
    original.status === 'computed' &&
    original.value.kind === 'number' &&
    rewritten.status === 'computed' &&
    rewritten.value.kind === 'number'
  ) {
    const expected = original.value.value;
    expect(Math.abs(rewritten.value.value - expected), context).toBeLessThanOrEqual(
      1e-9 * Math.max(1, Math.abs(expected)),
    );
  }
}

const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
const instances = buildDataset(table.rows, {
  source: 'test_data.csv',
  format: 'csv',
  headers: table.headers,
}).instances.filter(
  (instance): instance is Instance & { entities: Record<string, PythonValue> } =>
    instance.entities !== undefined &&
    Object.entries(instance.entities).some(([key, value]) => rewriteQuantity(key, value) !== undefined),
);

describe('unit invariance over the v1.0 test entities (all calculators)', () => {
  it('has rows with convertible quantities for most calculators', () => {
    expect(new Set(instances.map((instance) => instance.calculatorSlug)).size).toBeGreaterThan(35);
  });

  it('rewriting every convertible quantity in other units never changes a result', () => {
    for (const instance of instances) {
      const calculator = CALCULATORS[instance.calculatorSlug!];
      const rewritten = Object.fromEntries(
        Object.entries(instance.entities).map(([key, value]) => [key, rewriteQuantity(key, value) ?? value]),
      );
      expectSameResult(
        calculator.run(instance.entities, { origin: 'entities' }),
        calculator.run(rewritten, { origin: 'entities' }),
        `row ${instance.id} (${instance.calculatorSlug}): ${JSON.stringify(rewritten)}`,
      );
    }
  });

  it('rewriting any random subset of quantities never changes a result (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: instances.length - 1 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (index, mask) => {
          const instance = instances[index]!;
          const calculator = CALCULATORS[instance.calculatorSlug!];
          const rewritten = Object.fromEntries(
            Object.entries(instance.entities).map(([key, value], position) => [
              key,
              mask[position] === true ? (rewriteQuantity(key, value) ?? value) : value,
            ]),
          );
          expectSameResult(
            calculator.run(instance.entities, { origin: 'entities' }),
            calculator.run(rewritten, { origin: 'entities' }),
            `row ${instance.id} (${instance.calculatorSlug})`,
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
