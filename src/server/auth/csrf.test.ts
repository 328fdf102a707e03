import { describe, expect, it } from 'vitest';
import { AppError } from '../../app-error.js';
import { checkCsrf } from './csrf.js';
import type { CsrfRequest } from './csrf.js';

const TOKEN = 'qJ3v1m0G2mXvC4rA7oK9yq1s8bZ2eN5tQx6wU0pL3dE';

function request(overrides: Partial<CsrfRequest>): CsrfRequest {
  return {
    method: 'POST',
    headerToken: TOKEN,
    sessionToken: TOKEN,
    origin: 'http://localhost:8787',
    host: 'localhost:8787',
    ...overrides,
  };
}

function reasonOf(result: AppError | undefined): unknown {
  return result?.details['reason'];
}

describe('checkCsrf', () => {
  it('lets safe methods through whatever their headers', () => {
    for (const method of ['GET', 'get', 'HEAD', 'OPTIONS']) {
      expect(
        checkCsrf(request({ method, headerToken: undefined, origin: 'https://evil.example' })),
      ).toBeUndefined();
    }
  });

  it('lets a state-changing request with the right token and a same-host Origin through', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'delete']) {
      expect(checkCsrf(request({ method }))).toBeUndefined();
    }
    expect(checkCsrf(request({ origin: undefined }))).toBeUndefined();
  });

  it('refuses a missing or wrong token with CSRF_INVALID', () => {
    const missing = checkCsrf(request({ headerToken: undefined }));
    expect(missing).toBeInstanceOf(AppError);
    expect(missing).toMatchObject({ code: 'CSRF_INVALID' });
    expect(missing?.message).toContain('x-csrf-token');
    expect(reasonOf(missing)).toBe('token-missing');
    expect(reasonOf(checkCsrf(request({ headerToken: '' })))).toBe('token-missing');
    expect(reasonOf(checkCsrf(request({ headerToken: `${TOKEN}x` })))).toBe('token-mismatch');
    expect(reasonOf(checkCsrf(request({ headerToken: TOKEN.toLowerCase() })))).toBe('token-mismatch');
    expect(reasonOf(checkCsrf(request({ method: 'PUT', headerToken: 'short' })))).toBe('token-mismatch');
  });

  it('checks every method that is not safe, not only the four usual ones', () => {
    expect(reasonOf(checkCsrf(request({ method: 'TRACE', headerToken: undefined })))).toBe('token-missing');
  });

  it('refuses an Origin of another host, port or scheme-less value, and Origin: null', () => {
    for (const origin of [
      'https://evil.example',
      'http://localhost:9999',
      'http://localhost.evil.example:8787',
      'null',
      'localhost:8787',
      'file:///etc',
    ]) {
      const result = checkCsrf(request({ origin }));
      expect(result, origin).toMatchObject({ code: 'CSRF_INVALID' });
      expect(reasonOf(result)).toBe('origin-mismatch');
    }
    expect(reasonOf(checkCsrf(request({ host: undefined })))).toBe('origin-mismatch');
    expect(reasonOf(checkCsrf(request({ host: 'localhost:8787/path' })))).toBe('origin-mismatch');
  });

  it('compares hosts case-insensitively and without the default port', () => {
    expect(
      checkCsrf(request({ origin: 'https://Steward.Example', host: 'steward.example:443' })),
    ).toBeUndefined();
    expect(
      checkCsrf(request({ origin: 'http://steward.example:80', host: 'STEWARD.example' })),
    ).toBeUndefined();
    expect(
      checkCsrf(request({ origin: 'https://steward.example', host: 'steward.example:80' })),
    ).toMatchObject({
      code: 'CSRF_INVALID',
    });
  });

  it('without a session (sign-in) checks only the Origin', () => {
    expect(checkCsrf(request({ sessionToken: undefined, headerToken: undefined }))).toBeUndefined();
    expect(
      reasonOf(
        checkCsrf(
          request({ sessionToken: undefined, headerToken: undefined, origin: 'https://evil.example' }),
        ),
      ),
    ).toBe('origin-mismatch');
  });
});
