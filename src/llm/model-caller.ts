import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { computeCacheKey } from './response-cache.js';
import type { CachedResponse, ResponseCache, TokenUsage } from './response-cache.js';
import { createRateLimiter, sleepWithTimers } from './rate-limiter.js';
import type { RateLimits, Sleep } from './rate-limiter.js';
import { classifyCallError, computeBackoffMs, resolveRetryOptions } from './retry-policy.js';
import type { AbstainReason, CallFailure, RetryOptions } from './retry-policy.js';
import { sendRequest } from './send-request.js';
import type { CallParameters, ChatMessage, RequestReply } from './send-request.js';
import { computeCostUsd } from './usage-ledger.js';
import type { PriceTable, UsageLedger } from './usage-ledger.js';

export interface ModelCallRequest<OBJECT = unknown> {
  promptId: string;
  promptVersion: string;
  /** For the ledger and error messages. */
  verifier: string;
  itemId: string;
  /** Independent runs of the same prompt differ only by this, so each gets its own cache entry. */
  runIndex: number;
  system?: string;
  messages: readonly ChatMessage[];
  parameters?: CallParameters;
  /** Structured output: the reply must be JSON matching this schema, or the call is retried. */
  schema?: z.ZodType<OBJECT>;
  schemaName?: string;
  /** Aborts this call only. */
  signal?: AbortSignal;
}

export type ModelCallResult<OBJECT = unknown> =
  | {
      kind: 'ok';
      text: string;
      /** Present when the request had a schema. */
      object?: OBJECT;
      usage: TokenUsage;
      /** What the call cost now, in USD: 0 when replayed from the cache, null when the model's price is unknown. */
      costUsd: number | null;
      cached: boolean;
      latencyMs: number;
      attempts: number;
    }
  | {
      kind: 'abstain';
      reason: AbstainReason;
      attempts: number;
      lastError: string;
      /** What the failed attempts cost (tokens of malformed replies), when any were billed. */
      costUsd?: number | null;
    };

export interface ModelCaller {
  readonly model: string;
  /**
   * Never throws for an expected failure (it abstains). Throws `LLM_OFFLINE_MISS` offline without a recorded
   * response, `LLM_AUTH_FAILED` on rejected credentials and `INTERRUPTED` when a signal aborts.
   */
  call<OBJECT = unknown>(request: ModelCallRequest<OBJECT>): Promise<ModelCallResult<OBJECT>>;
}

export interface ModelCallerOptions {
  /** The spec text (`openai/gpt-4o-mini`): part of the cache key, the ledger and the price lookup. */
  model: string;
  /** Created lazily, so an offline replay needs no credentials. */
  languageModel: LanguageModel | (() => LanguageModel);
  cache: ResponseCache;
  ledger: UsageLedger;
  prices?: PriceTable;
  limits?: RateLimits;
  retry?: RetryOptions;
  offline?: boolean;
  /** The audit stopping: aborts waiting and in-flight calls. */
  signal?: AbortSignal;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
}

/** A rough pre-call token estimate for the tokens-per-minute budget (about four characters per token). */
function estimateTokens(request: ModelCallRequest<unknown>): number {
  const characters =
    (request.system?.length ?? 0) +
    request.messages.reduce((sum, message) => sum + message.content.length, 0);
  return Math.ceil(characters / 4) + (request.parameters?.maxOutputTokens ?? 0);
}

function addUsage(total: TokenUsage, more: TokenUsage | undefined): TokenUsage {
  if (more === undefined) return total;
  const add = (left: number | undefined, right: number | undefined): number | undefined =>
    left === undefined && right === undefined ? undefined : (left ?? 0) + (right ?? 0);
  return {
    inputTokens: add(total.inputTokens, more.inputTokens),
    outputTokens: add(total.outputTokens, more.outputTokens),
  };
}

/** A recorded entry as a result; undefined if it no longer fits the request's schema (then it is a miss). */
export function replayCachedResponse<OBJECT>(
  entry: CachedResponse,
  request: ModelCallRequest<OBJECT>,
  latencyMs: number,
): ModelCallResult<OBJECT> | undefined {
  if (entry.finishReason === 'content-filter') {
    return {
      kind: 'abstain',
      reason: 'refused',
      attempts: 0,
      lastError: 'the model declined to answer (recorded)',
    };
  }
  const base = {
    kind: 'ok' as const,
    text: entry.text,
    usage: entry.usage,
    costUsd: 0,
    cached: true,
    latencyMs,
    attempts: 0,
  };
  if (request.schema === undefined) return base;
  const parsed = request.schema.safeParse(entry.object);
  return parsed.success ? { ...base, object: parsed.data } : undefined;
}

/** The cache key of a request to `model` (the collect caller of `llm batch export` needs the same key). */
export function computeKey(model: string, request: ModelCallRequest<unknown>): string {
  return computeCacheKey({
    model,
    promptId: request.promptId,
    promptVersion: request.promptVersion,
    messages: { system: request.system, messages: request.messages },
    parameters: {
      ...request.parameters,
      schema: request.schema === undefined ? undefined : z.toJSONSchema(request.schema),
      schemaName: request.schemaName,
    },
    runIndex: request.runIndex,
  });
}

export function createModelCaller(options: ModelCallerOptions): ModelCaller {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? sleepWithTimers;
  const random = options.random ?? Math.random;
  const retry = resolveRetryOptions(options.retry);
  const prices = options.prices ?? {};
  const limiter = createRateLimiter({ ...options.limits, now, sleep });
  let languageModel: LanguageModel | undefined;
  const resolveLanguageModel = (): LanguageModel => {
    languageModel ??=
      typeof options.languageModel === 'function' ? options.languageModel() : options.languageModel;
    return languageModel;
  };

  function describe(request: ModelCallRequest<unknown>): string {
    return `prompt ${request.promptId}@${request.promptVersion}, item ${request.itemId}, run ${request.runIndex}`;
  }

  async function record(
    request: ModelCallRequest<unknown>,
    outcome: {
      usage: TokenUsage;
      cached: boolean;
      latencyMs: number;
      attempts: number;
      kind: 'ok' | 'abstain';
    },
  ): Promise<void> {
    await options.ledger.record({
      model: options.model,
      promptId: request.promptId,
      promptVersion: request.promptVersion,
      verifier: request.verifier,
      itemId: request.itemId,
      runIndex: request.runIndex,
      inputTokens: outcome.usage.inputTokens,
      outputTokens: outcome.usage.outputTokens,
      costUsd: outcome.cached ? 0 : computeCostUsd(prices, options.model, outcome.usage),
      latencyMs: outcome.latencyMs,
      cached: outcome.cached,
      attempts: outcome.attempts,
      outcome: outcome.kind,
      at: now(),
    });
  }

  async function attempt(
    request: ModelCallRequest<unknown>,
    signals: AbortSignal[],
  ): Promise<{ reply: RequestReply; latencyMs: number } | { failure: CallFailure }> {
    const permit = await limiter.acquire({
      tokens: estimateTokens(request),
      signal: AbortSignal.any(signals),
    });
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new Error('timeout')), retry.timeoutMs);
    const started = now().getTime();
    let usedTokens: number | undefined;
    try {
      const reply = await sendRequest(
        resolveLanguageModel(),
        {
          system: request.system,
          messages: request.messages,
          parameters: request.parameters ?? {},
          schema: request.schema,
          schemaName: request.schemaName,
        },
        AbortSignal.any([...signals, timeout.signal]),
      );
      usedTokens = (reply.usage.inputTokens ?? 0) + (reply.usage.outputTokens ?? 0);
      return { reply, latencyMs: now().getTime() - started };
    } catch (error) {
      if (signals.some((signal) => signal.aborted)) throw error;
      const failure = classifyCallError(error, {
        timedOut: timeout.signal.aborted,
        model: options.model,
        now: now(),
      });
      if (failure.usage !== undefined) {
        usedTokens = (failure.usage.inputTokens ?? 0) + (failure.usage.outputTokens ?? 0);
      }
      return { failure };
    } finally {
      clearTimeout(timer);
      permit.release(usedTokens);
    }
  }

  async function callModel<OBJECT>(request: ModelCallRequest<OBJECT>): Promise<ModelCallResult<OBJECT>> {
    const key = computeKey(options.model, request);
    const lookupStarted = now().getTime();
    const entry = await options.cache.get(key);
    const replayed =
      entry === undefined ? undefined : replayCachedResponse(entry, request, now().getTime() - lookupStarted);
    if (entry !== undefined && replayed !== undefined) {
      await record(request, {
        usage: entry.usage,
        cached: true,
        latencyMs: replayed.kind === 'ok' ? replayed.latencyMs : 0,
        attempts: 0,
        kind: replayed.kind,
      });
      return replayed;
    }
    if (options.offline === true) {
      throw new AppError(
        'LLM_OFFLINE_MISS',
        `offline: no recorded ${options.model} response for ${describe(request)}`,
        {
          fix: 'Run once without --offline to record the calls, or check that the model, prompt version and runs match the recorded audit.',
          details: {
            model: options.model,
            promptId: request.promptId,
            itemId: request.itemId,
            runIndex: request.runIndex,
          },
        },
      );
    }
    const signals = [options.signal, request.signal].filter((signal) => signal !== undefined);
    let usage: TokenUsage = { inputTokens: undefined, outputTokens: undefined };
    let failure: CallFailure | undefined;
    for (let attempts = 1; attempts <= retry.maxAttempts; attempts += 1) {
      const outcome = await attempt(request, signals);
      if ('reply' in outcome) {
        const { reply, latencyMs } = outcome;
        usage = addUsage(usage, reply.usage);
        await options.cache.put(
          key,
          {
            text: reply.text,
            ...(reply.object === undefined ? {} : { object: reply.object }),
            finishReason: reply.finishReason,
            usage: reply.usage,
            latencyMs,
            recordedAt: now().toISOString(),
          },
          {
            model: options.model,
            promptId: request.promptId,
            promptVersion: request.promptVersion,
            runIndex: request.runIndex,
            itemId: request.itemId,
            verifier: request.verifier,
          },
        );
        if (reply.finishReason === 'content-filter') {
          await record(request, { usage, cached: false, latencyMs, attempts, kind: 'abstain' });
          return { kind: 'abstain', reason: 'refused', attempts, lastError: 'the model declined to answer' };
        }
        await record(request, { usage, cached: false, latencyMs, attempts, kind: 'ok' });
        return {
          kind: 'ok',
          text: reply.text,
          ...(request.schema === undefined ? {} : { object: reply.object as OBJECT }),
          usage,
          costUsd: computeCostUsd(prices, options.model, usage),
          cached: false,
          latencyMs,
          attempts,
        };
      }
      failure = outcome.failure;
      usage = addUsage(usage, failure.usage);
      const tooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > retry.maxRetryAfterMs;
      if (!failure.retryable || tooLong || attempts === retry.maxAttempts) {
        await record(request, { usage, cached: false, latencyMs: 0, attempts, kind: 'abstain' });
        return {
          kind: 'abstain',
          reason: failure.reason,
          attempts,
          lastError: failure.message,
          costUsd: computeCostUsd(prices, options.model, usage),
        };
      }
      await sleep(
        failure.retryAfterMs ?? computeBackoffMs(attempts, retry, random),
        AbortSignal.any(signals),
      );
    }
    // Unreachable: the loop returns on its last attempt.
    throw new AppError('INTERNAL', `no attempt made for ${describe(request)}`);
  }

  return {
    model: options.model,
    async call(request) {
      try {
        return await callModel(request);
      } catch (error) {
        const aborted = [options.signal, request.signal].some((signal) => signal?.aborted === true);
        if (aborted && !(error instanceof AppError)) {
          throw new AppError(
            'INTERRUPTED',
            `stopped while calling ${options.model} for ${describe(request)}`,
            {
              cause: error,
            },
          );
        }
        throw error;
      }
    },
  };
}
