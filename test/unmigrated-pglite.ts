import { PGlite } from '@electric-sql/pglite';
import { pgliteTestTarget } from './database.js';
import type { TestTarget } from './database.js';

/** The `public` schema as initdb makes it (owner, privileges and comment of PostgreSQL 15 and later). */
const RECREATE_PUBLIC = [
  'DROP SCHEMA public CASCADE',
  'CREATE SCHEMA public AUTHORIZATION pg_database_owner',
  'GRANT USAGE ON SCHEMA public TO PUBLIC',
  "COMMENT ON SCHEMA public IS 'standard public schema'",
];

/**
 * A new embedded database folder with no migration applied, as `emptyPgliteTestTarget` gives, without its initdb
 * (about 2 s of CPU each time): a copy of the worker's migrated test database (`pgliteTestTarget`) whose `public`
 * schema, which holds every table, function and trigger of Steward's migrations, is dropped and made again as
 * initdb makes it. Throws if anything is left in it.
 */
export async function unmigratedPgliteTestTarget(): Promise<TestTarget> {
  const copy = await pgliteTestTarget();
  if (copy.target.kind !== 'pglite') throw new Error('pgliteTestTarget gave a server database');
  try {
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
