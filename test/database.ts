import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { readProcessEnvironment } from '../src/config.js';
import { openStore } from '../src/store/open.js';
import type { Store, StoreTarget } from '../src/store/open.js';
import { afterEach } from 'vitest';

const environment = readProcessEnvironment();

/**
 * A PostgreSQL server for the store tests (`STEWARD_TEST_DATABASE_URL`, a role allowed to create databases).
 * `.ci/run` installs and starts one; without it the server variant of the tests is skipped locally and fails
 * in CI.
 */
export const POSTGRES_TEST_URL = environment['STEWARD_TEST_DATABASE_URL'];
export const POSTGRES_REQUIRED = environment['CI'] !== undefined && environment['CI'] !== '';

export interface TestTarget {
  target: StoreTarget;
  cleanup(): Promise<void>;
}

let template: Promise<string> | undefined;

/** initdb takes seconds; each test copies one migrated data folder made once per worker instead. */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-template-'));
    const store = await openStore({ kind: 'pglite', dataDir: join(folder, 'db') });
    await store.close();
    return join(folder, 'db');
  })();
  return template;
}

export async function pgliteTestTarget(): Promise<TestTarget> {
  const source = await pgliteTemplate();
  const folder = mkdtempSync(join(tmpdir(), 'steward-store-'));
  cpSync(source, join(folder, 'db'), { recursive: true });
  return {
    target: { kind: 'pglite', dataDir: join(folder, 'db') },
    cleanup: () => {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/** A new embedded database folder with no migration applied (slower: it runs initdb). */
export async function emptyPgliteTestTarget(): Promise<TestTarget> {
  const folder = mkdtempSync(join(tmpdir(), 'steward-empty-'));
  const { PGlite } = await import('@electric-sql/pglite');
  const database = await PGlite.create(join(folder, 'db'));
  await database.close();
  return {
    target: { kind: 'pglite', dataDir: join(folder, 'db') },
    cleanup: () => {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

/**
 * Runs SQL on a test database without the store (no migrations, no lock): to build a database the way an older
 * Steward left it.
 */
export async function executeOnTarget(target: StoreTarget, statements: readonly string[]): Promise<void> {
  if (target.kind === 'pglite') {
    const { PGlite } = await import('@electric-sql/pglite');
    const database = await PGlite.create(target.dataDir);
    try {
      for (const statement of statements) await database.exec(statement);
    } finally {
      await database.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh database on the test server, dropped by `cleanup`. */
export async function postgresTestTarget(): Promise<TestTarget> {
  if (POSTGRES_TEST_URL === undefined) throw new Error('STEWARD_TEST_DATABASE_URL is not set');
  const name = `steward_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    cleanup: async () => {
      const dropper = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/**
 * Both stores the store and audit tests run against; the server one is skipped without a test server. `make`
 * gives a migrated database, `makeEmpty` one with no migration applied.
 */
export const STORE_TARGETS = [
  { name: 'pglite', make: pgliteTestTarget, makeEmpty: emptyPgliteTestTarget, skip: false },
  {
    name: 'postgres',
    make: postgresTestTarget,
    makeEmpty: postgresTestTarget,
    skip: POSTGRES_TEST_URL === undefined,
  },
];

/**
 * Call inside a `describe`: returns `open()`, which gives each test a fresh store, closed and removed after the
 * test.
 */
export function freshStorePerTest(make: () => Promise<TestTarget>): () => Promise<Store> {
  let target: TestTarget | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await target?.cleanup();
    target = undefined;
  });
  return async () => {
    target = await make();
    store = await openStore(target.target);
    return store;
  };
}
