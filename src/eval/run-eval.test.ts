import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import type { ModelCaller, ModelCallRequest, ModelCallResult } from '../llm/model-caller.js';
import { EVAL_PROMPTS } from './prompts/index.js';
import { EVAL_PURPOSE, runEval } from './run-eval.js';

const items = ['1', '2', '3'].map((id) => ({ id, note: `note ${id}`, question: `question ${id}` }));

function fakeCaller(
  reply: (request: ModelCallRequest) => ModelCallResult | Promise<ModelCallResult>,
): ModelCaller & { requests: ModelCallRequest[]; maxInFlight: number } {
  let inFlight = 0;
  const caller = {
    model: 'fake/model',
    requests: [] as ModelCallRequest[],
    maxInFlight: 0,
    async call<OBJECT>(request: ModelCallRequest<OBJECT>): Promise<ModelCallResult<OBJECT>> {
      caller.requests.push(request);
      inFlight++;
      caller.maxInFlight = Math.max(caller.maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      try {
        return (await reply(request)) as ModelCallResult<OBJECT>;
      } finally {
        inFlight--;
      }
    },
  };
  return caller;
}

const ok = (text: string): ModelCallResult => ({
  kind: 'ok',
  text,
  usage: { inputTokens: 10, outputTokens: 5 },
  costUsd: 0,
  cached: false,
  latencyMs: 1,
  attempts: 1,
});

describe('runEval', () => {
  it('calls every item once per sample (run index = sample) under the eval purpose, in order', async () => {
    const caller = fakeCaller((request) => ok(`${request.itemId}/${request.runIndex}`));
    const records = await runEval({
      items,
      caller,
      prompt: EVAL_PROMPTS['answer-tags'],
      samples: 2,
      concurrency: 2,
    });
    expect(records.map((record) => record.response)).toEqual(['1/0', '1/1', '2/0', '2/1', '3/0', '3/1']);
    expect(caller.requests).toHaveLength(6);
    expect(caller.maxInFlight).toBeLessThanOrEqual(2);
    const first = caller.requests[0];
    expect(first).toMatchObject({
      promptId: 'answer-tags',
      promptVersion: EVAL_PROMPTS['answer-tags'].version,
      verifier: EVAL_PURPOSE,
      itemId: '1',
      runIndex: 0,
      system: EVAL_PROMPTS['answer-tags'].system,
    });
    expect(first?.messages[0]?.content).toContain('note 1');
  });

  it('keeps an abstention as a value', async () => {
    const caller = fakeCaller((request) =>
      request.itemId === '2'
        ? { kind: 'abstain', reason: 'output-invalid', attempts: 3, lastError: 'no text' }
        : ok('fine'),
    );
    const records = await runEval({
      items,
      caller,
      prompt: EVAL_PROMPTS['medcalc-zero-shot'],
      samples: 1,
      concurrency: 4,
    });
    expect(records[1]).toEqual({
      itemId: '2',
      sample: 0,
      outcome: 'abstain',
      response: null,
      error: 'output-invalid: no text',
      cached: false,
    });
  });

  it("rethrows the caller's stopping error after the calls in flight settle, and starts no more", async () => {
    const caller = fakeCaller((request) => {
      if (request.itemId === '1') throw new AppError('LLM_OFFLINE_MISS', 'not recorded');
      return ok('x');
    });
    await expect(
      runEval({ items, caller, prompt: EVAL_PROMPTS['answer-tags'], samples: 3, concurrency: 1 }),
    ).rejects.toMatchObject({ code: 'LLM_OFFLINE_MISS' });
    expect(caller.requests).toHaveLength(1);
  });
});
