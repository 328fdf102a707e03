import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, symlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import {
  blobLinkTarget,
  blobPath,
  describeUnsafePath,
  findCachedSplit,
  hubCacheDirOf,
  isCommitId,
  isSha256,
  requireSafePath,
  snapshotFilePath,
  writeCachedSplit,
} from './hub-cache.js';
import type { CommitRef, HubCacheLocation, HubManifest } from './hub-cache.js';

/** `owner/name`, optional `@revision`, optional `:split` (default test). */
export interface HubDatasetId {
  repo: string;
  revision: string;
  split: string;
}

const HUB_ID = /^(?:hf:\/\/datasets\/)?([A-Za-z0-9][\w.-]*\/[\w.-]+?)(?:@([\w./-]+?))?(?::([\w-]+))?$/;

export function parseHubId(text: string): HubDatasetId | undefined {
  const match = HUB_ID.exec(text.trim());
  if (!match?.[1]) return undefined;
  return { repo: match[1], revision: match[2] ?? 'main', split: match[3] ?? 'test' };
}

export interface HubOptions extends HubCacheLocation {
  endpoint: string;
  token: string | undefined;
  offline: boolean;
  /** Re-check the hub even when the cache has this revision. */
  refresh?: boolean;
  fetch?: typeof fetch;
  /** Clock for the manifest's download time. */
  now?: () => Date;
}

export interface CachedFile {
  path: string;
  localPath: string;
  size: number;
  sha256: string;
}

/** What was downloaded: the commit a revision resolved to and the checksum of each file. */
export interface HubSnapshot {
  repo: string;
  revision: string;
  /** The commit sha (40 hex digits) the revision pointed to when downloaded. */
  commit: string;
  split: string;
  files: CachedFile[];
  downloadedAt: string;
  /** For the user: e.g. the hub could not be reached with --refresh, so the cached copy was used. */
  warnings: string[];
}

const treeSchema = z.array(
  z.object({
    type: z.string(),
    path: z.string(),
    size: z.number().optional(),
    oid: z.string().optional(),
    lfs: z.object({ oid: z.string(), size: z.number().optional() }).optional(),
  }),
);

type TreeEntry = z.infer<typeof treeSchema>[number];

const revisionSchema = z.object({ sha: z.string().min(1) });

const DATA_EXTENSIONS = ['.parquet', '.jsonl', '.csv'];

/** Picks the files of one split: `data/test-00000-of-00001.parquet`, `test.csv`, `test/…`; Parquet preferred. */
export function selectSplitFiles(paths: readonly string[], split: string): string[] {
  const pattern = new RegExp(`(^|/)${split}([-_./]|$)`, 'i');
  const candidates = paths.filter(
    (path) => pattern.test(path) && DATA_EXTENSIONS.some((ext) => path.endsWith(ext)),
  );
  for (const extension of DATA_EXTENSIONS) {
    const chosen = candidates.filter((path) => path.endsWith(extension)).sort();
    if (chosen.length > 0) return chosen;
  }
  return [];
}

function offlineError(id: HubDatasetId, options: HubOptions, cause?: unknown): AppError {
  const reason = options.offline
    ? 'offline mode is on (HF_HUB_OFFLINE/STEWARD_OFFLINE)'
    : `cannot reach ${options.endpoint}`;
  return new AppError(
    'NETWORK_UNAVAILABLE',
    `${reason}, and ${id.repo}@${id.revision} (${id.split}) is not in the cache at ${hubCacheDirOf(options)}`,
    {
      fix: options.offline
        ? `To work offline, use a local copy: pass the split as a file with --data <path> (CSV, JSONL or Parquet), or fill the cache folder ${hubCacheDirOf(options)} by running the same command once with the network (HF_HUB_OFFLINE and STEWARD_OFFLINE unset) and copying that folder here.`
        : 'Connect to the network and retry, or download the split elsewhere and pass the file with --data <path> (CSV, JSONL or Parquet).',
      cause,
      details: { repo: id.repo, revision: id.revision, split: id.split },
    },
  );
}

function httpError(what: string, status: number, fix: string): AppError {
  return new AppError('DOWNLOAD_FAILED', `${what} failed: HTTP ${status}`, { fix, details: { status } });
}

async function hubFetch(
  url: string,
  options: HubOptions,
  headers: Record<string, string> = {},
): Promise<Response> {
  const allHeaders: Record<string, string> = { ...headers };
  if (options.token !== undefined) allHeaders['authorization'] = `Bearer ${options.token}`;
  return (options.fetch ?? fetch)(url, { headers: allHeaders, redirect: 'follow' });
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (info) => info.size,
    () => undefined,
  );
}

/** Downloads one file, resuming a previous partial download with an HTTP Range request. */
async function downloadFile(url: string, target: string, options: HubOptions): Promise<void> {
  const partial = `${target}.incomplete`;
  await mkdir(dirname(target), { recursive: true });
  const existing = (await sizeOf(partial)) ?? 0;
  const response = await hubFetch(url, options, existing > 0 ? { range: `bytes=${existing}-` } : {});
  if (response.status !== 200 && response.status !== 206) {
    throw httpError(
      `download of ${url}`,
      response.status,
      response.status === 401 || response.status === 403
        ? 'Set HF_TOKEN for gated datasets.'
        : 'Check the dataset id and revision.',
    );
  }
  if (response.body === null) throw new AppError('DOWNLOAD_FAILED', `download of ${url} returned no body`);
  const append = response.status === 206;
  await pipeline(Readable.fromWeb(response.body), createWriteStream(partial, { flags: append ? 'a' : 'w' }));
  await rename(partial, target);
}

async function fetchJson(url: string, options: HubOptions, what: string): Promise<unknown> {
  const response = await hubFetch(url, options);
  if (response.status === 404) return undefined;
  if (!response.ok) throw httpError(what, response.status, 'Retry later, or check HF_ENDPOINT.');
  return response.json();
}

/** The commit a revision (branch, tag or sha) points to: 40 lowercase hex digits, or an AppError. */
async function resolveCommit(id: HubDatasetId, options: HubOptions): Promise<string> {
  const url = `${options.endpoint}/api/datasets/${id.repo}/revision/${encodeURIComponent(id.revision)}`;
  const body = await fetchJson(url, options, `resolving ${id.repo}@${id.revision}`);
  if (body === undefined) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `dataset ${id.repo}@${id.revision} not found on ${options.endpoint}`,
      {
        fix: 'Check the owner/name and revision (e.g. ncbi/MedCalc-Bench-v1.0), or pass a local file with --data <path>.',
      },
    );
  }
  const parsed = revisionSchema.safeParse(body);
  const commit = parsed.success ? parsed.data.sha : isCommitId(id.revision) ? id.revision : undefined;
  if (commit === undefined || !isCommitId(commit)) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${options.endpoint} gave ${commit === undefined ? 'no commit' : `the invalid commit id ${JSON.stringify(commit)}`} for ${id.repo}@${id.revision}`,
      {
        fix: 'A commit id is 40 lowercase hex digits. Check HF_ENDPOINT points at a Hugging Face hub, or pin a commit with owner/name@<commit>.',
        details: { repo: id.repo, revision: id.revision, commit },
      },
    );
  }
  return commit;
}

async function fetchTree(id: HubDatasetId, commit: string, options: HubOptions): Promise<TreeEntry[]> {
  const url = `${options.endpoint}/api/datasets/${id.repo}/tree/${commit}?recursive=true`;
  const parsed = treeSchema.safeParse(await fetchJson(url, options, `listing ${id.repo}`));
  if (!parsed.success)
    throw new AppError('DOWNLOAD_FAILED', `unexpected file listing from ${options.endpoint} for ${id.repo}`);
  return parsed.data;
}

/** The blob name the hub libraries use: the LFS sha256, else the git object id; both checked before use. */
function blobNameOf(
  entry: TreeEntry,
  source: string,
): { blob: string | undefined; sha256: string | undefined } {
  const sha256 = entry.lfs?.oid;
  if (sha256 !== undefined && !isSha256(sha256)) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${source} gave the invalid sha256 ${JSON.stringify(sha256)} for ${entry.path}`,
      {
        details: { path: entry.path, sha256 },
      },
    );
  }
  const gitOid = entry.oid !== undefined && isCommitId(entry.oid) ? entry.oid : undefined;
  return { blob: sha256 ?? gitOid, sha256 };
}

/** Puts a blob at its snapshot path: a relative symlink, or a copy where the file system has no symlinks. */
async function linkSnapshotFile(blob: string, target: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  await rm(target, { force: true });
  await symlink(blobLinkTarget(target, blob), target).catch(() => copyFile(blob, target));
}

function checksumError(path: string, expected: string, actual: string): AppError {
  return new AppError(
    'DOWNLOAD_FAILED',
    `checksum mismatch for ${path}: expected sha256 ${expected}, got ${actual}`,
    {
      fix: 'The download was corrupted; run the command again to download it afresh.',
    },
  );
}

/**
 * Makes one file of a commit available in the snapshot: reuses what is there (from an earlier run or another
 * tool) when its sha256 matches the listing, else downloads it into blobs/ and links it.
 */
async function fetchFile(snapshot: CommitRef, entry: TreeEntry, options: HubOptions): Promise<CachedFile> {
  const hubCacheDir = hubCacheDirOf(options);
  const { blob, sha256: expected } = blobNameOf(entry, options.endpoint);
  const target = snapshotFilePath(hubCacheDir, snapshot, entry.path);
  if ((await sizeOf(target)) !== undefined) {
    const sha256 = await sha256File(target);
    if (expected === undefined || expected === sha256) {
      return { path: entry.path, localPath: target, size: (await sizeOf(target)) ?? 0, sha256 };
    }
  }
  const url = `${options.endpoint}/datasets/${snapshot.repo}/resolve/${snapshot.commit}/${entry.path.split('/').map(encodeURIComponent).join('/')}`;
  const downloaded = blob === undefined ? target : blobPath(hubCacheDir, snapshot.repo, blob);
  await downloadFile(url, downloaded, options);
  const sha256 = await sha256File(downloaded);
  if (expected !== undefined && expected !== sha256) {
    await rm(downloaded, { force: true });
    throw checksumError(entry.path, expected, sha256);
  }
  if (downloaded !== target) await linkSnapshotFile(downloaded, target);
  return { path: entry.path, localPath: target, size: (await sizeOf(target)) ?? 0, sha256 };
}

async function downloadSnapshot(id: HubDatasetId, options: HubOptions): Promise<HubSnapshot> {
  const commit = await resolveCommit(id, options);
  const files = (await fetchTree(id, commit, options)).filter((entry) => entry.type === 'file');
  const selected = selectSplitFiles(
    files.map((entry) => entry.path),
    id.split,
  );
  if (selected.length === 0) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `${id.repo}@${id.revision} has no "${id.split}" split in CSV, JSONL or Parquet`,
      {
        fix: `Files there: ${files.map((entry) => entry.path).join(', ') || 'none'}. Pick a split with "${id.repo}:<split>".`,
      },
    );
  }
  // Every path is checked before any is written, so a hostile listing writes nothing.
  for (const path of selected) requireSafePath(path, options.endpoint);
  const result: CachedFile[] = [];
  for (const path of selected) {
    const entry = files.find((file) => file.path === path);
    if (entry !== undefined) result.push(await fetchFile({ repo: id.repo, commit }, entry, options));
  }
  const manifest: HubManifest = {
    repo: id.repo,
    revision: id.revision,
    commit,
    split: id.split,
    files: result.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    downloadedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  await writeCachedSplit(options, manifest);
  return { ...manifest, files: result, warnings: [] };
}

async function readCachedSnapshot(id: HubDatasetId, options: HubOptions): Promise<HubSnapshot | undefined> {
  const cached = await findCachedSplit(options, id);
  if (cached === undefined) return undefined;
  const { manifest, hubCacheDir } = cached;
  const files = manifest.files.map((file) => ({
    ...file,
    localPath: snapshotFilePath(hubCacheDir, manifest, file.path),
  }));
  return { ...manifest, files, warnings: [] };
}

/** A failure that a cached copy can stand in for: the hub unreachable, overloaded or failing (429, 5xx). */
function isOutage(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  const status = error.details['status'];
  return error.code === 'DOWNLOAD_FAILED' && typeof status === 'number' && (status === 429 || status >= 500);
}

function describeFailure(error: unknown): string {
  if (error instanceof AppError) return error.message;
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

function requireSafeRevision(id: HubDatasetId): void {
  const problem = describeUnsafePath(id.revision);
  if (problem === undefined) return;
  throw new AppError(
    'ARGUMENT_INVALID',
    `the revision ${JSON.stringify(id.revision)} is not usable: ${problem}`,
    {
      fix: 'Name a branch, tag or commit, e.g. ncbi/MedCalc-Bench-v1.0@main.',
      details: { revision: id.revision },
    },
  );
}

/**
 * Makes one split of a hub dataset available locally. Uses the cache when it has the revision (no network at
 * all); otherwise resolves the revision to a commit, lists that commit, fetches the split's files (reusing
 * what the hub cache already has, resuming partial downloads), checks each against the hub's sha256 when
 * given, and records commit, sizes and checksums in Steward's manifest. With `refresh`, a hub outage falls
 * back to the cached copy with a warning. Paths and commit ids from the hub are checked before use.
 */
export async function fetchHubDataset(id: HubDatasetId, options: HubOptions): Promise<HubSnapshot> {
  requireSafeRevision(id);
  const cached = await readCachedSnapshot(id, options);
  if (cached !== undefined && options.refresh !== true) return cached;
  if (cached !== undefined && options.offline) {
    return {
      ...cached,
      warnings: ['offline mode is on, so --refresh did not check the hub; using the cached copy'],
    };
  }
  if (options.offline) throw offlineError(id, options);
  try {
    return await downloadSnapshot(id, options);
  } catch (error) {
    if (cached !== undefined && isOutage(error)) {
      return {
        ...cached,
        warnings: [
          `could not refresh ${id.repo}@${id.revision} from ${options.endpoint} (${describeFailure(error)}); ` +
            `using the cached copy of commit ${cached.commit} downloaded ${cached.downloadedAt}`,
        ],
      };
    }
    if (error instanceof AppError) throw error;
    throw offlineError(id, options, error);
  }
}
