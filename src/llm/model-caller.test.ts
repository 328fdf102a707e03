import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startScriptedOpenAiServer } from '../../test/scripted-openai-server.js';
import type { Script, ScriptedServer } from '../../test/scripted-openai-server.js';
import { createModelCaller } from './model-caller.js';
import type { ModelCallerOptions, ModelCallRequest } from './model-caller.js';
import { createLanguageModel } from './language-model.js';
import { parseModelSpec } from './model-spec.js';
import { createMemoryResponseCache } from './response-cache.js';
import type { ResponseCache } from './response-cache.js';
import { createMemoryUsageLedger } from './usage-ledger.js';

const MODEL = 'openai/scripted-model';
const verdictSchema = z.object({ verdict: z.enum(['agree', 'disagree']), value: z.number() });

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Harness {
  server: ScriptedServer;
  cache: ResponseCache;
  ledger: ReturnType<typeof createMemoryUsageLedger>;
  waits: number[];
  makeCaller(overrides?: Partial<ModelCallerOptions>): ReturnType<typeof createModelCaller>;
}

async function startHarness(script: Script): Promise<Harness> {
  server = await startScriptedOpenAiServer({ script });
  const started = server;
  const cache = createMemoryResponseCache();
  const ledger = createMemoryUsageLedger();
  const waits: number[] = [];
  return {
    server: started,
    cache,
    ledger,
    waits,
    makeCaller: (overrides = {}) =>
      createModelCaller({
        model: MODEL,
        languageModel: () =>
          createLanguageModel(parseModelSpec(MODEL), { baseUrl: started.baseUrl, apiKey: 'test' }),
        cache,
        ledger,
        retry: { maxAttempts: 3, initialDelayMs: 1000, timeoutMs: 5000 },
        now: () => new Date('2026-03-01T12:00:00Z'),
        sleep: (milliseconds) => {
          waits.push(milliseconds);
          return Promise.resolve();
        },
        random: () => 0.5,
        ...overrides,
      }),
  };
}

function makeRequest(itemId: string, extra: Partial<ModelCallRequest> = {}): ModelCallRequest {
  return {
    promptId: 'llm-audit',
    promptVersion: '1',
    verifier: 'llm-audit',
    itemId,
    runIndex: 0,
    system: 'You audit labels.',
    messages: [{ role: 'user', content: `note of item ${itemId}` }],
    parameters: { temperature: 0 },
    ...extra,
  };
}

describe('createModelCaller against an OpenAI-compatible server', () => {
  it('returns text with usage, and a second identical run makes zero requests', async () => {
    const harness = await startHarness(() => ({
      kind: 'text',
      text: 'fine',
      usage: { inputTokens: 12, outputTokens: 3 },
    }));
    const first = harness.makeCaller();
    const results = await Promise.all(['1', '2', '3'].map((item) => first.call(makeRequest(item))));
    expect(results.map((result) => result.kind === 'ok' && !result.cached && result.text)).toEqual([
      'fine',
      'fine',
      'fine',
    ]);
    expect(results[0]).toMatchObject({ usage: { inputTokens: 12, outputTokens: 3 }, attempts: 1 });
    expect(harness.server.requestCount).toBe(3);

    const second = harness.makeCaller();
    const replayed = await Promise.all(['1', '2', '3'].map((item) => second.call(makeRequest(item))));
    expect(harness.server.requestCount).toBe(3);
    expect(replayed.every((result) => result.kind === 'ok' && result.cached && result.attempts === 0)).toBe(
      true,
    );
    // A different run index is a different call.
    await second.call(makeRequest('1', { runIndex: 1 }));
    expect(harness.server.requestCount).toBe(4);
    expect(harness.ledger.records.filter((record) => record.cached)).toHaveLength(3);
  });

  it('sends the system prompt, messages, parameters and json_schema response format', async () => {
    const harness = await startHarness([{ kind: 'json', value: { verdict: 'agree', value: 3 } }]);
    const result = await harness
      .makeCaller()
      .call(makeRequest('1', { schema: verdictSchema, schemaName: 'verdict' }));
    expect(result).toMatchObject({ kind: 'ok', object: { verdict: 'agree', value: 3 } });
    const body = harness.server.requests[0]?.body;
    expect(body).toMatchObject({
      model: 'scripted-model',
      temperature: 0,
      messages: [
        { role: 'system', content: 'You audit labels.' },
        { role: 'user', content: 'note of item 1' },
      ],
      response_format: { type: 'json_schema', json_schema: { name: 'verdict' } },
    });
    expect(harness.server.requests[0]?.headers['authorization']).toBe('Bearer test');
  });

  it('offline: replays recorded calls, and fails on the first miss naming prompt and item without a model', async () => {
    const harness = await startHarness([{ kind: 'text', text: 'recorded' }]);
    await harness.makeCaller().call(makeRequest('7'));
    const offline = harness.makeCaller({
      offline: true,
      languageModel: () => {
        throw new Error('offline must not build a model');
      },
    });
    expect(await offline.call(makeRequest('7'))).toMatchObject({
      kind: 'ok',
      text: 'recorded',
      cached: true,
    });
    const miss = offline.call(makeRequest('8'));
    await expect(miss).rejects.toMatchObject({ code: 'LLM_OFFLINE_MISS' });
    await expect(offline.call(makeRequest('8'))).rejects.toThrow(/prompt llm-audit@1, item 8, run 0/);
    expect(harness.server.requestCount).toBe(1);
  });

  it('honours Retry-After (seconds and HTTP date) on 429 before retrying', async () => {
    const harness = await startHarness([
      { kind: 'error', status: 429, headers: { 'retry-after': '2' } },
      { kind: 'error', status: 429, headers: { 'retry-after': 'Sun, 01 Mar 2026 12:00:07 GMT' } },
      { kind: 'text', text: 'after the wait' },
    ]);
    const result = await harness.makeCaller().call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'ok', text: 'after the wait', attempts: 3 });
    expect(harness.waits).toEqual([2000, 7000]);
  });

  it('abstains at once when Retry-After exceeds the longest wait it accepts', async () => {
    const harness = await startHarness([{ kind: 'error', status: 429, headers: { 'retry-after': '3600' } }]);
    const result = await harness.makeCaller().call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'abstain', reason: 'rate-limited', attempts: 1 });
    expect(harness.waits).toEqual([]);
  });

  it('retries a 500 with jittered exponential backoff, then succeeds', async () => {
    const harness = await startHarness([
      { kind: 'error', status: 500 },
      { kind: 'error', status: 502 },
      { kind: 'text', text: 'ok now' },
    ]);
    const result = await harness.makeCaller().call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'ok', text: 'ok now', attempts: 3 });
    // random() = 0.5 of 1000 then of 2000.
    expect(harness.waits).toEqual([500, 1000]);
  });

  it('abstains with the reason once retries run out, and does not cache the failure', async () => {
    const harness = await startHarness(() => ({ kind: 'error', status: 503, message: 'overloaded' }));
    const caller = harness.makeCaller();
    const result = await caller.call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'abstain', reason: 'server-error', attempts: 3 });
    expect(result.kind === 'abstain' && result.lastError).toMatch(/503.*overloaded/);
    await caller.call(makeRequest('1'));
    expect(harness.server.requestCount).toBe(6);
  });

  it('does not retry a rejected request (400), and throws LLM_AUTH_FAILED on 401', async () => {
    const harness = await startHarness([
      { kind: 'error', status: 400 },
      { kind: 'error', status: 401 },
    ]);
    const caller = harness.makeCaller();
    expect(await caller.call(makeRequest('1'))).toMatchObject({
      kind: 'abstain',
      reason: 'request-rejected',
      attempts: 1,
    });
    await expect(caller.call(makeRequest('2'))).rejects.toMatchObject({ code: 'LLM_AUTH_FAILED' });
  });

  it('times out slow replies and abstains after the last attempt', async () => {
    const harness = await startHarness(() => ({
      kind: 'delay',
      milliseconds: 3000,
      then: { kind: 'text', text: 'late' },
    }));
    const started = Date.now();
    const result = await harness
      .makeCaller({ retry: { maxAttempts: 2, timeoutMs: 100 } })
      .call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'abstain', reason: 'timeout', attempts: 2 });
    expect(harness.server.requestCount).toBe(2);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('retries malformed structured output, then accepts a valid reply and bills both attempts', async () => {
    const harness = await startHarness([
      {
        kind: 'malformed',
        text: '{"verdict": "agree", "value": ',
        usage: { inputTokens: 100, outputTokens: 10 },
      },
      { kind: 'json', value: { verdict: 'maybe', value: 1 }, usage: { inputTokens: 100, outputTokens: 10 } },
      {
        kind: 'json',
        value: { verdict: 'disagree', value: 2.5 },
        usage: { inputTokens: 100, outputTokens: 10 },
      },
    ]);
    const caller = harness.makeCaller({
      prices: { [MODEL]: { inputUsdPerMillion: 1, outputUsdPerMillion: 10 } },
    });
    const result = await caller.call(makeRequest('1', { schema: verdictSchema }));
    expect(result).toMatchObject({ kind: 'ok', object: { verdict: 'disagree', value: 2.5 }, attempts: 3 });
    expect(result.kind === 'ok' && result.usage).toEqual({ inputTokens: 300, outputTokens: 30 });
    // 300 × 1 / 1e6 + 30 × 10 / 1e6 = 0.0006 USD
    expect(harness.ledger.records[0]?.costUsd).toBeCloseTo(0.0006, 12);
    // The cached entry is the valid one: a replay parses it again.
    expect(await caller.call(makeRequest('1', { schema: verdictSchema }))).toMatchObject({
      kind: 'ok',
      cached: true,
      object: { value: 2.5 },
    });
  });

  it('abstains as output-invalid when every reply is malformed', async () => {
    const harness = await startHarness(() => ({ kind: 'malformed', text: 'not json at all' }));
    const result = await harness.makeCaller().call(makeRequest('1', { schema: verdictSchema }));
    expect(result).toMatchObject({ kind: 'abstain', reason: 'output-invalid', attempts: 3 });
  });

  it('abstains on a refusal without retrying, with or without a schema, and replays it from the cache', async () => {
    const harness = await startHarness(() => ({ kind: 'refusal', text: 'I cannot assist.' }));
    const caller = harness.makeCaller();
    expect(await caller.call(makeRequest('1'))).toMatchObject({
      kind: 'abstain',
      reason: 'refused',
      attempts: 1,
    });
    expect(await caller.call(makeRequest('2', { schema: verdictSchema }))).toMatchObject({
      kind: 'abstain',
      reason: 'refused',
      attempts: 1,
    });
    expect(harness.server.requestCount).toBe(2);
    expect(await caller.call(makeRequest('1'))).toMatchObject({
      kind: 'abstain',
      reason: 'refused',
      attempts: 0,
    });
    expect(harness.server.requestCount).toBe(2);
  });

  it('keeps at most `concurrency` requests in flight under 50 concurrent calls', async () => {
    const harness = await startHarness(() => ({
      kind: 'delay',
      milliseconds: 20,
      then: { kind: 'text', text: 'x' },
    }));
    const caller = harness.makeCaller({ limits: { concurrency: 4 } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => caller.call(makeRequest(String(index)))),
    );
    expect(results.every((result) => result.kind === 'ok')).toBe(true);
    expect(harness.server.requestCount).toBe(50);
    expect(harness.server.maxInFlight).toBe(4);
  });

  it('records every call in the ledger with tokens, cost, latency and attempts', async () => {
    const harness = await startHarness([
      { kind: 'error', status: 500 },
      { kind: 'text', text: 'a', usage: { inputTokens: 2000, outputTokens: 500 } },
    ]);
    const caller = harness.makeCaller({
      prices: { [MODEL]: { inputUsdPerMillion: 0.5, outputUsdPerMillion: 2 } },
    });
    const made = await caller.call(makeRequest('9', { runIndex: 2 }));
    const replayed = await caller.call(makeRequest('9', { runIndex: 2 }));
    // The result carries the cost too, so a verifier can put it on its verdict.
    expect(made).toMatchObject({ kind: 'ok', costUsd: 0.002, cached: false });
    expect(replayed).toMatchObject({ kind: 'ok', costUsd: 0, cached: true });
    expect(harness.ledger.records).toEqual([
      expect.objectContaining({
        model: MODEL,
        promptId: 'llm-audit',
        promptVersion: '1',
        verifier: 'llm-audit',
        itemId: '9',
        runIndex: 2,
        inputTokens: 2000,
        outputTokens: 500,
        costUsd: 0.002, // 2000 × 0.5 / 1e6 + 500 × 2 / 1e6
        cached: false,
        attempts: 2,
        outcome: 'ok',
        at: new Date('2026-03-01T12:00:00Z'),
      }),
      expect.objectContaining({ cached: true, costUsd: 0, attempts: 0, inputTokens: 2000 }),
    ]);
    expect(harness.ledger.records[0]?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('an unknown model costs null, not zero', async () => {
    const harness = await startHarness([{ kind: 'text', text: 'a' }]);
    const result = await harness.makeCaller().call(makeRequest('1'));
    expect(result).toMatchObject({ kind: 'ok', costUsd: null });
    expect(harness.ledger.records[0]?.costUsd).toBeNull();
  });

  it('the outer signal interrupts an in-flight call and a waiting one', async () => {
    const harness = await startHarness(() => ({
      kind: 'delay',
      milliseconds: 5000,
      then: { kind: 'text', text: 'x' },
    }));
    const controller = new AbortController();
    const caller = harness.makeCaller({ signal: controller.signal, limits: { concurrency: 1 } });
    const inFlight = caller.call(makeRequest('1'));
    const waiting = caller.call(makeRequest('2'));
    setTimeout(() => controller.abort(), 50);
    await expect(inFlight).rejects.toMatchObject({ code: 'INTERRUPTED' });
    await expect(waiting).rejects.toMatchObject({ code: 'INTERRUPTED' });
    expect(harness.server.requestCount).toBe(1);
  });

  it('the outer signal interrupts a backoff wait', async () => {
    const harness = await startHarness(() => ({ kind: 'error', status: 500 }));
    const controller = new AbortController();
    const caller = harness.makeCaller({
      signal: controller.signal,
      sleep: (_milliseconds, signal) =>
        new Promise((_resolve, reject) => {
          controller.abort();
          reject(signal?.reason as Error);
        }),
    });
    await expect(caller.call(makeRequest('1'))).rejects.toMatchObject({ code: 'INTERRUPTED' });
  });
});
