import { existsSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { basename, dirname, join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { PgDatabase, PgQueryResultHKT, PgTable } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../app-error.js';
import { acquireLock } from './lock.js';
import type { LockFile } from './lock.js';
import { MIGRATIONS } from './migrations.js';
import { SOCKET_FILE, findSocketFolder, shareOverSocket } from './socket-bridge.js';
import type { SharedStore } from './socket-bridge.js';
import { extractTemplate } from './template-tar.js';
import { schema, stewardMigrations } from './schema.js';
import type { Schema } from './schema.js';

export type StoreDatabase = PgDatabase<PgQueryResultHKT, Schema>;

export interface Store {
  db: StoreDatabase;
  kind: 'pglite' | 'postgres';
  /** The data folder (PGlite) or the server URL without its password. */
  location: string;
  /**
   * Present on an embedded database this process has open: lets other Steward processes use it through a Unix
   * socket until `close()` (src/store/socket-bridge.ts). Returns the socket's path and how long it has been idle,
   * or undefined when it cannot be shared (a path too long for a socket, or no Unix sockets).
   */
  share?: () => Promise<Pick<SharedStore, 'path' | 'idleSince'> | undefined>;
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
  if (current instanceof Error) return current.message;
  // Emscripten file-system errors are plain objects with a message or an errno code.
  if (typeof current === 'object' && current !== null) {
    const { message, code } = current as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message !== '') return message;
    if (typeof code === 'string') return code;
  }
  return String(current);
}

/**
 * The folder's real path: PGlite's file system does not follow a symlinked data folder, and two spellings of one
 * folder must share one lock file.
 */
function realFolder(path: string): string {
  if (existsSync(path)) return realpathSync(path);
  const parent = dirname(path);
  return existsSync(parent) ? join(realpathSync(parent), basename(path)) : path;
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

/**
 * Whether any migration is still to apply, read in one query: opening an up-to-date store (every command after the
 * first) then skips `migrate`'s transaction and advisory lock per migration.
 */
async function hasPendingMigrations(db: StoreDatabase): Promise<boolean> {
  const result = await db.execute(sql`SELECT to_regclass('steward_migrations') IS NOT NULL AS present`);
  const present = (result as { rows: { present: boolean }[] }).rows[0]?.present === true;
  if (!present) return true;
  const applied = await db.select({ version: stewardMigrations.version }).from(stewardMigrations);
  const versions = new Set(applied.map((row) => row.version));
  return MIGRATIONS.some((migration) => !versions.has(migration.version));
}

/** Migrates only when something is pending (see `hasPendingMigrations`); `migrate` itself stays idempotent. */
async function migrateIfPending(db: StoreDatabase): Promise<void> {
  if (await hasPendingMigrations(db)) await migrate(db);
}

/**
 * After migrating, the tables must have exactly the columns `schema.ts` expects. They differ only for a database
 * made by a development build whose first migration was later changed (before the store's first release), and
 * then every query would fail obscurely; this names the problem instead.
 */
export async function verifySchema(db: StoreDatabase, location: string): Promise<void> {
  // pg_catalog rather than the information_schema.columns view: the same columns of our own tables, read in
  // ~5 ms instead of ~150 ms on PGlite, and this runs on every open.
  const result = await db.execute(
    sql`SELECT c.relname AS table_name, a.attname AS column_name
        FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'v')
          AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const actual = new Map<string, Set<string>>();
  for (const row of (result as { rows: { table_name: string; column_name: string }[] }).rows) {
    const columns = actual.get(row.table_name) ?? new Set<string>();
    columns.add(row.column_name);
    actual.set(row.table_name, columns);
  }
  for (const table of Object.values(schema) as PgTable[]) {
    const config = getTableConfig(table);
    const present = actual.get(config.name) ?? new Set<string>();
    const missing = config.columns.map((column) => column.name).filter((name) => !present.has(name));
    if (missing.length > 0) {
      throw new AppError(
        'DATABASE_UNAVAILABLE',
        `the database at ${location} was made by an incompatible development build of Steward: table ${config.name} lacks ${missing.join(', ')}`,
        {
          fix: 'Move that database away (or use another --db / DATABASE_URL) and run the audit again: it is rebuilt from the dataset.',
          details: { table: config.name, missing },
        },
      );
    }
  }
}

/**
 * How Steward starts PGlite: its own start parameters plus a 16 MB buffer cache instead of PostgreSQL's default
 * 128 MB. The cache only holds copies of pages (durability is unchanged: every commit still reaches the data
 * folder before it returns); the smaller one lowers peak RSS by about 120 MB for every command, with no
 * measurable slowdown on the 1,047-item audit (docs/decisions/2026-12-03-speed.md).
 */
function pgliteOptions(): { startParams: string[] } {
  return { startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'] };
}

/**
 * Fills the new folder `staging`: from the template tarball when there is one that unpacks (no database starts:
 * the open that follows is the only one), else by initdb and the migrations. Returns which was done.
 */
async function fillStaging(
  staging: string,
  template: string | null,
): Promise<Exclude<FolderOrigin, 'existing'>> {
  if (template !== null && existsSync(template)) {
    try {
      await extractTemplate(template, staging);
      return 'template';
    } catch {
      // A damaged or foreign tarball: run initdb below.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const client = await PGlite.create(staging, { ...pgliteOptions() });
  try {
    await migrate(drizzlePglite({ client, schema }));
  } finally {
    await client.close();
  }
  return 'initdb';
}

/** How a data folder came to hold a database: it already did, unpacked from the template, or by initdb. */
type FolderOrigin = 'existing' | 'template' | 'initdb';

/** Removes everything inside `folder`, keeping the folder itself (a mount point or a symlink's target). */
function emptyFolder(folder: string): void {
  for (const entry of readdirSync(folder)) rmSync(join(folder, entry), { recursive: true, force: true });
}

/** Present inside an existing folder while Steward fills it; its presence means the filling was interrupted. */
const FILLING = '.steward-creating';

/**
 * Creating a PGlite folder takes a while. A process killed meanwhile must not leave a half-made database that
 * never opens again:
 * - a new folder is made as a sibling staging folder (unpacked from the template, or made by initdb and
 *   migrated) and renamed into place (atomic);
 * - an existing empty folder (a mount point, a symlink's target) is filled from a staging folder inside it,
 *   `PG_VERSION` moved last; a folder still holding the staging folder is cleared and filled again.
 * Leftovers of a killed creation are removed. Call with the lock held. Returns how the folder was made
 * (`existing`: it already held a database).
 */
async function createPgliteFolder(dataDir: string, template: string | null): Promise<FolderOrigin> {
  const entries = existsSync(dataDir) ? readdirSync(dataDir) : undefined;
  if (entries?.includes(FILLING) === true) {
    emptyFolder(dataDir);
  } else if (existsSync(join(dataDir, 'PG_VERSION'))) {
    return 'existing';
  } else if (entries !== undefined && entries.length > 0) {
    throw new AppError('DATABASE_UNAVAILABLE', `${dataDir} is not empty and is not a Steward database`, {
      fix: 'Point --db at an empty or new folder, or at a folder Steward created.',
      details: { dataDir },
    });
  }
  const fillInPlace = entries !== undefined;
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const prefix = `${basename(dataDir)}.creating-`;
  if (!fillInPlace) {
    for (const entry of readdirSync(parent)) {
      if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
  const staging = fillInPlace ? join(dataDir, FILLING) : join(parent, `${prefix}${process.pid}`);
  const made = await fillStaging(staging, template);
  if (!fillInPlace) {
    renameSync(staging, dataDir);
    return made;
  }
  for (const entry of readdirSync(staging).filter((name) => name !== 'PG_VERSION')) {
    renameSync(join(staging, entry), join(dataDir, entry));
  }
  renameSync(join(staging, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  rmSync(staging, { recursive: true, force: true });
  return made;
}

/**
 * Starts PGlite on the folder. A folder just unpacked from a template that this PGlite cannot start (a template
 * built by another PGlite version) is emptied and made again by initdb.
 */
async function startPglite(dataDir: string, made: FolderOrigin): Promise<PGlite> {
  try {
    return await PGlite.create(dataDir, { ...pgliteOptions() });
  } catch (error) {
    if (made !== 'template') throw error;
    emptyFolder(dataDir);
    await createPgliteFolder(dataDir, null);
    return PGlite.create(dataDir, { ...pgliteOptions() });
  }
}

/** Whether an error means nothing listens on a socket (no file, or a file left by a killed host). */
function isNoListener(error: unknown): boolean {
  let current = error;
  while (current instanceof Error) {
    const code = (current as NodeJS.ErrnoException).code;
    if (code === 'ECONNREFUSED' || code === 'ENOENT') return true;
    current = current.cause;
  }
  return false;
}

/**
 * The store through the socket of the process that has the folder open (`steward serve`, `steward store serve`),
 * when one does (src/store/socket-bridge.ts); undefined when there is no live socket.
 */
async function openShared(dataDir: string): Promise<Store | undefined> {
  const folder = findSocketFolder(dataDir);
  if (folder === undefined || !existsSync(join(folder, SOCKET_FILE))) return undefined;
  // One connection: the host's PGlite has one session, which its clients take turns on.
  const pool = new pg.Pool({ host: folder, port: 5432, user: 'postgres', database: 'postgres', max: 1 });
  try {
    return await openOnPool(pool, { kind: 'pglite', location: dataDir });
  } catch (error) {
    if (isNoListener(error)) return undefined;
    if (error instanceof AppError) throw error;
    throw new AppError(
      'DATABASE_UNAVAILABLE',
      `cannot use the embedded database in ${dataDir} through its server's socket: ${rootMessage(error)}`,
      {
        fix: 'Stop the process that has it open (steward serve or steward store serve) and run the command again.',
        cause: error,
        details: { dataDir, socket: join(folder, SOCKET_FILE) },
      },
    );
  }
}

async function openPglite(requested: string, template: string | null): Promise<Store> {
  const dataDir = realFolder(requested);
  const shared = await openShared(dataDir);
  if (shared !== undefined) return shared;
  const lock: LockFile = acquireLock(`${dataDir}.lock`);
  let client: PGlite | undefined;
  try {
    client = await startPglite(dataDir, await createPgliteFolder(dataDir, template));
    const db = drizzlePglite({ client, schema }) as unknown as StoreDatabase;
    await migrateIfPending(db);
    await verifySchema(db, dataDir);
    const opened = client;
    let shared: SharedStore | undefined;
    return {
      db,
      kind: 'pglite',
      location: dataDir,
      share: async () => {
        shared ??= await shareOverSocket(opened, dataDir);
        return shared;
      },
      close: async () => {
        try {
          await shared?.close();
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

/**
 * The store on a `pg` pool (a PostgreSQL server, or the socket of a process sharing its PGlite), migrated and its
 * schema checked; the pool is ended when that fails.
 */
async function openOnPool(pool: pg.Pool, where: Pick<Store, 'kind' | 'location'>): Promise<Store> {
  // An idle pooled connection that the server closes (restart, admin termination) emits 'error' on the pool;
  // unhandled, that would crash the process. The pool replaces the connection on the next query.
  pool.on('error', () => undefined);
  try {
    const db = drizzlePostgres({ client: pool, schema }) as unknown as StoreDatabase;
    await migrateIfPending(db);
    await verifySchema(db, where.location);
    return { db, ...where, close: () => pool.end() };
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
}

async function openPostgres(url: string): Promise<Store> {
  try {
    return await openOnPool(new pg.Pool({ connectionString: url, max: 4 }), {
      kind: 'postgres',
      location: redactUrl(url),
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
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
