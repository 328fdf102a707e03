import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../app-error.js';
import { acquireLock } from './lock.js';
import type { LockFile } from './lock.js';
import { MIGRATIONS } from './migrations.js';
import { schema, stewardMigrations } from './schema.js';
import type { Schema } from './schema.js';

export type StoreDatabase = PgDatabase<PgQueryResultHKT, Schema>;

export interface Store {
  db: StoreDatabase;
  kind: 'pglite' | 'postgres';
  /** The data folder (PGlite) or the server URL without its password. */
  location: string;
  close(): Promise<void>;
}

/**
 * `template`: a gzipped tarball of an empty PGlite data folder to create new databases from (default: the one
 * `npm run build` writes to dist/; null: always run initdb).
 */
export type StoreTarget =
  { kind: 'pglite'; dataDir: string; template?: string | null } | { kind: 'postgres'; url: string };

const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../dist/pglite-template.tar.gz', import.meta.url));

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded database in `dataDir`. */
export function chooseStoreTarget(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): StoreTarget {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '')
    return { kind: 'postgres', url: options.databaseUrl };
  return { kind: 'pglite', dataDir: resolve(options.dataDir) };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
  }
}

const MIGRATION_LOCK_KEY = 727_001;

/** The innermost cause's message: Drizzle wraps driver errors in "Failed query: <sql> params: <values>". */
export function rootMessage(error: unknown): string {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}

/** Applies every migration not yet recorded, each in its own transaction, under an advisory lock. */
export async function migrate(db: StoreDatabase): Promise<number[]> {
  // Under the lock too: concurrent first uses of a fresh server database would otherwise race on this table.
  await db.transaction(async (transaction) => {
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    await transaction.execute(
      sql.raw(`CREATE TABLE IF NOT EXISTS steward_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`),
    );
  });
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const done = await db.transaction(async (transaction) => {
      await transaction.execute(sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
      const existing = await transaction
        .select({ version: stewardMigrations.version })
        .from(stewardMigrations)
        .where(eq(stewardMigrations.version, migration.version));
      if (existing.length > 0) return false;
      for (const statement of migration.statements) await transaction.execute(sql.raw(statement));
      await transaction
        .insert(stewardMigrations)
        .values({ version: migration.version, name: migration.name });
      return true;
    });
    if (done) applied.push(migration.version);
  }
  return applied;
}

/** A new PGlite folder from the template tarball when there is one that loads, else by initdb. */
async function createPglite(staging: string, template: string | null): Promise<PGlite> {
  if (template !== null && existsSync(template)) {
    try {
      return await PGlite.create(staging, { loadDataDir: new Blob([readFileSync(template)]) });
    } catch {
      // A template from another PGlite version, or damaged: fall back to initdb below.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return PGlite.create(staging);
}

/**
 * Creating a PGlite folder takes seconds. A process killed meanwhile would leave a half-made folder that never
 * opens again, so a new database is made in a sibling folder, migrated, closed and only then renamed into place
 * (rename is atomic). Leftovers of a killed creation are removed. Call with the lock held.
 */
async function createPgliteFolder(dataDir: string, template: string | null): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new AppError('DATABASE_UNAVAILABLE', `${dataDir} is not empty and is not a Steward database`, {
      fix: 'Point --db at an empty or new folder, or at a folder Steward created.',
      details: { dataDir },
    });
  }
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const prefix = `${basename(dataDir)}.creating-`;
  for (const entry of readdirSync(parent)) {
    if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
  }
  const staging = join(parent, `${prefix}${process.pid}`);
  const client = await createPglite(staging, template);
  try {
    await migrate(drizzlePglite({ client, schema }));
  } finally {
    await client.close();
  }
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(staging, dataDir);
}

async function openPglite(dataDir: string, template: string | null): Promise<Store> {
  const lock: LockFile = acquireLock(`${dataDir}.lock`);
  let client: PGlite | undefined;
  try {
    await createPgliteFolder(dataDir, template);
    client = await PGlite.create(dataDir);
    const db = drizzlePglite({ client, schema }) as unknown as StoreDatabase;
    await migrate(db);
    const opened = client;
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      close: async () => {
        try {
          if (!opened.closed) await opened.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    if (client !== undefined && !client.closed) await client.close().catch(() => undefined);
    lock.release();
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `cannot open the embedded database in ${dataDir}: ${rootMessage(error)}`,
      {
        fix: 'Check the folder is writable and was created by Steward; use --db <dir> for a fresh one.',
        cause: error,
        details: { dataDir, reason: error instanceof Error ? error.message : String(error) },
      },
    );
  }
}

async function openPostgres(url: string): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle pooled connection that the server closes (restart, admin termination) emits 'error' on the pool;
  // unhandled, that would crash the process. The pool replaces the connection on the next query.
  pool.on('error', () => undefined);
  try {
    const db = drizzlePostgres({ client: pool, schema }) as unknown as StoreDatabase;
    await migrate(db);
    return { db, kind: 'postgres', location: redactUrl(url), close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `cannot use the PostgreSQL server at ${redactUrl(url)}: ${rootMessage(error)}`,
      {
        fix: 'Check DATABASE_URL (postgres://user:password@host:port/database) and that the server is running.',
        cause: error,
        details: { reason: error instanceof Error ? error.message : String(error) },
      },
    );
  }
}

/** Opens (creating and migrating as needed) the store. Always `close()` it: PGlite checkpoints on close. */
export async function openStore(target: StoreTarget): Promise<Store> {
  return target.kind === 'pglite'
    ? openPglite(target.dataDir, target.template === undefined ? DEFAULT_TEMPLATE : target.template)
    : openPostgres(target.url);
}
