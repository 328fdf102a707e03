import { AppError } from '../../app-error.js';
import type { CommandResult } from '../io.js';
import { waitForStop } from '../listen.js';
import { openCliStore } from '../open-store.js';
import type { storeServeSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const STORE_SERVE_SCHEMA_VERSION = 1;

/**
 * `steward store serve`: opens the embedded database once and shares it over its Unix socket until SIGINT/SIGTERM
 * (src/store/socket-bridge.ts), so that every other command on the same folder skips starting PGlite.
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
    const socket = await store.share();
    if (socket === undefined) {
      throw new AppError('ARGUMENT_INVALID', `cannot share ${store.location} over a Unix socket beside it`, {
        fix: 'Use a shorter --db path (a Unix socket path holds at most about 100 characters) on a system with Unix sockets, in a folder you own.',
      });
    }
    io.stdout(
      `Sharing ${store.location} on ${socket}; other commands on it use this process. Ctrl+C stops it.\n`,
    );
    options.onSharing?.(socket);
    await waitForStop(io.signal);
    return {
      text: 'store closed',
      json: { schemaVersion: STORE_SERVE_SCHEMA_VERSION, store: store.location, socket, stopped: true },
    };
  } finally {
    await store.close();
  }
}
