import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limiter.js';
import type { Sleep } from './rate-limiter.js';

/** A fake clock whose sleep advances time instantly and records each wait. */
function createFakeTime(): { now: () => Date; sleep: Sleep; waits: number[]; elapsed: () => number } {
  let time = 0;
  const waits: number[] = [];
  return {
    now: () => new Date(time),
    sleep: (milliseconds) => {
      waits.push(milliseconds);
      time += milliseconds;
      return Promise.resolve();
    },
    waits,
    elapsed: () => time,
  };
}

describe('createRateLimiter', () => {
  it('never lets more than `concurrency` permits out, and hands slots over in order', async () => {
    const limiter = createRateLimiter({ concurrency: 2 });
    const first = await limiter.acquire({ tokens: 0 });
    const second = await limiter.acquire({ tokens: 0 });
    const order: number[] = [];
    const third = limiter.acquire({ tokens: 0 }).then((permit) => (order.push(3), permit));
    const fourth = limiter.acquire({ tokens: 0 }).then((permit) => (order.push(4), permit));
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limiter.inFlight).toBe(2);
    first.release();
    (await third).release();
    second.release();
    second.release(); // a second release is ignored
    (await fourth).release();
    expect(order).toEqual([3, 4]);
    expect(limiter.inFlight).toBe(0);
  });

  it('spaces requests to the requests-per-minute budget after the first burst', async () => {
    const time = createFakeTime();
    const limiter = createRateLimiter({ requestsPerMinute: 60, concurrency: 100, ...time });
    for (let index = 0; index < 62; index += 1) (await limiter.acquire({ tokens: 0 })).release();
    // 60 fit in the full bucket; each further request waits one second (60 per minute).
    expect(time.waits).toEqual([1000, 1000]);
    expect(time.elapsed()).toBe(2000);
  });

  it('charges estimated tokens and corrects them with the actual use', async () => {
    const time = createFakeTime();
    const limiter = createRateLimiter({ tokensPerMinute: 600, ...time });
    const permit = await limiter.acquire({ tokens: 100 });
    permit.release(700); // 600 over the estimate: 600 − 100 − 600 leaves the bucket at −100
    await limiter.acquire({ tokens: 100 });
    // 200 tokens short at 10 tokens per second → 20 s.
    expect(time.waits).toEqual([20_000]);
  });

  it('lets a request larger than the whole budget through once the bucket is full', async () => {
    const time = createFakeTime();
    const limiter = createRateLimiter({ tokensPerMinute: 100, ...time });
    (await limiter.acquire({ tokens: 5000 })).release(5000);
    expect(time.waits).toEqual([]);
  });

  it('rejects a waiting acquire when its signal aborts and frees nothing it did not take', async () => {
    const limiter = createRateLimiter({ concurrency: 1 });
    const held = await limiter.acquire({ tokens: 0 });
    const controller = new AbortController();
    const waiting = limiter.acquire({ tokens: 0, signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    held.release();
    expect(limiter.inFlight).toBe(0);
    (await limiter.acquire({ tokens: 0 })).release();
  });
});
