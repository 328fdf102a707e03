import type { MiddlewareHandler } from 'hono';

/**
 * The review app serves its own scripts, styles and fonts and talks only to its own API, so the policy allows
 * nothing else: no inline script or style, no framing, no plugins, forms posted only to this origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

/** Headers set on every response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * Sets `SECURITY_HEADERS` on every response, and `Cache-Control: no-store` on `/api/*` ones (they carry patient
 * notes and labels, which no shared or browser cache should keep). Headers are set after the handler runs, so
 * they also reach error and not-found responses.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (context, next) => {
    await next();
    const headers = context.res.headers;
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    if (isApiPath(context.req.path)) headers.set('Cache-Control', 'no-store');
  };
}
