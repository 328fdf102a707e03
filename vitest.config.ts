import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    setupFiles: ['test/fast-check-setup.ts'],
    pool: 'threads',
    // The JSON report feeds CI's closing "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.ci/test-results.json' }]],
  },
});

// vitest loads the default export of its config file; the project otherwise uses named exports only.
// eslint-disable-next-line import-x/no-default-export
export default config;
