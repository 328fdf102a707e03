import { existsSync, mkdirSync, openAsBlob, readdirSync, renameSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { PGlite } from '@electric-sql/pglite';
import type { PGliteOptions } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { AppError } from '../app-error.js';
import { migrate } from './migrate.js';
import { schema } from './schema.js';
import { extractTemplate } from './template-tar.js';

const requireFromHere = createRequire(import.meta.url);

type PgliteArtifacts = Required<Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>>;
type WasmModule = PgliteArtifacts['pgliteWasmModule'];

/** The WebAssembly global (this project's `lib` has no DOM types, and @types/node does not declare it). */
const webAssembly = (
  globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }
).WebAssembly;

let pgliteArtifacts: Promise<PgliteArtifacts> | undefined;

/**
 * PGlite's WebAssembly modules and file bundle, read and compiled once per process: every later PGlite start in the
 * process (a test file's stores, a fallback to initdb) reuses the module and the functions already compiled in it
 * instead of reading 15 MB and compiling again.
 *
 * The modules are compiled by V8's baseline compiler (Liftoff) only, without tiering up to the optimising
 * compiler (TurboFan), which otherwise compiles the hot part of the 9 MB backend a second time on every start.
 * Measured on the main job (built CLI, 2 CPUs, interleaved): `audit show` 0.70–0.88 s CPU and 237–252 MB →
 * 0.41–0.63 s CPU and 152–154 MB; the warm audit 2.7–2.9 s → 2.0–2.1 s CPU and 380 → 322 MB; the first audit
 * 6.2 → 5.0–5.4 s CPU and 413–434 → 370 MB (docs/decisions/2026-12-03-speed.md). The flag is process-wide and
 * applies to WebAssembly compiled after it is set; PGlite's is the only WebAssembly Steward compiles.
 */
function loadPgliteArtifacts(): Promise<PgliteArtifacts> {
  pgliteArtifacts ??= (async () => {
    setFlagsFromString('--liftoff-only');
    const path = (name: string) => requireFromHere.resolve(`@electric-sql/pglite/${name}`);
    const [pgliteWasm, initdbWasm, fsBundle] = await Promise.all([
      readFile(path('pglite.wasm')),
      readFile(path('initdb.wasm')),
      // Backed by the file: PGlite reads it once, instead of a 6 MB buffer copied into a Blob first.
      openAsBlob(path('pglite.data')),
    ]);
    return {
      pgliteWasmModule: await webAssembly.compile(pgliteWasm),
      initdbWasmModule: await webAssembly.compile(initdbWasm),
      fsBundle,
    };
  })();
  pgliteArtifacts.catch(() => {
    pgliteArtifacts = undefined;
  });
  return pgliteArtifacts;
}

/**
 * How Steward starts PGlite: its modules compiled once per process (above), its own start parameters plus a 16 MB
 * buffer cache instead of PostgreSQL's default 128 MB. The cache only holds copies of pages (durability is
 * unchanged: every commit still reaches the data folder before it returns); the smaller one lowers peak RSS by
 * about 120 MB for every command, with no measurable slowdown on the 1,047-item audit
 * (docs/decisions/2026-12-03-speed.md).
 */
async function pgliteOptions(): Promise<PgliteArtifacts & { startParams: string[] }> {
  return {
    ...(await loadPgliteArtifacts()),
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
  };
}

/**
 * Fills the new folder `staging`: from the template tarball when there is one that unpacks (no database starts:
 * the open that follows is the only one), else by initdb and the migrations. Returns which was done.
 */
async function fillStaging(
  staging: string,
  template: string | null,
): Promise<Exclude<FolderOrigin, 'existing'>> {
  if (template !== null && existsSync(template)) {
    try {
      await extractTemplate(template, staging);
      return 'template';
    } catch {
      // A damaged or foreign tarball: run initdb below.
      rmSync(staging, { recursive: true, force: true });
    }
  }
  const client = await PGlite.create(staging, await pgliteOptions());
  try {
    await migrate(drizzlePglite({ client, schema }));
  } finally {
    await client.close();
  }
  return 'initdb';
}

/** How a data folder came to hold a database: it already did, unpacked from the template, or by initdb. */
export type FolderOrigin = 'existing' | 'template' | 'initdb';

/** Removes everything inside `folder`, keeping the folder itself (a mount point or a symlink's target). */
function emptyFolder(folder: string): void {
  for (const entry of readdirSync(folder)) rmSync(join(folder, entry), { recursive: true, force: true });
}

/** Present inside an existing folder while Steward fills it; its presence means the filling was interrupted. */
const FILLING = '.steward-creating';

/**
 * Creating a PGlite folder takes a while. A process killed meanwhile must not leave a half-made database that
 * never opens again:
 * - a new folder is made as a sibling staging folder (unpacked from the template, or made by initdb and
 *   migrated) and renamed into place (atomic);
 * - an existing empty folder (a mount point, a symlink's target) is filled from a staging folder inside it,
 *   `PG_VERSION` moved last; a folder still holding the staging folder is cleared and filled again.
 * Leftovers of a killed creation are removed. Call with the lock held. Returns how the folder was made
 * (`existing`: it already held a database).
 */
export async function createPgliteFolder(dataDir: string, template: string | null): Promise<FolderOrigin> {
  const entries = existsSync(dataDir) ? readdirSync(dataDir) : undefined;
  if (entries?.includes(FILLING) === true) {
    emptyFolder(dataDir);
  } else if (existsSync(join(dataDir, 'PG_VERSION'))) {
    return 'existing';
  } else if (entries !== undefined && entries.length > 0) {
    throw new AppError('DATABASE_UNAVAILABLE', `${dataDir} is not empty and is not a Steward database`, {
      fix: 'Point --db at an empty or new folder, or at a folder Steward created.',
      details: { dataDir },
    });
  }
  const fillInPlace = entries !== undefined;
  const parent = dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  const prefix = `${basename(dataDir)}.creating-`;
  if (!fillInPlace) {
    for (const entry of readdirSync(parent)) {
      if (entry.startsWith(prefix)) rmSync(join(parent, entry), { recursive: true, force: true });
    }
  }
  const staging = fillInPlace ? join(dataDir, FILLING) : join(parent, `${prefix}${process.pid}`);
  const made = await fillStaging(staging, template);
  if (!fillInPlace) {
    renameSync(staging, dataDir);
    return made;
  }
  for (const entry of readdirSync(staging).filter((name) => name !== 'PG_VERSION')) {
    renameSync(join(staging, entry), join(dataDir, entry));
  }
  renameSync(join(staging, 'PG_VERSION'), join(dataDir, 'PG_VERSION'));
  rmSync(staging, { recursive: true, force: true });
  return made;
}

/**
 * Starts PGlite on the folder. A folder just unpacked from a template that this PGlite cannot start (a template
 * built by another PGlite version) is emptied and made again by initdb.
 */
export async function startPglite(dataDir: string, made: FolderOrigin): Promise<PGlite> {
  try {
    return await PGlite.create(dataDir, await pgliteOptions());
  } catch (error) {
    if (made !== 'template') throw error;
    emptyFolder(dataDir);
    await createPgliteFolder(dataDir, null);
    return PGlite.create(dataDir, await pgliteOptions());
  }
}
