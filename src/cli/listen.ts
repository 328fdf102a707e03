import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { AppError } from '../app-error.js';

/** A started HTTP server: its URL and how to stop it. */
export interface ListeningServer {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves `fetch` on `host:port` (0 picks a free port) for the long-running commands (`serve`, `reward serve`).
 * A port in use is an ARGUMENT_INVALID error that says what to do.
 */
/** Refuses a number that is not a TCP port (0 picks a free one), before any work is done. */
export function checkPort(port: number): void {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new AppError('ARGUMENT_INVALID', `--port ${port} is not a TCP port`, {
      fix: 'Use 1–65535 (0 picks a free one).',
    });
  }
}

export async function listenHttp(
  fetch: (request: Request) => Response | Promise<Response>,
  options: { port: number; host: string },
): Promise<ListeningServer> {
  const { port, host } = options;
  checkPort(port);
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const started = serve({ fetch, port, hostname: host }, () => resolve(started));
    started.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new AppError('ARGUMENT_INVALID', `port ${port} on ${host} is in use`, {
              fix: 'Stop the other server or pick another --port.',
            })
          : error,
      ),
    );
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Resolves when the command is interrupted (SIGINT/SIGTERM abort `signal`); never without a signal. */
export function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal === undefined) return;
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}
