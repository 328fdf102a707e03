import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { buildManifest } from './manifest.js';
import type { ManifestFile, ReleaseManifest } from './manifest.js';
import type { ReleasePlan } from './plan-release.js';
import { RELEASE_FILES, renderCard, renderChanges, renderCsv, renderJsonl, renderParquet } from './render.js';

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Refuses an output folder that exists and holds anything, or a path that is a file. */
export function checkReleaseFolder(dir: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new AppError('ARGUMENT_INVALID', `${dir} exists and is not a folder`, {
      fix: 'Choose a new folder for the release.',
    });
  }
  if (readdirSync(dir).length > 0) {
    throw new AppError('ARGUMENT_INVALID', `${dir} is not empty: a release never overwrites files`, {
      fix: 'Choose a new (or empty) folder for the release.',
      details: { dir },
    });
  }
}

/** Every file of a release but the manifest, as bytes, in the order the manifest lists them. */
export function renderReleaseFiles(plan: ReleasePlan): { path: string; bytes: Uint8Array }[] {
  const encode = (text: string) => new TextEncoder().encode(text);
  const csv = encode(renderCsv(plan));
  return [
    { path: RELEASE_FILES.csv, bytes: csv },
    { path: RELEASE_FILES.jsonl, bytes: encode(renderJsonl(plan)) },
    { path: RELEASE_FILES.parquet, bytes: new Uint8Array(renderParquet(plan)) },
    { path: RELEASE_FILES.changelog, bytes: encode(plan.changelog) },
    { path: RELEASE_FILES.changes, bytes: encode(renderChanges(plan)) },
    { path: RELEASE_FILES.card, bytes: encode(renderCard(plan, { csvBytes: csv.length })) },
  ];
}

/**
 * Writes a planned release into `dir` atomically: everything goes into a temporary sibling folder, which is then
 * renamed onto `dir` (which must not exist or be empty). A plan with problems is refused. Returns the manifest.
 */
export function writeRelease(plan: ReleasePlan, dir: string): ReleaseManifest {
  if (plan.problems.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `release ${plan.version} cannot be written: ${plan.problems.join('; ')}`,
      {
        fix: 'Fix the release policy (docs/releases.md § Policy) or the version.',
        details: { problems: plan.problems },
      },
    );
  }
  const target = resolve(dir);
  checkReleaseFolder(target);
  const parent = dirname(target);
  if (!existsSync(parent)) {
    throw new AppError('FILE_NOT_FOUND', `the folder ${parent} does not exist`, {
      fix: 'Create it first, or choose another --out.',
    });
  }
  const temporary = join(parent, `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    mkdirSync(temporary);
    const files: ManifestFile[] = [];
    for (const file of renderReleaseFiles(plan)) {
      writeFileSync(join(temporary, file.path), file.bytes);
      files.push({ path: file.path, bytes: file.bytes.length, sha256: sha256(file.bytes) });
    }
    const manifest = buildManifest(plan, files);
    writeFileSync(join(temporary, RELEASE_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
    checkReleaseFolder(target);
    if (existsSync(target)) rmdirSync(target);
    renameSync(temporary, target);
    return manifest;
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    if (error instanceof AppError) throw error;
    throw new AppError(
      'FILE_UNREADABLE',
      `cannot write the release to ${target}: ${(error as Error).message}`,
      {
        fix: 'Check the folder is writable and has space.',
        cause: error,
      },
    );
  }
}
