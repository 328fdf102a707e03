// Part of `npm run build` (and `prepare`, so `npm ci` runs it), after tsc: an empty PGlite data folder with every
// Steward migration applied, as a gzipped tarball in dist/. A new store is unpacked from it (src/store/template-tar.ts)
// instead of running initdb and the migrations, so the first `steward audit` starts the database once, not twice.
// The store falls back to initdb when the file is missing or does not load, and migrates a template made by an
// older build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Buffer } from 'node:buffer';
import { stdout } from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from '../dist/store/migrate.js';
import { schema } from '../dist/store/schema.js';

const target = fileURLToPath(new URL('../dist/pglite-template.tar.gz', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'steward-pglite-template-'));
try {
  const client = await PGlite.create(join(folder, 'db'));
  const applied = await migrate(drizzle({ client, schema }));
  // Written to the data files now, so the store's first start has no WAL to replay.
  await client.exec('CHECKPOINT');
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  stdout.write(`wrote ${target} (migrations ${applied.join(', ')})\n`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
