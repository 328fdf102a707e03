import { createHash } from 'node:crypto';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMIT, PATH, REPO, startFakeHub } from './__fixtures__/fake-hub.js';
import type { FakeHub } from './__fixtures__/fake-hub.js';
import { describeUnsafePath } from './hub-cache.js';
import { fetchHubDataset } from './hub.js';
import type { HubOptions } from './hub.js';
import { V1_PARQUET_ROWS, writeV1Parquet } from './test-fixtures.js';

const parquet = Buffer.from(writeV1Parquet(V1_PARQUET_ROWS));
const sha256 = createHash('sha256').update(parquet).digest('hex');
const id = { repo: REPO, revision: 'main', split: 'test' };
const REPO_FOLDER = 'datasets--ncbi--MedCalc-Bench-v1.0';

const hubs: FakeHub[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A Steward cache and a separate Hugging Face hub cache, as with the default configuration. */
function makeCaches(endpoint: string): HubOptions {
  const root = mkdtempSync(join(tmpdir(), 'steward-hf-cache-'));
  folders.push(root);
  return {
    cacheDir: join(root, 'steward'),
    hubCacheDir: join(root, 'huggingface', 'hub'),
    endpoint,
    token: undefined,
    offline: false,
  };
}

async function startHub(): Promise<FakeHub> {
  const hub = await startFakeHub(parquet);
  hubs.push(hub);
  return hub;
}

describe('the shared Hugging Face hub cache', () => {
  it('stores a download as huggingface_hub does: blob by sha256, relative symlink, ref; manifest kept apart', async () => {
    const hub = await startHub();
    const options = makeCaches(hub.endpoint);
    const snapshot = await fetchHubDataset(id, options);
    const repoDir = join(options.hubCacheDir!, REPO_FOLDER);
    const snapshotFile = join(repoDir, 'snapshots', COMMIT, ...PATH.split('/'));
    expect(snapshot.files[0]?.localPath).toBe(snapshotFile);
    expect(lstatSync(snapshotFile).isSymbolicLink()).toBe(true);
    expect(readlinkSync(snapshotFile)).toBe(join('..', '..', '..', 'blobs', sha256));
    expect(readFileSync(join(repoDir, 'blobs', sha256))).toEqual(parquet);
    expect(readFileSync(join(repoDir, 'refs', 'main'), 'utf8')).toBe(COMMIT);
    const manifest = JSON.parse(
      readFileSync(join(options.cacheDir, 'manifests', REPO_FOLDER, COMMIT, 'test.json'), 'utf8'),
    ) as unknown;
    expect(manifest).toMatchObject({ commit: COMMIT, files: [{ path: PATH, size: parquet.length, sha256 }] });

    const offline = await fetchHubDataset(id, { ...options, endpoint: 'http://127.0.0.1:9', offline: true });
    expect(offline.files).toEqual(snapshot.files);
  });

  it('reuses a file another tool put in the hub cache, checking its sha256 instead of downloading it', async () => {
    const hub = await startHub();
    const options = makeCaches(hub.endpoint);
    const repoDir = join(options.hubCacheDir!, REPO_FOLDER);
    mkdirSync(join(repoDir, 'blobs'), { recursive: true });
    writeFileSync(join(repoDir, 'blobs', sha256), parquet);
    mkdirSync(join(repoDir, 'snapshots', COMMIT, 'data'), { recursive: true });
    symlinkSync(
      join('..', '..', '..', 'blobs', sha256),
      join(repoDir, 'snapshots', COMMIT, ...PATH.split('/')),
    );
    const snapshot = await fetchHubDataset(id, options);
    expect(hub.requests.filter((request) => request.url.includes('/resolve/'))).toEqual([]);
    expect(snapshot.files[0]?.sha256).toBe(sha256);
  });

  it('downloads again when the file in the hub cache does not match the listed sha256', async () => {
    const hub = await startHub();
    const options = makeCaches(hub.endpoint);
    const snapshotFile = join(options.hubCacheDir!, REPO_FOLDER, 'snapshots', COMMIT, ...PATH.split('/'));
    mkdirSync(join(snapshotFile, '..'), { recursive: true });
    writeFileSync(snapshotFile, 'damaged');
    const snapshot = await fetchHubDataset(id, options);
    expect(hub.requests.filter((request) => request.url.includes('/resolve/'))).toHaveLength(1);
    expect(readFileSync(snapshot.files[0]!.localPath)).toEqual(parquet);
  });

  it('still reads a cache written by an older Steward (files and manifest under <cacheDir>/hub)', async () => {
    const options = makeCaches('http://127.0.0.1:9');
    const repoDir = join(options.cacheDir, 'hub', REPO_FOLDER);
    const snapshotDir = join(repoDir, 'snapshots', COMMIT);
    mkdirSync(join(snapshotDir, 'data'), { recursive: true });
    writeFileSync(join(snapshotDir, ...PATH.split('/')), parquet);
    const manifest = { repo: REPO, revision: 'main', commit: COMMIT, split: 'test', downloadedAt: 'earlier' };
    writeFileSync(
      join(snapshotDir, '.steward-manifest-test.json'),
      JSON.stringify({ ...manifest, files: [{ path: PATH, size: parquet.length, sha256 }] }),
    );
    mkdirSync(join(repoDir, 'refs'));
    writeFileSync(join(repoDir, 'refs', 'main'), COMMIT);
    const snapshot = await fetchHubDataset(id, { ...options, offline: true });
    expect(snapshot.files[0]?.localPath).toBe(join(snapshotDir, ...PATH.split('/')));
    expect(snapshot.commit).toBe(COMMIT);

    // A manifest whose paths leave the cache is not trusted.
    writeFileSync(
      join(snapshotDir, '.steward-manifest-test.json'),
      JSON.stringify({ ...manifest, files: [{ path: '../../../../../etc/passwd', size: 1, sha256 }] }),
    );
    await expect(fetchHubDataset(id, { ...options, offline: true })).rejects.toThrow(/not in the cache/);
  });
});

describe('describeUnsafePath', () => {
  it('accepts ordinary repository paths', () => {
    for (const path of [PATH, 'test.csv', 'a/b/c.d.e-f_g.jsonl', '.gitattributes', 'data/..hidden.csv']) {
      expect(describeUnsafePath(path)).toBeUndefined();
    }
  });
  it('names what is wrong with the others', () => {
    expect(describeUnsafePath('')).toBe('it is empty');
    expect(describeUnsafePath('a/../../b')).toBe('it has a "." or ".." segment');
    expect(describeUnsafePath('./a')).toBe('it has a "." or ".." segment');
    expect(describeUnsafePath('/etc/passwd')).toBe('it is absolute');
    expect(describeUnsafePath('a\\b')).toBe('it contains a backslash');
    expect(describeUnsafePath('a/')).toBe('it has an empty segment');
    expect(describeUnsafePath('a\0b')).toBe('it contains a NUL character');
  });
});
