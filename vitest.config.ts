import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './test/slow-files-first.js';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // Setup hooks start databases too (an in-memory PGlite runs initdb: ~2 s of CPU, several times that on a loaded
    // machine), so they get the tests' budget instead of vitest's 10 s.
    hookTimeout: 60_000,
    setupFiles: ['test/fast-check-setup.ts'],
    // Temporary folders in memory when the machine has room (test/global-setup.ts).
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: SlowFilesFirst },
    pool: 'threads',
    // One worker more than the CPUs (vitest's default is one fewer): the slow files wait on child processes,
    // PostgreSQL, Chromium and the disk much of the time. On 2 CPUs the whole suite took 325 s with vitest's
    // 1 worker and 209 s with 3 (docs/decisions/2026-12-03-speed.md).
    maxWorkers: availableParallelism() + 1,
    // Test files share their worker's module cache instead of importing every module again per file: the suite took
    // 147 s with isolation and 113 s without, 263 → 200 s of CPU (docs/decisions/2026-12-03-speed.md). Tests must
    // therefore leave no process-wide state behind (environment, globals, timers); vi.mock stays per file.
    isolate: false,
    // The JSON report feeds CI's closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.ci/test-results.json' }]],
  },
});

// vitest loads the default export of its config file; the project otherwise uses named exports only.
// eslint-disable-next-line import-x/no-default-export
export default config;
