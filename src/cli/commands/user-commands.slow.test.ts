import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { pgliteTestTarget } from '../../../test/database.js';
import { hostStore } from '../../../test/store-host.js';
import type { StoreHost } from '../../../test/store-host.js';
import { ROLES } from '../../contracts/review-api.js';
import { verifyPassword } from '../../server/auth/password.js';
import type { ScryptParameters } from '../../server/auth/password.js';
import { createSession, findUserByEmail, redeemPasswordToken } from '../../store/accounts.js';
import { openStore } from '../../store/open.js';
import { userAddSpec } from '../command-table.js';
import { runCli } from '../index.js';
import type { CliIo } from '../io.js';
import { userAddCommand } from './user-add.js';
import type { UserAddOptions } from './user-add.js';
import { userDisableCommand } from './user-disable.js';
import { userLinkCommand } from './user-link.js';
import { userListCommand } from './user-list.js';

const FAST: ScryptParameters = { cost: 2 ** 4, blockSize: 8, parallelization: 1 };
const NOW = new Date('2026-03-01T12:00:00.000Z');
const now = () => NOW;

/** A folder of the test's own, removed after it (with the host of its database, if it has one). */
let folder: string | undefined;
let folderHost: StoreHost | undefined;
/** The database the tests that need only accounts of their own share (each uses its own e-mail addresses). */
let shared: Promise<{ cwd: string; host: StoreHost }> | undefined;

afterEach(async () => {
  try {
    await folderHost?.close();
    if (shared !== undefined) await (await shared).host.expectIdle();
  } finally {
    folderHost = undefined;
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  }
});

afterAll(async () => {
  if (shared === undefined) return;
  const { cwd, host } = await shared;
  shared = undefined;
  try {
    await host.close();
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

/**
 * A folder holding an empty Steward database in `db` (a copy of one made once per worker, `pgliteTestTarget`), open
 * in a host that shares it over its socket (`hostStore`): the commands run in it reach the database through the
 * socket instead of starting PGlite each (0.15–0.25 s of CPU per command), and the host checks after each test
 * that every command closed its store. The tests whose point is that a command creates the database, or does not,
 * start without one and open it themselves.
 */
async function makeFolderWithDatabase(): Promise<{ cwd: string; host: StoreHost }> {
  const { target } = await pgliteTestTarget();
  if (target.kind !== 'pglite') throw new Error('pgliteTestTarget gave a server database');
  const cwd = dirname(target.dataDir);
  try {
    return { cwd, host: await hostStore(target.dataDir) };
  } catch (error) {
    rmSync(cwd, { recursive: true, force: true });
    throw error;
  }
}

/** The test's own folder with a database (see `makeFolderWithDatabase`): for a test that needs every account. */
async function useFolderWithDatabase(): Promise<string> {
  const made = await makeFolderWithDatabase();
  folder = made.cwd;
  folderHost = made.host;
  return made.cwd;
}

/** The folder with the database shared by the tests that need only accounts of their own. */
async function useSharedDatabase(): Promise<string> {
  shared ??= makeFolderWithDatabase();
  return (await shared).cwd;
}

function makeIo(
  stdin?: { text: string; isTty?: boolean },
  cwd?: string,
): { cwd: string; io: CliIo; output: () => string } {
  const where = cwd ?? (folder ??= mkdtempSync(join(tmpdir(), 'steward-user-cli-')));
  let stdout = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stdout += text),
    env: {},
    cwd: where,
    isTty: false,
    ...(stdin === undefined
      ? {}
      : {
          stdin: {
            isTty: () => stdin.isTty === true,
            readText: () => Promise.resolve(stdin.text),
          },
        }),
  };
  return { cwd: where, io, output: () => stdout };
}

function addOptions(io: CliIo, extra: Partial<UserAddOptions>): UserAddOptions {
  return {
    email: 'alice@example.org',
    role: 'physician',
    passwordStdin: undefined,
    baseUrl: undefined,
    db: 'db',
    json: undefined,
    io,
    now,
    scryptParameters: FAST,
    ...extra,
  };
}

async function withStore<T>(
  cwd: string,
  use: (db: Awaited<ReturnType<typeof openStore>>['db']) => Promise<T>,
) {
  const store = await openStore({ kind: 'pglite', dataDir: join(cwd, 'db') });
  try {
    return await use(store.db);
  } finally {
    await store.close();
  }
}

describe('steward user add', () => {
  it('offers exactly the roles of the review contract', () => {
    expect(userAddSpec.options.role.choices).toEqual(ROLES);
    expect(userAddSpec.options.role.required).toBe(true);
  });

  it('prints a one-time link valid 72 hours that sets the password once', async () => {
    const { io, cwd } = makeIo(undefined, await useSharedDatabase());
    const result = await userAddCommand(addOptions(io, { email: ' Alice@Example.org ' }));
    const match = /^ {2}http:\/\/localhost:8787\/set-password#token=([A-Za-z0-9_-]{43})$/m.exec(result.text);
    expect(match, result.text).not.toBeNull();
    const token = match![1]!;
    expect(result.text).toContain('Added alice@example.org (physician).');
    expect(result.text).toContain('for 72 hours (until 2026-03-04T12:00:00.000Z)');
    expect(result.text).toContain('shown only once');
    expect(result.json).toEqual({
      schemaVersion: 1,
      user: { id: expect.any(String), email: 'alice@example.org', role: 'physician' },
      passwordSet: false,
      passwordLink: {
        url: `http://localhost:8787/set-password#token=${token}`,
        expiresAt: '2026-03-04T12:00:00.000Z',
      },
    });

    const again = userAddCommand(addOptions(io, { email: 'ALICE@example.org', role: 'admin' }));
    await expect(again).rejects.toMatchObject({ code: 'USER_EXISTS' });

    await withStore(cwd, async (db) => {
      const user = await redeemPasswordToken(db, { token, passwordHash: 'scrypt$16$8$1$AAAA$BBBB', now });
      expect(user.email).toBe('alice@example.org');
      await expect(
        redeemPasswordToken(db, { token, passwordHash: 'scrypt$16$8$1$AAAA$BBBB', now }),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    });
  });

  it('reissues a link for an existing account, voiding the earlier one; refuses unknown and disabled accounts', async () => {
    const { io, cwd } = makeIo(undefined, await useSharedDatabase());
    const added = await userAddCommand(addOptions(io, { email: 'bob@example.org' }));
    const first = /#token=([A-Za-z0-9_-]{43})$/m.exec(added.text)![1]!;
    const reissued = await userLinkCommand({
      email: 'Bob@example.org',
      baseUrl: undefined,
      db: 'db',
      json: undefined,
      io,
      now,
    });
    const second = /#token=([A-Za-z0-9_-]{43})$/m.exec(reissued.text)![1]!;
    expect(second).not.toBe(first);
    expect(reissued.text).toContain('earlier links no longer work');
    await withStore(cwd, async (db) => {
      await expect(
        redeemPasswordToken(db, { token: first, passwordHash: 'scrypt$16$8$1$AAAA$BBBB', now }),
      ).rejects.toMatchObject({ code: 'AUTH_FAILED' });
      const user = await redeemPasswordToken(db, {
        token: second,
        passwordHash: 'scrypt$16$8$1$AAAA$BBBB',
        now,
      });
      expect(user.email).toBe('bob@example.org');
    });
    await expect(
      userLinkCommand({
        email: 'nobody@example.org',
        baseUrl: undefined,
        db: 'db',
        json: undefined,
        io,
        now,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await userDisableCommand({ email: 'bob@example.org', db: 'db', json: undefined, io, now });
    await expect(
      userLinkCommand({ email: 'bob@example.org', baseUrl: undefined, db: 'db', json: undefined, io, now }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('builds the link on --base-url, keeping a path prefix, and refuses what is not http(s)', async () => {
    const { io } = makeIo(undefined, await useSharedDatabase());
    const result = await userAddCommand(
      addOptions(io, {
        email: 'erin@example.org',
        baseUrl: 'https://review.example.org/steward/',
        role: 'adjudicator',
      }),
    );
    expect(result.text).toMatch(
      /^ {2}https:\/\/review\.example\.org\/steward\/set-password#token=[\w-]{43}$/m,
    );
    for (const baseUrl of [
      'review.example.org',
      'ftp://review.example.org',
      'https://x.org/?a=1',
      'http://',
    ]) {
      await expect(
        userAddCommand(addOptions(io, { email: 'frank@example.org', baseUrl })),
        baseUrl,
      ).rejects.toMatchObject({ code: 'ARGUMENT_INVALID' });
    }
  });

  it('sets the password piped to stdin, stripping one trailing newline', async () => {
    const { io, cwd } = makeIo({ text: 'a long passphrase \r\n' }, await useSharedDatabase());
    const result = await userAddCommand(
      addOptions(io, { email: 'grace@example.org', passwordStdin: true, role: 'admin' }),
    );
    expect(result.text).toBe('Added grace@example.org (admin) with the password read from stdin.');
    expect(result.text).not.toContain('set-password');
    expect(result.json).toMatchObject({ passwordSet: true, passwordLink: null });
    const stored = await withStore(cwd, (db) => findUserByEmail(db, 'grace@example.org'));
    expect(stored?.passwordHash).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(await verifyPassword('a long passphrase ', stored?.passwordHash)).toBe(true);
    expect(await verifyPassword('a long passphrase', stored?.passwordHash)).toBe(false);
  });

  it('refuses a terminal, an empty pipe, several lines and a weak password, creating nothing', async () => {
    const cases: [{ text: string; isTty?: boolean } | undefined, RegExp][] = [
      [undefined, /needs a standard input/],
      [{ text: 'a long passphrase\n', isTty: true }, /stdin is a terminal/],
      [{ text: '' }, /empty password/],
      [{ text: '\n' }, /empty password/],
      [{ text: 'a long passphrase\n\n' }, /more than one line/],
      [{ text: 'short\n' }, /too weak: use at least 12 characters/],
      [{ text: 'alice@example.org\n' }, /do not use the e-mail address/],
    ];
    for (const [stdin, message] of cases) {
      const { io, cwd } = makeIo(stdin);
      const failing = userAddCommand(addOptions(io, { passwordStdin: true }));
      await expect(failing, JSON.stringify(stdin)).rejects.toMatchObject({
        code: 'ARGUMENT_INVALID',
        message: expect.stringMatching(message),
      });
      expect(existsSync(join(cwd, 'db'))).toBe(false);
    }
  });
});

describe('steward user list and user disable', () => {
  it('refuse to create a database where none is', async () => {
    const { io, cwd } = makeIo();
    await expect(userListCommand({ io, db: 'db', json: undefined })).rejects.toMatchObject({
      code: 'ITEM_NOT_FOUND',
    });
    await expect(
      userDisableCommand({ io, db: 'db', email: 'a@example.org', json: undefined }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
    expect(existsSync(join(cwd, 'db'))).toBe(false);
  });

  it('list the accounts, and disable one, ending its sessions', async () => {
    const { io, cwd } = makeIo({ text: 'a long passphrase\n' }, await useFolderWithDatabase());
    await userAddCommand(addOptions(io, { email: 'admin@example.org', role: 'admin', passwordStdin: true }));
    await userAddCommand(addOptions(io, { email: 'bob@example.org' }));
    const empty = await userListCommand({ io, db: 'db', json: undefined });
    const lines = empty.text.split('\n');
    expect(lines[0]).toMatch(/^email\s+role\s+disabled\s+password\s+created$/);
    expect(lines[2]).toMatch(/^admin@example\.org\s+admin\s+no\s+set\s+2026-03-01T12:00:00\.000Z$/);
    expect(lines[3]).toMatch(/^bob@example\.org\s+physician\s+no\s+not set\s+2026-03-01T12:00:00\.000Z$/);

    await withStore(cwd, async (db) => {
      const bob = await findUserByEmail(db, 'bob@example.org');
      await createSession(db, { userId: bob!.id, ttlMs: 60_000, now });
    });
    const disabled = await userDisableCommand({
      io,
      db: 'db',
      email: 'Bob@example.org',
      json: undefined,
      now,
    });
    expect(disabled.text).toBe('Disabled bob@example.org (physician); ended 1 session.');
    expect(disabled.json).toMatchObject({ alreadyDisabled: false, endedSessions: 1 });
    const again = await userDisableCommand({ io, db: 'db', email: 'bob@example.org', json: undefined });
    expect(again.text).toBe('bob@example.org was already disabled (since 2026-03-01T12:00:00.000Z).');
    await expect(
      userDisableCommand({ io, db: 'db', email: 'nobody@example.org', json: undefined }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const listed = await userListCommand({ io, db: 'db', json: true });
    expect(listed.json).toEqual({
      schemaVersion: 1,
      users: [
        {
          id: expect.any(String),
          email: 'admin@example.org',
          role: 'admin',
          disabled: false,
          disabledAt: null,
          hasPassword: true,
          createdAt: '2026-03-01T12:00:00.000Z',
        },
        {
          id: expect.any(String),
          email: 'bob@example.org',
          role: 'physician',
          disabled: true,
          disabledAt: '2026-03-01T12:00:00.000Z',
          hasPassword: false,
          createdAt: '2026-03-01T12:00:00.000Z',
        },
      ],
    });
  });
});

describe('the user commands through the CLI', () => {
  it('need --role from the closed list, and print the link with exit code 0', async () => {
    const { io, cwd, output } = makeIo();
    const run = (...args: string[]) => runCli(['node', 'steward', ...args], io);
    expect(await run('user', 'add', 'carol@example.org', '--db', 'db')).toBe(2);
    expect(await run('user', 'add', 'carol@example.org', '--role', 'root', '--db', 'db')).toBe(2);
    expect(existsSync(join(cwd, 'db'))).toBe(false);
    expect(await run('user', 'add', 'carol@example.org', '--role', 'adjudicator', '--db', 'db')).toBe(0);
    expect(output()).toMatch(/http:\/\/localhost:8787\/set-password#token=[\w-]{43}/);
    expect(await run('user', 'add', 'carol@example.org', '--role', 'admin', '--db', 'db')).toBe(9);
    expect(await run('user', 'disable', 'carol@example.org', '--db', 'db', '--json')).toBe(0);
    expect(output()).toContain('"alreadyDisabled": false');
  });
});
