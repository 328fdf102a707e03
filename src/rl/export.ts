import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { buildDataset } from '../dataset/build.js';
import { readCsvRows, readJsonlRows, readParquetRows, type RawTable } from '../dataset/read-rows.js';
import { type RlExportPlan, type RlFormat, type RlRow, type RlSourceItem } from './export-plan.js';
import { encodeRlParquet } from './parquet.js';

export * from './export-plan.js';

export const RL_EXPORT_SCHEMA_VERSION = 1;
export const RL_MANIFEST_FILE = 'rl-export.json';

/** The default system prompt of RL exports (our wording; `--system-prompt <file>` replaces it). */
export const DEFAULT_SYSTEM_PROMPT = [
  'You are a careful clinical calculation assistant.',
  'Read the patient note and answer the question, working through the calculation step by step and using only what the note states.',
  'End with exactly one final answer inside <answer></answer> tags: a number without units, a date as MM/DD/YYYY, or a gestational age as (weeks, days), for example (4 weeks, 2 days).',
  'If the note lacks information the calculation needs, answer <answer>unknown</answer>.',
].join(' ');

/** Release files, by split, as `steward release` writes them. */
const RELEASE_FILES: readonly { split: string; file: string }[] = [
  { split: 'train', file: 'train_data.jsonl' },
  { split: 'test', file: 'test_data.jsonl' },
];

export interface SourceFile {
  split: string;
  path: string;
}

async function readTable(path: string, source: string): Promise<RawTable> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read ${source}`, {
      fix: 'Check the path given to --dataset or --release.',
      cause: error,
    });
  }
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return readCsvRows(bytes.toString('utf8'), source);
  if (extension === '.jsonl' || extension === '.ndjson') return readJsonlRows(bytes.toString('utf8'), source);
  if (extension === '.parquet')
    return readParquetRows(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
      source,
    );
  throw new AppError('FORMAT_UNSUPPORTED', `${source}: unknown file type "${extension || '(none)'}"`, {
    fix: 'Use a .csv, .jsonl or .parquet dataset.',
  });
}

function findHeader(headers: readonly string[], normalised: string): string | undefined {
  return headers.find((header) => header.toLowerCase().replace(/[^a-z0-9]/g, '') === normalised);
}

function cell(
  row: Readonly<Record<string, unknown>> | undefined,
  header: string | undefined,
): string | undefined {
  if (row === undefined || header === undefined) return undefined;
  const value = row[header];
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string'
    ? value
    : typeof value === 'number'
      ? String(value)
      : JSON.stringify(value);
}

/** Reads one split's file into source items, keeping the release columns the Instance model has no field for. */
export async function readSourceItems(file: SourceFile, cwd: string): Promise<RlSourceItem[]> {
  const table = await readTable(resolve(cwd, file.path), file.path);
  const dataset = buildDataset(table.rows, { source: file.path, format: 'jsonl', headers: table.headers });
  const statusHeader = findHeader(table.headers, 'labelstatus');
  const versionHeader = findHeader(table.headers, 'labelversion');
  return dataset.instances.map((instance) => {
    const row = table.rows[instance.row - 1];
    return {
      instance,
      split: file.split,
      status: cell(row, statusHeader),
      labelVersion: cell(row, versionHeader),
    };
  });
}

/** `--dataset [split=]file`: without a split, `train` or `test` from the file name, else `train`. */
export function parseDatasetSpec(spec: string): SourceFile {
  const match = /^([a-z][a-z0-9_-]*)=(.+)$/i.exec(spec);
  if (match) return { split: (match[1] as string).toLowerCase(), path: match[2] as string };
  const name = basename(spec).toLowerCase();
  return { split: name.includes('test') ? 'test' : 'train', path: spec };
}

/** The split files of a release folder (at least one must exist). */
export async function findReleaseFiles(dir: string, cwd: string): Promise<SourceFile[]> {
  const folder = resolve(cwd, dir);
  const entries = await readdir(folder).catch((error: unknown) => {
    throw new AppError('FILE_NOT_FOUND', `no release folder at ${dir}`, {
      fix: 'Pass the folder `steward release` wrote, or a file with --dataset.',
      cause: error,
    });
  });
  const files = RELEASE_FILES.filter(({ file }) => entries.includes(file)).map(({ split, file }) => ({
    split,
    path: join(folder, file),
  }));
  if (files.length === 0)
    throw new AppError(
      'DATASET_INVALID',
      `${dir} holds neither ${RELEASE_FILES.map(({ file }) => file).join(' nor ')}`,
      {
        fix: 'Pass a release folder, or a dataset file with --dataset.',
      },
    );
  return files;
}

export interface WrittenFile {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}

function toJsonl(rows: readonly RlRow[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + (rows.length > 0 ? '\n' : '');
}

function describeFile(name: string, rows: number, bytes: Uint8Array): WrittenFile {
  return { name, rows, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Writes each planned file as `<name>.parquet` and `<name>.jsonl`, then the manifest `rl-export.json`. */
export async function writeRlExport(
  plan: RlExportPlan,
  options: { out: string; format: RlFormat; systemPrompt: string; sources: readonly SourceFile[] },
): Promise<{ files: WrittenFile[]; manifest: Record<string, unknown> }> {
  await mkdir(options.out, { recursive: true });
  const existing = await stat(join(options.out, RL_MANIFEST_FILE)).then(
    () => true,
    () => false,
  );
  const files: WrittenFile[] = [];
  for (const file of plan.files) {
    const parquet = new Uint8Array(encodeRlParquet(file.rows));
    const jsonl = Buffer.from(toJsonl(file.rows), 'utf8');
    await writeFile(join(options.out, `${file.name}.parquet`), parquet);
    await writeFile(join(options.out, `${file.name}.jsonl`), jsonl);
    files.push(describeFile(`${file.name}.parquet`, file.rows.length, parquet));
    files.push(describeFile(`${file.name}.jsonl`, file.rows.length, jsonl));
  }
  const manifest = {
    schemaVersion: RL_EXPORT_SCHEMA_VERSION,
    format: options.format,
    sources: options.sources,
    systemPromptSha256: createHash('sha256').update(options.systemPrompt).digest('hex'),
    counts: plan.counts,
    leaks: plan.leaks ?? null,
    warnings: plan.warnings,
    files,
    replaced: existing,
  };
  await writeFile(join(options.out, RL_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, manifest };
}
