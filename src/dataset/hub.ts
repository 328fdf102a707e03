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

const manifestSchema = z.object({
  repo: z.string(),
  revision: z.string(),
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

const DATA_EXTENSIONS = ['.parquet', '.jsonl', '.csv'];

function snapshotDir(options: HubOptions, id: HubDatasetId): string {
  return join(
    options.cacheDir,
    'hub',
    `datasets--${id.repo.replace('/', '--')}`,
    'snapshots',
    id.revision.replace(/\//g, '--'),
  );
}

function manifestPath(options: HubOptions, id: HubDatasetId): string {
  return join(snapshotDir(options, id), `.steward-manifest-${id.split}.json`);
}

async function readManifest(options: HubOptions, id: HubDatasetId): Promise<CachedFile[] | undefined> {
  try {
    const manifest = manifestSchema.parse(JSON.parse(await readFile(manifestPath(options, id), 'utf8')));
    const files = manifest.files.map((file) => ({
      ...file,
      localPath: join(snapshotDir(options, id), file.path),
    }));
    for (const file of files) {
      if ((await stat(file.localPath)).size !== file.size) return undefined;
    }
    return files;
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
      fix: `Connect to the network and retry, or download the split elsewhere and pass the file with --data <path> (CSV, JSONL or Parquet).`,
      cause,
      details: { repo: id.repo, revision: id.revision, split: id.split },
    },
  );
}

async function hubFetch(
  url: string,
  options: HubOptions,
  init: { headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (options.token !== undefined) headers['authorization'] = `Bearer ${options.token}`;
  return (options.fetch ?? fetch)(url, { headers, redirect: 'follow' });
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
  const response = await hubFetch(
    url,
    options,
    existing > 0 ? { headers: { range: `bytes=${existing}-` } } : {},
  );
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

async function fetchTree(id: HubDatasetId, options: HubOptions): Promise<z.infer<typeof treeSchema>> {
  const url = `${options.endpoint}/api/datasets/${id.repo}/tree/${encodeURIComponent(id.revision)}?recursive=true`;
  const response = await hubFetch(url, options);
  if (response.status === 404) {
    throw new AppError(
      'DOWNLOAD_FAILED',
      `dataset ${id.repo}@${id.revision} not found on ${options.endpoint}`,
      {
        fix: 'Check the owner/name and revision (e.g. ncbi/MedCalc-Bench-v1.0), or pass a local file with --data <path>.',
      },
    );
  }
  if (!response.ok)
    throw new AppError('DOWNLOAD_FAILED', `listing ${id.repo} failed: HTTP ${response.status}`);
  const parsed = treeSchema.safeParse(await response.json());
  if (!parsed.success)
    throw new AppError('DOWNLOAD_FAILED', `unexpected file listing from ${options.endpoint} for ${id.repo}`);
  return parsed.data;
}

/**
 * Makes one split of a hub dataset available locally and returns its files. Uses the cache when it has the
 * revision (no network at all); otherwise lists the repo, downloads the split's files (resumable), checks each
 * against the hub's sha256 when the hub gives one, records sha256 and size in a manifest, then returns them.
 */
export async function fetchHubDataset(id: HubDatasetId, options: HubOptions): Promise<CachedFile[]> {
  const cached = await readManifest(options, id);
  if (cached !== undefined && (options.refresh !== true || options.offline)) return cached;
  if (options.offline) throw offlineError(id, options);
  let tree: z.infer<typeof treeSchema>;
  try {
    tree = await fetchTree(id, options);
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (cached !== undefined) return cached;
    throw offlineError(id, options, error);
  }
  const files = tree.filter((entry) => entry.type === 'file');
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
    const entry = files.find((file) => file.path === path);
    const localPath = join(snapshotDir(options, id), path);
    const url = `${options.endpoint}/datasets/${id.repo}/resolve/${encodeURIComponent(id.revision)}/${path}`;
    try {
      await downloadFile(url, localPath, options);
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw offlineError(id, options, error);
    }
    const sha256 = await sha256File(localPath);
    const expected = entry?.lfs?.oid;
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
  const manifest = {
    repo: id.repo,
    revision: id.revision,
    split: id.split,
    files: result.map(({ path, size, sha256 }) => ({ path, size, sha256 })),
    downloadedAt: (options.now ?? (() => new Date()))().toISOString(),
  };
  await writeFile(manifestPath(options, id), `${JSON.stringify(manifest, null, 2)}\n`);
  return result;
}
