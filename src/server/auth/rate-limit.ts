/**
 * Login throttling: failed sign-ins are counted per account (e-mail) and per client address in sliding
 * windows. The counts live in this process's memory only: they reset on restart, and several server processes
 * behind one proxy each count on their own (so the effective limit is per process). Memory is bounded: each key
 * keeps at most `limit` timestamps, keys whose failures have all left the window are dropped, and beyond
 * `maxKeys` keys per scope the least recently failed ones are forgotten.
 */

/** At most `limit` failures within any `windowMs`. */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

export type RateLimitScope = 'account' | 'address';

export type RateLimitDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; scope: RateLimitScope };

/** One sign-in attempt: the e-mail typed and the client's address (absent when unknown, e.g. in tests). */
export interface LoginAttempt {
  email: string;
  address?: string | undefined;
}

export interface LoginRateLimiter {
  /** Whether an attempt may go ahead; call before checking the password. */
  check(attempt: LoginAttempt): RateLimitDecision;
  /** Counts a failed attempt against both the account and the address. */
  recordFailure(attempt: LoginAttempt): void;
  /** A successful sign-in clears the account's failures (the address's count stays). */
  recordSuccess(attempt: LoginAttempt): void;
}

export interface LoginRateLimiterOptions {
  now?: () => Date;
  perAccount?: RateLimit;
  perAddress?: RateLimit;
  /** Most keys remembered per scope (default 50,000). */
  maxKeys?: number;
}

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** 5 failures per account and 20 per address in any 15 minutes. */
export const DEFAULT_LOGIN_RATE_LIMITS: Readonly<Record<RateLimitScope, RateLimit>> = {
  account: { limit: 5, windowMs: FIFTEEN_MINUTES },
  address: { limit: 20, windowMs: FIFTEEN_MINUTES },
};

const DEFAULT_MAX_KEYS = 50_000;

interface SlidingWindow {
  /** Milliseconds until the key may try again, or 0 when it may now. */
  waitMs(key: string, nowMs: number): number;
  record(key: string, nowMs: number): void;
  clear(key: string): void;
}

function createSlidingWindow(rule: RateLimit, maxKeys: number): SlidingWindow {
  if (!Number.isSafeInteger(rule.limit) || rule.limit < 1 || !(rule.windowMs > 0)) {
    throw new RangeError(`invalid rate limit: ${rule.limit} per ${rule.windowMs} ms`);
  }
  // Failure times per key, oldest first; the Map's order is the order keys last failed in.
  const failures = new Map<string, number[]>();

  function recent(key: string, nowMs: number): number[] {
    const times = failures.get(key);
    if (times === undefined) return [];
    const live = times.filter((time) => time > nowMs - rule.windowMs);
    if (live.length === 0) failures.delete(key);
    else if (live.length !== times.length) failures.set(key, live);
    return live;
  }

  /** Forgets the least recently failed keys; keys in failure order put the expired ones first anyway. */
  function evict(): void {
    for (const key of failures.keys()) {
      if (failures.size <= maxKeys) return;
      failures.delete(key);
    }
  }

  return {
    waitMs(key, nowMs) {
      const times = recent(key, nowMs);
      if (times.length < rule.limit) return 0;
      // Only the last `limit` failures are kept: the oldest of them must leave the window first.
      return (times[times.length - rule.limit] ?? nowMs) + rule.windowMs - nowMs;
    },
    record(key, nowMs) {
      const times = [...recent(key, nowMs), nowMs].slice(-rule.limit);
      failures.delete(key);
      failures.set(key, times);
      evict();
    },
    clear(key) {
      failures.delete(key);
    },
  };
}

function accountKey(email: string): string {
  return email.trim().toLowerCase();
}

/** An IPv4 client seen through an IPv6 socket (`::ffff:192.0.2.1`) counts as its IPv4 address. */
function addressKey(address: string | undefined): string | undefined {
  if (address === undefined || address === '') return undefined;
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice('::ffff:'.length) : lower;
}

/** The per-process login rate limiter (see the module comment for what "per process" means). */
export function createLoginRateLimiter(options: LoginRateLimiterOptions = {}): LoginRateLimiter {
  const now = options.now ?? (() => new Date());
  const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
  const accounts = createSlidingWindow(options.perAccount ?? DEFAULT_LOGIN_RATE_LIMITS.account, maxKeys);
  const addresses = createSlidingWindow(options.perAddress ?? DEFAULT_LOGIN_RATE_LIMITS.address, maxKeys);

  return {
    check(attempt) {
      const nowMs = now().getTime();
      const address = addressKey(attempt.address);
      const waits: { scope: RateLimitScope; waitMs: number }[] = [
        { scope: 'account', waitMs: accounts.waitMs(accountKey(attempt.email), nowMs) },
        { scope: 'address', waitMs: address === undefined ? 0 : addresses.waitMs(address, nowMs) },
      ];
      const longest = waits.reduce((first, second) => (second.waitMs > first.waitMs ? second : first));
      if (longest.waitMs <= 0) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil(longest.waitMs / 1000)),
        scope: longest.scope,
      };
    },
    recordFailure(attempt) {
      const nowMs = now().getTime();
      accounts.record(accountKey(attempt.email), nowMs);
      const address = addressKey(attempt.address);
      if (address !== undefined) addresses.record(address, nowMs);
    },
    recordSuccess(attempt) {
      accounts.clear(accountKey(attempt.email));
    },
  };
}
