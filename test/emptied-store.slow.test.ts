import { asc, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '../src/llm/usage-ledger.js';
import { addUser, createPasswordToken, createSession } from '../src/store/accounts.js';
import { createStoreUsageLedger } from '../src/store/llm-usage.js';
import { rootMessage } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations.js';
import type { StoreDatabase } from '../src/store/open.js';
import { events, llmUsage, schema, stewardMigrations } from '../src/store/schema.js';
import { STORE_TARGETS } from './database.js';
import { emptiedStorePerTest } from './emptied-store.js';

const USAGE: UsageRecord = {
  model: 'openai/m',
  promptId: 'p',
  promptVersion: '1',
  verifier: 'v',
  itemId: '1',
  runIndex: 0,
  inputTokens: 1,
  outputTokens: 1,
  costUsd: 0,
  latencyMs: 1,
  cached: false,
  attempts: 1,
  outcome: 'ok',
  at: new Date('2026-03-01T12:00:00Z'),
};

const TABLES = (Object.values(schema) as PgTable[]).filter((table) => table !== stewardMigrations);

async function countRows(db: StoreDatabase): Promise<Record<string, number>> {
  const counts = await Promise.all(
    TABLES.map(async (table) => [getTableName(table), await db.$count(table)]),
  );
  return Object.fromEntries(counts) as Record<string, number>;
}

const embedded = STORE_TARGETS.find((target) => target.name === 'pglite');
if (embedded === undefined) throw new Error('STORE_TARGETS has no pglite target');

// The helper itself, on the embedded store only: on the server it runs under the store tests that use it (accounts,
// llm-store), whose later tests fail when rows or disabled triggers are left behind.
describe('emptiedStorePerTest', () => {
  const open = emptiedStorePerTest(embedded);

  it('gives each test the same store as the migrations leave it: no rows, identities restarted, guards on', async () => {
    const first = await open();
    const user = await addUser(first.db, {
      email: 'a@example.org',
      role: 'admin',
      actor: 'test',
      passwordHash: 'scrypt$16$8$1$AAAA$BBBB',
    });
    const now = () => USAGE.at;
    await createSession(first.db, { userId: user.id, ttlMs: 60_000, now });
    await createPasswordToken(first.db, { userId: user.id, ttlMs: 60_000, now });
    await createStoreUsageLedger(first.db).record(USAGE);
    expect(await countRows(first.db)).toMatchObject({
      users: 1,
      sessions: 1,
      user_tokens: 1,
      events: 4,
      llm_usage: 1,
    });

    const { db } = await open();
    expect(db).toBe(first.db);
    expect(await countRows(db)).toEqual(Object.fromEntries(TABLES.map((table) => [getTableName(table), 0])));
    expect(await db.$count(stewardMigrations)).toBe(MIGRATIONS.length);
    await addUser(db, { email: 'b@example.org', role: 'admin', actor: 'test' });
    await createStoreUsageLedger(db).record(USAGE);
    expect(await db.select({ id: events.id }).from(events).orderBy(asc(events.id))).toEqual([{ id: 1 }]);
    expect(await db.select({ id: llmUsage.id }).from(llmUsage)).toEqual([{ id: 1 }]);
    for (const [statement, message] of [
      ['DELETE FROM events', /event log is append-only/],
      ['TRUNCATE events', /event log is append-only/],
      ['DELETE FROM llm_usage', /llm_usage is append-only/],
      ['UPDATE llm_usage SET model = model', /llm_usage is append-only/],
    ] as const) {
      const error = await db.execute(sql.raw(statement)).catch((caught: unknown) => caught);
      expect(rootMessage(error), statement).toMatch(message);
    }
  });
});
