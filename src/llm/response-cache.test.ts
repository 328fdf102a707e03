import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson as canonicalizeJson } from '../contracts/canonical-json.js';
import { computeCacheKey, createMemoryResponseCache } from './response-cache.js';
import type { CacheKeyParts } from './response-cache.js';

const parts: CacheKeyParts = {
  model: 'openai/m',
  promptId: 'llm-audit',
  promptVersion: '1',
  messages: [{ role: 'user', content: 'note' }],
  parameters: { temperature: 0 },
  runIndex: 0,
};

describe('canonicalizeJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalizeJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('is independent of key order (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const reversed = Object.fromEntries(Object.entries(record).reverse());
        expect(canonicalizeJson(reversed)).toBe(canonicalizeJson(record));
        expect(JSON.parse(canonicalizeJson(record))).toEqual(JSON.parse(JSON.stringify(record)));
      }),
    );
  });
});

describe('computeCacheKey', () => {
  it('is a sha256 hex digest that changes with every part', () => {
    const key = computeCacheKey(parts);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(computeCacheKey({ ...parts, parameters: { temperature: 0 } })).toBe(key);
    for (const changed of [
      { model: 'openai/n' },
      { promptId: 'llm-answer' },
      { promptVersion: '2' },
      { messages: [{ role: 'user', content: 'other note' }] },
      { parameters: { temperature: 1 } },
      { runIndex: 1 },
    ]) {
      expect(computeCacheKey({ ...parts, ...changed })).not.toBe(key);
    }
  });
});

describe('createMemoryResponseCache', () => {
  it('returns what was put and undefined for a miss', async () => {
    const cache = createMemoryResponseCache();
    const entry = {
      text: 'x',
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 2 },
      latencyMs: 3,
      recordedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(await cache.get('k')).toBeUndefined();
    await cache.put('k', entry);
    expect(await cache.get('k')).toEqual(entry);
    expect(cache.size).toBe(1);
  });
});
