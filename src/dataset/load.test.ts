import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { AppError } from '../app-error.js';
import { loadDataset, type LoadOptions } from './load.js';
import { summariseDataset } from './summary.js';
import { FIXTURES_DIR, V1_PARQUET_ROWS, writeV1Parquet } from './test-fixtures.js';

const options: LoadOptions = {
  cwd: FIXTURES_DIR,
  hub: {
    cacheDir: join(tmpdir(), 'steward-no-cache'),
    endpoint: 'http://127.0.0.1:9',
    token: undefined,
    offline: true,
  },
};

async function expectAppError(promise: Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  expect(appError.message).toMatch(message);
  return appError;
}

describe('loadDataset', () => {
  it('loads the v1.0 test CSV: 1,047 rows, 55 calculators, the published category and output-type counts, no problems', async () => {
    const dataset = await loadDataset(requireSharedFile(V1_TEST_CSV), options);
    const summary = summariseDataset(dataset);
    expect(summary.layout).toBe('medcalc-v1.0');
    expect(summary.rows).toBe(1047);
    // The checksum published with the staged file (../shared/data/medcalc-bench-v1.0/README.md).
    expect(summary.provenance).toMatchObject({
      kind: 'file',
      bytes: 4_001_702,
      sha256: 'c2d23097f8bdb7ae4a77dbf4a5a767335df7303998d7c7664a73a29fd8e2b31a',
    });
    expect(summary.calculators).toBe(55);
    expect(Object.fromEntries(summary.byCategory.map((entry) => [entry.key, entry.count]))).toEqual({
      lab: 327,
      physical: 240,
      risk: 240,
      severity: 80,
      diagnosis: 60,
      date: 60,
      dosage: 40,
    });
    expect(Object.fromEntries(summary.byOutputType.map((entry) => [entry.key, entry.count]))).toEqual({
      decimal: 627,
      integer: 380,
      date: 40,
    });
    expect(Object.fromEntries(summary.byNoteType.map((entry) => [entry.key, entry.count]))).toEqual({
      Extracted: 827,
      Template: 220,
    });
    expect(summary.errors).toBe(0);
    // The only warnings are items that repeat an earlier row's calculator, question and note word for word.
    expect(
      summary.problems.every(
        (problem) => problem.severity === 'warning' && problem.message.includes('duplicate item'),
      ),
    ).toBe(true);
    expect(dataset.instances.every((instance) => instance.entities !== undefined)).toBe(true);
    const hashes = new Set(dataset.instances.map((instance) => instance.contentHash));
    expect(hashes.size).toBe(1047 - summary.warnings);
    for (const problem of summary.problems) {
      const duplicate = dataset.instances[problem.row - 1]!;
      const first = dataset.instances.find((instance) => instance.contentHash === duplicate.contentHash)!;
      expect([first.note, first.question, first.calculatorId]).toEqual([
        duplicate.note,
        duplicate.question,
        duplicate.calculatorId,
      ]);
      expect(first.row).toBeLessThan(duplicate.row);
    }
  });

  it('parses every Relevant Entities cell into typed values (booleans, numbers, unicode units)', async () => {
    const dataset = await loadDataset(requireSharedFile(V1_TEST_CSV), options);
    const first = dataset.instances[0];
    expect(first?.entities).toEqual({
      sex: 'Male',
      age: [87, 'years'],
      weight: [48, 'kg'],
      height: [163, 'cm'],
      creatinine: [1.4, 'mg/dL'],
    });
    const allValues = dataset.instances.flatMap((instance) => Object.values(instance.entities ?? {}));
    expect(allValues.some((value) => value === false)).toBe(true);
    expect(allValues.some((value) => Array.isArray(value) && value[1] === 'µL')).toBe(true);
  });

  it('reads the Unique ID variant, keeps quotes inside notes and parses double-quoted entity keys', async () => {
    const dataset = await loadDataset('unique-id.csv', options);
    expect(dataset.layout).toBe('medcalc-unique-id');
    expect(dataset.problems).toEqual([]);
    expect(dataset.instances.map((instance) => instance.id)).toEqual(['a1', 'a2']);
    expect(dataset.instances[1]?.note).toContain('"AF"');
    expect(dataset.instances[1]?.entities?.['Congestive Heart Faliure']).toBe(false);
  });

  it('reads the 7-column corrected-label layout, deriving calculator id and output type from the name; N/A labels are valid', async () => {
    const dataset = await loadDataset('corrected.csv', options);
    expect(dataset.layout).toBe('corrected-labels');
    expect(dataset.problems).toEqual([]);
    expect(dataset.instances.map((instance) => instance.calculatorId)).toEqual([5, 4, 13, 33]);
    expect(dataset.instances[3]?.label).toBe('N/A');
  });

  it('says an empty JSONL file is empty, instead of listing every column as missing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-empty-'));
    writeFileSync(join(folder, 'empty.jsonl'), '\n\n');
    await expect(loadDataset(join(folder, 'empty.jsonl'), options)).rejects.toMatchObject({
      code: 'DATASET_INVALID',
      message: expect.stringMatching(/empty\.jsonl is empty: no header and no rows$/) as unknown,
    });
  });

  it('reads JSONL and skips blank lines', async () => {
    const dataset = await loadDataset('rows.jsonl', options);
    expect(dataset.format).toBe('jsonl');
    expect(dataset.instances).toHaveLength(2);
    expect(dataset.problems).toEqual([]);
  });

  it('reads Parquet', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'steward-parquet-'));
    writeFileSync(join(directory, 'test.parquet'), Buffer.from(writeV1Parquet(V1_PARQUET_ROWS)));
    const dataset = await loadDataset('test.parquet', { ...options, cwd: directory });
    expect(dataset.format).toBe('parquet');
    expect(dataset.instances.map((instance) => [instance.id, instance.calculatorId, instance.label])).toEqual(
      [
        ['1', 5, '93.333'],
        ['2', 6, '22.857'],
      ],
    );
    expect(dataset.problems).toEqual([]);
  });

  it('reports every row-level problem with row and column, and keeps the rows', async () => {
    const dataset = await loadDataset('malformed.csv', options);
    expect(dataset.instances).toHaveLength(5);
    const problems = dataset.problems.map(
      (problem) => `${problem.row}|${problem.column}|${problem.severity}|${problem.message}`,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1\|Relevant Entities\|error\|not a valid Python literal: missing "}"/),
        expect.stringMatching(/^2\|Ground Truth Answer\|error\|"abc" is not a number/),
        expect.stringMatching(/^3\|Row Number\|error\|duplicate id "2" \(first used in row 2\)/),
        expect.stringMatching(/^3\|Calculator ID\|error\|unknown calculator id "99"/),
        expect.stringMatching(/^3\|Patient Note\|error\|empty patient note/),
        expect.stringMatching(/^4\|Ground Truth Answer\|error\|"02\/30\/2021" is not a date/),
        expect.stringMatching(/^5\|Ground Truth Answer\|error\|label 7 lies outside its limits \[3, 3\]/),
      ]),
    );
  });

  it('a missing column is a file-level error naming the columns', async () => {
    const error = await expectAppError(
      loadDataset('missing-column.csv', options),
      'DATASET_INVALID',
      /missing columns "Relevant Entities", "Lower Limit", "Upper Limit"/,
    );
    expect(error.fix).toContain('Found: Row Number');
  });

  it('a malformed JSONL line names the line', async () => {
    await expectAppError(
      loadDataset('malformed.jsonl', options),
      'DATASET_INVALID',
      /line 2 is not valid JSON/,
    );
  });

  it('a missing file says so; an unknown extension is unsupported', async () => {
    await expectAppError(loadDataset('nope.csv', options), 'FILE_NOT_FOUND', /no such file: nope.csv/);
    const directory = mkdtempSync(join(tmpdir(), 'steward-ext-'));
    writeFileSync(join(directory, 'data.xlsx'), 'x');
    await expectAppError(
      loadDataset('data.xlsx', { ...options, cwd: directory }),
      'FORMAT_UNSUPPORTED',
      /unknown file type ".xlsx"/,
    );
  });

  it('a hub id with no cache and no network names the --data alternative', async () => {
    const error = await expectAppError(
      loadDataset('ncbi/MedCalc-Bench-v1.0', options),
      'NETWORK_UNAVAILABLE',
      /not in the cache/,
    );
    expect(error.fix).toContain('--data <path>');
  });
});
