import { APICallError, NoObjectGeneratedError } from 'ai';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { classifyCallError, computeBackoffMs, parseRetryAfter, resolveRetryOptions } from './retry-policy.js';

const now = new Date('2026-03-01T12:00:00Z');
const context = { timedOut: false, model: 'openai/m', now };

function makeApiError(statusCode: number | undefined, headers?: Record<string, string>): APICallError {
  return new APICallError({
    message: 'boom',
    url: 'http://x',
    requestBodyValues: {},
    ...(statusCode === undefined ? {} : { statusCode }),
    ...(headers === undefined ? {} : { responseHeaders: headers }),
  });
}

describe('parseRetryAfter', () => {
  it('reads seconds, an HTTP date and retry-after-ms', () => {
    expect(parseRetryAfter({ 'retry-after': '3' }, now)).toBe(3000);
    expect(parseRetryAfter({ 'Retry-After': '1.5' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': 'Sun, 01 Mar 2026 12:00:10 GMT' }, now)).toBe(10_000);
    expect(parseRetryAfter({ 'retry-after': 'Sun, 01 Mar 2026 11:00:00 GMT' }, now)).toBe(0);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
  });

  it('is undefined when absent or unreadable', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });
});

describe('computeBackoffMs', () => {
  it('draws uniformly below the doubling, capped backoff (full jitter)', () => {
    const options = resolveRetryOptions({ initialDelayMs: 100, maxDelayMs: 1000 });
    expect(computeBackoffMs(1, options, () => 0.5)).toBe(50);
    expect(computeBackoffMs(3, options, () => 0.5)).toBe(200);
    expect(computeBackoffMs(10, options, () => 0.999)).toBe(999);
    expect(computeBackoffMs(2, options, () => 0)).toBe(0);
  });

  it('rejects a non-positive attempt count', () => {
    expect(() => resolveRetryOptions({ maxAttempts: 0 })).toThrow(AppError);
  });
});

describe('classifyCallError', () => {
  it('maps statuses to reasons and retry decisions', () => {
    expect(classifyCallError(makeApiError(429, { 'retry-after': '2' }), context)).toMatchObject({
      reason: 'rate-limited',
      retryable: true,
      retryAfterMs: 2000,
    });
    expect(classifyCallError(makeApiError(503), context)).toMatchObject({
      reason: 'server-error',
      retryable: true,
    });
    expect(classifyCallError(makeApiError(400), context)).toMatchObject({
      reason: 'request-rejected',
      retryable: false,
    });
    expect(classifyCallError(makeApiError(undefined), context)).toMatchObject({
      reason: 'network-error',
      retryable: true,
    });
    expect(classifyCallError(new Error('aborted'), { ...context, timedOut: true })).toMatchObject({
      reason: 'timeout',
    });
  });

  it('throws LLM_AUTH_FAILED for rejected credentials and rethrows foreign errors', () => {
    expect(() => classifyCallError(makeApiError(401), context)).toThrow(
      expect.objectContaining({ code: 'LLM_AUTH_FAILED' }),
    );
    expect(() => classifyCallError(new TypeError('bug'), context)).toThrow(TypeError);
  });

  it('retries malformed output but not a refusal, keeping the billed usage', () => {
    const usage = {
      inputTokens: 3,
      outputTokens: 4,
      totalTokens: 7,
      inputTokenDetails: { noCacheTokens: 3, cacheReadTokens: undefined, cacheWriteTokens: undefined },
      outputTokenDetails: { textTokens: 4, reasoningTokens: undefined },
    };
    const response = { id: 'r', timestamp: now, modelId: 'm' };
    const malformed = new NoObjectGeneratedError({ text: '{', response, usage, finishReason: 'stop' });
    expect(classifyCallError(malformed, context)).toMatchObject({
      reason: 'output-invalid',
      retryable: true,
      usage: { inputTokens: 3, outputTokens: 4 },
    });
    const refused = new NoObjectGeneratedError({
      text: 'no',
      response,
      usage,
      finishReason: 'content-filter',
    });
    expect(classifyCallError(refused, context)).toMatchObject({ reason: 'refused', retryable: false });
  });
});
