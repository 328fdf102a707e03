import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { listReleaseFolder, readReleaseManifest } from './read-release.js';
import { RELEASE_FILES } from './render.js';

export type FileCheck =
  | { path: string; status: 'ok' }
  | { path: string; status: 'mismatch'; expected: string; actual: string }
  | { path: string; status: 'missing' }
  | { path: string; status: 'unlisted' };

export interface ReleaseVerification {
  version: string;
  ok: boolean;
  files: FileCheck[];
}

/**
 * Checks every file the manifest lists against its sha256. A changed or missing file fails the release; a file
 * the manifest does not list is reported as unlisted and fails it too (a release folder holds nothing else).
 */
export function verifyRelease(dir: string): ReleaseVerification {
  const root = resolve(dir);
  const manifest = readReleaseManifest(root);
  const files: FileCheck[] = manifest.files.map((file) => {
    const path = join(root, file.path);
    if (!existsSync(path)) return { path: file.path, status: 'missing' };
    const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
    return actual === file.sha256
      ? { path: file.path, status: 'ok' }
      : { path: file.path, status: 'mismatch', expected: file.sha256, actual };
  });
  const listed = new Set([...manifest.files.map((file) => file.path), RELEASE_FILES.manifest]);
  for (const name of listReleaseFolder(root)) {
    if (!listed.has(name)) files.push({ path: name, status: 'unlisted' });
  }
  return { version: manifest.version, ok: files.every((file) => file.status === 'ok'), files };
}
