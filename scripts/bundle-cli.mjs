// Part of `npm run build`, after tsc: the CLI that `bin/steward.js` runs, bundled from dist/cli/ into
// dist/cli-bundle/ (an entry and the chunks its lazily loaded commands share). Node's ES module loader spends
// about 0.1 s of CPU resolving, reading and linking the ~700 files a store command imports one by one (Steward's
// own modules, drizzle-orm, zod); bundled, the same code loads from a few files. dist/ itself stays tsc's output,
// for the library entry (`import … from 'steward'`) and as this bundle's input.
//
// Left out of the bundle: PGlite (it finds its WebAssembly and data files next to its own package) and pg's
// optional native binding. CommonJS dependencies (commander, pg) call `require`, which an ES module lacks: the
// banner defines it for each output file.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { stdout } from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const outdir = fileURLToPath(new URL('../dist/cli-bundle', import.meta.url));
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { steward: fileURLToPath(new URL('../dist/cli/index.js', import.meta.url)) },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg-native'],
  banner: {
    js: "import { createRequire as createStewardRequire } from 'node:module'; const require = createStewardRequire(import.meta.url);",
  },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs);
stdout.write(`bundled the CLI into ${outdir} (${outputs.length} files)\n`);
