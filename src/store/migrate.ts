import { eq, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { AppError } from '../app-error.js';
import { MIGRATIONS } from './migrations.js';
import type { StoreDatabase } from './open.js';
import { schema, stewardMigrations } from './schema.js';

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
export async function migrateIfPending(db: StoreDatabase): Promise<void> {
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
