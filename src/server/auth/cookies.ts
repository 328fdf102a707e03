import type { CookieOptions } from 'hono/utils/cookie';

/** How long a sign-in lasts: 12 hours, a clinical shift, after which the physician signs in again. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** How long a one-time link from `steward user add` can set a password: 72 hours. */
export const PASSWORD_LINK_TTL_MS = 72 * 60 * 60 * 1000;

/**
 * Options for Hono's `setCookie` (and `deleteCookie`) of the session cookie (`SESSION_COOKIE`): not readable by
 * scripts, never sent with requests started from another site, for the whole app, as long as the session lives,
 * and Secure when the server is reached over https (the server says which; a Secure cookie would not be stored
 * over plain http on another host than localhost).
 */
export function sessionCookieOptions(options: { secure: boolean }): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: Math.floor(SESSION_TTL_MS / 1000),
    secure: options.secure,
  };
}
