import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webFolder = fileURLToPath(new URL('.', import.meta.url));

/**
 * The review app, built to `<repo>/dist/web` for `steward serve`. The server's CSP is `script-src 'self';
 * style-src 'self'`, so the build must emit no inline script or style: no module-preload polyfill (it is
 * inlined), CSS as files only.
 */
export const config = defineConfig({
  root: webFolder,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});

// Vite loads the default export of its config file; the project otherwise uses named exports only.
// eslint-disable-next-line import-x/no-default-export
export default config;
