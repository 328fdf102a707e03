import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

function makeApp(): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  app.get('/', (context) => context.html('<!doctype html><title>Steward</title>'));
  app.get('/api/health', (context) => {
    context.header('Cache-Control', 'max-age=60');
    return context.json({ status: 'ok' });
  });
  app.get('/api/broken', () => {
    throw new Error('boom');
  });
  app.get('/apiary', (context) => context.text('not the API'));
  app.onError((_error, context) => context.json({ error: { code: 'INTERNAL', message: 'x' } }, 500));
  return app;
}

const EXPECTED = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function pick(headers: Headers): Record<string, string | null> {
  return Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, headers.get(name)]));
}

describe('securityHeaders', () => {
  it('sets the policy headers on a page, without Cache-Control: no-store', async () => {
    const response = await makeApp().request('/');
    expect(response.status).toBe(200);
    expect(pick(response.headers)).toEqual(EXPECTED);
    expect(response.headers.get('cache-control')).toBeNull();
  });

  it('sets Cache-Control: no-store on /api/* responses, overriding the handler', async () => {
    const response = await makeApp().request('/api/health');
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(pick(response.headers)).toEqual(EXPECTED);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('covers error and not-found responses too', async () => {
    const app = makeApp();
    const failed = await app.request('/api/broken');
    expect(failed.status).toBe(500);
    expect(pick(failed.headers)).toEqual(EXPECTED);
    expect(failed.headers.get('cache-control')).toBe('no-store');
    const missing = await app.request('/api/missing');
    expect(missing.status).toBe(404);
    expect(pick(missing.headers)).toEqual(EXPECTED);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('matches /api as a path segment, not a prefix of any path', async () => {
    const response = await makeApp().request('/apiary');
    expect(response.headers.get('cache-control')).toBeNull();
    expect(pick(response.headers)).toEqual(EXPECTED);
  });
});
