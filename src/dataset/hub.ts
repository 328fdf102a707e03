import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../app-error.js';

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

export interface HubOptions {
  cacheDir: string;
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
  /** The commit sha the revision pointed to when downloaded (the revision itself if the hub gave none). */
  commit: string;
  split: string;
  files: CachedFile[];
  downloadedAt: string;
}

const manifestSchema = z.object({
  repo: z.string(),
  revision: z.string(),
  commit: z.string(),
  split: z.string(),
  files: z.array(z.object({ path: z.string(), size: z.number(), sha256: z.string() })),
  downloadedAt: z.string(),
});

const treeSchema = z.array(
  z.object({
    type: z.string(),
    path: z.string(),
    size: z.number().optional(),
    lfs: z.object({ oid: z.string(), size: z.number().optional() }).optional(),
  }),
);

const revisionSchema = z.object({ sha: z.string().min(1) });

const DATA_EXTENSIONS = ['.parquet', '.jsonl', '.csv'];

/** The Hugging Face cache layout: datasets--owner--name/{refs/<revision>, snapshots/<commit>/<path>}. */
function repoDir(options: HubOptions, repo: string): string {
  return join(options.cacheDir, 'hub', `datasets--${repo.replace('/', '--')}`);
}

function refPath(options: HubOptions, id: HubDatasetId): string {
  return join(repoDir(options, id.repo), 'refs', id.revision.replace(/\//g, '--'));
}

function snapshotDir(options: HubOptions, repo: string, commit: string): string {
  return join(repoDir(options, repo), 'snapshots', commit);
}

function manifestPath(options: HubOptions, id: HubDatasetId, commit: string): string {
  return join(snapshotDir(options, id.repo, commit), `.steward-manifest-${id.split}.json`);
}

async function readCachedSnapshot(options: HubOptions, id: HubDatasetId): Promise<HubSnapshot | undefined> {
  try {
    const commit = (await readFile(refPath(options, id), 'utf8')).trim();
    const manifest = manifestSchema.parse(
      JSON.parse(await readFile(manifestPath(options, id, commit), 'utf8')),
    );
    const files = manifest.files.map((file) => ({
      ...file,
      localPath: join(snapshotDir(options, id.repo, commit), file.path),
    }));
    for (const file of files) {
      if ((await stat(file.localPath)).size !== file.size) return undefined;
    }
    return { ...manifest, files };
  } catch {
    return undefined;
  }
}

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
    `${reason}, and ${id.repo}@${id.revision} (${id.split}) is not in the cache at ${options.cacheDir}`,
    {
      fix: 'Connect to the network and retry, or download the split elsewhere and pass the file with --data <path> (CSV, JSONL or Parquet).',
      cause,
      details: { repo: id.repo, revision: id.revision, split: id.split },
    },
  );
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

/** Downloads one file, resuming a previous partial download with an HTTP Range request. */
async function downloadFile(url: string, target: string, options: HubOptions): Promise<void> {
  const partial = `${target}.incomplete`;
  await mkdir(dirname(target), { recursive: true });
  const existing = await stat(partial).then(
    (info) => info.size,
    () => 0,
  );
  const response = await hubFetch(url, options, existing > 0 ? { range: `bytes=${existing}-` } : {});
  if (response.status !== 200 && response.status !== 206) {
    throw new AppError('DOWNLOAD_FAILED', `download of ${url} failed: HTTP ${response.status}`, {
      fix:
        response.status === 401 || response.status === 403
          ? 'Set HF_TOKEN for gated datasets.'
          : 'Check the dataset id and revision.',
    });
  }
  if (response.body === null) throw new AppError('DOWNLOAD_FAILED', `download of ${url} returned no body`);
  const append = response.status === 206;
  await pipeline(Readable.fromWeb(response.body), createWriteStream(partial, { flags: append ? 'a' : 'w' }));
  await rename(partial, target);
}

async function fetchJson(url: string, options: HubOptions, what: string): Promise<unknown> {
  const response = await hubFetch(url, options);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new AppError('DOWNLOAD_FAILED', `${what} failed: HTTP ${response.status}`);
  return response.json();
}

/** The commit a revision (branch, tag or sha) points to; the revision itself if the hub does not say. */
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
  return parsed.success ? parsed.data.sha : id.revision;
}

async function fetchTree(
  id: HubDatasetId,
  commit: string,
  options: HubOptions,
): Promise<z.infer<typeof treeSchema>> {
  const url = `${options.endpoint}/api/datasets/${id.repo}/tree/${encodeURIComponent(commit)}?recursive=true`;
  const parsed = treeSchema.safeParse(await fetchJson(url, options, `listing ${id.repo}`));
  if (!parsed.success)
    throw new AppError('DOWNLOAD_FAILED', `unexpected file listing from ${options.endpoint} for ${id.repo}`);
  return parsed.data;
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
  const result: CachedFile[] = [];
  for (const path of selected) {
    const localPath = join(snapshotDir(options, id.repo, commit), path);
    await downloadFile(
      `${options.endpoint}/datasets/${id.repo}/resolve/${encodeURIComponent(commit)}/${path}`,
      localPath,
      options,
    );
    const sha256 = await sha256File(localPath);
    const expected = files.find((file) => file.path === path)?.lfs?.oid;
    if (expected !== undefined && expected !== sha256) {
      await rm(localPath, { force: true });
      throw new AppError(
        'DOWNLOAD_FAILED',
        `checksum mismatch for ${path}: expected sha256 ${expected}, got ${sha256}`,
        {
          fix: 'The download was corrupted; run the command again to download it afresh.',
        },
      );
    }
    result.push({ path, localPath, size: (await stat(localPath)).size, sha256 });
  }
  const snapshot: HubSnapshot = {
    repo: id.repo,
    revision: id.revision,
    commit,
    split: id.split,
    files: result,
    downloadedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  const manifest = { ...snapshot, files: result.map(({ path, size, sha256 }) => ({ path, size, sha256 })) };
  await writeFile(manifestPath(options, id, commit), `${JSON.stringify(manifest, null, 2)}\n`);
  await mkdir(dirname(refPath(options, id)), { recursive: true });
  await writeFile(refPath(options, id), commit);
  return snapshot;
}

/**
 * Makes one split of a hub dataset available locally. Uses the cache when it has the revision (no network at
 * all); otherwise resolves the revision to a commit, lists that commit, downloads the split's files (resumable),
 * checks each against the hub's sha256 when given, and records commit, sizes and checksums in a manifest.
 */
export async function fetchHubDataset(id: HubDatasetId, options: HubOptions): Promise<HubSnapshot> {
  const cached = await readCachedSnapshot(options, id);
  if (cached !== undefined && (options.refresh !== true || options.offline)) return cached;
  if (options.offline) throw offlineError(id, options);
  try {
    return await downloadSnapshot(id, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (cached !== undefined) return cached;
    throw offlineError(id, options, error);
  }
}
