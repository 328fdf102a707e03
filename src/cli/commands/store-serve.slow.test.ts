import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runSteward } from '../../../test/run-steward.js';
import { SOCKET_FILE } from '../../store/socket-bridge.js';
import type { CliIo } from '../io.js';
import { storeServeCommand } from './store-serve.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-store-serve-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('steward store serve', () => {
  it('keeps the database open for other commands until stopped', async () => {
    const cwd = join(folder, 'cli');
    mkdirSync(cwd);
    const stop = new AbortController();
    let stdout = '';
    const io: CliIo = {
      stdout: (text) => (stdout += text),
      stderr: () => undefined,
      env: {},
      cwd,
      isTty: false,
      signal: stop.signal,
    };
    let sharing: (socket: string) => void = () => undefined;
    const shared = new Promise<string>((resolve) => (sharing = resolve));
    const serving = storeServeCommand({
      io,
      db: 'db',
      idleTimeout: undefined,
      json: undefined,
      onSharing: sharing,
    });
    const socket = await shared;
    expect(socket).toBe(join(cwd, 'db.sock', SOCKET_FILE));
    const added = await runSteward(['user', 'add', 'doc@example.org', '--role', 'physician'], { cwd });
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    const listed = await runSteward(['user', 'list'], { cwd });
    expect(listed.stdout).toContain('doc@example.org');
    stop.abort();
    const result = await serving;
    expect(result.text).toBe('store closed');
    expect(stdout).toContain(`on ${socket}`);
    expect(existsSync(join(cwd, 'db.sock'))).toBe(false);
  });

  it('stops by itself after --idle-timeout seconds with no command connected, never while one is', async () => {
    const cwd = join(folder, 'idle');
    mkdirSync(cwd);
    const io: CliIo = { stdout: () => undefined, stderr: () => undefined, env: {}, cwd, isTty: false };
    let sharing: (socket: string) => void = () => undefined;
    const shared = new Promise<string>((resolve) => (sharing = resolve));
    let finished = false;
    const serving = storeServeCommand({
      io,
      db: 'db',
      idleTimeout: 1,
      json: undefined,
      onSharing: sharing,
    }).then((result) => {
      finished = true;
      return result;
    });
    await shared;
    // A client stays connected for 2.5 s: the server must not stop under it.
    const client = new pg.Client({ host: join(cwd, 'db.sock'), user: 'postgres', database: 'postgres' });
    await client.connect();
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(finished).toBe(false);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await client.end();
    const result = await serving;
    expect(result.text).toBe('store closed after 1 s idle');
    expect(existsSync(join(cwd, 'db.sock'))).toBe(false);
  });

  it('says what is in the way when the socket folder cannot be made', async () => {
    const cwd = join(folder, 'blocked');
    mkdirSync(cwd);
    writeFileSync(join(cwd, 'db.sock'), 'not a folder');
    const result = await runSteward(['store', 'serve', '--db', 'db'], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error: cannot share ${join(cwd, 'db')}: no Unix socket can listen in`);
    expect(result.stderr).toContain(`fix: Move away what is at ${join(cwd, 'db.sock')}`);
  });
});
