import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDataset } from './build.js';
import { loadDataset, type LoadOptions } from './load.js';
import {
  MAX_LITERAL_DEPTH,
  PythonLiteralError,
  parsePythonLiteral,
  safeParsePythonLiteral,
  type PythonValue,
} from './python-literal.js';
import { V1_HEADER, V1_PARQUET_ROWS, writeV1Parquet } from './test-fixtures.js';

const options: LoadOptions = {
  cwd: tmpdir(),
  hub: {
    cacheDir: join(tmpdir(), 'steward-no-cache'),
    endpoint: 'http://127.0.0.1:9',
    token: undefined,
    offline: true,
  },
};

const ROW = V1_PARQUET_ROWS[0] as Record<string, string | number>;

function v1Row(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...Object.fromEntries(Object.entries(ROW).map(([key, value]) => [key, String(value)])),
    ...overrides,
  };
}

function problemsOf(rows: Record<string, unknown>[], headers: readonly string[] = V1_HEADER): string[] {
  return buildDataset(rows, { source: 'memory', format: 'csv', headers }).problems.map(
    (problem) => `${problem.row}|${problem.column}|${problem.severity}|${problem.message}`,
  );
}

function writeTemp(name: string, content: string | Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'steward-adversarial-'));
  writeFileSync(join(directory, name), content);
  return directory;
}

function csvLine(values: readonly string[]): string {
  return values.map((value) => `"${value.replace(/"/g, '""')}"`).join(',');
}

describe('Relevant Entities nested thousands of levels deep (issue 17)', () => {
  it('is a row-level problem naming row, column and the depth limit, not a stack overflow', () => {
    const deepList = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const deepDict = `${"{'a': ".repeat(10_000)}1${'}'.repeat(10_000)}`;
    const problems = problemsOf([
      v1Row(),
      v1Row({ 'Row Number': '2', 'Relevant Entities': deepList }),
      v1Row({ 'Row Number': '3', 'Relevant Entities': deepDict }),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^2\|Relevant Entities\|error\|not a valid Python literal: nested deeper than 64 levels/,
        ),
        expect.stringMatching(
          /^3\|Relevant Entities\|error\|not a valid Python literal: nested deeper than 64 levels/,
        ),
      ]),
    );
  });

  it('accepts exactly MAX_LITERAL_DEPTH levels and refuses one more', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    expect(safeParsePythonLiteral(nested(MAX_LITERAL_DEPTH)).ok).toBe(true);
    expect(safeParsePythonLiteral(nested(MAX_LITERAL_DEPTH + 1))).toMatchObject({
      ok: false,
      error: expect.stringContaining(`nested deeper than ${MAX_LITERAL_DEPTH} levels`),
    });
    expect(safeParsePythonLiteral(`${'('.repeat(5000)}1${')'.repeat(5000)}`).ok).toBe(false);
  });

  it('reads a 200,000-item set (no argument spread) and a 1 MB string', () => {
    expect(parsePythonLiteral(`{${'1, '.repeat(200_000)}}`)).toHaveLength(200_000);
    expect(parsePythonLiteral(`'${'x'.repeat(1_000_000)}'`)).toHaveLength(1_000_000);
  });

  it('a JSONL cell nested 100,000 deep is a row-level problem, not a crash', async () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const rows = [v1Row({ 'Relevant Entities': deep })];
    expect(problemsOf(rows)).toContainEqual(
      expect.stringMatching(/^1\|Relevant Entities\|error\|nested deeper than 64 levels/),
    );
    const line = JSON.stringify(v1Row()).replace(
      /"Relevant Entities":"[^"]*"/,
      `"Relevant Entities":${'['.repeat(100_000)}${']'.repeat(100_000)}`,
    );
    const dataset = await loadDataset('deep.jsonl', {
      ...options,
      cwd: writeTemp('deep.jsonl', `${line}\n`),
    });
    expect(dataset.problems.map((problem) => `${problem.row}|${problem.column}`)).toContain(
      '1|Relevant Entities',
    );
  });
});

const pythonValue: fc.Arbitrary<PythonValue> = fc.letrec<{ value: PythonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    // −0 is checked apart (below): the JSON-based expectation cannot carry it.
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((number) => !Object.is(number, -0)),
    fc.string(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** Writes a value as a Python literal (repr-like), for round trips. */
function toPython(value: PythonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Object.is(value, -0) ? '-0.0' : String(value).replace('Infinity', '1e999');
  if (typeof value === 'string') return JSON.stringify(value).replace(/\\u2028/g, '\u2028');
  if (Array.isArray(value)) return `[${value.map(toPython).join(', ')}]`;
  return `{${Object.entries(value)
    .map(([key, item]) => `${JSON.stringify(key)}: ${toPython(item)}`)
    .join(', ')}}`;
}

describe('parsePythonLiteral on any input (fast-check)', () => {
  it('never throws anything but a PythonLiteralError, and errors point inside the input', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      '{',
      '}',
      '(',
      ')',
      ',',
      ':',
      "'",
      '"',
      '\\',
      '1',
      '.5',
      'e',
      'True',
      'None',
      ' ',
      '\n',
      '#',
      'r',
      'x',
      '0x',
      '_',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(pieces, { maxLength: 60 }).map((parts) => parts.join('')),
          fc.string({ unit: 'binary' }),
        ),
        (text) => {
          const result = safeParsePythonLiteral(text);
          if (!result.ok) {
            expect(result.offset).toBeGreaterThanOrEqual(0);
            expect(result.offset).toBeLessThanOrEqual(text.length);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('round-trips every value it can write: parse(toPython(v)) equals v, and parsing is stable', () => {
    fc.assert(
      fc.property(pythonValue, (value) => {
        const parsed = parsePythonLiteral(toPython(value));
        expect(parsed).toEqual(JSON.parse(JSON.stringify(value)) as PythonValue);
        expect(parsePythonLiteral(toPython(parsed))).toEqual(parsed);
      }),
      { numRuns: 1000 },
    );
  });

  it('reads -0.0 as negative zero, as Python does', () => {
    expect(Object.is(parsePythonLiteral('-0.0'), -0)).toBe(true);
    expect(Object.is((parsePythonLiteral('[-0.0, 0.0]') as number[])[0], -0)).toBe(true);
    expect(Object.is((parsePythonLiteral('[-0.0, 0.0]') as number[])[1], 0)).toBe(true);
  });

  it('errors are PythonLiteralError with an offset', () => {
    expect(() => parsePythonLiteral('['.repeat(100))).toThrow(PythonLiteralError);
  });
});

describe('item ids (issue 17)', () => {
  it('a non-numeric Row Number is an error naming row, column and what is expected', () => {
    const problems = problemsOf([
      v1Row(),
      v1Row({ 'Row Number': 'abc' }),
      v1Row({ 'Row Number': '3.0' }),
      v1Row({ 'Row Number': '0' }),
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        '2|Row Number|error|"abc" is not a row number: expected a positive whole number (1, 2, 3, …) as MedCalc-Bench v1.0 numbers its rows',
        expect.stringMatching(/^3\|Row Number\|error\|"3.0" is not a row number/),
        expect.stringMatching(/^4\|Row Number\|error\|"0" is not a row number/),
      ]),
    );
    expect(problems.filter((problem) => problem.startsWith('1|'))).toEqual([]);
  });

  it('Unique ID and the corrected layout accept text ids but not control characters', () => {
    const headers = V1_HEADER.map((header) => (header === 'Row Number' ? 'Unique ID' : header));
    const withId = (id: string) => {
      const { 'Row Number': _unused, ...rest } = v1Row({ 'Patient Note': `note ${id}` });
      return { 'Unique ID': id, ...rest };
    };
    expect(problemsOf([withId('a1'), withId('pmc-7-2')], headers)).toEqual([]);
    expect(problemsOf([withId('a\nb')], headers)).toContainEqual(
      expect.stringMatching(/^1\|Unique ID\|error\|"a\\nb" contains a control character/),
    );
  });

  it('a NUL in any text column is a warning on that column', () => {
    expect(problemsOf([v1Row({ Question: 'What\u0000?' })])).toContainEqual(
      expect.stringMatching(/^1\|Question\|warning\|contains a NUL character/),
    );
  });
});

describe('invalid UTF-8 (issue 17)', () => {
  const header = csvLine(V1_HEADER);
  const row = (id: string, note: string) =>
    csvLine(
      V1_HEADER.map((name) =>
        name === 'Row Number' ? id : name === 'Patient Note' ? note : String(ROW[name] ?? ''),
      ),
    );

  it('a CSV note with invalid bytes is an error on that row and column, with the fix', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${header}\n${row('1', 'fine')}\n`),
      Buffer.from(row('2', 'caf\u0000').replace('\u0000', '@'), 'utf8'),
      Buffer.from('\n'),
    ]);
    const at = bytes.indexOf('caf@');
    bytes[at + 3] = 0xe9; // Latin-1 "é"
    const dataset = await loadDataset('latin1.csv', { ...options, cwd: writeTemp('latin1.csv', bytes) });
    expect(
      dataset.problems.map(
        (problem) => `${problem.row}|${problem.column}|${problem.severity}|${problem.message}`,
      ),
    ).toEqual([
      '2|Patient Note|error|contains bytes that are not valid UTF-8 (read as U+FFFD "\uFFFD"); re-save the file as UTF-8',
    ]);
    expect(dataset.instances[1]?.note).toBe('caf\uFFFD');
  });

  it('a genuine U+FFFD written as UTF-8, a BOM and CRLF line ends are not errors', async () => {
    const text = `\uFEFF${header}\r\n${row('1', 'a \uFFFD b')}\r\n`;
    const dataset = await loadDataset('fine.csv', { ...options, cwd: writeTemp('fine.csv', text) });
    expect(dataset.problems).toEqual([]);
    expect(dataset.instances[0]?.note).toBe('a \uFFFD b');
    const jsonl = `\uFEFF${JSON.stringify(v1Row({ 'Patient Note': 'x \uFFFD' }))}\r\n`;
    const fromJsonl = await loadDataset('fine.jsonl', { ...options, cwd: writeTemp('fine.jsonl', jsonl) });
    expect(fromJsonl.problems).toEqual([]);
  });

  it('JSONL: invalid bytes inside a string are reported by row and column', async () => {
    const line = Buffer.from(`${JSON.stringify(v1Row({ Question: 'Q@?' }))}\n`);
    line[line.indexOf('Q@?') + 1] = 0xff;
    const dataset = await loadDataset('bad.jsonl', { ...options, cwd: writeTemp('bad.jsonl', line) });
    expect(dataset.problems.map((problem) => `${problem.row}|${problem.column}|${problem.message}`)).toEqual([
      expect.stringMatching(
        /^1\|Question\|contains bytes that are not valid UTF-8.*re-save the file as UTF-8$/,
      ),
    ]);
  });

  it('Parquet: invalid bytes in a string column are reported by row and column', async () => {
    const rows = V1_PARQUET_ROWS.map((item) => ({ ...item }));
    const buffer = Buffer.from(writeV1Parquet(rows));
    const at = buffer.indexOf('Weight 70 kg');
    buffer[at] = 0xc3; // a lead byte followed by "e": invalid
    const dataset = await loadDataset('bad.parquet', { ...options, cwd: writeTemp('bad.parquet', buffer) });
    expect(dataset.problems.map((problem) => `${problem.row}|${problem.column}|${problem.severity}`)).toEqual(
      ['2|Patient Note|error'],
    );
  });
});
