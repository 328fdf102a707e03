import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PGliteOptions } from '@electric-sql/pglite';
import { vi } from 'vitest';

/**
 * Options that leave what initdb writes unchanged: the start parameters (the key of a cluster) and PGlite's own
 * WebAssembly modules and file bundle handed over precompiled. A call with any other option runs as it is.
 */
const CLUSTER_OPTIONS = new Set(['startParams', 'pgliteWasmModule', 'initdbWasmModule', 'fsBundle']);

/** A data folder on disk (not `memory://` or `idb://`) that is missing or empty, in a folder that exists. */
function isEmptyFolder(dataDir: string): boolean {
  if (dataDir.includes('://') || !existsSync(dirname(dataDir))) return false;
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0;
}

/**
 * Runs `use` while `PGlite.create(folder, options)` on a missing or empty folder, which runs initdb (about 2 s of
 * CPU), runs the real initdb only once per set of start parameters: with the options of the first such call, in a
 * folder of its own, shut down cleanly; that call and every later one copy the cluster into their folder before
 * the real `PGlite.create` starts it there (a cleanly shut-down cluster, copied, is that cluster:
 * `pgliteTestTarget` copies folders the same way). Every other call, and everything Steward does around the call,
 * is unchanged. `use` gets the folders initdb was asked for, in order. The spy is removed when `use` ends, so nothing
 * outlives it (test files may share a worker's modules).
 */
export async function withInitdbOnce<T>(use: (initdbRequests: readonly string[]) => Promise<T>): Promise<T> {
  const create = PGlite.create.bind(PGlite);
  const clusters = new Map<string, Promise<string>>();
  const requests: string[] = [];
  const parent = mkdtempSync(join(tmpdir(), 'steward-initdb-once-'));

  function makeCluster(options: PGliteOptions | undefined): Promise<string> {
    const key = JSON.stringify(options?.startParams ?? null);
    let cluster = clusters.get(key);
    if (cluster === undefined) {
      const folder = join(parent, String(clusters.size));
      cluster = create(folder, options).then(async (database) => {
        await database.close();
        return folder;
      });
      clusters.set(key, cluster);
    }
    return cluster;
  }

  async function createCopyingInitdb(dataDirOrOptions?: string | PGliteOptions, options?: PGliteOptions) {
    const usesInitdb =
      typeof dataDirOrOptions === 'string' &&
      Object.keys(options ?? {}).every((key) => CLUSTER_OPTIONS.has(key)) &&
      isEmptyFolder(dataDirOrOptions);
    if (usesInitdb) {
      requests.push(dataDirOrOptions);
      cpSync(await makeCluster(options), dataDirOrOptions, { recursive: true });
      return create(dataDirOrOptions, options);
    }
    return typeof dataDirOrOptions === 'string'
      ? create(dataDirOrOptions, options)
      : create(dataDirOrOptions);
  }

  const spy = vi.spyOn(PGlite, 'create').mockImplementation(createCopyingInitdb as typeof PGlite.create);
  try {
    return await use(requests);
  } finally {
    spy.mockRestore();
    await Promise.allSettled(clusters.values());
    rmSync(parent, { recursive: true, force: true });
  }
}
