import { randomUUID } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from '../../server/app.js';
import { createLoginRateLimiter } from '../../server/auth/rate-limit.js';
import { createSessionCache } from '../../server/session-cache.js';
import { listUsers } from '../../store/accounts.js';
import type { CommandResult } from '../io.js';
import { checkPort, listenHttp, waitForStop } from '../listen.js';
import { openCliStore } from '../open-store.js';
import { readPackageVersion } from '../program.js';
import type { serveSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { packagePath } from '../../package-root.js';

export const SERVE_SCHEMA_VERSION = 1;
export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

/** The built web app: `dist/web` at the package root. */
export const DEFAULT_WEB_ROOT = packagePath('dist', 'web');

/**
 * `steward serve`: the review app on the audit store until SIGINT/SIGTERM. With the embedded database the server
 * holds it open and shares it over its Unix socket: other commands on the same --db (`steward user add`,
 * `steward review batch`, …) run through the server while it runs (src/store/socket-bridge.ts).
 */
export async function serveCommand(
  options: CommandInput<typeof serveSpec> & { webRoot?: string | null; onListening?: (url: string) => void },
): Promise<CommandResult> {
  const { io } = options;
  const port = options.port ?? DEFAULT_PORT;
  checkPort(port);
  const host = options.host ?? DEFAULT_HOST;
  const store = await openCliStore(io, options.db);
  try {
    const app = createApp({
      store,
      version: readPackageVersion(),
      cwd: io.cwd,
      now: () => new Date(),
      newId: randomUUID,
      webRoot: options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot,
      secureCookies: options.secureCookies === true,
      loginLimiter: createLoginRateLimiter(),
      sessionCache: createSessionCache(),
      clientAddress: (context) => getConnInfo(context).remote.address ?? 'unknown',
    });
    const { url, close } = await listenHttp(app.fetch, { port, host });
    const socket = (await store.share?.())?.path;
    const users = await listUsers(store.db);
    io.stdout(
      [
        `Steward review app on ${url} (store ${store.location}${socket === undefined ? '' : `, shared with other commands on ${socket}`}); Ctrl+C stops it.`,
        users.length === 0
          ? `No accounts yet: run \`steward user add <email> --role admin\`${options.db === undefined ? '' : ` --db ${options.db}`} (it works while the server runs).`
          : `${users.length} account${users.length === 1 ? '' : 's'}.`,
        '',
      ].join('\n'),
    );
    options.onListening?.(url);
    await waitForStop(io.signal);
    await close();
    return { text: 'review app stopped', json: { schemaVersion: SERVE_SCHEMA_VERSION, url, stopped: true } };
  } finally {
    await store.close();
  }
}
