import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { readProcessEnvironment } from '../src/config.js';
import { migrate, verifySchema } from '../src/store/migrate.js';
import { openStore } from '../src/store/open.js';
import type { Store, StoreTarget } from '../src/store/open.js';
import { afterAll, afterEach } from 'vitest';

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

/** The `public` schema as initdb makes it (owner, privileges and comment of PostgreSQL 15 and later). */
const RECREATE_PUBLIC = [
  'DROP SCHEMA public CASCADE',
  'CREATE SCHEMA public AUTHORIZATION pg_database_owner',
  'GRANT USAGE ON SCHEMA public TO PUBLIC',
  "COMMENT ON SCHEMA public IS 'standard public schema'",
];

/**
 * A new embedded database folder with no migration applied, without running initdb (about 2 s of CPU each time):
 * a copy of the worker's migrated test database (`pgliteTestTarget`) whose `public` schema, which holds every
 * table, function and trigger of Steward's migrations, is dropped and made again as initdb makes it. Throws if
 * anything is left in it.
 */
export async function emptyPgliteTestTarget(): Promise<TestTarget> {
  const copy = await pgliteTestTarget();
  if (copy.target.kind !== 'pglite') throw new Error('pgliteTestTarget gave a server database');
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const database = await PGlite.create(copy.target.dataDir);
    try {
      for (const statement of RECREATE_PUBLIC) await database.exec(statement);
      const left = await database.query<{ objects: number }>(
        `SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace)
              + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace)
              + (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace) AS objects`,
      );
      if (Number(left.rows[0]?.objects) !== 0) throw new Error('the emptied test database still has objects');
    } finally {
      await database.close();
    }
    return copy;
  } catch (error) {
    await copy.cleanup();
    throw error;
  }
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

async function runAsAdmin(statement: string): Promise<void> {
  if (POSTGRES_TEST_URL === undefined) throw new Error('STEWARD_TEST_DATABASE_URL is not set');
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

/**
 * Drops a test database. `WITH (FORCE)` ends its sessions first, but a pool connection still closing can make
 * the drop fail with "being accessed by other users" on a busy machine: retried a few times before failing.
 */
async function dropDatabase(name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await runAsAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
    }
  }
}

function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_TEST_URL ?? '');
  url.pathname = `/${name}`;
  return url.toString();
}

let serverTemplate: Promise<string> | undefined;

/** A migrated database on the test server, made once per test file and copied for each test (no migrations). */
function postgresTemplate(): Promise<string> {
  serverTemplate ??= (async () => {
    const name = `steward_template_${randomBytes(6).toString('hex')}`;
    await runAsAdmin(`CREATE DATABASE ${name}`);
    const store = await openStore({ kind: 'postgres', url: databaseUrl(name) });
    await store.close();
    return name;
  })();
  return serverTemplate;
}

async function makePostgresDatabase(template: string | undefined): Promise<TestTarget> {
  const name = `steward_test_${randomBytes(6).toString('hex')}`;
  await runAsAdmin(`CREATE DATABASE ${name}${template === undefined ? '' : ` TEMPLATE ${template}`}`);
  return {
    target: { kind: 'postgres', url: databaseUrl(name) },
    cleanup: () => dropDatabase(name),
  };
}

/** A fresh, migrated database on the test server (a copy of the file's template), dropped by `cleanup`. */
export async function postgresTestTarget(): Promise<TestTarget> {
  return makePostgresDatabase(await postgresTemplate());
}

/** A fresh database on the test server with no migration applied, dropped by `cleanup`. */
export function emptyPostgresTestTarget(): Promise<TestTarget> {
  return makePostgresDatabase(undefined);
}

let sharedPglite: Promise<{ store: Store; folder: string }> | undefined;
let schemaCount = 0;

/**
 * A fresh store for one test on the test file's one embedded store: a new PostgreSQL schema, migrated, made the
 * session's search path (Steward's tables, functions and triggers are unqualified, so they live in it). Starting
 * PGlite and copying a data folder cost about 1.5 s per test; a schema costs the migrations only. `close()` drops
 * the schema. Opening, locking and creating folders are tested on real folders (`pgliteTestTarget`).
 */
async function openSchemaOnSharedPglite(): Promise<Store> {
  sharedPglite ??= (async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-shared-'));
    return { store: await openStore({ kind: 'pglite', dataDir: join(folder, 'db') }), folder };
  })();
  const { db } = (await sharedPglite).store;
  schemaCount += 1;
  const name = `test_${process.pid}_${schemaCount}`;
  await db.execute(sql.raw(`CREATE SCHEMA ${name}`));
  await db.execute(sql.raw(`SET search_path TO ${name}`));
  await migrate(db);
  await verifySchema(db, name);
  return {
    db,
    kind: 'pglite',
    location: `shared test PGlite, schema ${name}`,
    close: async () => {
      await db.execute(sql.raw('SET search_path TO public'));
      await db.execute(sql.raw(`DROP SCHEMA ${name} CASCADE`));
    },
  };
}

afterAll(async () => {
  if (serverTemplate !== undefined) {
    const name = await serverTemplate;
    serverTemplate = undefined;
    await dropDatabase(name);
  }
  if (sharedPglite === undefined) return;
  const { store, folder } = await sharedPglite;
  sharedPglite = undefined;
  await store.close();
  rmSync(folder, { recursive: true, force: true });
});

/**
 * Both stores the store and audit tests run against; the server one is skipped without a test server. `make`
 * gives a migrated database, `makeEmpty` one with no migration applied, `openFresh` a migrated store for one test
 * (the embedded one as a schema on a shared PGlite, see `openSchemaOnSharedPglite`).
 */
export const STORE_TARGETS = [
  {
    name: 'pglite',
    make: pgliteTestTarget,
    makeEmpty: emptyPgliteTestTarget,
    openFresh: openSchemaOnSharedPglite,
    skip: false,
  },
  {
    name: 'postgres',
    make: postgresTestTarget,
    makeEmpty: emptyPostgresTestTarget,
    openFresh: undefined,
    skip: POSTGRES_TEST_URL === undefined,
  },
];

/**
 * Call inside a `describe` with one of `STORE_TARGETS`: returns `open()`, which gives each test a fresh store,
 * closed and removed after the test.
 */
export function freshStorePerTest(storeTarget: {
  make: () => Promise<TestTarget>;
  openFresh?: (() => Promise<Store>) | undefined;
}): () => Promise<Store> {
  let target: TestTarget | undefined;
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await target?.cleanup();
    target = undefined;
  });
  return async () => {
    if (storeTarget.openFresh !== undefined) {
      store = await storeTarget.openFresh();
      return store;
    }
    target = await storeTarget.make();
    store = await openStore(target.target);
    return store;
  };
}
