import { createHash } from 'node:crypto';
import { canonicalJson } from '../contracts/canonical-json.js';

/** Tokens as the provider reported them; `undefined` when it did not say. */
export interface TokenUsage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
}

/** One recorded model response: enough to replay the call without the network. */
export interface CachedResponse {
  text: string;
  /** The structured output, when the call asked for one (validated again on replay). */
  object?: unknown;
  finishReason: string;
  usage: TokenUsage;
  latencyMs: number;
  /** ISO time the response was recorded. */
  recordedAt: string;
}

/**
 * Where responses are kept between runs. The in-memory one serves tests and single runs; a store-backed one
 * makes audits resumable and re-runs free.
 */
export interface ResponseCache {
  get(key: string): Promise<CachedResponse | undefined>;
  /** `context` says which call recorded it (the store keeps it in columns; absent for batch imports). */
  put(key: string, entry: CachedResponse, context?: CachedCallContext): Promise<void>;
}

/** Which call a cached response belongs to: descriptive only, never part of the key. */
export interface CachedCallContext {
  model: string;
  promptId: string;
  promptVersion: string;
  runIndex: number;
  itemId: string;
  verifier: string;
}

/** Everything that makes two calls the same call. Never put secrets (API keys, base URLs) in here. */
export interface CacheKeyParts {
  model: string;
  promptId: string;
  promptVersion: string;
  messages: unknown;
  parameters: unknown;
  runIndex: number;
}

/** The cache key: sha256 (hex) of the canonical JSON of the parts. */
export function computeCacheKey(parts: CacheKeyParts): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

export interface MemoryResponseCache extends ResponseCache {
  readonly size: number;
}

export function createMemoryResponseCache(): MemoryResponseCache {
  const entries = new Map<string, CachedResponse>();
  return {
    get size() {
      return entries.size;
    },
    get(key) {
      return Promise.resolve(entries.get(key));
    },
    put(key, entry) {
      entries.set(key, entry);
      return Promise.resolve();
    },
  };
}
