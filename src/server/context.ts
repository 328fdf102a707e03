import type { Context } from 'hono';
import type { Role } from '../contracts/review-api.js';
import type { Store } from '../store/open.js';
import type { LoginRateLimiter } from './auth/rate-limit.js';
import type { SessionCache } from './session-cache.js';

/** What `createApp` needs; defaults are applied at the composition root (`steward serve`) and in tests. */
export interface ServerDependencies {
  store: Store;
  /** Steward's version, shown by the health check and the OpenAPI document. */
  version: string;
  /** Where relative dataset paths resolve (batch building). */
  cwd: string;
  now: () => Date;
  newId: () => string;
  /** The built web app (`dist/web`); null serves the API only. */
  webRoot: string | null;
  /** Set the Secure flag on the session cookie (behind HTTPS). */
  secureCookies: boolean;
  loginLimiter: LoginRateLimiter;
  /** The client's address for rate limits (the socket's remote address under `steward serve`). */
  clientAddress: (context: Context) => string;
  /** Recently checked sessions (see session-cache.ts); absent: every request reads the store. */
  sessionCache?: SessionCache;
}

/** The signed-in user of a request. */
export interface SignedIn {
  user: { id: string; email: string; role: Role };
  csrfToken: string;
  /** The session cookie's token (for sign-out). */
  token: string;
}

/** What a route handler receives: parsed path parameters and body, the user (null on public routes). */
export interface HandlerInput<BODY> {
  context: Context;
  params: Record<string, string>;
  body: BODY;
  auth: SignedIn | null;
  deps: ServerDependencies;
}

/** The signed-in user of a non-public route (the route table guarantees one). */
export function requireAuth(input: { auth: SignedIn | null }): SignedIn {
  if (input.auth === null) throw new Error('a non-public route ran without a signed-in user');
  return input.auth;
}
