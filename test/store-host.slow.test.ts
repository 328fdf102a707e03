import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect, it } from 'vitest';
import { findUserByEmail } from '../src/store/accounts.js';
import { openStore } from '../src/store/open.js';
import { pgliteTestTarget } from './database.js';
import { hostStore } from './store-host.js';

it('serves the folder to a store opened meanwhile, and fails while that store is left open', async () => {
  const { target } = await pgliteTestTarget();
  if (target.kind !== 'pglite') throw new Error('pgliteTestTarget gave a server database');
  const host = await hostStore(target.dataDir);
  try {
    await host.expectIdle();
    // A second open of the folder would fail on its lock without the host: this one is the host's, over its socket.
    const client = await openStore(target);
    // A store on the host's socket cannot be shared again; one that started its own PGlite could.
    expect(client.share).toBeUndefined();
    expect(await findUserByEmail(client.db, 'nobody@example.org')).toBeUndefined();
    await expect(host.expectIdle(100)).rejects.toThrow(/a command left its store open/);
    await client.close();
    await host.expectIdle();
  } finally {
    await host.close();
    rmSync(dirname(target.dataDir), { recursive: true, force: true });
  }
});
