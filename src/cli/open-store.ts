import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { chooseStoreTarget, openStore } from '../store/open.js';
import type { Store } from '../store/open.js';
import type { CliIo } from './io.js';

/** The default embedded database folder, relative to where the command runs. */
export const DEFAULT_DB_DIR = '.steward/db';

/** DATABASE_URL wins; otherwise the PGlite folder from --db (default ./.steward/db). */
export function openCliStore(io: CliIo, dbDir: string | undefined): Promise<Store> {
  const config = loadConfig(io.env);
  return openStore(
    chooseStoreTarget({ databaseUrl: config.databaseUrl, dataDir: resolve(io.cwd, dbDir ?? DEFAULT_DB_DIR) }),
  );
}
