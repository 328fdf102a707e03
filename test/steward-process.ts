import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: child processes of the CLI run from here. */
export const REPOSITORY = fileURLToPath(new URL('../', import.meta.url));

/** The sources tsconfig.build.json leaves out of dist/ (tests and their fixtures; declaration files emit nothing). */
function isBuiltSource(name: string): boolean {
  return (
    name.endsWith('.ts') &&
    !name.endsWith('.d.ts') &&
    !name.endsWith('.test.ts') &&
    !name.endsWith('.test-suite.ts') &&
    name !== 'test-fixtures.ts' &&
    name !== 'test-kit.ts'
  );
}

/**
 * Whether a built source under `folder` (in `source`) has no output in `build`, or changed after its output or the
 * bundle (`bundledAt`, the bundled CLI's modification time) was written.
 */
function hasStaleOutput(
  folder: string,
  roots: { source: string; build: string; bundledAt: number },
): boolean {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__fixtures__' && hasStaleOutput(path, roots)) return true;
    } else if (isBuiltSource(entry.name)) {
      const output = join(roots.build, relative(roots.source, path)).replace(/\.ts$/, '.js');
      const changedAt = statSync(path).mtimeMs;
      if (!existsSync(output) || statSync(output).mtimeMs < changedAt || roots.bundledAt < changedAt)
        return true;
    }
  }
  return false;
}

/**
 * The node arguments that start `steward` in a child process (spawn `process.execPath` with these, then the
 * command's own, from `REPOSITORY`). The built CLI (`bin/steward.js` on the bundle in dist/cli-bundle/) when every
 * source file has an output in dist/ and a bundle at least as new as itself, as after `npm ci` or `npm run build`:
 * tsx would spend about 0.6 s of CPU per process compiling the sources again. Otherwise, when a source was edited
 * after the last build, the sources themselves through tsx, so that a test never runs stale code. Checked on every
 * call (a few milliseconds).
 */
export function chooseStewardEntry(repository: string = REPOSITORY): string[] {
  const source = join(repository, 'src');
  const builtCli = join(repository, 'bin', 'steward.js');
  const bundle = join(repository, 'dist', 'cli-bundle', 'steward.js');
  return existsSync(builtCli) &&
    existsSync(bundle) &&
    !hasStaleOutput(source, { source, build: join(repository, 'dist'), bundledAt: statSync(bundle).mtimeMs })
    ? [builtCli]
    : ['--import', 'tsx', join(source, 'cli', 'main.ts')];
}
