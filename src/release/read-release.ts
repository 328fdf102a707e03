import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { readCsvRows, readJsonlRows } from '../dataset/read-rows.js';
import { parseManifest } from './manifest.js';
import type { ReleaseManifest } from './manifest.js';
import type { PreviousRelease } from './plan-release.js';
import { RELEASE_FILES } from './render.js';

/** One row of a release (or of a source CSV) as `diff` compares them. */
export interface ComparedRow {
  calculatorName: string;
  label: string;
  lowerLimit: string;
  upperLimit: string;
  /** `Label Status`; `original` for a source CSV. */
  status: string;
  labelVersion: string;
}

export interface ReleaseSide {
  name: string;
  rows: Map<string, ComparedRow>;
}

export function readReleaseManifest(dir: string): ReleaseManifest {
  const path = join(resolve(dir), RELEASE_FILES.manifest);
  if (!existsSync(path)) {
    throw new AppError('FILE_NOT_FOUND', `${dir} has no ${RELEASE_FILES.manifest}: not a Steward release`, {
      fix: 'Point at a folder written by `steward release publish`.',
    });
  }
  return parseManifest(readFileSync(path, 'utf8'), path);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return value === undefined || value === null ? '' : JSON.stringify(value);
}

/** The rows of a release folder, from its test_data.jsonl. */
export function readReleaseSide(dir: string): ReleaseSide {
  const manifest = readReleaseManifest(dir);
  const path = join(resolve(dir), RELEASE_FILES.jsonl);
  const table = readJsonlRows(readFileSync(path, 'utf8'), path);
  const rows = new Map<string, ComparedRow>();
  for (const record of table.rows) {
    rows.set(text(record['Row Number']), {
      calculatorName: text(record['Calculator Name']),
      label: text(record['Ground Truth Answer']),
      lowerLimit: text(record['Lower Limit']),
      upperLimit: text(record['Upper Limit']),
      status: text(record['Label Status']),
      labelVersion: text(record['Label Version']),
    });
  }
  return { name: manifest.version, rows };
}

/** The rows of a v1.0-layout CSV, every one with status `original`. */
export function readSourceCsvSide(path: string, name: string): ReleaseSide {
  if (!existsSync(path))
    throw new AppError('FILE_NOT_FOUND', `no such file: ${path}`, { fix: 'Check the path.' });
  const table = readCsvRows(readFileSync(path, 'utf8'), path);
  const rows = new Map<string, ComparedRow>();
  for (const record of table.rows) {
    rows.set(text(record['Row Number'] ?? record['Unique ID']), {
      calculatorName: text(record['Calculator Name']),
      label: text(record['Ground Truth Answer']),
      lowerLimit: text(record['Lower Limit']),
      upperLimit: text(record['Upper Limit']),
      status: 'original',
      labelVersion: name,
    });
  }
  return { name, rows };
}

/**
 * The source file a release was built from, when it is still where the audit read it and unchanged (same
 * sha256); otherwise undefined and the caller asks for `--v1 <csv>`.
 */
export function findReleaseSourceFile(manifest: ReleaseManifest): string | undefined {
  const provenance = manifest.dataset.provenance as { kind?: string; path?: string; sha256?: string } | null;
  if (provenance?.kind !== 'file' || provenance.path === undefined || !existsSync(provenance.path))
    return undefined;
  const digest = createHash('sha256').update(readFileSync(provenance.path)).digest('hex');
  return digest === provenance.sha256 ? provenance.path : undefined;
}

/** What `planRelease` needs from the release named by `--from`. */
export function readPreviousRelease(dir: string): PreviousRelease {
  const side = readReleaseSide(dir);
  const changelogPath = join(resolve(dir), RELEASE_FILES.changelog);
  return {
    version: side.name,
    rows: new Map(
      [...side.rows].map(([id, row]) => [
        id,
        { status: row.status, label: row.label, labelVersion: row.labelVersion },
      ]),
    ),
    changelog: existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '',
  };
}

/** The files of a release folder, for `verify` to spot files the manifest does not list. */
export function listReleaseFolder(dir: string): string[] {
  return readdirSync(resolve(dir));
}
