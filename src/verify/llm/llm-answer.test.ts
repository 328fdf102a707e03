import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  startScriptedOpenAiServer,
  type Script,
  type ScriptedServer,
} from '../../../test/scripted-openai-server.js';
import { AppError } from '../../app-error.js';
import { createMemoryResponseCache } from '../../llm/response-cache.js';
import { createTestContext, HOSTILE_INSTANCES, runVerifierContract } from '../contract.test-suite.js';
import { createScriptedCaller, createSensibleReplies } from './__fixtures__/scripted-replies.js';
import { findV1Row, loadContractRows } from './__fixtures__/v1-rows.js';
import { createLlmAnswerVerifier, readAnswerReply } from './llm-answer.js';
import type { LlmVerdictDetails } from './types.js';

const MODEL = 'openai/scripted-model';
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function makeVerifier(script: Script, config: Record<string, unknown> = {}) {
  server = await startScriptedOpenAiServer({ script });
  const cache = createMemoryResponseCache();
  const caller = createScriptedCaller({ baseUrl: server.baseUrl, model: MODEL, cache });
  return { verifier: createLlmAnswerVerifier(config, { models: new Map([[MODEL, caller]]) }), server, cache };
}

const answerText = (value: string) => ({
  kind: 'text' as const,
  text: `Reasoning.\n<answer>${value}</answer>`,
});
const detailsOf = (details: Record<string, unknown>) => details as unknown as LlmVerdictDetails;

describe('readAnswerReply', () => {
  it('reads the last <answer> tag with relative-5pct conventions', () => {
    expect(readAnswerReply('<answer>1</answer> then <answer>100.0 mm Hg</answer>', 5)).toEqual({
      outcome: 'answer',
      answer: '100',
    });
    expect(readAnswerReply('<answer>N/A</answer>', 5)).toEqual({ outcome: 'not-computable', answer: null });
    expect(readAnswerReply('<answer>2014-09-23</answer>', 13)).toEqual({
      outcome: 'answer',
      answer: '09/23/2014',
    });
    expect(readAnswerReply('<answer>(35 weeks, 4 days)</answer>', 69)).toEqual({
      outcome: 'answer',
      answer: "('35 weeks', '4 days')",
    });
    expect(readAnswerReply('no tag here', 5).outcome).toBe('abstain');
  });
});

describe('llm-answer on v1.0 rows', () => {
  const row = findV1Row('61'); // MAP, label 100

  it('two agreeing runs support the label, with usage reported and three calls saved; a re-run makes zero requests', async () => {
    const { verifier, server: started } = await makeVerifier([answerText('100'), answerText('101.2')]);
    const context = createTestContext();
    const verdict = await verifier.verify(row, context);
    expect(verdict.assessment).toBe('supports');
    expect(started.requestCount).toBe(2);
    const details = detailsOf(verdict.details);
    expect(details).toMatchObject({
      kind: 'llm',
      blind: true,
      prompt: { id: 'llm-answer', version: '1.0.0' },
      models: [MODEL],
    });
    expect(details.vote).toMatchObject({ outcome: 'agreed', support: 2, runs: 2, callsSaved: 3 });
    expect(details.runs.map((run) => run.runIndex)).toEqual([0, 1]);
    expect(context.reported.reduce((sum, usage) => sum + (usage.calls ?? 0), 0)).toBe(2);
    expect(context.reported.reduce((sum, usage) => sum + (usage.inputTokens ?? 0), 0)).toBe(20);
    expect(started.requests[0]?.body['temperature']).toBe(0.7);
    const again = await verifier.verify(row, createTestContext());
    expect(started.requestCount).toBe(2);
    expect(again.assessment).toBe('supports');
    expect(detailsOf(again.details).runs.every((run) => run.cached)).toBe(true);
  });

  it('agreed N/A makes the verdict not-computable (against the label 100 it takes 4 of 4 runs)', async () => {
    const { verifier, server: started } = await makeVerifier(() => answerText('N/A'));
    const verdict = await verifier.verify(row, createTestContext());
    expect(started.requestCount).toBe(4);
    expect(verdict.assessment).toBe('not-computable');
    expect(verdict.categories).toEqual(['not-computable']);
    expect(detailsOf(verdict.details).vote.outcome).toBe('agreed-not-computable');
  });

  it('agreement on another value disputes and proposes it, after 4 runs (a relabel needs a lead of 3 over the label)', async () => {
    const { verifier, server: started } = await makeVerifier([
      answerText('86.7'),
      answerText('86.667'),
      answerText('86.7'),
      answerText('86.7'),
    ]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict).toMatchObject({ assessment: 'disputes', proposedLabel: '86.7' });
    expect(started.requestCount).toBe(4);
    expect(detailsOf(verdict.details).vote).toMatchObject({
      rule: 'adaptive-reference(weight=1,lead=3,max=4+reference)',
      support: 4,
      runs: 4,
      maxRuns: 4,
      callsSaved: 1,
    });
  });

  it('a split abstains once the supermajority is unreachable', async () => {
    const { verifier, server: started } = await makeVerifier([
      answerText('100'),
      answerText('60'),
      answerText('80'),
    ]);
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('abstains');
    expect(verdict.confidence).toBe(0);
    expect(started.requestCount).toBe(3);
    expect(detailsOf(verdict.details).vote).toMatchObject({ outcome: 'split', runs: 3, callsSaved: 2 });
  });

  it('fixed mode makes exactly five runs', async () => {
    const { verifier, server: started } = await makeVerifier(() => answerText('100'), { stopping: 'fixed' });
    const verdict = await verifier.verify(row, createTestContext());
    expect(started.requestCount).toBe(5);
    expect(detailsOf(verdict.details).vote).toMatchObject({
      outcome: 'agreed',
      support: 5,
      rule: 'fixed(runs=5,supermajority=4/5)',
    });
  });

  it('runs spread over two models round-robin', async () => {
    server = await startScriptedOpenAiServer({ script: () => answerText('100') });
    const models = new Map(
      ['openai/model-a', 'openai/model-b'].map((model) => [
        model,
        createScriptedCaller({ baseUrl: (server as ScriptedServer).baseUrl, model }),
      ]),
    );
    const verdict = await createLlmAnswerVerifier({}, { models }).verify(row, createTestContext());
    expect(detailsOf(verdict.details).runs.map((run) => run.model)).toEqual([
      'openai/model-a',
      'openai/model-b',
    ]);
    expect(server.requests.map((request) => request.body['model']).sort()).toEqual(['model-a', 'model-b']);
  });

  it('a failing server makes runs abstain; the verdict abstains and does not throw', async () => {
    const { verifier, server: started } = await makeVerifier(() => ({ kind: 'error', status: 500 }));
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('abstains');
    expect(detailsOf(verdict.details).vote.outcome).toBe('insufficient');
    // 3 runs × 2 attempts: after 3 abstentions the one run left (of 4) cannot make 2 votes, so the rule stops.
    expect(started.requestCount).toBe(6);
  });

  it('rejected credentials stop the audit (LLM_AUTH_FAILED propagates)', async () => {
    const { verifier } = await makeVerifier(() => ({ kind: 'error', status: 401 }));
    await expect(verifier.verify(row, createTestContext())).rejects.toMatchObject({
      code: 'LLM_AUTH_FAILED',
    });
  });

  it('offline with nothing recorded stops the audit (LLM_OFFLINE_MISS)', async () => {
    server = await startScriptedOpenAiServer({ script: [] });
    const caller = createScriptedCaller({ baseUrl: server.baseUrl, model: MODEL, offline: true });
    const verifier = createLlmAnswerVerifier({}, { models: new Map([[MODEL, caller]]) });
    const failure = await Promise.resolve(verifier.verify(row, createTestContext())).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe('LLM_OFFLINE_MISS');
  });

  it('abstains with a clear reason when its model caller is missing', async () => {
    const verifier = createLlmAnswerVerifier({ models: ['openai/absent'] }, { models: new Map() });
    const verdict = await verifier.verify(row, createTestContext());
    expect(verdict.assessment).toBe('abstains');
    expect(verdict.details['reason']).toMatch(/no model caller for openai\/absent/);
    const unconfigured = await createLlmAnswerVerifier().verify(row, createTestContext());
    expect(unconfigured.details['reason']).toMatch(/no model configured/);
  });

  it('puts the prompt, models and voting rule into its identity', () => {
    const fixed = createLlmAnswerVerifier({ models: [MODEL], stopping: 'fixed' });
    const adaptive = createLlmAnswerVerifier({ models: [MODEL] });
    expect(adaptive.config).toMatchObject({
      prompt: { id: 'llm-answer', version: '1.0.0' },
      models: [MODEL],
    });
    expect(fixed.config).not.toEqual(adaptive.config);
    expect(() => createLlmAnswerVerifier({ models: [MODEL], required: 2 })).toThrow(/not a majority/);
    expect(() => createLlmAnswerVerifier({ model: MODEL })).toThrow(AppError);
  });
});

const contractRows = [...loadContractRows(), ...HOSTILE_INSTANCES];
const contractServer = await startScriptedOpenAiServer({
  script: createSensibleReplies({ instances: contractRows }),
});
const contractCache = createMemoryResponseCache();
const contractCaller = createScriptedCaller({
  baseUrl: contractServer.baseUrl,
  model: MODEL,
  cache: contractCache,
});
const makeContractVerifier = () =>
  createLlmAnswerVerifier({}, { models: new Map([[MODEL, contractCaller]]) });
beforeAll(async () => {
  // Warm the cache so that replayed verdicts (cached runs) are compared with replayed verdicts.
  for (const instance of contractRows) await makeContractVerifier().verify(instance, createTestContext());
});
afterAll(() => contractServer.close());
runVerifierContract({ make: makeContractVerifier });
