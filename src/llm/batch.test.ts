import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startScriptedServer } from '../../test/scripted-openai-server.js';
import type { Script, ScriptedServer, ServerDialect } from '../../test/scripted-openai-server.js';
import { AppError } from '../app-error.js';
import {
  BATCH_FILE_LIMITS,
  detectBatchProvider,
  parseBatchResults,
  splitBatchRequests,
  toAnthropicCustomId,
  writeAnthropicBatchFile,
  writeOpenAiBatchFile,
} from './batch.js';
import type { BatchProvider, PendingBatchRequest } from './batch.js';
import { createModelCaller } from './model-caller.js';
import type { ModelCallRequest } from './model-caller.js';
import { createMemoryResponseCache } from './response-cache.js';
import type { ResponseCache } from './response-cache.js';
import { createMemoryUsageLedger } from './usage-ledger.js';

const NOW = new Date('2026-03-01T12:00:00Z');
const verdictSchema = z.object({ verdict: z.enum(['agree', 'disagree']), value: z.number() });

const structuredRequest: ModelCallRequest<z.infer<typeof verdictSchema>> = {
  promptId: 'llm-audit',
  promptVersion: '1',
  verifier: 'llm-audit',
  itemId: '7',
  runIndex: 0,
  system: 'You audit labels.',
  messages: [{ role: 'user', content: 'Note: weight 70 kg. Is BMI 24.2 right?' }],
  parameters: { temperature: 0, maxOutputTokens: 300, seed: 1 },
  schema: verdictSchema,
  schemaName: 'verdict',
};

const textRequest: ModelCallRequest = {
  promptId: 'llm-answer',
  promptVersion: '2',
  verifier: 'llm-answer',
  itemId: '8',
  runIndex: 1,
  messages: [{ role: 'user', content: 'What is the BMI? End with <answer>value</answer>.' }],
  parameters: { temperature: 0.7 },
};

/** The key `createModelCaller` would look up for a request: read off an offline miss, not recomputed here. */
async function keyOf(model: string, request: ModelCallRequest<unknown>): Promise<string> {
  const keys: string[] = [];
  const cache: ResponseCache = {
    get(key) {
      keys.push(key);
      return Promise.resolve(undefined);
    },
    put: () => Promise.resolve(),
  };
  const caller = createModelCaller({
    model,
    languageModel: () => {
      throw new Error('no model offline');
    },
    cache,
    ledger: createMemoryUsageLedger(),
    offline: true,
  });
  await expect(caller.call(request)).rejects.toMatchObject({ code: 'LLM_OFFLINE_MISS' });
  const [key] = keys;
  if (key === undefined) throw new Error('no cache lookup');
  return key;
}

/** What `llm batch export` builds for a request (the collect mode does the same). */
async function pendingOf(model: string, request: ModelCallRequest<unknown>): Promise<PendingBatchRequest> {
  return {
    key: await keyOf(model, request),
    account: {
      model,
      provider: model.slice(0, model.indexOf('/')),
      promptId: request.promptId,
      promptVersion: request.promptVersion,
      verifier: request.verifier,
      itemId: request.itemId,
      runIndex: request.runIndex,
    },
    modelId: model.slice(model.indexOf('/') + 1),
    system: request.system,
    messages: request.messages,
    parameters: request.parameters ?? {},
    ...(request.schema === undefined
      ? {}
      : {
          jsonSchema: {
            name: request.schemaName,
            schema: z.toJSONSchema(request.schema),
          },
        }),
  };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function post(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
}

/**
 * Plays the batch provider: sends every request of an input file to the scripted server (OpenAI Chat
 * Completions or Anthropic Messages, as the real APIs answer) and writes the result file the provider would.
 */
async function simulateBatch(provider: BatchProvider, input: string, script: Script): Promise<string> {
  const dialect: ServerDialect = provider;
  server = await startScriptedServer({ dialect, script });
  const lines: string[] = [];
  if (provider === 'openai') {
    for (const line of input.trimEnd().split('\n')) {
      const request = z
        .object({ custom_id: z.string(), url: z.string(), body: z.record(z.string(), z.unknown()) })
        .parse(JSON.parse(line));
      const body = await post(`${server.baseUrl}/chat/completions`, request.body);
      lines.push(
        JSON.stringify({
          id: `batch_req_${lines.length}`,
          custom_id: request.custom_id,
          response: { status_code: 200, request_id: `req_${lines.length}`, body },
          error: null,
        }),
      );
    }
  } else {
    const { requests } = z
      .object({ requests: z.array(z.object({ custom_id: z.string(), params: z.unknown() })) })
      .parse(JSON.parse(input));
    for (const request of requests) {
      const message = await post(`${server.baseUrl}/messages`, request.params);
      lines.push(JSON.stringify({ custom_id: request.custom_id, result: { type: 'succeeded', message } }));
    }
  }
  return `${lines.join('\n')}\n`;
}

function offlineCaller(model: string, cache: ResponseCache) {
  return createModelCaller({
    model,
    languageModel: () => {
      throw new Error('an offline replay must not create a model');
    },
    cache,
    ledger: createMemoryUsageLedger(),
    offline: true,
  });
}

describe('OpenAI Batch files', () => {
  it('writes one chat completion request per line, keyed by the cache key, each key once', async () => {
    const pending = await pendingOf('openai/gpt-4o-mini', structuredRequest);
    const text = writeOpenAiBatchFile([pending, pending]);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      custom_id: pending.key,
      method: 'POST',
      url: '/v1/chat/completions',
      body: {
        model: 'gpt-4o-mini',
        messages: [
          { role: 'system', content: 'You audit labels.' },
          { role: 'user', content: 'Note: weight 70 kg. Is BMI 24.2 right?' },
        ],
        max_tokens: 300,
        temperature: 0,
        seed: 1,
        response_format: {
          type: 'json_schema',
          json_schema: { name: 'verdict', schema: z.toJSONSchema(verdictSchema), strict: true },
        },
      },
    });
  });

  it('sends what a live call through the AI SDK sends (but the schema, which the exporter supplies)', async () => {
    server = await startScriptedServer({
      dialect: 'openai',
      script: [{ kind: 'json', value: { verdict: 'agree', value: 24.2 } }],
    });
    const { createLanguageModel } = await import('./language-model.js');
    const { parseModelSpec } = await import('./model-spec.js');
    const started = server;
    const caller = createModelCaller({
      model: 'openai/gpt-4o-mini',
      languageModel: () =>
        createLanguageModel(parseModelSpec('openai/gpt-4o-mini'), { baseUrl: started.baseUrl, apiKey: 'k' }),
      cache: createMemoryResponseCache(),
      ledger: createMemoryUsageLedger(),
    });
    await caller.call(structuredRequest);
    const live = started.requests[0]?.body ?? {};
    const [line] = writeOpenAiBatchFile([await pendingOf('openai/gpt-4o-mini', structuredRequest)]).split(
      '\n',
    );
    const batch = z.object({ body: z.record(z.string(), z.unknown()) }).parse(JSON.parse(line ?? '')).body;
    const withoutSchema = (body: Record<string, unknown>) => {
      const format = body['response_format'] as { json_schema: Record<string, unknown> };
      return {
        ...body,
        response_format: { ...format, json_schema: { ...format.json_schema, schema: undefined } },
      };
    };
    expect(withoutSchema(batch)).toEqual(withoutSchema(live));
  });

  it('round trip: batch file → provider results → import → an offline caller answers without requests', async () => {
    const model = 'openai/gpt-4o-mini';
    const pending = [await pendingOf(model, structuredRequest), await pendingOf(model, textRequest)];
    const results = await simulateBatch('openai', writeOpenAiBatchFile(pending), [
      {
        kind: 'json',
        value: { verdict: 'disagree', value: 30.1 },
        usage: { inputTokens: 50, outputTokens: 9 },
      },
      { kind: 'text', text: 'BMI is <answer>24.2</answer>', usage: { inputTokens: 20, outputTokens: 7 } },
    ]);
    const parsed = parseBatchResults(results, { now: () => NOW });
    expect(parsed.provider).toBe('openai');
    expect(parsed.failures).toEqual([]);
    expect(parsed.entries.map((entry) => entry.key)).toEqual(pending.map((request) => request.key));
    expect(parsed.entries[0]?.response).toMatchObject({
      finishReason: 'stop',
      usage: { inputTokens: 50, outputTokens: 9 },
      latencyMs: 0,
      recordedAt: '2023-11-14T22:13:20.000Z',
    });

    const cache = createMemoryResponseCache();
    for (const entry of parsed.entries) await cache.put(entry.key, entry.response);
    const caller = offlineCaller(model, cache);
    await expect(caller.call(structuredRequest)).resolves.toMatchObject({
      kind: 'ok',
      cached: true,
      object: { verdict: 'disagree', value: 30.1 },
    });
    await expect(caller.call(textRequest)).resolves.toMatchObject({
      kind: 'ok',
      text: 'BMI is <answer>24.2</answer>',
    });
    // Another run index was never in the batch: still a miss.
    await expect(caller.call({ ...textRequest, runIndex: 2 })).rejects.toMatchObject({
      code: 'LLM_OFFLINE_MISS',
    });
  });

  it('imports a refusal so that it replays as a refusal', async () => {
    const model = 'openai/gpt-4o-mini';
    const pending = await pendingOf(model, structuredRequest);
    const results = await simulateBatch('openai', writeOpenAiBatchFile([pending]), [
      { kind: 'refusal', text: 'I cannot help with that.' },
    ]);
    const parsed = parseBatchResults(results, { provider: 'openai', now: () => NOW });
    expect(parsed.entries[0]?.response.finishReason).toBe('content-filter');
    const cache = createMemoryResponseCache();
    for (const entry of parsed.entries) await cache.put(entry.key, entry.response);
    await expect(offlineCaller(model, cache).call(structuredRequest)).resolves.toMatchObject({
      kind: 'abstain',
      reason: 'refused',
    });
  });

  it('reports failed lines with their number and custom_id, and keeps going', () => {
    const key = (digit: string) => digit.repeat(64);
    const completion = {
      created: 1_700_000_000,
      choices: [{ index: 0, message: { role: 'assistant', content: 'ok' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    };
    const text = [
      JSON.stringify({ custom_id: key('a'), response: { status_code: 200, body: completion }, error: null }),
      JSON.stringify({
        custom_id: key('b'),
        response: { status_code: 429, body: { error: { message: 'Rate limit reached' } } },
        error: null,
      }),
      JSON.stringify({
        custom_id: key('c'),
        response: null,
        error: {
          code: 'batch_expired',
          message: 'This request could not be executed before the batch expired.',
        },
      }),
      '{not json',
      JSON.stringify({
        custom_id: 'my-own-id',
        response: { status_code: 200, body: completion },
        error: null,
      }),
      JSON.stringify({
        custom_id: key('d'),
        response: { status_code: 200, body: { choices: [] } },
        error: null,
      }),
      '',
    ].join('\n');
    const parsed = parseBatchResults(text, { now: () => NOW });
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.entries[0]).toMatchObject({
      line: 1,
      key: key('a'),
      response: { text: 'ok', finishReason: 'length', usage: { inputTokens: 3, outputTokens: 1 } },
    });
    expect(parsed.entries[0]?.response.object).toBeUndefined();
    expect(parsed.failures).toEqual([
      { line: 2, customId: key('b'), reason: 'HTTP 429: Rate limit reached' },
      {
        line: 3,
        customId: key('c'),
        reason: 'batch_expired: This request could not be executed before the batch expired.',
      },
      { line: 4, customId: undefined, reason: 'not a JSON object' },
      { line: 5, customId: 'my-own-id', reason: 'custom_id is not a Steward cache key' },
      {
        line: 6,
        customId: key('d'),
        reason: expect.stringMatching(/^not a chat completion: choices/) as string,
      },
    ]);
  });
});

describe('Anthropic Message Batches files', () => {
  it('writes {requests: [{custom_id, params}]} with max_tokens, no seed, and the json tool for structured output', async () => {
    const pending = await pendingOf('anthropic/claude-sonnet-4-5', structuredRequest);
    const plain = await pendingOf('anthropic/claude-sonnet-4-5', textRequest);
    const file = JSON.parse(writeAnthropicBatchFile([pending, plain], { defaultMaxTokens: 1000 })) as unknown;
    expect(file).toEqual({
      requests: [
        {
          custom_id: pending.key,
          params: {
            model: 'claude-sonnet-4-5',
            max_tokens: 300,
            system: 'You audit labels.',
            messages: [{ role: 'user', content: 'Note: weight 70 kg. Is BMI 24.2 right?' }],
            temperature: 0,
            tools: [
              {
                name: 'json',
                description: 'Respond with a JSON object.',
                input_schema: z.toJSONSchema(verdictSchema),
              },
            ],
            tool_choice: { type: 'tool', name: 'json' },
          },
        },
        {
          custom_id: plain.key,
          params: {
            model: 'claude-sonnet-4-5',
            max_tokens: 1000,
            messages: [{ role: 'user', content: 'What is the BMI? End with <answer>value</answer>.' }],
            temperature: 0.7,
          },
        },
      ],
    });
  });

  it('uses the cache key as custom_id (64 characters of [a-zA-Z0-9_-]) and refuses anything else', () => {
    const key = 'f'.repeat(64);
    expect(toAnthropicCustomId(key)).toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
    expect(() => toAnthropicCustomId('item 7/run 0')).toThrow(AppError);
  });

  it('round trip: batch file → provider results → import → an offline caller answers without requests', async () => {
    const model = 'anthropic/claude-sonnet-4-5';
    const pending = [await pendingOf(model, structuredRequest), await pendingOf(model, textRequest)];
    const results = await simulateBatch('anthropic', writeAnthropicBatchFile(pending), [
      {
        kind: 'json',
        value: { verdict: 'agree', value: 24.2 },
        usage: { inputTokens: 40, outputTokens: 12 },
      },
      { kind: 'text', text: '<answer>N/A</answer>' },
    ]);
    expect(detectBatchProvider(results)).toBe('anthropic');
    const parsed = parseBatchResults(results, { now: () => NOW });
    expect(parsed.failures).toEqual([]);
    expect(parsed.entries[0]?.response).toEqual({
      text: '{"verdict":"agree","value":24.2}',
      object: { verdict: 'agree', value: 24.2 },
      finishReason: 'stop',
      usage: { inputTokens: 40, outputTokens: 12 },
      latencyMs: 0,
      recordedAt: NOW.toISOString(),
    });
    const cache = createMemoryResponseCache();
    for (const entry of parsed.entries) await cache.put(entry.key, entry.response);
    const caller = offlineCaller(model, cache);
    await expect(caller.call(structuredRequest)).resolves.toMatchObject({
      kind: 'ok',
      object: { verdict: 'agree', value: 24.2 },
    });
    await expect(caller.call(textRequest)).resolves.toMatchObject({
      kind: 'ok',
      text: '<answer>N/A</answer>',
    });
  });

  it('reports errored, canceled and expired requests per line', () => {
    const key = (digit: string) => digit.repeat(64);
    const text = [
      JSON.stringify({
        custom_id: key('1'),
        result: {
          type: 'errored',
          error: {
            type: 'error',
            error: { type: 'invalid_request_error', message: 'max_tokens: too large' },
          },
        },
      }),
      JSON.stringify({ custom_id: key('2'), result: { type: 'expired' } }),
      JSON.stringify({ custom_id: key('3'), result: { type: 'canceled' } }),
      JSON.stringify({
        custom_id: key('4'),
        result: {
          type: 'succeeded',
          message: {
            content: [],
            stop_reason: 'refusal',
            usage: { input_tokens: 5, output_tokens: 0, cache_read_input_tokens: 100 },
          },
        },
      }),
      JSON.stringify({ custom_id: key('5'), result: { type: 'succeeded', message: { content: 'hi' } } }),
    ].join('\n');
    const parsed = parseBatchResults(text, { provider: 'anthropic', now: () => NOW });
    expect(parsed.failures).toEqual([
      { line: 1, customId: key('1'), reason: 'errored: max_tokens: too large' },
      { line: 2, customId: key('2'), reason: 'expired' },
      { line: 3, customId: key('3'), reason: 'canceled' },
      { line: 5, customId: key('5'), reason: expect.stringMatching(/^not a message: content/) as string },
    ]);
    expect(parsed.entries).toEqual([
      {
        line: 4,
        key: key('4'),
        response: {
          text: '',
          finishReason: 'content-filter',
          usage: { inputTokens: 105, outputTokens: 0 },
          latencyMs: 0,
          recordedAt: NOW.toISOString(),
        },
      },
    ]);
  });
});

describe('detecting the provider', () => {
  it('tells the two result formats apart and refuses anything else', () => {
    expect(detectBatchProvider('\n{"custom_id": "x", "response": null, "error": {"message": "m"}}\n')).toBe(
      'openai',
    );
    expect(detectBatchProvider('{"custom_id": "x", "result": {"type": "expired"}}')).toBe('anthropic');
    expect(detectBatchProvider('{"id": 1}\nnot json')).toBeUndefined();
    expect(() => parseBatchResults('{"id": 1}')).toThrow(/not an OpenAI Batch or Anthropic/);
  });
});

/** A pending request with a given key and a user message of `length` characters. */
function sizedRequest(index: number, length: number): PendingBatchRequest {
  return {
    key: index.toString(16).padStart(64, '0'),
    account: {
      model: 'openai/gpt-4o-mini',
      provider: 'openai',
      promptId: 'llm-answer',
      promptVersion: '1',
      verifier: 'llm-answer',
      itemId: String(index),
      runIndex: 0,
    },
    modelId: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'x'.repeat(length) }],
    parameters: {},
  };
}

describe('splitBatchRequests', () => {
  const requests = Array.from({ length: 7 }, (_, index) => sizedRequest(index + 1, 100));

  it('defaults to the providers limits', () => {
    expect(BATCH_FILE_LIMITS).toEqual({
      openai: { maxRequests: 50_000, maxBytes: 200_000_000 },
      anthropic: { maxRequests: 100_000, maxBytes: 256_000_000 },
    });
    const [only, ...more] = splitBatchRequests(requests, { provider: 'openai' });
    expect(more).toEqual([]);
    expect(only?.content).toBe(writeOpenAiBatchFile(requests));
  });

  it.each<BatchProvider>(['openai', 'anthropic'])(
    'cuts %s files at the request limit, in order, each key once',
    (provider) => {
      const parts = splitBatchRequests([...requests, requests[0] as PendingBatchRequest], {
        provider,
        limits: { maxRequests: 3, maxBytes: 1_000_000 },
      });
      expect(parts.map((part) => part.keys.length)).toEqual([3, 3, 1]);
      expect(parts.flatMap((part) => part.keys)).toEqual(requests.map((request) => request.key));
      const write = provider === 'openai' ? writeOpenAiBatchFile : writeAnthropicBatchFile;
      // Each part is exactly the one-file writer's output for its requests.
      parts.forEach((part, index) =>
        expect(part.content).toBe(write(requests.slice(index * 3, index * 3 + 3))),
      );
    },
  );

  it.each<BatchProvider>(['openai', 'anthropic'])(
    'cuts %s files at the byte limit: every part within it, and no two neighbours would have fitted together',
    (provider) => {
      const write = provider === 'openai' ? writeOpenAiBatchFile : writeAnthropicBatchFile;
      const single = Buffer.byteLength(write(requests.slice(0, 1)));
      const double = Buffer.byteLength(write(requests.slice(0, 2)));
      // Room for two requests but not three (all have the same size).
      const maxBytes = double + Math.floor((double - single) / 2);
      const parts = splitBatchRequests(requests, { provider, limits: { maxRequests: 100, maxBytes } });
      expect(parts.map((part) => part.keys.length)).toEqual([2, 2, 2, 1]);
      for (const part of parts) expect(Buffer.byteLength(part.content)).toBeLessThanOrEqual(maxBytes);
      // Exactly at the limit still fits.
      const exact = splitBatchRequests(requests.slice(0, 2), {
        provider,
        limits: { maxRequests: 100, maxBytes: double },
      });
      expect(exact).toHaveLength(1);
      // Multi-byte characters count as bytes, not characters.
      const accented = [sizedRequest(1, 0), sizedRequest(2, 0)].map((request) => ({
        ...request,
        messages: [{ role: 'user' as const, content: 'é'.repeat(100) }],
      }));
      const accentedDouble = Buffer.byteLength(write(accented));
      expect(accentedDouble).toBeGreaterThan(double);
      expect(
        splitBatchRequests(accented, {
          provider,
          limits: { maxRequests: 100, maxBytes: accentedDouble - 1 },
        }),
      ).toHaveLength(2);
    },
  );

  it('names the key of a request too large for any file', () => {
    const huge = sizedRequest(9, 5000);
    const error = (() => {
      try {
        splitBatchRequests([requests[0] as PendingBatchRequest, huge], {
          provider: 'anthropic',
          limits: { maxRequests: 10, maxBytes: 2000 },
        });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ARGUMENT_INVALID', details: { key: huge.key, itemId: '9' } });
    expect((error as AppError).message).toContain(huge.key);
  });

  it('writes no file for no requests', () => {
    expect(splitBatchRequests([], { provider: 'openai' })).toEqual([]);
  });
});
