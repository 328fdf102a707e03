import { readFile, stat } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { buildDataset } from './build.js';
import { fetchHubDataset, parseHubId, type HubOptions } from './hub.js';
import type { Dataset, DatasetFormat } from './instance.js';
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

async function readTable(path: string, source: string): Promise<{ table: RawTable; format: DatasetFormat }> {
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
    return { table: await readParquetRows(buffer, source), format };
  }
  const text = bytes.toString('utf8');
  return { table: format === 'csv' ? readCsvRows(text, source) : readJsonlRows(text, source), format };
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
    const { table, format } = await readTable(path, spec);
    return buildDataset(table.rows, { source: spec, format, headers: table.headers });
  }
  const hubId = detectFormat(spec) === undefined ? parseHubId(spec) : undefined;
  if (hubId === undefined) {
    throw new AppError('FILE_NOT_FOUND', `no such file: ${spec}`, {
      fix: 'Check the path, or name a Hugging Face dataset such as ncbi/MedCalc-Bench-v1.0.',
      details: { path },
    });
  }
  const files = await fetchHubDataset(hubId, options.hub);
  const rows: Record<string, unknown>[] = [];
  const headers = new Set<string>();
  let format: DatasetFormat = 'parquet';
  for (const file of files) {
    const read = await readTable(file.localPath, `${hubId.repo}/${file.path}`);
    format = read.format;
    rows.push(...read.table.rows);
    read.table.headers.forEach((header) => headers.add(header));
  }
  return buildDataset(rows, {
    source: `${hubId.repo}@${hubId.revision}:${hubId.split}`,
    format,
    headers: [...headers],
  });
}
