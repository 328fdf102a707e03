import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../contracts/review-api.js';
import { PASSWORD_LINK_TTL_MS, SESSION_TTL_MS, sessionCookieOptions } from './cookies.js';

async function cookieHeader(secure: boolean): Promise<string | null> {
  const app = new Hono();
  app.get('/', (context) => {
    setCookie(context, SESSION_COOKIE, 'token', sessionCookieOptions({ secure }));
    return context.text('ok');
  });
  return (await app.request('/')).headers.get('set-cookie');
}

describe('sessionCookieOptions', () => {
  it('makes an HttpOnly, SameSite=Strict cookie for / that lives 12 hours', async () => {
    expect(SESSION_TTL_MS).toBe(43_200_000);
    expect(PASSWORD_LINK_TTL_MS).toBe(259_200_000);
    expect(await cookieHeader(false)).toBe(
      'steward_session=token; Max-Age=43200; Path=/; HttpOnly; SameSite=Strict',
    );
  });

  it('adds Secure when served over https', async () => {
    expect(await cookieHeader(true)).toBe(
      'steward_session=token; Max-Age=43200; Path=/; HttpOnly; Secure; SameSite=Strict',
    );
  });
});
