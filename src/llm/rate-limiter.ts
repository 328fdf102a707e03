import { setTimeout as delay } from 'node:timers/promises';

/** Waits; rejects when the signal aborts. Injectable so tests can assert waits without waiting. */
export type Sleep = (milliseconds: number, signal?: AbortSignal) => Promise<void>;

export const sleepWithTimers: Sleep = async (milliseconds, signal) => {
  await delay(Math.max(0, milliseconds), undefined, signal === undefined ? {} : { signal });
};

export interface RateLimits {
  /** Calls in flight at once. Default 8. */
  concurrency?: number;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

export interface RateLimiterOptions extends RateLimits {
  now?: () => Date;
  sleep?: Sleep;
}

/** A slot taken from the limiter; give it back exactly once, with the tokens the call really used if known. */
export interface RatePermit {
  release(actualTokens?: number): void;
}

export interface RateLimiter {
  /** Waits for a concurrency slot and for request and token budget; rejects if the signal aborts. */
  acquire(request: { tokens: number; signal?: AbortSignal | undefined }): Promise<RatePermit>;
  readonly inFlight: number;
}

interface TokenBucket {
  capacity: number;
  perMillisecond: number;
  level: number;
  updatedAt: number;
}

function createBucket(perMinute: number, now: number): TokenBucket {
  return { capacity: perMinute, perMillisecond: perMinute / 60_000, level: perMinute, updatedAt: now };
}

function refill(bucket: TokenBucket, now: number): void {
  const elapsed = Math.max(0, now - bucket.updatedAt);
  bucket.level = Math.min(bucket.capacity, bucket.level + elapsed * bucket.perMillisecond);
  bucket.updatedAt = now;
}

/** Milliseconds until `amount` fits (a request larger than the whole budget waits for a full bucket). */
function computeWait(bucket: TokenBucket, amount: number, now: number): number {
  refill(bucket, now);
  const needed = Math.min(amount, bucket.capacity);
  return bucket.level >= needed ? 0 : (needed - bucket.level) / bucket.perMillisecond;
}

/**
 * Concurrency (a counting semaphore, first come first served) plus token buckets for requests and tokens
 * per minute. Token use is estimated before the call and corrected by `release(actualTokens)`, so a budget
 * overdrawn by long answers slows the next calls down.
 */
export function createRateLimiter(options: RateLimiterOptions = {}): RateLimiter {
  const concurrency = options.concurrency ?? 8;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? sleepWithTimers;
  const start = now().getTime();
  const requestBucket =
    options.requestsPerMinute === undefined ? undefined : createBucket(options.requestsPerMinute, start);
  const tokenBucket =
    options.tokensPerMinute === undefined ? undefined : createBucket(options.tokensPerMinute, start);
  let active = 0;
  const waiters: Array<() => void> = [];

  function takeSlot(signal: AbortSignal | undefined): Promise<void> {
    signal?.throwIfAborted();
    if (active < concurrency) {
      active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = waiters.indexOf(grant);
        if (index !== -1) waiters.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      const grant = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      waiters.push(grant);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  function giveSlot(): void {
    const next = waiters.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next === undefined) active -= 1;
    else next();
  }

  async function takeBudget(tokens: number, signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const time = now().getTime();
      const wait = Math.max(
        requestBucket === undefined ? 0 : computeWait(requestBucket, 1, time),
        tokenBucket === undefined ? 0 : computeWait(tokenBucket, tokens, time),
      );
      if (wait <= 0) {
        if (requestBucket !== undefined) requestBucket.level -= 1;
        if (tokenBucket !== undefined) tokenBucket.level -= tokens;
        return;
      }
      await sleep(Math.ceil(wait), signal);
    }
  }

  return {
    get inFlight() {
      return active;
    },
    async acquire({ tokens, signal }) {
      await takeSlot(signal);
      try {
        await takeBudget(tokens, signal);
      } catch (error) {
        giveSlot();
        throw error;
      }
      let released = false;
      return {
        release(actualTokens) {
          if (released) return;
          released = true;
          if (tokenBucket !== undefined && actualTokens !== undefined)
            tokenBucket.level += tokens - actualTokens;
          giveSlot();
        },
      };
    },
  };
}
