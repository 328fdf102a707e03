import { parse as parseCsv } from 'csv-parse/sync';
import { parquetReadObjects } from 'hyparquet';
import { AppError } from '../app-error.js';

export interface RawTable {
  headers: string[];
  rows: Record<string, unknown>[];
}

/** RFC 4180 CSV with a header row; notes may span lines. Errors name the line. */
export function readCsvRows(text: string, source: string): RawTable {
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
  return { headers, rows };
}

/** One JSON object per line; blank lines skipped. A malformed line is an error naming its line number. */
export function readJsonlRows(text: string, source: string): RawTable {
  const rows: Record<string, unknown>[] = [];
  const headers = new Set<string>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
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
  return { headers: [...headers], rows };
}

/** Reads every row of a Parquet file (hyparquet, pure JS). */
export async function readParquetRows(bytes: ArrayBuffer, source: string): Promise<RawTable> {
  let rows: Record<string, unknown>[];
  try {
    rows = (await parquetReadObjects({ file: bytes })) as Record<string, unknown>[];
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
  return { headers: [...headers], rows };
}
