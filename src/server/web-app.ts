import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Context } from 'hono';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function readIfFile(path: string): Promise<Buffer | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? await readFile(path) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves the built web app: a file under `root` when the path names one (hashed `/assets/*` cached for a year),
 * else `index.html` (the app routes in the browser). Paths cannot leave `root`.
 */
export function serveWebApp(root: string): (context: Context) => Promise<Response> {
  const base = resolve(root);
  return async (context) => {
    const relative = normalize(decodeURIComponent(context.req.path)).replace(/^([/\\])+/, '');
    const path = resolve(join(base, relative));
    const inside = path === base || path.startsWith(base + sep);
    const file = inside && relative !== '' ? await readIfFile(path) : undefined;
    if (file !== undefined) {
      const type = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
      const immutable = relative.startsWith('assets/');
      return context.body(new Uint8Array(file), 200, {
        'Content-Type': type,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
    }
    const index = await readIfFile(join(base, 'index.html'));
    if (index === undefined) {
      return context.text('The web app is not built: run `npm run build`.', 503);
    }
    return context.body(new Uint8Array(index), 200, {
      'Content-Type': CONTENT_TYPES['.html'] ?? 'text/html',
      'Cache-Control': 'no-cache',
    });
  };
}
