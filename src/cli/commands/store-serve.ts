import { AppError } from '../../app-error.js';
import type { CommandResult } from '../io.js';
import { waitForStop } from '../listen.js';
import { openCliStore } from '../open-store.js';
import type { storeServeSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const STORE_SERVE_SCHEMA_VERSION = 1;

/** How often the idle timeout is checked. */
const IDLE_CHECK_MS = 1000;

/** Resolves once nobody has been connected for `seconds` (checked every second); never without a timeout. */
function waitForIdle(idleSince: () => number | undefined, seconds: number | undefined): Promise<'idle'> {
  return new Promise((resolve) => {
    if (seconds === undefined) return;
    const timer = setInterval(() => {
      const since = idleSince();
      if (since !== undefined && Date.now() - since >= seconds * 1000) {
        clearInterval(timer);
        resolve('idle');
      }
    }, IDLE_CHECK_MS);
    timer.unref();
  });
}

/**
 * `steward store serve`: opens the embedded database once and shares it over its Unix socket until SIGINT/SIGTERM
 * or `--idle-timeout` seconds without a client (src/store/socket-bridge.ts), so that every other command on the
 * same folder skips starting PGlite.
 */
export async function storeServeCommand(
  options: CommandInput<typeof storeServeSpec> & { onSharing?: (socket: string) => void },
): Promise<CommandResult> {
  const { io } = options;
  const store = await openCliStore(io, options.db);
  try {
    if (store.share === undefined) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `${store.location} is not an embedded database this process opened`,
        {
          fix: 'Unset DATABASE_URL (a PostgreSQL server is already shared), or stop the process that has the folder open: commands already use its socket.',
        },
      );
    }
    const shared = await store.share();
    if (shared === undefined) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `cannot share ${store.location}: no Unix socket can listen in ${store.location}.sock/`,
        {
          fix: `Move away what is at ${store.location}.sock if it is not Steward's, or use a shorter --db path (a Unix socket path holds at most about 100 characters) on a system with Unix sockets.`,
        },
      );
    }
    const timeout = options.idleTimeout;
    io.stdout(
      `Sharing ${store.location} on ${shared.path}; other commands on it use this process. ${timeout === undefined ? 'Ctrl+C stops it.' : `It stops after ${timeout} s with no command connected, or on Ctrl+C.`}\n`,
    );
    options.onSharing?.(shared.path);
    const why = await Promise.race([
      waitForStop(io.signal).then(() => 'stopped' as const),
      waitForIdle(shared.idleSince, timeout),
    ]);
    return {
      text: why === 'idle' ? `store closed after ${timeout ?? 0} s idle` : 'store closed',
      json: {
        schemaVersion: STORE_SERVE_SCHEMA_VERSION,
        store: store.location,
        socket: shared.path,
        stopped: why,
      },
    };
  } finally {
    await store.close();
  }
}
