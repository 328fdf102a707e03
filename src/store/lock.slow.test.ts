import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { acquireLock } from './lock.js';

const CONTENDER_SOURCE = fileURLToPath(new URL('./__fixtures__/lock-contender.ts', import.meta.url));

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

function makeFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'steward-lock-'));
  folders.push(folder);
  return folder;
}

/** The pid of a process that has exited (the kernel could reuse it, but not within a test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
  if (child.pid === undefined) throw new Error('could not start a child process');
  return child.pid;
}

function writeStaleLock(path: string, pid = deadPid()): void {
  writeFileSync(path, JSON.stringify({ pid, host: hostname(), since: '2020-01-01T00:00:00.000Z' }));
}

interface ContenderReport {
  pid: number;
  won: number[];
  refused: string[];
}

async function readLine(lines: AsyncIterator<string>): Promise<string> {
  const next = await lines.next();
  if (next.done === true) throw new Error('a contender exited early');
  return next.value;
}

/**
 * The contender and the real lock.ts it imports, bundled from the sources into one JavaScript file that plain `node`
 * starts: under `--import tsx` each of the eight contenders spent about 0.15 s of CPU loading tsx. esbuild is the
 * compiler tsx runs on (tsx, a devDependency, depends on it); bundling takes a few tens of milliseconds.
 */
let contender: string;
let bundleFolder: string;
beforeAll(async () => {
  bundleFolder = mkdtempSync(join(tmpdir(), 'steward-lock-contender-'));
  contender = join(bundleFolder, 'lock-contender.mjs');
  await build({
    entryPoints: [CONTENDER_SOURCE],
    outfile: contender,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
});
afterAll(() => {
  rmSync(bundleFolder, { recursive: true, force: true });
});

/** Starts contenders, waits until each is ready, releases them together and collects what each won. */
async function race(directory: string, contenders: number, locks: number): Promise<ContenderReport[]> {
  const children: ChildProcessWithoutNullStreams[] = [];
  try {
    const readers = [];
    for (let index = 0; index < contenders; index++) {
      const child = spawn(process.execPath, [contender, directory, String(locks)], { stdio: 'pipe' });
      children.push(child);
      readers.push(createInterface({ input: child.stdout })[Symbol.asyncIterator]());
    }
    for (const reader of readers) expect(await readLine(reader)).toBe('ready');
    for (const child of children) child.stdin.write('go\n');
    const reports: ContenderReport[] = [];
    for (const reader of readers) reports.push(JSON.parse(await readLine(reader)) as ContenderReport);
    return reports;
  } finally {
    // The winners hold their locks until here, so no contender could see another's lock as stale.
    for (const child of children) child.stdin.end();
    await Promise.all(
      children.map((child) => (child.exitCode === null ? once(child, 'exit') : Promise.resolve())),
    );
  }
}

describe('acquireLock', () => {
  it('refuses a lock held by a live process and takes over one whose owner has exited', () => {
    const folder = makeFolder();
    const path = join(folder, 'db.lock');
    const held = acquireLock(path);
    const error = (() => {
      try {
        acquireLock(path);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('DATABASE_LOCKED');
    expect((error as AppError).message).toContain(`process ${process.pid}`);
    held.release();
    expect(readdirSync(folder)).toEqual([]);

    writeStaleLock(path);
    const taken = acquireLock(path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    expect(readdirSync(folder)).toEqual(['db.lock']);
    taken.release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('honours an unreadable lock while it is young (its owner may be writing it) and takes it over when old', () => {
    const folder = makeFolder();
    const path = join(folder, 'db.lock');
    writeFileSync(path, '');
    expect(() => acquireLock(path)).toThrow(/being opened by another process/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(path, old, old);
    acquireLock(path).release();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('does not remove a lock it no longer owns on release', () => {
    const folder = makeFolder();
    const path = join(folder, 'db.lock');
    const held = acquireLock(path);
    writeStaleLock(path, process.pid);
    held.release();
    expect(readdirSync(folder)).toEqual(['db.lock']);
  });

  it('lets exactly one of eight processes take over the same stale lock', async () => {
    const folder = makeFolder();
    const locks = 60;
    // One exited process owns them all: starting a process per lock cost about 2.5 s of CPU.
    const pid = deadPid();
    for (let index = 0; index < locks; index++) writeStaleLock(join(folder, `db${index}.lock`), pid);
    const reports = await race(folder, 8, locks);
    for (let index = 0; index < locks; index++) {
      const winners = reports.filter((report) => report.won.includes(index)).map((report) => report.pid);
      expect({ lock: index, winners: winners.length }).toEqual({ lock: index, winners: 1 });
      const owner = JSON.parse(readFileSync(join(folder, `db${index}.lock`), 'utf8')) as { pid: number };
      expect(owner.pid).toBe(winners[0]);
    }
    expect(new Set(reports.flatMap((report) => report.refused))).toEqual(new Set(['DATABASE_LOCKED']));
    // No claim files are left beside the locks.
    expect(readdirSync(folder).sort()).toEqual(
      Array.from({ length: locks }, (_, index) => `db${index}.lock`).sort(),
    );
  });
});
