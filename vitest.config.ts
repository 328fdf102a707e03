import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});

// vitest loads the default export of its config file; the project otherwise uses named exports only.
// eslint-disable-next-line import-x/no-default-export
export default config;
