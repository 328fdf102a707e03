import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { COMMIT, PATH, REPO, startFakeHub } from './__fixtures__/fake-hub.js';
import type { FakeHub } from './__fixtures__/fake-hub.js';
import { fetchHubDataset, parseHubId, selectSplitFiles, type HubOptions } from './hub.js';
import { loadDataset } from './load.js';
import { V1_PARQUET_ROWS, writeV1Parquet } from './test-fixtures.js';

const hubs: FakeHub[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function makeFolder(prefix: string): string {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  folders.push(folder);
  return folder;
}

function sha256(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function hubOptions(endpoint: string, cacheDir = makeFolder('steward-cache-')): HubOptions {
  return { cacheDir, endpoint, token: undefined, offline: false };
}

describe('hub ids and split selection', () => {
  it('parses owner/name[@revision][:split]', () => {
    expect(parseHubId('ncbi/MedCalc-Bench-v1.0')).toEqual({ repo: REPO, revision: 'main', split: 'test' });
    expect(parseHubId('hf://datasets/ncbi/MedCalc-Bench-v1.0@abc123:train')).toEqual({
      repo: REPO,
      revision: 'abc123',
      split: 'train',
    });
    expect(parseHubId('not a hub id')).toBeUndefined();
  });
  it('picks the split files, preferring Parquet', () => {
    expect(
      selectSplitFiles(
        ['data/test-00000-of-00001.parquet', 'test.csv', 'data/train-00000-of-00001.parquet'],
        'test',
      ),
    ).toEqual(['data/test-00000-of-00001.parquet']);
    expect(selectSplitFiles(['dataset/test_data.csv', 'dataset/train_data.csv'], 'test')).toEqual([
      'dataset/test_data.csv',
    ]);
  });
});

describe('fetchHubDataset against a loopback hub', () => {
  const parquet = Buffer.from(writeV1Parquet(V1_PARQUET_ROWS));

  it('resolves the revision to a commit, downloads the split, records its sha256, then works offline from the cache', async () => {
    const hub = await startFakeHub(parquet);
    hubs.push(hub);
    const options = hubOptions(hub.endpoint);
    const snapshot = await fetchHubDataset({ repo: REPO, revision: 'main', split: 'test' }, options);
    expect(snapshot.commit).toBe(COMMIT);
    const files = snapshot.files;
    expect(files.map((file) => file.path)).toEqual([PATH]);
    expect(files[0]!.localPath).toContain(join('datasets--ncbi--MedCalc-Bench-v1.0', 'snapshots', COMMIT));
    expect(
      readFileSync(
        join(options.cacheDir, 'hub', 'datasets--ncbi--MedCalc-Bench-v1.0', 'refs', 'main'),
        'utf8',
      ),
    ).toBe(COMMIT);
    expect(files[0]?.sha256).toBe(sha256(parquet));
    expect(readFileSync(files[0]!.localPath)).toEqual(parquet);
    expect(hub.requests.some((request) => request.url.includes('train'))).toBe(false);

    await hub.close();
    hubs.pop();
    const offline = await loadDataset(REPO, {
      cwd: tmpdir(),
      hub: { ...options, endpoint: 'http://127.0.0.1:9', offline: true },
    });
    expect(offline.instances.map((instance) => instance.label)).toEqual(['93.333', '22.857']);
    expect(offline.source).toBe(`${REPO}@main:test`);
    expect(offline.provenance).toMatchObject({ kind: 'hub', repo: REPO, revision: 'main', commit: COMMIT });
  });

  it('resumes a partial download with an HTTP Range request', async () => {
    const hub = await startFakeHub(parquet);
    hubs.push(hub);
    const options = hubOptions(hub.endpoint);
    // A partial download sits beside its blob, named by the sha256 the listing gives.
    const blob = join(
      options.cacheDir,
      'hub',
      'datasets--ncbi--MedCalc-Bench-v1.0',
      'blobs',
      sha256(parquet),
    );
    mkdirSync(join(blob, '..'), { recursive: true });
    writeFileSync(`${blob}.incomplete`, parquet.subarray(0, 100));
    const { files } = await fetchHubDataset({ repo: REPO, revision: 'main', split: 'test' }, options);
    expect(hub.requests.find((request) => request.url.includes('/resolve/'))?.range).toBe('bytes=100-');
    expect(readFileSync(files[0]!.localPath)).toEqual(parquet);
  });

  it('rejects a download whose sha256 differs from the hub listing and removes it', async () => {
    const hub = await startFakeHub(parquet, { advertisedSha: '0'.repeat(64) });
    hubs.push(hub);
    const options = hubOptions(hub.endpoint);
    const error = await fetchHubDataset({ repo: REPO, revision: 'main', split: 'test' }, options).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DOWNLOAD_FAILED');
    expect((error as AppError).message).toMatch(/checksum mismatch/);
    expect(
      existsSync(
        join(options.cacheDir, 'hub', 'datasets--ncbi--MedCalc-Bench-v1.0', 'snapshots', COMMIT, PATH),
      ),
    ).toBe(false);
  });

  it('an unknown dataset is a clear error; an unknown split lists the files', async () => {
    const hub = await startFakeHub(parquet);
    hubs.push(hub);
    const missing = await fetchHubDataset(
      { repo: 'nobody/nothing', revision: 'main', split: 'test' },
      hubOptions(hub.endpoint),
    ).then(
      () => {
        throw new Error('expected a failure');
      },
      (caught: unknown) => caught as AppError,
    );
    expect(missing.message).toMatch(/not found/);
    const noSplit = await fetchHubDataset(
      { repo: REPO, revision: 'main', split: 'validation' },
      hubOptions(hub.endpoint),
    ).then(
      () => {
        throw new Error('expected a failure');
      },
      (caught: unknown) => caught as AppError,
    );
    expect(noSplit.message).toMatch(/no "validation" split/);
  });

  it('with the hub unreachable and nothing cached, says NETWORK_UNAVAILABLE and names --data', async () => {
    const error = await fetchHubDataset(
      { repo: REPO, revision: 'main', split: 'test' },
      hubOptions('http://127.0.0.1:9'),
    ).then(
      () => {
        throw new Error('expected a failure');
      },
      (caught: unknown) => caught as AppError,
    );
    expect(error.code).toBe('NETWORK_UNAVAILABLE');
    expect(error.fix).toContain('--data <path>');
  });

  it('in offline mode, says how to work offline (a local file or the cache folder), not to connect', async () => {
    const options = hubOptions('http://127.0.0.1:9');
    const error = await fetchHubDataset(
      { repo: REPO, revision: 'main', split: 'test' },
      { ...options, offline: true },
    ).then(
      () => {
        throw new Error('expected a failure');
      },
      (caught: unknown) => caught as AppError,
    );
    expect(error.code).toBe('NETWORK_UNAVAILABLE');
    expect(error.fix).not.toMatch(/connect to the network/i);
    expect(error.fix).toContain(
      'To work offline, use a local copy: pass the split as a file with --data <path>',
    );
    expect(error.fix).toContain(`fill the cache folder ${join(options.cacheDir, 'hub')}`);
  });
});

/** Runs a promise that must fail with an AppError and returns the error. */
async function expectAppError(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(outcome).toBeInstanceOf(AppError);
  return outcome as AppError;
}

/** Every file under a folder, as paths relative to it. */
function listFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => join(entry.parentPath, entry.name).slice(folder.length + 1))
    .sort();
}

describe('what fetchHubDataset accepts from the hub', () => {
  const parquet = Buffer.from(writeV1Parquet(V1_PARQUET_ROWS));
  const id = { repo: REPO, revision: 'main', split: 'test' };

  it.each([
    ['a ".." segment', '../../../../../test.parquet'],
    ['an absolute path', '/tmp/steward-escape/test.parquet'],
    ['a backslash', '..\\..\\..\\escape/test.parquet'],
    ['an empty segment', 'data//test.parquet'],
    ['a NUL character', 'data\0/test.parquet'],
  ])('refuses a listed path with %s, naming it, and writes nothing', async (_, path) => {
    const hub = await startFakeHub(parquet, { path });
    hubs.push(hub);
    const root = makeFolder('steward-escape-');
    const options = hubOptions(hub.endpoint, join(root, 'cache'));
    const error = await expectAppError(fetchHubDataset(id, options));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain(`unsafe file path ${JSON.stringify(path)}`);
    expect(error.details).toMatchObject({ path });
    expect(listFiles(root)).toEqual([]);
    expect(hub.requests.some((request) => request.url.includes('/resolve/'))).toBe(false);
  });

  it.each([
    ['a path', '../../../escape'],
    ['upper case', COMMIT.toUpperCase()],
    ['a branch name', 'main'],
    ['too short', COMMIT.slice(0, 39)],
  ])('refuses a commit id that is %s, naming it', async (_, sha) => {
    const hub = await startFakeHub(parquet, { sha });
    hubs.push(hub);
    const options = hubOptions(hub.endpoint);
    const error = await expectAppError(fetchHubDataset(id, options));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain(`invalid commit id ${JSON.stringify(sha)}`);
    expect(listFiles(options.cacheDir)).toEqual([]);
  });

  it('refuses a revision the hub does not resolve to a commit', async () => {
    const hub = await startFakeHub(parquet, { sha: undefined });
    hubs.push(hub);
    const error = await expectAppError(fetchHubDataset(id, hubOptions(hub.endpoint)));
    expect(error.message).toContain('gave no commit for ncbi/MedCalc-Bench-v1.0@main');
  });

  it('refuses an advertised sha256 that is not one (it names the blob file)', async () => {
    const hub = await startFakeHub(parquet, { advertisedSha: '../../../escape' });
    hubs.push(hub);
    const options = hubOptions(hub.endpoint);
    const error = await expectAppError(fetchHubDataset(id, options));
    expect(error.message).toContain('invalid sha256 "../../../escape"');
    expect(listFiles(options.cacheDir)).toEqual([]);
  });

  it('refuses a revision that could leave the refs folder, before any request', async () => {
    const hub = await startFakeHub(parquet);
    hubs.push(hub);
    const error = await expectAppError(
      fetchHubDataset({ ...id, revision: '../x' }, hubOptions(hub.endpoint)),
    );
    expect(error.code).toBe('ARGUMENT_INVALID');
    expect(error.message).toContain('"../x"');
    expect(hub.requests).toEqual([]);
  });
});

describe('fetchHubDataset with --refresh', () => {
  const parquet = Buffer.from(writeV1Parquet(V1_PARQUET_ROWS));
  const id = { repo: REPO, revision: 'main', split: 'test' };

  async function cachedThenFailing(status: number): Promise<{ hub: FakeHub; options: HubOptions }> {
    const hub = await startFakeHub(parquet);
    hubs.push(hub);
    const options = { ...hubOptions(hub.endpoint), now: () => new Date('2024-05-01T00:00:00Z') };
    await fetchHubDataset(id, options);
    hub.behaviour.failWith = status;
    return { hub, options: { ...options, refresh: true } };
  }

  it.each([500, 502, 503, 429])('falls back to the cached copy on HTTP %i and says so', async (status) => {
    const { hub, options } = await cachedThenFailing(status);
    const requestsBefore = hub.requests.length;
    const snapshot = await fetchHubDataset(id, options);
    expect(hub.requests.length).toBeGreaterThan(requestsBefore);
    expect(snapshot.commit).toBe(COMMIT);
    expect(readFileSync(snapshot.files[0]!.localPath)).toEqual(parquet);
    expect(snapshot.warnings).toEqual([
      `could not refresh ${REPO}@main from ${hub.endpoint} (resolving ${REPO}@main failed: HTTP ${status}); ` +
        `using the cached copy of commit ${COMMIT} downloaded 2024-05-01T00:00:00.000Z`,
    ]);
  });

  it('falls back to the cached copy when the hub cannot be reached', async () => {
    const { hub, options } = await cachedThenFailing(200);
    await hub.close();
    hubs.splice(hubs.indexOf(hub), 1);
    const snapshot = await fetchHubDataset(id, options);
    expect(snapshot.warnings).toHaveLength(1);
    expect(snapshot.warnings[0]).toMatch(
      /^could not refresh .*fetch failed.*; using the cached copy of commit/,
    );
  });

  it('does not hide a 404 or a refused answer behind the cache', async () => {
    const { options } = await cachedThenFailing(404);
    const error = await expectAppError(fetchHubDataset(id, options));
    expect(error.message).toMatch(/not found/);
  });

  it('without a cached copy, an HTTP 503 is an error', async () => {
    const hub = await startFakeHub(parquet, { failWith: 503 });
    hubs.push(hub);
    const error = await expectAppError(fetchHubDataset(id, { ...hubOptions(hub.endpoint), refresh: true }));
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain('HTTP 503');
  });

  it('refreshes without downloading again when the commit has not moved', async () => {
    const { hub, options } = await cachedThenFailing(200);
    hub.behaviour.failWith = undefined;
    const snapshot = await fetchHubDataset(id, options);
    expect(snapshot.warnings).toEqual([]);
    expect(hub.requests.filter((request) => request.url.includes('/resolve/'))).toHaveLength(1);
  });

  it('offline, --refresh uses the cached copy and says the hub was not checked', async () => {
    const { hub, options } = await cachedThenFailing(200);
    const requestsBefore = hub.requests.length;
    const snapshot = await fetchHubDataset(id, { ...options, offline: true });
    expect(hub.requests.length).toBe(requestsBefore);
    expect(snapshot.warnings).toEqual([
      'offline mode is on, so --refresh did not check the hub; using the cached copy',
    ]);
  });
});
