import { createHash } from 'node:crypto';
import type { SignedIn } from './context.js';

/** How long a looked-up session is trusted without asking the store again. */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * A short-lived cache of session look-ups: each request still checks its session, but a session seen in the last
 * 5 s is not read from the store again (one query saved per request). Sign-out in this process drops the entry at
 * once; an account disabled by another process (PostgreSQL deployments) loses access within 5 s. Keys are the
 * sha256 of the cookie token, never the token.
 */
export interface SessionCache {
  get(token: string, now: Date): SignedIn | undefined;
  set(token: string, entry: { signedIn: SignedIn; sessionExpiresAt: Date }, now: Date): void;
  delete(token: string): void;
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createSessionCache(ttlMs = SESSION_CACHE_MS): SessionCache {
  const entries = new Map<string, { signedIn: SignedIn; until: number }>();
  return {
    get(token, now) {
      const key = keyOf(token);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      if (entry.until <= now.getTime()) {
        entries.delete(key);
        return undefined;
      }
      return entry.signedIn;
    },
    set(token, { signedIn, sessionExpiresAt }, now) {
      if (entries.size >= MAX_ENTRIES) {
        const oldest = entries.keys().next().value;
        if (oldest !== undefined) entries.delete(oldest);
      }
      const until = Math.min(now.getTime() + ttlMs, sessionExpiresAt.getTime());
      entries.set(keyOf(token), { signedIn, until });
    },
    delete(token) {
      entries.delete(keyOf(token));
    },
  };
}
