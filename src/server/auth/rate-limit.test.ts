import { describe, expect, it } from 'vitest';
import { createLoginRateLimiter } from './rate-limit.js';

const MINUTE = 60 * 1000;

function makeClock(start = Date.parse('2026-03-01T12:00:00Z')) {
  let current = start;
  return {
    now: () => new Date(current),
    advance: (milliseconds: number) => {
      current += milliseconds;
    },
  };
}

describe('createLoginRateLimiter', () => {
  it('allows 5 failures per account in 15 minutes, then blocks until the oldest leaves the window', () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({ now: clock.now });
    const attempt = { email: 'alice@example.org', address: '192.0.2.1' };
    for (let failure = 0; failure < 5; failure++) {
      expect(limiter.check(attempt)).toEqual({ allowed: true });
      limiter.recordFailure(attempt);
      clock.advance(MINUTE);
    }
    // Failures at minutes 0..4; now minute 5: the first leaves the window at minute 15, in 600 s.
    expect(limiter.check(attempt)).toEqual({ allowed: false, retryAfterSeconds: 600, scope: 'account' });
    // The same account from elsewhere, and with other spelling, is blocked too.
    expect(limiter.check({ email: ' Alice@Example.ORG ', address: '198.51.100.7' })).toMatchObject({
      allowed: false,
      scope: 'account',
    });
    // Another account from the same address is not.
    expect(limiter.check({ email: 'bob@example.org', address: '192.0.2.1' })).toEqual({ allowed: true });
    clock.advance(10 * MINUTE - 1);
    expect(limiter.check(attempt)).toEqual({ allowed: false, retryAfterSeconds: 1, scope: 'account' });
    clock.advance(1);
    expect(limiter.check(attempt)).toEqual({ allowed: true });
  });

  it('slides: a failure inside the window still counts after older ones expire', () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({
      now: clock.now,
      perAccount: { limit: 2, windowMs: 10 * MINUTE },
    });
    const attempt = { email: 'a@example.org' };
    limiter.recordFailure(attempt);
    clock.advance(8 * MINUTE);
    limiter.recordFailure(attempt);
    expect(limiter.check(attempt)).toEqual({ allowed: false, retryAfterSeconds: 120, scope: 'account' });
    clock.advance(2 * MINUTE);
    expect(limiter.check(attempt)).toEqual({ allowed: true });
    limiter.recordFailure(attempt);
    // Failures at minutes 8 and 10: blocked until minute 18.
    expect(limiter.check(attempt)).toEqual({ allowed: false, retryAfterSeconds: 480, scope: 'account' });
  });

  it('allows 20 failures per address across accounts, counting IPv4-mapped IPv6 as IPv4', () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({ now: clock.now });
    for (let failure = 0; failure < 20; failure++) {
      const address = failure % 2 === 0 ? '192.0.2.1' : '::ffff:192.0.2.1';
      expect(limiter.check({ email: `user${failure}@example.org`, address })).toEqual({ allowed: true });
      limiter.recordFailure({ email: `user${failure}@example.org`, address });
    }
    expect(limiter.check({ email: 'new@example.org', address: '192.0.2.1' })).toEqual({
      allowed: false,
      retryAfterSeconds: 900,
      scope: 'address',
    });
    expect(limiter.check({ email: 'new@example.org', address: '192.0.2.2' })).toEqual({ allowed: true });
    expect(limiter.check({ email: 'new@example.org' })).toEqual({ allowed: true });
  });

  it('reports the scope with the longer wait when both are blocked', () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({
      now: clock.now,
      perAccount: { limit: 1, windowMs: 5 * MINUTE },
      perAddress: { limit: 1, windowMs: 30 * MINUTE },
    });
    limiter.recordFailure({ email: 'a@example.org', address: '192.0.2.1' });
    expect(limiter.check({ email: 'a@example.org', address: '192.0.2.1' })).toEqual({
      allowed: false,
      retryAfterSeconds: 1800,
      scope: 'address',
    });
  });

  it("clears the account's failures on success but keeps the address's", () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({
      now: clock.now,
      perAccount: { limit: 2, windowMs: 15 * MINUTE },
      perAddress: { limit: 3, windowMs: 15 * MINUTE },
    });
    const attempt = { email: 'a@example.org', address: '192.0.2.1' };
    limiter.recordFailure(attempt);
    limiter.recordFailure(attempt);
    expect(limiter.check(attempt)).toMatchObject({ allowed: false, scope: 'account' });
    limiter.recordSuccess(attempt);
    expect(limiter.check(attempt)).toEqual({ allowed: true });
    limiter.recordFailure(attempt);
    expect(limiter.check(attempt)).toMatchObject({ allowed: false, scope: 'address' });
  });

  it('forgets the least recently failed keys beyond maxKeys', () => {
    const clock = makeClock();
    const limiter = createLoginRateLimiter({
      now: clock.now,
      perAccount: { limit: 1, windowMs: 15 * MINUTE },
      maxKeys: 3,
    });
    for (const email of ['a@x.org', 'b@x.org', 'c@x.org', 'd@x.org']) {
      limiter.recordFailure({ email });
      clock.advance(1000);
    }
    expect(limiter.check({ email: 'a@x.org' })).toEqual({ allowed: true });
    for (const email of ['b@x.org', 'c@x.org', 'd@x.org']) {
      expect(limiter.check({ email })).toMatchObject({ allowed: false });
    }
  });

  it('refuses a limit that cannot be enforced', () => {
    expect(() => createLoginRateLimiter({ perAccount: { limit: 0, windowMs: MINUTE } })).toThrow(RangeError);
  });
});
