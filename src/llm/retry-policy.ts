import { AISDKError, APICallError, NoObjectGeneratedError, NoOutputGeneratedError } from 'ai';
import { AppError } from '../app-error.js';
import type { TokenUsage } from './response-cache.js';

/** Why a call gave up; stored with the abstaining verdict. */
export type AbstainReason =
  | 'refused'
  | 'rate-limited'
  | 'server-error'
  | 'timeout'
  | 'output-invalid'
  | 'response-invalid'
  | 'network-error'
  | 'request-rejected'
  /** Collect mode (`steward llm batch export`): no call made, the request waits in a batch file. */
  | 'deferred-to-batch';

export interface RetryOptions {
  /** Requests per call, the first included. Default 4. */
  maxAttempts?: number;
  /** Backoff cap before jitter for the first retry; doubles each retry. Default 1000. */
  initialDelayMs?: number;
  /** Largest backoff before jitter. Default 30000. */
  maxDelayMs?: number;
  /** Per-request timeout. Default 120000. */
  timeoutMs?: number;
  /** A Retry-After longer than this (a daily quota, say) abstains at once instead of waiting. Default 120000. */
  maxRetryAfterMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved = {
    maxAttempts: options.maxAttempts ?? 4,
    initialDelayMs: options.initialDelayMs ?? 1000,
    maxDelayMs: options.maxDelayMs ?? 30_000,
    timeoutMs: options.timeoutMs ?? 120_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 120_000,
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `maxAttempts must be a positive integer, got ${resolved.maxAttempts}`,
    );
  }
  return resolved;
}

/** A failed request, classified. */
export interface CallFailure {
  reason: AbstainReason;
  retryable: boolean;
  message: string;
  /** What the server asked us to wait, when it said. */
  retryAfterMs?: number;
  /** Tokens the failed request still used (malformed output is billed). */
  usage?: TokenUsage;
}

/** Full jitter: a uniform wait between 0 and the capped exponential backoff for this retry (1-based). */
export function computeBackoffMs(retry: number, options: ResolvedRetryOptions, random: () => number): number {
  const cap = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * cap);
}

/** `Retry-After` in seconds or as an HTTP date (RFC 9110 §10.2.3), or `retry-after-ms`; undefined if absent. */
export function parseRetryAfter(headers: Record<string, string> | undefined, now: Date): number | undefined {
  if (headers === undefined) return undefined;
  const lowered = new Map(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value.trim()]));
  const milliseconds = lowered.get('retry-after-ms');
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds)) return Number(milliseconds);
  const value = lowered.get('retry-after');
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now.getTime());
}

function describeStatus(error: APICallError): string {
  return `HTTP ${error.statusCode ?? '?'}: ${error.message}`.slice(0, 500);
}

/**
 * Sorts a thrown request error into a retry decision. 401/403 throw: a wrong key fails every call, so the
 * audit stops with a fix instead of abstaining on every item. Errors that are not the SDK's are bugs and
 * are rethrown.
 */
export function classifyCallError(
  error: unknown,
  context: { timedOut: boolean; model: string; now: Date },
): CallFailure {
  if (context.timedOut) return { reason: 'timeout', retryable: true, message: 'the request timed out' };
  if (NoObjectGeneratedError.isInstance(error)) {
    const usage = error.usage === undefined ? undefined : pickUsage(error.usage);
    const refused = error.finishReason === 'content-filter';
    return {
      reason: refused ? 'refused' : 'output-invalid',
      retryable: !refused,
      message: refused
        ? 'the model declined to answer'
        : `${error.message} ${describeCause(error.cause)}`.trim(),
      ...(usage === undefined ? {} : { usage }),
    };
  }
  if (NoOutputGeneratedError.isInstance(error)) {
    return { reason: 'output-invalid', retryable: true, message: 'the model returned no output' };
  }
  if (APICallError.isInstance(error)) {
    const status = error.statusCode;
    if (status === 401 || status === 403) {
      throw new AppError('LLM_AUTH_FAILED', `${context.model} rejected the credentials (HTTP ${status})`, {
        fix: 'Check the API key (and base URL) for this provider.',
        details: { model: context.model, status },
        cause: error,
      });
    }
    if (status === 429) {
      const retryAfterMs = parseRetryAfter(error.responseHeaders, context.now);
      return {
        reason: 'rate-limited',
        retryable: true,
        message: describeStatus(error),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      };
    }
    if (status !== undefined && status >= 500) {
      return { reason: 'server-error', retryable: true, message: describeStatus(error) };
    }
    if (status === undefined) return { reason: 'network-error', retryable: true, message: error.message };
    return { reason: 'request-rejected', retryable: error.isRetryable, message: describeStatus(error) };
  }
  if (AISDKError.isInstance(error)) {
    // The body did not parse as the provider's response shape (a proxy's HTML page, a truncated body).
    return { reason: 'response-invalid', retryable: true, message: error.message.slice(0, 500) };
  }
  throw error;
}

function describeCause(cause: unknown): string {
  return cause instanceof Error ? `(${cause.message.slice(0, 300)})` : '';
}

export function pickUsage(usage: {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}): TokenUsage {
  return { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens };
}
