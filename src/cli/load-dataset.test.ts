import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, startFakeHub } from '../dataset/__fixtures__/fake-hub.js';
import type { FakeHub } from '../dataset/__fixtures__/fake-hub.js';
import { V1_PARQUET_ROWS, writeV1Parquet } from '../dataset/test-fixtures.js';
import { runCli } from './index.js';
import type { CliIo } from './io.js';

const hubs: FakeHub[] = [];
const folders: string[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.close()));
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function run(
  args: string[],
  env: CliIo['env'],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env,
    cwd: tmpdir(),
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

describe('loading a hub dataset from the CLI', () => {
  it('dataset inspect --refresh prints a warning and uses the cached copy when the hub fails', async () => {
    const hub = await startFakeHub(Buffer.from(writeV1Parquet(V1_PARQUET_ROWS)));
    hubs.push(hub);
    const cache = mkdtempSync(join(tmpdir(), 'steward-cli-hub-'));
    folders.push(cache);
    const env = { STEWARD_CACHE_DIR: cache, HF_ENDPOINT: hub.endpoint };
    const first = await run(['dataset', 'inspect', REPO], env);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');

    hub.behaviour.failWith = 503;
    const refreshed = await run(['dataset', 'inspect', REPO, '--refresh'], env);
    expect(refreshed.code).toBe(0);
    expect(refreshed.stdout).toContain('2 rows');
    expect(refreshed.stderr).toMatch(
      /^warning: could not refresh ncbi\/MedCalc-Bench-v1\.0@main .*HTTP 503.*cached copy/,
    );
  });
});
