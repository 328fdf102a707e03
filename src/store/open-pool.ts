import { join } from 'node:path';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { AppError } from '../app-error.js';
import { migrateIfPending, rootMessage, verifySchema } from './migrate.js';
import type { Store, StoreDatabase } from './open.js';
import { schema } from './schema.js';
import { SOCKET_FILE } from './socket-bridge.js';

// The store on a `pg` pool: a PostgreSQL server, or the socket of a process that shares its embedded database.
// open.ts imports this module only when one of those is used, so a command on the embedded database does not
// load `pg` and its Drizzle driver (~50 ms of start-up).

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable DATABASE_URL)';
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
 * The store through the socket in `folder` of the process that has `dataDir` open (`steward serve`, `steward store
 * serve`; src/store/socket-bridge.ts); undefined when nothing listens on it (a socket file left by a killed host).
 */
export async function openShared(dataDir: string, folder: string): Promise<Store | undefined> {
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

export async function openPostgres(url: string): Promise<Store> {
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
