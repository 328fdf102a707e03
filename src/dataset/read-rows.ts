import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { AppError } from '../app-error.js';
import { INVALID_UTF8_MESSAGE, REPLACEMENT_CHARACTER } from './decode-text.js';
import type { ValidationProblem } from './instance.js';

export interface RawTable {
  headers: string[];
  rows: Record<string, unknown>[];
  /** Problems found while reading (invalid UTF-8), with `row` 1-based within this table and 0 for the header. */
  problems?: ValidationProblem[];
}

export interface ReadTextOptions {
  /** The character `decodeUtf8` put in place of each invalid byte sequence, if the bytes had any. */
  invalidMarker?: string | undefined;
}

/** A string cell whose bytes were not valid UTF-8 (Parquet), until `reportInvalidText` turns it back into text. */
class InvalidUtf8Text {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const STRICT = new TextDecoder('utf-8', { fatal: true });
const LENIENT = new TextDecoder('utf-8');

/** hyparquet's string decoding, keeping note of values that were not valid UTF-8. */
function decodeParquetString(bytes: Uint8Array | undefined): string | InvalidUtf8Text | undefined {
  if (bytes === undefined) return undefined;
  try {
    return STRICT.decode(bytes);
  } catch {
    return new InvalidUtf8Text(LENIENT.decode(bytes));
  }
}

/**
 * Replaces the invalid-UTF-8 marker (CSV, JSONL) or wrapper (Parquet) with U+FFFD in every header and cell, and
 * reports each affected cell by row and column.
 */
function reportInvalidText(table: RawTable, marker: string | undefined): RawTable {
  const problems: ValidationProblem[] = [];
  const clean = (value: string) =>
    marker === undefined ? value : value.split(marker).join(REPLACEMENT_CHARACTER);
  const isInvalid = (value: unknown) =>
    value instanceof InvalidUtf8Text ||
    (marker !== undefined && typeof value === 'string' && value.includes(marker));
  const headers = table.headers.map((header) => {
    if (!isInvalid(header)) return header;
    const cleaned = clean(header);
    problems.push({
      severity: 'error',
      row: 0,
      column: cleaned,
      message: `the header ${INVALID_UTF8_MESSAGE}`,
    });
    return cleaned;
  });
  const rows = table.rows.map((record, index) => {
    const row: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) {
      const column = isInvalid(key) ? clean(key) : key;
      if (isInvalid(value)) {
        problems.push({ severity: 'error', row: index + 1, column, message: INVALID_UTF8_MESSAGE });
        row[column] = value instanceof InvalidUtf8Text ? value.text : clean(String(value));
      } else row[column] = value;
    }
    return row;
  });
  return { headers, rows, problems };
}

/** RFC 4180 CSV with a header row; notes may span lines. Errors name the line. */
export function readCsvRows(text: string, source: string, options: ReadTextOptions = {}): RawTable {
  let records: string[][];
  try {
    records = parseCsv(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new AppError(
      'DATASET_INVALID',
      `${source}: not valid CSV${line === undefined ? '' : ` near line ${line}`}: ${(error as Error).message}`,
      {
        fix: 'Check the quoting around that line: fields with commas, quotes or newlines must be in double quotes, with inner quotes doubled.',
        cause: error,
      },
    );
  }
  const [headers, ...body] = records;
  if (headers === undefined)
    throw new AppError('DATASET_INVALID', `${source}: the file is empty`, {
      fix: 'Pass a MedCalc-Bench CSV with a header row.',
    });
  const rows = body.map((cells) => {
    const row: Record<string, unknown> = {};
    headers.forEach((header, index) => (row[header] = cells[index]));
    return row;
  });
  return options.invalidMarker === undefined
    ? { headers, rows }
    : reportInvalidText({ headers, rows }, options.invalidMarker);
}

/** One JSON object per line; blank lines skipped. A malformed line is an error naming its line number. */
export function readJsonlRows(text: string, source: string, options: ReadTextOptions = {}): RawTable {
  const rows: Record<string, unknown>[] = [];
  const headers = new Set<string>();
  const marker = options.invalidMarker;
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        if (marker !== undefined && line.includes(marker))
          throw new AppError('DATASET_INVALID', `${source}: line ${index + 1} ${INVALID_UTF8_MESSAGE}`, {
            fix: 'Re-save the file as UTF-8 (in most editors: Save As, encoding UTF-8).',
            details: { line: index + 1 },
          });
        throw new AppError(
          'DATASET_INVALID',
          `${source}: line ${index + 1} is not valid JSON: ${(error as Error).message}`,
          {
            fix: 'Each line of a JSONL dataset must be one JSON object.',
            details: { line: index + 1 },
          },
        );
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new AppError('DATASET_INVALID', `${source}: line ${index + 1} is not a JSON object`, {
          fix: 'Each line of a JSONL dataset must be one JSON object with the MedCalc-Bench column names as keys.',
          details: { line: index + 1 },
        });
      }
      const record = value as Record<string, unknown>;
      Object.keys(record).forEach((key) => headers.add(key));
      rows.push(record);
    });
  return marker === undefined
    ? { headers: [...headers], rows }
    : reportInvalidText({ headers: [...headers], rows }, marker);
}

/** Reads every row of a Parquet file (hyparquet, pure JS). */
export async function readParquetRows(bytes: ArrayBuffer, source: string): Promise<RawTable> {
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({
      file: bytes,
      parsers: { stringFromBytes: decodeParquetString },
    })) as Record<string, unknown>[];
  } catch (error) {
    throw new AppError(
      'DATASET_INVALID',
      `${source}: not a readable Parquet file: ${(error as Error).message}`,
      {
        fix: 'Check that the file is complete (a partial download is not valid Parquet).',
        cause: error,
      },
    );
  }
  const headers = new Set<string>();
  for (const row of rows) Object.keys(row).forEach((key) => headers.add(key));
  const table = { headers: [...headers], rows };
  return rows.some((row) => Object.values(row).some((value) => value instanceof InvalidUtf8Text))
    ? reportInvalidText(table, undefined)
    : table;
}
