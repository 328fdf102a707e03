import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { chooseStewardEntry } from './steward-process.js';

let repository = '';
afterEach(() => rmSync(repository, { recursive: true, force: true }));

/** Writes `path` in the fake repository with its modification time `seconds` after the epoch. */
function writeAt(path: string, seconds: number): void {
  const full = join(repository, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, '');
  utimesSync(full, seconds, seconds);
}

describe('chooseStewardEntry', () => {
  it('starts the build only while every built source is older than its output', () => {
    repository = mkdtempSync(join(tmpdir(), 'steward-entry-'));
    const built = [join(repository, 'bin', 'steward.js')];
    const sources = ['--import', 'tsx', join(repository, 'src', 'cli', 'main.ts')];
    writeAt('bin/steward.js', 100);
    writeAt('dist/cli-bundle/steward.js', 250);
    writeAt('src/cli/main.ts', 100);
    writeAt('dist/cli/main.js', 200);
    writeAt('src/store/open.ts', 100);
    writeAt('dist/store/open.js', 200);
    // Tests, fixtures and declarations have no output in dist/, and editing them does not make it stale.
    writeAt('src/store/open.test.ts', 300);
    writeAt('src/store/open.test-suite.ts', 300);
    writeAt('src/store/test-fixtures.ts', 300);
    writeAt('src/store/__fixtures__/rows.ts', 300);
    writeAt('src/types/module.d.ts', 300);
    expect(chooseStewardEntry(repository)).toEqual(built);

    writeAt('src/store/open.ts', 201);
    expect(chooseStewardEntry(repository)).toEqual(sources);
    writeAt('dist/store/open.js', 201);
    expect(chooseStewardEntry(repository)).toEqual(built);

    // A source not built yet.
    writeAt('src/store/lock.ts', 100);
    expect(chooseStewardEntry(repository)).toEqual(sources);
    writeAt('dist/store/lock.js', 200);
    expect(chooseStewardEntry(repository)).toEqual(built);

    // A source edited after the bundle was made, though tsc has built it since (a bundle left stale).
    writeAt('src/store/lock.ts', 260);
    writeAt('dist/store/lock.js', 270);
    expect(chooseStewardEntry(repository)).toEqual(sources);
    writeAt('dist/cli-bundle/steward.js', 280);
    expect(chooseStewardEntry(repository)).toEqual(built);

    rmSync(join(repository, 'dist', 'cli-bundle'), { recursive: true });
    expect(chooseStewardEntry(repository)).toEqual(sources);
    writeAt('dist/cli-bundle/steward.js', 280);
    rmSync(join(repository, 'bin'), { recursive: true });
    expect(chooseStewardEntry(repository)).toEqual(sources);
  });
});
