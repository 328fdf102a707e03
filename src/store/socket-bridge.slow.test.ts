import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { addUser, listUsers } from './accounts.js';
import { openStore } from './open.js';
import type { Store } from './open.js';
import { SOCKET_FILE } from './socket-bridge.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-socket-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function countEvents(store: Store): Promise<number> {
  const result = await store.db.execute(sql`SELECT count(*)::int AS n FROM events`);
  return (result as { rows: { n: number }[] }).rows[0]?.n ?? -1;
}

/** A raw client on the socket, for what the store's own client never does (leaving mid-transaction). */
async function connectRaw(dataDir: string): Promise<pg.Client> {
  const client = new pg.Client({ host: `${dataDir}.sock`, user: 'postgres', database: 'postgres' });
  await client.connect();
  return client;
}

describe('sharing the embedded database over its socket', () => {
  it('lets other openers use the open database instead of failing on its lock, transaction by transaction', async () => {
    const dataDir = join(folder, 'shared');
    const host = await openStore({ kind: 'pglite', dataDir });
    try {
      expect((await host.share?.())?.path).toBe(join(`${dataDir}.sock`, SOCKET_FILE));
      const guest = await openStore({ kind: 'pglite', dataDir });
      try {
        expect(guest.share).toBeUndefined();
        await addUser(guest.db, { email: 'guest@example.org', role: 'physician', actor: 'test' });
        expect((await listUsers(host.db)).map((user) => user.email)).toEqual(['guest@example.org']);

        // While the guest is inside a transaction, the host's own queries wait for it to end.
        let releaseGuest: () => void = () => undefined;
        const guestHolds = new Promise<void>((resolve) => (releaseGuest = resolve));
        const order: string[] = [];
        const transaction = guest.db.transaction(async (tx) => {
          await tx.execute(sql`SELECT 1`);
          order.push('guest in transaction');
          await guestHolds;
          await addUser(tx, { email: 'second@example.org', role: 'physician', actor: 'test' });
          order.push('guest commits');
        });
        while (order.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
        const hostRead = listUsers(host.db).then((users) => {
          order.push(`host reads ${users.length} users`);
        });
        await new Promise((resolve) => setTimeout(resolve, 100));
        releaseGuest();
        await Promise.all([transaction, hostRead]);
        expect(order).toEqual(['guest in transaction', 'guest commits', 'host reads 2 users']);
      } finally {
        await guest.close();
      }
    } finally {
      await host.close();
    }
    expect(existsSync(`${dataDir}.sock`)).toBe(false);
    // Closed: the next opener starts the database itself and sees everything.
    const after = await openStore({ kind: 'pglite', dataDir });
    expect((await listUsers(after.db)).length).toBe(2);
    await after.close();
  });

  it('rolls back what a client left open and resets its session for the next one', async () => {
    const dataDir = join(folder, 'left-open');
    const host = await openStore({ kind: 'pglite', dataDir });
    try {
      await host.share?.();
      const before = await countEvents(host);
      const leaver = await connectRaw(dataDir);
      leaver.on('error', () => undefined);
      await leaver.query('CREATE TEMP TABLE scratch (x integer)');
      await leaver.query('BEGIN');
      await leaver.query(
        `INSERT INTO events (at, kind, actor, payload) VALUES (now(), 'test.left-open', 'test', '{}')`,
      );
      // Gone without COMMIT (a killed command): the insert is rolled back, the session is the host's again.
      leaver.connection.stream.destroy();
      expect(await countEvents(host)).toBe(before);
      const next = await connectRaw(dataDir);
      const temp = await next.query("SELECT to_regclass('pg_temp.scratch') IS NOT NULL AS present");
      expect(temp.rows[0]).toEqual({ present: false });
      await next.end();
    } finally {
      await host.close();
    }
  });

  it('closes while a client is inside a transaction: the client is cut off and its work rolled back', async () => {
    const dataDir = join(folder, 'host-closes');
    const host = await openStore({ kind: 'pglite', dataDir });
    await host.share?.();
    const before = await countEvents(host);
    const guest = await connectRaw(dataDir);
    guest.on('error', () => undefined);
    await guest.query('BEGIN');
    await guest.query(
      `INSERT INTO events (at, kind, actor, payload) VALUES (now(), 'test.uncommitted', 'test', '{}')`,
    );
    await host.close();
    expect(existsSync(`${dataDir}.sock`)).toBe(false);
    const after = await openStore({ kind: 'pglite', dataDir });
    try {
      expect(await countEvents(after)).toBe(before);
    } finally {
      await after.close();
    }
  });

  it('is not shared when its socket folder cannot be made, and works as before', async () => {
    const dataDir = join(folder, 'blocked');
    writeFileSync(`${dataDir}.sock`, 'not a folder');
    const store = await openStore({ kind: 'pglite', dataDir });
    try {
      expect(await store.share?.()).toBeUndefined();
      expect(await countEvents(store)).toBe(0);
    } finally {
      await store.close();
    }
    expect(readFileSync(`${dataDir}.sock`, 'utf8')).toBe('not a folder');
  });

  it('opens the folder itself when the socket file is left by a killed host', async () => {
    const dataDir = join(folder, 'stale');
    const first = await openStore({ kind: 'pglite', dataDir });
    await first.close();
    mkdirSync(`${dataDir}.sock`, { mode: 0o755 });
    writeFileSync(join(`${dataDir}.sock`, SOCKET_FILE), '');
    const store = await openStore({ kind: 'pglite', dataDir });
    try {
      expect(store.share).toBeDefined();
      expect(await countEvents(store)).toBe(0);
      // Sharing replaces the dead socket file, in a folder only its owner may enter.
      expect((await store.share?.())?.path).toBe(join(`${dataDir}.sock`, SOCKET_FILE));
      expect(statSync(`${dataDir}.sock`).mode & 0o777).toBe(0o700);
    } finally {
      await store.close();
    }
  });
});
