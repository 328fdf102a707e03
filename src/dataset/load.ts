import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { buildDataset } from './build.js';
import { decodeUtf8, INVALID_UTF8_MESSAGE } from './decode-text.js';
import { fetchHubDataset, parseHubId, type HubOptions } from './hub.js';
import type { Dataset, DatasetFormat, ValidationProblem } from './instance.js';
import { readCsvRows, readJsonlRows, readParquetRows, type RawTable } from './read-rows.js';

export interface LoadOptions {
  cwd: string;
  hub: HubOptions;
}

function detectFormat(path: string): DatasetFormat | undefined {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.parquet') return 'parquet';
  return undefined;
}

async function readTable(
  path: string,
  source: string,
): Promise<{ table: RawTable; format: DatasetFormat; bytes: number; sha256: string }> {
  const format = detectFormat(path);
  if (format === undefined) {
    throw new AppError('FORMAT_UNSUPPORTED', `${source}: unknown file type "${extname(path) || '(none)'}"`, {
      fix: 'Use a .csv, .jsonl or .parquet MedCalc-Bench file.',
    });
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', `${source}: cannot read: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (format === 'parquet') {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    return { table: await readParquetRows(buffer, source), format, ...checksum(bytes) };
  }
  const { text, marker, firstInvalidByte } = decodeUtf8(bytes);
  if (marker === undefined && firstInvalidByte !== undefined) {
    throw new AppError('DATASET_INVALID', `${source}: byte ${firstInvalidByte} ${INVALID_UTF8_MESSAGE}`, {
      fix: 'Re-save the file as UTF-8 (in most editors: Save As, encoding UTF-8).',
      details: { byte: firstInvalidByte },
    });
  }
  const options = { invalidMarker: marker };
  const table = format === 'csv' ? readCsvRows(text, source, options) : readJsonlRows(text, source, options);
  return { table, format, ...checksum(bytes) };
}

function checksum(bytes: Buffer): { bytes: number; sha256: string } {
  return { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/**
 * Loads a dataset from a local file (CSV, JSONL, Parquet) or a hub id such as `ncbi/MedCalc-Bench-v1.0`
 * (optionally `@revision` and `:split`). A path that exists always wins over a hub id.
 */
export async function loadDataset(spec: string, options: LoadOptions): Promise<Dataset> {
  const path = resolve(options.cwd, spec);
  if (await isFile(path)) {
    const { table, format, bytes, sha256 } = await readTable(path, spec);
    const dataset = buildDataset(table.rows, {
      source: spec,
      format,
      headers: table.headers,
      problems: table.problems ?? [],
    });
    return { ...dataset, provenance: { kind: 'file', path, bytes, sha256 } };
  }
  const hubId = detectFormat(spec) === undefined ? parseHubId(spec) : undefined;
  if (hubId === undefined) {
    throw new AppError('FILE_NOT_FOUND', `no such file: ${spec}`, {
      fix: 'Check the path, or name a Hugging Face dataset such as ncbi/MedCalc-Bench-v1.0.',
      details: { path },
    });
  }
  const snapshot = await fetchHubDataset(hubId, options.hub);
  const files = snapshot.files;
  let rows: Record<string, unknown>[] = [];
  const headers = new Set<string>();
  const problems: ValidationProblem[] = [];
  let format: DatasetFormat = 'parquet';
  for (const file of files) {
    const read = await readTable(file.localPath, `${hubId.repo}/${file.path}`);
    format = read.format;
    // Rows of later files come after the earlier ones; a header problem (row 0) stays a file-level one.
    for (const problem of read.table.problems ?? [])
      problems.push({ ...problem, row: problem.row === 0 ? 0 : problem.row + rows.length });
    // concat, not push(...): spreading a large file's rows into arguments overflows the stack.
    rows = rows.concat(read.table.rows);
    read.table.headers.forEach((header) => headers.add(header));
  }
  const dataset = buildDataset(rows, {
    source: `${hubId.repo}@${hubId.revision}:${hubId.split}`,
    format,
    headers: [...headers],
    problems,
  });
  return {
    ...dataset,
    ...(snapshot.warnings.length > 0 ? { warnings: snapshot.warnings } : {}),
    provenance: {
      kind: 'hub',
      repo: snapshot.repo,
      revision: snapshot.revision,
      commit: snapshot.commit,
      split: snapshot.split,
      files: snapshot.files.map(({ path, size, sha256 }) => ({ path, bytes: size, sha256 })),
    },
  };
}
