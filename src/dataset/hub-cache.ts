import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { z } from 'zod';
import { AppError } from '../app-error.js';

/**
 * The on-disk side of hub downloads. Files live in a Hugging Face hub cache, in the layout `huggingface_hub`
 * and `@huggingface/hub` use, so downloads are shared with those tools:
 * `datasets--{owner}--{name}/{blobs/<sha256 or git oid>, refs/<revision> (holds the commit),
 * snapshots/<commit>/<path> (a relative symlink into blobs/, or the file itself where symlinks fail)}`.
 * Steward's checksum layer sits beside it, in its own folder: `manifests/datasets--{owner}--{name}/<commit>/
 * <split>.json` lists the split's files with size and sha256. Caches written before this layout kept the
 * manifest inside the snapshot (`.steward-manifest-<split>.json`) under `<steward cache>/hub`; they are still read.
 */
export interface HubCacheLocation {
  /** Steward's own cache folder (manifests; the hub tree of older versions under `hub/`). */
  cacheDir: string;
  /** The Hugging Face hub cache; defaults to `<cacheDir>/hub`. */
  hubCacheDir?: string;
}

/** What Steward records about a downloaded split; `files[].path` are repository paths. */
export interface HubManifest {
  repo: string;
  revision: string;
  commit: string;
  split: string;
  files: { path: string; size: number; sha256: string }[];
  downloadedAt: string;
}

const COMMIT = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const manifestSchema = z.object({
  repo: z.string(),
  revision: z.string(),
  commit: z.string().regex(COMMIT),
  split: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string().regex(SHA256) })),
  downloadedAt: z.string(),
});

export function isCommitId(text: string): boolean {
  return COMMIT.test(text);
}

export function isSha256(text: string): boolean {
  return SHA256.test(text);
}

/** Why a repository path (from the hub or a manifest) is unsafe to join onto a cache folder, if it is. */
export function describeUnsafePath(path: string): string | undefined {
  if (path === '') return 'it is empty';
  if (path.includes('\0')) return 'it contains a NUL character';
  if (path.includes('\\')) return 'it contains a backslash';
  if (path.startsWith('/') || isAbsolute(path)) return 'it is absolute';
  const segments = path.split('/');
  if (segments.includes('')) return 'it has an empty segment';
  if (segments.some((segment) => segment === '.' || segment === '..')) return 'it has a "." or ".." segment';
  return undefined;
}

/** Throws when the hub (or a cache file) gives a path that could leave the cache. */
export function requireSafePath(path: string, source: string): void {
  const problem = describeUnsafePath(path);
  if (problem === undefined) return;
  throw new AppError(
    'DOWNLOAD_FAILED',
    `${source} gave the unsafe file path ${JSON.stringify(path)}: ${problem}`,
    {
      fix: 'Steward refuses paths that could leave its cache. Check HF_ENDPOINT points at a Hugging Face hub.',
      details: { path, source },
    },
  );
}

export function hubCacheDirOf(location: HubCacheLocation): string {
  return location.hubCacheDir ?? join(location.cacheDir, 'hub');
}

function repoFolder(repo: string): string {
  return `datasets--${repo.replace('/', '--')}`;
}

export function repoDir(hubCacheDir: string, repo: string): string {
  return join(hubCacheDir, repoFolder(repo));
}

/** `refs/<revision>`, a branch with slashes in nested folders as `huggingface_hub` writes it. */
export function refPath(hubCacheDir: string, repo: string, revision: string): string {
  return join(repoDir(hubCacheDir, repo), 'refs', ...revision.split('/'));
}

/** A commit of a repository, e.g. the one a split was downloaded from. */
export interface CommitRef {
  repo: string;
  commit: string;
}

export function snapshotFilePath(hubCacheDir: string, snapshot: CommitRef, path: string): string {
  return join(repoDir(hubCacheDir, snapshot.repo), 'snapshots', snapshot.commit, ...path.split('/'));
}

export function blobPath(hubCacheDir: string, repo: string, blob: string): string {
  return join(repoDir(hubCacheDir, repo), 'blobs', blob);
}

/** The relative symlink target from a snapshot file to its blob, as the hub libraries write it. */
export function blobLinkTarget(snapshotFile: string, blob: string): string {
  return relative(dirname(snapshotFile), blob);
}

function manifestPath(cacheDir: string, key: CommitRef & { split: string }): string {
  return join(cacheDir, 'manifests', repoFolder(key.repo), key.commit, `${key.split}.json`);
}

function legacyManifestPath(hubCacheDir: string, key: CommitRef & { split: string }): string {
  return join(repoDir(hubCacheDir, key.repo), 'snapshots', key.commit, `.steward-manifest-${key.split}.json`);
}

async function readCommit(hubCacheDir: string, repo: string, revision: string): Promise<string | undefined> {
  const text = await readFile(refPath(hubCacheDir, repo, revision), 'utf8').catch(() => undefined);
  // A revision that is a commit needs no ref (the hub libraries write none for it).
  const commit = text?.trim() ?? (isCommitId(revision) ? revision : undefined);
  return commit !== undefined && isCommitId(commit) ? commit : undefined;
}

async function readManifest(path: string): Promise<HubManifest | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    if (!parsed.success) return undefined;
    return parsed.data.files.every((file) => describeUnsafePath(file.path) === undefined)
      ? parsed.data
      : undefined;
  } catch {
    return undefined;
  }
}

export interface CachedSplit {
  manifest: HubManifest;
  /** The hub cache folder the files are in. */
  hubCacheDir: string;
}

/**
 * The cached split for a revision, if every file the manifest lists is there with its recorded size: first
 * in the hub cache with Steward's manifest, then caches written by older Steward versions.
 */
export async function findCachedSplit(
  location: HubCacheLocation,
  id: { repo: string; revision: string; split: string },
): Promise<CachedSplit | undefined> {
  const hubCacheDir = hubCacheDirOf(location);
  const legacyHubCacheDir = join(location.cacheDir, 'hub');
  const candidates: { hubCacheDir: string; manifest: (commit: string) => string }[] = [
    { hubCacheDir, manifest: (commit) => manifestPath(location.cacheDir, { ...id, commit }) },
    { hubCacheDir, manifest: (commit) => legacyManifestPath(hubCacheDir, { ...id, commit }) },
  ];
  if (legacyHubCacheDir !== hubCacheDir) {
    candidates.push({
      hubCacheDir: legacyHubCacheDir,
      manifest: (commit) => legacyManifestPath(legacyHubCacheDir, { ...id, commit }),
    });
  }
  for (const candidate of candidates) {
    const commit = await readCommit(candidate.hubCacheDir, id.repo, id.revision);
    if (commit === undefined) continue;
    const manifest = await readManifest(candidate.manifest(commit));
    if (manifest === undefined || manifest.commit !== commit || manifest.files.length === 0) continue;
    if (await hasAllFiles(candidate.hubCacheDir, manifest))
      return { manifest, hubCacheDir: candidate.hubCacheDir };
  }
  return undefined;
}

async function hasAllFiles(hubCacheDir: string, manifest: HubManifest): Promise<boolean> {
  for (const file of manifest.files) {
    const size = await stat(snapshotFilePath(hubCacheDir, manifest, file.path)).then(
      (info) => info.size,
      () => undefined,
    );
    if (size !== file.size) return false;
  }
  return true;
}

/** Records the split's manifest, then points the revision at its commit (last, so a crash leaves no ref). */
export async function writeCachedSplit(location: HubCacheLocation, manifest: HubManifest): Promise<void> {
  const path = manifestPath(location.cacheDir, manifest);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  const ref = refPath(hubCacheDirOf(location), manifest.repo, manifest.revision);
  if (manifest.revision === manifest.commit) return;
  await mkdir(dirname(ref), { recursive: true });
  await writeFile(ref, manifest.commit);
}
