import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startScriptedOpenAiServer } from '../../test/scripted-openai-server.js';
import type { ScriptedServer } from '../../test/scripted-openai-server.js';
import { writeOpenAiBatchFile } from './batch.js';
import { createCollectCaller } from './collect-caller.js';
import { createModelCaller } from './model-caller.js';
import type { ModelCallRequest } from './model-caller.js';
import { createLanguageModel } from './language-model.js';
import { parseModelSpec } from './model-spec.js';
import { createMemoryResponseCache } from './response-cache.js';
import { createMemoryUsageLedger } from './usage-ledger.js';

const spec = parseModelSpec('openai/test-model');
const answerSchema = z.object({ answer: z.number() });

function request(runIndex: number): ModelCallRequest<{ answer: number }> {
  return {
    promptId: 'test-prompt',
    promptVersion: '1',
    verifier: 'test-verifier',
    itemId: 'item-1',
    runIndex,
    system: 'Answer with JSON.',
    messages: [{ role: 'user', content: 'What is 2 + 2?' }],
    parameters: { temperature: 0.7 },
    schema: answerSchema,
    schemaName: 'sum',
  };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedOpenAiServer({ script: [], fallback: { kind: 'json', value: { answer: 4 } } });
});
afterAll(() => server.close());

function realCaller(cache: ReturnType<typeof createMemoryResponseCache>, offline = false) {
  return createModelCaller({
    model: spec.text,
    languageModel: () => createLanguageModel(spec, { baseUrl: server.baseUrl }),
    cache,
    ledger: createMemoryUsageLedger(),
    offline,
  });
}

describe('createCollectCaller', () => {
  it('replays what the real caller recorded, under the same cache key, without a request', async () => {
    const cache = createMemoryResponseCache();
    const recorded = await realCaller(cache).call(request(0));
    expect(recorded).toMatchObject({ kind: 'ok', object: { answer: 4 }, cached: false });
    const before = server.requestCount;
    const collect = createCollectCaller({ spec, cache });
    expect(await collect.call(request(0))).toMatchObject({ kind: 'ok', object: { answer: 4 }, cached: true });
    expect(collect.replayed).toBe(1);
    expect(collect.pending).toEqual([]);
    expect(server.requestCount).toBe(before);
  });

  it('defers a miss to the batch (once per key) and the real caller replays the imported answer by that key', async () => {
    const cache = createMemoryResponseCache();
    const collect = createCollectCaller({ spec, cache });
    const deferred = await collect.call(request(1));
    expect(deferred).toMatchObject({ kind: 'abstain', reason: 'deferred-to-batch', attempts: 0 });
    await collect.call(request(1));
    await collect.call(request(2));
    expect(collect.pending).toHaveLength(2);
    const [first] = collect.pending;
    expect(first).toMatchObject({
      // What the import needs to account the result in the usage ledger.
      account: {
        model: 'openai/test-model',
        provider: 'openai',
        promptId: 'test-prompt',
        promptVersion: '1',
        verifier: 'test-verifier',
        itemId: 'item-1',
        runIndex: 1,
      },
      modelId: 'test-model',
      system: 'Answer with JSON.',
      messages: [{ role: 'user', content: 'What is 2 + 2?' }],
      parameters: { temperature: 0.7 },
      jsonSchema: { name: 'sum' },
    });
    expect(first?.key).toMatch(/^[0-9a-f]{64}$/);
    expect(writeOpenAiBatchFile(collect.pending).trim().split('\n')).toHaveLength(2);

    // What `llm batch import` does: the result goes into the cache under the request's key.
    await cache.put(first?.key ?? '', {
      text: '{"answer": 5}',
      object: { answer: 5 },
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: 3 },
      latencyMs: 0,
      recordedAt: '2026-03-01T00:00:00.000Z',
    });
    const before = server.requestCount;
    const replayed = await realCaller(cache, true).call(request(1));
    expect(replayed).toMatchObject({ kind: 'ok', object: { answer: 5 }, cached: true });
    expect(server.requestCount).toBe(before);
  });

  it('a request with another schema is another request: pending, never a replay of the old reply', async () => {
    const cache = createMemoryResponseCache();
    await realCaller(cache).call(request(3));
    const collect = createCollectCaller({ spec, cache });
    const stricter = { ...request(3), schema: z.object({ answer: z.string() }) };
    expect(await collect.call(stricter)).toMatchObject({ kind: 'abstain', reason: 'deferred-to-batch' });
  });
});
