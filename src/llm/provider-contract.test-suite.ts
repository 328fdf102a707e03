import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startScriptedServer } from '../../test/scripted-openai-server.js';
import type { Script, ScriptedRequest, ScriptedServer } from '../../test/scripted-openai-server.js';
import { createModelCaller } from './model-caller.js';
import type { ModelCallRequest } from './model-caller.js';
import { createLanguageModel } from './language-model.js';
import { parseModelSpec } from './model-spec.js';
import type { ModelProvider } from './model-spec.js';
import { createMemoryResponseCache } from './response-cache.js';
import { createMemoryUsageLedger } from './usage-ledger.js';

export type ProviderContractCase =
  | 'text reply'
  | 'structured output'
  | 'malformed structured output'
  | 'refusal'
  | 'usage mapping'
  | 'rate limit'
  | 'server error';

export interface ProviderContractOptions {
  provider: ModelProvider;
  modelId: string;
  /** Cases this adapter cannot pass yet; each should be a tracked gap. */
  skip?: readonly ProviderContractCase[];
}

const answerSchema = z.object({ answer: z.number(), unit: z.string() });

function makeRequest(schema?: z.ZodType): ModelCallRequest {
  return {
    promptId: 'contract',
    promptVersion: '1',
    verifier: 'contract',
    itemId: '1',
    runIndex: 0,
    system: 'Answer briefly.',
    messages: [{ role: 'user', content: 'What is 2 + 2?' }],
    parameters: { temperature: 0, maxOutputTokens: 200 },
    ...(schema === undefined ? {} : { schema }),
  };
}

/** The model id as the provider's wire format carries it: in the body, or in the path for google. */
function findModelId(request: ScriptedRequest | undefined): unknown {
  if (request === undefined) return undefined;
  return request.path.match(/\/models\/([^/:]+):/)?.[1] ?? request.body['model'];
}

/**
 * What every provider adapter must do through the call layer, against a scripted loopback server that speaks
 * the provider's API: plain text, structured output (and a retry when it is malformed), refusals, token usage,
 * and 429/500 mapped to retryable failures.
 */
export function runProviderContract(options: ProviderContractOptions): void {
  const spec = parseModelSpec(`${options.provider}/${options.modelId}`);
  const test = (name: ProviderContractCase, body: () => Promise<void>): void => {
    (options.skip?.includes(name) === true ? it.skip : it)(name, body);
  };
  let server: ScriptedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function start(script: Script) {
    server = await startScriptedServer({ dialect: options.provider, script });
    const started = server;
    const waits: number[] = [];
    const ledger = createMemoryUsageLedger();
    const caller = createModelCaller({
      model: spec.text,
      languageModel: createLanguageModel(spec, { baseUrl: started.baseUrl, apiKey: 'contract-key' }),
      cache: createMemoryResponseCache(),
      ledger,
      retry: { maxAttempts: 2, timeoutMs: 5000 },
      sleep: (milliseconds) => {
        waits.push(milliseconds);
        return Promise.resolve();
      },
      random: () => 0,
    });
    return { server: started, caller, waits, ledger };
  }

  describe(`provider contract: ${spec.provider}`, () => {
    test('text reply', async () => {
      const { caller, server: started } = await start([{ kind: 'text', text: 'Four.' }]);
      expect(await caller.call(makeRequest())).toMatchObject({ kind: 'ok', text: 'Four.', attempts: 1 });
      expect(started.requestCount).toBe(1);
      expect(findModelId(started.requests[0])).toBe(spec.modelId);
      expect(JSON.stringify(started.requests[0]?.body)).toContain('What is 2 + 2?');
    });

    test('structured output', async () => {
      const { caller } = await start([{ kind: 'json', value: { answer: 4, unit: 'none' } }]);
      expect(await caller.call(makeRequest(answerSchema))).toMatchObject({
        kind: 'ok',
        object: { answer: 4, unit: 'none' },
      });
    });

    test('malformed structured output', async () => {
      const { caller } = await start([
        { kind: 'malformed', text: '{"answer": four}' },
        { kind: 'json', value: { answer: 4, unit: 'none' } },
      ]);
      expect(await caller.call(makeRequest(answerSchema))).toMatchObject({
        kind: 'ok',
        attempts: 2,
        object: { answer: 4 },
      });
    });

    test('refusal', async () => {
      const { caller, server: started } = await start(() => ({
        kind: 'refusal',
        text: 'I cannot help with that.',
      }));
      expect(await caller.call(makeRequest())).toMatchObject({ kind: 'abstain', reason: 'refused' });
      expect(started.requestCount).toBe(1);
    });

    test('usage mapping', async () => {
      const { caller, ledger } = await start([
        { kind: 'text', text: 'Four.', usage: { inputTokens: 321, outputTokens: 45 } },
      ]);
      expect(await caller.call(makeRequest())).toMatchObject({
        usage: { inputTokens: 321, outputTokens: 45 },
      });
      expect(ledger.records[0]).toMatchObject({ inputTokens: 321, outputTokens: 45 });
    });

    test('rate limit', async () => {
      const { caller, waits } = await start([
        { kind: 'error', status: 429, headers: { 'retry-after': '4' } },
        { kind: 'error', status: 429, headers: { 'retry-after': '4' } },
      ]);
      expect(await caller.call(makeRequest())).toMatchObject({
        kind: 'abstain',
        reason: 'rate-limited',
        attempts: 2,
      });
      expect(waits).toEqual([4000]);
    });

    test('server error', async () => {
      const { caller } = await start([
        { kind: 'error', status: 500 },
        { kind: 'text', text: 'Four.' },
      ]);
      expect(await caller.call(makeRequest())).toMatchObject({ kind: 'ok', text: 'Four.', attempts: 2 });
    });
  });
}
