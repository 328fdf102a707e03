import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRewardApp } from './reward-app.js';

const app = createRewardApp({ mode: 'abstention-aware', now: () => new Date('2026-12-03T00:00:00Z') });
const numericLabel = JSON.stringify({ answer: '23.5', lower: '22.325', upper: '24.675', calculatorId: 2 });
const qwenPrompt =
  '<|im_start|>system\nAnswer in <answer></answer> tags.<|im_end|>\n<|im_start|>user\nPatient Note: …\n\nQuestion: …<|im_end|>\n<|im_start|>assistant\n';
const llamaPrompt =
  '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nPut the answer in <answer>X</answer>.<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';

interface ReplyJson {
  rewards: number[];
  scores: number[];
  extra_logs: Record<string, number[]>;
  error: { code: string; reason: string };
  schemaVersion: number;
  mode: string;
  results: { score: number; verdict: string; reason: string }[];
}

async function post(path: string, body: unknown, raw?: string): Promise<{ status: number; json: ReplyJson }> {
  const response = await app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as ReplyJson };
}

describe('POST /openrlhf (the OpenRLHF remote reward protocol)', () => {
  it('answers empty lists with empty lists (the extra URLs of a multi-server setup)', async () => {
    const { status, json } = await post('/openrlhf', { query: [], prompts: [], labels: [] });
    expect(status).toBe(200);
    expect(json).toEqual({
      rewards: [],
      scores: [],
      extra_logs: { correct: [], abstained: [], format_ok: [], prompt_found: [] },
    });
  });

  it('strips the chat-templated prompt and trailing end tokens before scoring', async () => {
    const { status, json } = await post('/openrlhf', {
      query: [
        `${qwenPrompt}Reasoning.\n<answer>23.5</answer><|im_end|><|endoftext|>`,
        `${llamaPrompt}Thinking <answer>N/A</answer><|eot_id|>`,
        `${qwenPrompt}I think <answer>99</answer></s>`,
        `${qwenPrompt}no tag at all<|im_end|>`,
      ],
      prompts: [qwenPrompt, llamaPrompt, qwenPrompt, qwenPrompt],
      labels: [numericLabel, 'N/A', 99, '23.5'],
    });
    expect(status).toBe(200);
    expect(json.rewards).toEqual([1, 1, 1, 0]);
    expect(json.scores).toEqual(json.rewards);
    expect(json.extra_logs).toEqual({
      correct: [1, 1, 1, 0],
      abstained: [0, 1, 0, 0],
      format_ok: [1, 1, 1, 0],
      prompt_found: [1, 1, 1, 1],
    });
  });

  it("never scores the prompt's own example tag when the response has none", async () => {
    const { json } = await post('/openrlhf', {
      query: [`${llamaPrompt}The value is X.<|eot_id|>`],
      prompts: [llamaPrompt],
      labels: ['X'],
    });
    expect(json.extra_logs['format_ok']).toEqual([0]);
  });

  it('falls back to the assistant marker when the prompt is not a prefix of the query', async () => {
    const { json } = await post('/openrlhf', {
      query: [`${qwenPrompt}<answer>23.5</answer><|im_end|>`],
      prompts: ['a prompt that was decoded differently'],
      labels: [numericLabel],
    });
    expect(json.rewards).toEqual([1]);
  });

  it('scores in the mode of the ?mode= parameter', async () => {
    const body = {
      query: [`${qwenPrompt}<answer>30</answer>`],
      prompts: [qwenPrompt],
      labels: [numericLabel],
    };
    expect((await post('/openrlhf?mode=paper-compatible', body)).json.rewards).toEqual([0.1]);
    expect((await post('/openrlhf', body)).json.rewards).toEqual([0]);
    expect((await post('/openrlhf?mode=lenient', body)).status).toBe(400);
  });

  it.each([
    ['invalid JSON', undefined, '{"query": ['],
    ['a JSON list', [], undefined],
    ['query missing', { prompts: [], labels: [] }, undefined],
    ['query not strings', { query: [1], prompts: ['p'], labels: ['1'] }, undefined],
    ['lists of different lengths', { query: ['a', 'b'], prompts: ['a'], labels: ['1', '2'] }, undefined],
    ['an empty label (no --data.label_key)', { query: ['a'], prompts: ['a'], labels: [''] }, undefined],
    ['a null label', { query: ['a'], prompts: ['a'], labels: [null] }, undefined],
  ])('refuses %s with 400 and a reason', async (_name, body, raw) => {
    const { status, json } = await post('/openrlhf', body, raw);
    expect(status).toBe(400);
    expect(json.error.code).toBe('ARGUMENT_INVALID');
    expect(json.error.reason).toMatch(/\w/);
  });
});

describe('POST /score', () => {
  it('scores a batch with per-item verdicts and reasons, limits given beside the label', async () => {
    const { status, json } = await post('/score', {
      items: [
        { response: '<answer>23.5</answer>', label: numericLabel },
        { response: '<answer>10.4</answer>', label: '10', lower: 9, upper: 11 },
        { response: '<answer>unknown</answer>', label: '10' },
        { response: 'nothing', label: '' },
      ],
    });
    expect(status).toBe(200);
    expect(json.schemaVersion).toBe(1);
    expect(json.mode).toBe('abstention-aware');
    expect(json.results.map((result: { score: number }) => result.score)).toEqual([1, 1, 0.25, 0]);
    expect(json.results.map((result: { verdict: string }) => result.verdict)).toEqual([
      'correct',
      'correct',
      'abstained',
      'label-invalid',
    ]);
    expect(json.results[0]!.reason).toContain('±5%');
  });

  it('takes the mode from the body', async () => {
    const { json } = await post('/score', {
      mode: 'paper-compatible',
      items: [{ response: '<answer>12</answer>', label: '10', lower: '9', upper: '11' }],
    });
    expect(json.results[0]).toMatchObject({ score: 0.1, verdict: 'incorrect' });
  });

  it.each([
    ['items missing', {}],
    ['a response that is not a string', { items: [{ response: 3, label: '1' }] }],
    ['an unknown mode', { items: [], mode: 'generous' }],
  ])('refuses %s with 400', async (_name, body) => {
    const { status, json } = await post('/score', body);
    expect(status).toBe(400);
    expect(json.error.reason).toMatch(/\w/);
  });

  it('refuses bodies over the limit with 413', async () => {
    const small = createRewardApp({ mode: 'abstention-aware', maxBodyBytes: 1024 });
    const response = await small.request('/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items: [{ response: 'x'.repeat(4096), label: '1' }] }),
    });
    expect(response.status).toBe(413);
  });
});

describe('GET /healthz and unknown routes', () => {
  it('reports the mode, rule set and weights', async () => {
    const response = await app.request('/healthz');
    expect(await response.json()).toMatchObject({
      status: 'ok',
      mode: 'abstention-aware',
      ruleSet: 'relative-5pct',
      weights: { correct: 1, abstainedOnComputable: 0.25 },
    });
  });

  it('answers 404 with the list of routes', async () => {
    const response = await app.request('/get_reward', { method: 'POST', body: '{}' });
    expect(response.status).toBe(404);
  });
});

describe('over loopback HTTP', () => {
  let server: ReturnType<typeof serve>;
  let url = '';
  beforeAll(async () => {
    server = await new Promise((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('serves one-sample OpenRLHF requests (v0.10+) and a malformed body as 400', async () => {
    const ok = await fetch(`${url}/openrlhf`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: [`${qwenPrompt}<answer>24</answer><|im_end|>`],
        prompts: [qwenPrompt],
        labels: [numericLabel],
      }),
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ rewards: [1], scores: [1] });
    const bad = await fetch(`${url}/openrlhf`, { method: 'POST', body: 'not json' });
    expect(bad.status).toBe(400);
  });

  it('reads the Node request body directly and still refuses one over the limit with 413', async () => {
    const small = createRewardApp({ mode: 'abstention-aware', maxBodyBytes: 64 * 1024 });
    const limited = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const started = serve({ fetch: small.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    const smallUrl = `http://127.0.0.1:${(limited.address() as AddressInfo).port}`;
    try {
      const items = [{ response: `${'x'.repeat(60_000)}<answer>23.5</answer>`, label: numericLabel }];
      const ok = await fetch(`${smallUrl}/score`, { method: 'POST', body: JSON.stringify({ items }) });
      expect(((await ok.json()) as ReplyJson).results[0]).toMatchObject({ score: 1, verdict: 'correct' });
      const tooLarge = await fetch(`${smallUrl}/score`, {
        method: 'POST',
        body: JSON.stringify({ items: [...items, ...items] }),
      });
      expect(tooLarge.status).toBe(413);
    } finally {
      await new Promise<void>((resolve) => limited.close(() => resolve()));
    }
  });
});
