import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { AppError } from '../app-error.js';
import { acquireLock } from './lock.js';
import type { LockFile } from './lock.js';
import { migrateIfPending, rootMessage, verifySchema } from './migrate.js';
import { createPgliteFolder, startPglite } from './pglite-folder.js';
import { schema } from './schema.js';
import type { Schema } from './schema.js';
import { SOCKET_FILE, findSocketFolder, shareOverSocket } from './socket-bridge.js';
import type { SharedStore } from './socket-bridge.js';
import { packagePath } from '../package-root.js';

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

const DEFAULT_TEMPLATE = packagePath('dist', 'pglite-template.tar.gz');

/** DATABASE_URL selects a PostgreSQL server; otherwise the embedded database in `dataDir`. */
export function chooseStoreTarget(options: {
  databaseUrl: string | undefined;
  dataDir: string;
}): StoreTarget {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '')
    return { kind: 'postgres', url: options.databaseUrl };
  return { kind: 'pglite', dataDir: resolve(options.dataDir) };
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

/**
 * The socket folder of a process that may be sharing `dataDir`: its socket file exists (`openShared` finds out
 * whether anything listens on it). Undefined otherwise, and then `pg` is not even loaded.
 */
function findSharedSocket(dataDir: string): string | undefined {
  const folder = findSocketFolder(dataDir);
  return folder !== undefined && existsSync(join(folder, SOCKET_FILE)) ? folder : undefined;
}

async function openPglite(requested: string, template: string | null): Promise<Store> {
  const dataDir = realFolder(requested);
  const socketFolder = findSharedSocket(dataDir);
  const shared =
    socketFolder === undefined
      ? undefined
      : await (await import('./open-pool.js')).openShared(dataDir, socketFolder);
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

/** Opens (creating and migrating as needed) the store. Always `close()` it: PGlite checkpoints on close. */
export async function openStore(target: StoreTarget): Promise<Store> {
  return target.kind === 'pglite'
    ? openPglite(target.dataDir, target.template === undefined ? DEFAULT_TEMPLATE : target.template)
    : (await import('./open-pool.js')).openPostgres(target.url);
}
