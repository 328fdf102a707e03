import { createHash, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../app-error.js';
import { CSRF_HEADER } from '../../contracts/review-api.js';

/** Methods that must not change anything, so need no CSRF token. Every other method is checked. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CsrfRequest {
  method: string;
  /** The `x-csrf-token` header, if sent. */
  headerToken: string | undefined;
  /** The session's CSRF token; undefined when the request has no session (public routes such as sign-in). */
  sessionToken: string | undefined;
  /** The `Origin` header, if sent. */
  origin: string | undefined;
  /** The `Host` header. */
  host: string | undefined;
}

/** Compared as sha256 digests, so tokens of any length take the same time. */
function isSameToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The origin's `host[:port]` and the Host header, both with the scheme's default port dropped. */
function isSameHost(origin: string, host: string): boolean {
  try {
    const originUrl = new URL(origin);
    if (originUrl.protocol !== 'http:' && originUrl.protocol !== 'https:') return false;
    const hostUrl = new URL(`${originUrl.protocol}//${host}`);
    return hostUrl.host === originUrl.host && hostUrl.pathname === '/' && hostUrl.username === '';
  } catch {
    return false;
  }
}

function refuse(message: string, reason: string): AppError {
  return new AppError('CSRF_INVALID', message, {
    fix: 'Reload the page and try again; the app must be opened from the address the server runs at.',
    details: { reason },
  });
}

/**
 * The CSRF check of a request: undefined when it may go ahead, else an AppError CSRF_INVALID. Safe methods
 * (GET, HEAD, OPTIONS) always pass. Any other method must (1) come from this host when it carries an `Origin`
 * header (`Origin: null` fails), and (2) when there is a session, carry the session's token in `x-csrf-token`,
 * compared in constant time. The session cookie is also SameSite=Strict; this is the second line of defence.
 */
export function checkCsrf(request: CsrfRequest): AppError | undefined {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
  if (request.origin !== undefined) {
    if (request.host === undefined || !isSameHost(request.origin, request.host)) {
      return refuse(
        `cross-origin request refused: Origin ${request.origin} is not this server (${request.host ?? 'no Host header'})`,
        'origin-mismatch',
      );
    }
  }
  if (request.sessionToken === undefined) return undefined;
  if (request.headerToken === undefined || request.headerToken === '') {
    return refuse(`the ${CSRF_HEADER} header is missing`, 'token-missing');
  }
  if (!isSameToken(request.headerToken, request.sessionToken)) {
    return refuse(`the ${CSRF_HEADER} header does not match this session`, 'token-mismatch');
  }
  return undefined;
}
