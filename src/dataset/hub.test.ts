import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { fetchHubDataset, parseHubId, selectSplitFiles, type HubOptions } from './hub.js';
import { loadDataset } from './load.js';
import { V1_PARQUET_ROWS, writeV1Parquet } from './test-fixtures.js';

const REPO = 'ncbi/MedCalc-Bench-v1.0';
const PATH = 'data/test-00000-of-00001.parquet';
const COMMIT = 'c0ffee0000000000000000000000000000000001';

interface FakeHub {
  endpoint: string;
  requests: { url: string; range: string | undefined }[];
  close: () => Promise<void>;
}

/** A loopback server in the Hugging Face hub's URL layout: the tree API and resolve/ downloads with Range. */
async function startFakeHub(file: Buffer, options: { advertisedSha?: string } = {}): Promise<FakeHub> {
  const requests: FakeHub['requests'] = [];
  const sha = options.advertisedSha ?? createHash('sha256').update(file).digest('hex');
  const server: Server = createServer((request: IncomingMessage, response) => {
    const url = request.url ?? '';
    requests.push({ url, range: request.headers.range });
    if (url === `/api/datasets/${REPO}/revision/main`) {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ id: REPO, sha: COMMIT }));
      return;
    }
    if (url.startsWith(`/api/datasets/${REPO}/tree/${COMMIT}`)) {
      response.setHeader('content-type', 'application/json');
      response.end(
        JSON.stringify([
          { type: 'file', path: 'README.md', size: 10 },
          { type: 'directory', path: 'data' },
          { type: 'file', path: PATH, size: file.length, lfs: { oid: sha, size: file.length } },
          { type: 'file', path: 'data/train-00000-of-00001.parquet', size: 5, lfs: { oid: 'x', size: 5 } },
        ]),
      );
      return;
    }
    if (url === `/datasets/${REPO}/resolve/${COMMIT}/${PATH}`) {
      const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        response.statusCode = 206;
        response.setHeader('content-range', `bytes ${start}-${file.length - 1}/${file.length}`);
        response.end(file.subarray(start));
      } else {
        response.end(file);
      }
      return;
    }
    response.statusCode = 404;
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const hubs: FakeHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
});

function hubOptions(endpoint: string, cacheDir = mkdtempSync(join(tmpdir(), 'steward-cache-'))): HubOptions {
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
    expect(files[0]?.sha256).toBe(createHash('sha256').update(parquet).digest('hex'));
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
    const target = join(
      options.cacheDir,
      'hub',
      'datasets--ncbi--MedCalc-Bench-v1.0',
      'snapshots',
      COMMIT,
      PATH,
    );
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(`${target}.incomplete`, parquet.subarray(0, 100));
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
});
