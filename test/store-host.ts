import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/open.js';
import { vi } from 'vitest';

export interface StoreHost {
  /** The host's own store (the PGlite of the folder). */
  store: Store;
  /** Resolves once no client is connected; rejects while one still is after `timeoutMs` (default 2 s). */
  expectIdle(timeoutMs?: number): Promise<void>;
  /** `expectIdle`, then closes the store (and its socket) either way. */
  close(): Promise<void>;
}

/**
 * Opens the embedded store in `dataDir` and shares it over its socket, as `steward serve` does while it runs: a
 * command that opens the folder meanwhile (`openCliStore` → `openStore`) uses this PGlite through the socket
 * (`openShared`, the production path for commands run beside the server) instead of starting a PGlite of its own,
 * which costs 0.15–0.25 s of CPU per command in a test worker. A command that leaves its store open would make the
 * next one fail on the folder's lock without a host; with one, `expectIdle` and `close` catch it, after the last
 * command too.
 */
export async function hostStore(dataDir: string): Promise<StoreHost> {
  const store = await openStore({ kind: 'pglite', dataDir });
  const shared = await store.share?.().catch(() => undefined);
  if (shared === undefined) {
    await store.close();
    throw new Error(`the store in ${dataDir} cannot be shared over a socket`);
  }
  const expectIdle = (timeoutMs = 2000) =>
    vi.waitFor(
      () => {
        if (shared.idleSince() === undefined)
          throw new Error(`a client of ${dataDir} is still connected: a command left its store open`);
      },
      { timeout: timeoutMs, interval: 10 },
    );
  return {
    store,
    expectIdle,
    close: async () => {
      try {
        await expectIdle();
      } finally {
        await store.close();
      }
    },
  };
}
