import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../app-error.js';
import { loadConfig } from '../config.js';
import { chooseStoreTarget, openStore } from '../store/open.js';
import type { Store } from '../store/open.js';
import type { CliIo } from './io.js';

/** The default embedded database folder, relative to where the command runs. */
export const DEFAULT_DB_DIR = '.steward/db';

/**
 * DATABASE_URL wins; otherwise the PGlite folder from --db (default ./.steward/db). Commands that only read
 * (`existing: true`) refuse to create an empty database where none is.
 */
export function openCliStore(io: CliIo, dbDir: string | undefined, existing = false): Promise<Store> {
  const config = loadConfig(io.env);
  const target = chooseStoreTarget({
    databaseUrl: config.databaseUrl,
    dataDir: resolve(io.cwd, dbDir ?? DEFAULT_DB_DIR),
  });
  if (existing && target.kind === 'pglite' && !existsSync(join(target.dataDir, 'PG_VERSION'))) {
    throw new AppError('ITEM_NOT_FOUND', `no Steward database at ${target.dataDir}`, {
      fix: 'Run `steward audit <dataset>` there first, or point --db (or DATABASE_URL) at the database it used.',
    });
  }
  return openStore(target);
}
