import { sql } from 'drizzle-orm';
import { openStore } from '../src/store/open.js';
import type { Store, StoreDatabase } from '../src/store/open.js';
import type { TestTarget } from './database.js';
import { afterAll } from 'vitest';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
// pg_trigger.tgtype marks a DELETE trigger with bit 3.
const DELETE_TRIGGER = 8;

function quote(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`unexpected table or trigger name ${name}`);
  return `"${name}"`;
}

type Transaction = Parameters<Parameters<StoreDatabase['transaction']>[0]>[0];

async function select<Row>(transaction: Transaction, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result: unknown = await transaction.execute(query);
  return (result as { rows: Row[] }).rows;
}

/** The tables of the current schema that hold rows, children before the tables their foreign keys reference. */
async function findFilledTables(transaction: Transaction): Promise<string[]> {
  const tables = await select<{ name: string }>(
    transaction,
    sql`SELECT relname AS name FROM pg_catalog.pg_class
        WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'p')
          AND relname <> 'steward_migrations'`,
  );
  if (tables.length === 0) return [];
  const probe = tables
    .map(({ name }) => `SELECT '${name}' AS name WHERE EXISTS (SELECT FROM ${quote(name)})`)
    .join(' UNION ALL ');
  const filled = new Set(
    (await select<{ name: string }>(transaction, sql.raw(probe))).map((row) => row.name),
  );
  if (filled.size === 0) return [];
  const references = await select<{ child: string; parent: string }>(
    transaction,
    sql`SELECT child.relname AS child, parent.relname AS parent
        FROM pg_catalog.pg_constraint k
        JOIN pg_catalog.pg_class child ON child.oid = k.conrelid
        JOIN pg_catalog.pg_class parent ON parent.oid = k.confrelid
        WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace`,
  );
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table)) return;
    if (visiting.has(table)) throw new Error(`foreign keys form a cycle through ${table}`);
    visiting.add(table);
    for (const { child, parent } of references) if (parent === table && child !== table) visit(child);
    ordered.push(table);
  };
  for (const table of filled) visit(table);
  return ordered.filter((table) => filled.has(table));
}

/**
 * Brings a migrated store back to the state the migrations leave it in: every table of the current schema but
 * `steward_migrations` without rows, every used sequence back at its start. Only the tables holding rows are
 * touched, with DELETE (TRUNCATE makes new files for each table: about 3× the CPU on PGlite and 10× the time on
 * the server). The append-only tables refuse DELETE by trigger, so those triggers are switched off around it, in
 * the same transaction, and checked to be on again before it commits.
 */
export async function emptyStore(db: StoreDatabase): Promise<void> {
  await db.transaction(async (transaction) => {
    const tables = await findFilledTables(transaction);
    const guards = (
      await select<{ table: string; trigger: string }>(
        transaction,
        sql`SELECT c.relname AS table, t.tgname AS trigger
            FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal
              AND (t.tgtype & ${DELETE_TRIGGER}) <> 0`,
      )
    ).filter((guard) => tables.includes(guard.table));
    const alter = (action: 'DISABLE' | 'ENABLE') =>
      guards.map(({ table, trigger }) => `ALTER TABLE ${quote(table)} ${action} TRIGGER ${quote(trigger)}`);
    for (const statement of [
      ...alter('DISABLE'),
      ...tables.map((table) => `DELETE FROM ${quote(table)}`),
      ...alter('ENABLE'),
    ]) {
      await transaction.execute(sql.raw(statement));
    }
    await transaction.execute(
      sql`SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, start_value, false)
          FROM pg_catalog.pg_sequences
          WHERE schemaname = current_schema() AND last_value IS NOT NULL`,
    );
    const disabled = await select<{ trigger: string }>(
      transaction,
      sql`SELECT t.tgname AS trigger
          FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid
          WHERE c.relnamespace = current_schema()::regnamespace AND NOT t.tgisinternal AND t.tgenabled <> 'O'`,
    );
    if (disabled.length > 0) throw new Error(`triggers left disabled: ${JSON.stringify(disabled)}`);
  });
}

/**
 * Call inside a `describe` with one of `STORE_TARGETS`, like `freshStorePerTest`: returns `open()`, which gives
 * each test a store holding no rows. Unlike `freshStorePerTest`, the describe block opens one store, migrated by
 * `openStore` on a database from `makeEmpty` (one database on the server, instead of a migrated template plus a copy
 * of it per test), or from `openFresh` (a schema on the shared PGlite), and `open()` empties it (`emptyStore`): each
 * test sees what a freshly migrated store holds (no rows, sequences at their start, the append-only triggers on)
 * without a database and its migrations of its own (a database on the server costs about 0.35 s of server CPU, a
 * migrated schema on PGlite about 0.2 s). Tests of opening, migrating or locking stores, or that change the
 * schema, need `freshStorePerTest`.
 */
export function emptiedStorePerTest(storeTarget: {
  makeEmpty: () => Promise<TestTarget>;
  openFresh?: (() => Promise<Store>) | undefined;
}): () => Promise<Store> {
  let opened: Promise<{ store: Store; target: TestTarget | undefined }> | undefined;
  afterAll(async () => {
    if (opened === undefined) return;
    const { store, target } = await opened;
    opened = undefined;
    try {
      await store.close();
    } finally {
      await target?.cleanup();
    }
  });
  return async () => {
    opened ??= (async () => {
      if (storeTarget.openFresh !== undefined)
        return { store: await storeTarget.openFresh(), target: undefined };
      const target = await storeTarget.makeEmpty();
      try {
        return { store: await openStore(target.target), target };
      } catch (error) {
        await target.cleanup();
        throw error;
      }
    })();
    const { store } = await opened;
    await emptyStore(store.db);
    return store;
  };
}
