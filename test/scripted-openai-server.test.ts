import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer, startScriptedServer } from './scripted-openai-server.js';
import type { ScriptedServer } from './scripted-openai-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Response bodies are whatever the scripted server sent; the tests read them loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

async function post(
  url: string,
  body: unknown,
  signal?: AbortSignal,
): Promise<{ status: number; headers: Headers; body: Loose }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal === undefined ? {} : { signal }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe('scripted OpenAI server', () => {
  it('answers chat completions from a queue: text, JSON, tool call, refusal', async () => {
    server = await startScriptedOpenAiServer({
      script: [
        { kind: 'text', text: 'hello', usage: { inputTokens: 7, outputTokens: 2 } },
        { kind: 'json', value: { answer: 42 } },
        { kind: 'tool-call', name: 'lookup', input: { q: 'x' } },
        { kind: 'refusal', text: 'no' },
      ],
    });
    const url = `${server.baseUrl}/chat/completions`;
    const text = await post(url, { model: 'm', messages: [] });
    expect(text.body.choices[0].message.content).toBe('hello');
    expect(text.body.usage).toEqual({ prompt_tokens: 7, completion_tokens: 2, total_tokens: 9 });
    expect(text.body.model).toBe('m');
    const json = await post(url, { model: 'm', messages: [] });
    expect(JSON.parse(String(json.body.choices[0].message.content))).toEqual({ answer: 42 });
    const tool = await post(url, { model: 'm', messages: [] });
    expect(tool.body.choices[0].finish_reason).toBe('tool_calls');
    expect(tool.body.choices[0].message.tool_calls[0].function).toEqual({
      name: 'lookup',
      arguments: '{"q":"x"}',
    });
    const refusal = await post(url, { model: 'm', messages: [] });
    expect(refusal.body.choices[0].message.refusal).toBe('no');
    expect(server.requestCount).toBe(4);
    expect(server.requests[1]?.body['model']).toBe('m');
  });

  it('sends scripted errors with headers, and 500 once the queue is exhausted', async () => {
    server = await startScriptedOpenAiServer({
      script: [{ kind: 'error', status: 429, headers: { 'retry-after': '3' } }],
    });
    const url = `${server.baseUrl}/chat/completions`;
    const limited = await post(url, {});
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect(limited.body.error.type).toBe('rate_limit_exceeded');
    expect((await post(url, {})).status).toBe(500);
  });

  it('answers unknown routes with 404', async () => {
    server = await startScriptedOpenAiServer({ script: [] });
    expect((await post(`${server.baseUrl}/completions`, {})).status).toBe(404);
  });

  it('replies from a function of the request and counts the most requests in flight', async () => {
    server = await startScriptedOpenAiServer({
      script: (request) => ({
        kind: 'delay',
        milliseconds: 50,
        then: { kind: 'text', text: `#${request.index}` },
      }),
    });
    const url = `${server.baseUrl}/chat/completions`;
    const replies = await Promise.all([1, 2, 3].map(() => post(url, {})));
    expect(replies.map((reply) => String(reply.body.choices[0].message.content)).sort()).toEqual([
      '#0',
      '#1',
      '#2',
    ]);
    expect(server.maxInFlight).toBe(3);
    expect(server.inFlight).toBe(0);
  });

  it('lets a client abort a delayed reply and still closes promptly', async () => {
    server = await startScriptedOpenAiServer({
      script: [{ kind: 'delay', milliseconds: 10_000, then: { kind: 'text', text: 'late' } }],
    });
    const started = Date.now();
    await expect(post(`${server.baseUrl}/chat/completions`, {}, AbortSignal.timeout(50))).rejects.toThrow();
    await server.close();
    server = undefined;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('speaks Anthropic Messages and Google generateContent shapes', async () => {
    server = await startScriptedServer({ dialect: 'anthropic', script: [{ kind: 'text', text: 'hi' }] });
    const anthropic = await post(`${server.baseUrl}/messages`, { model: 'claude' });
    expect(anthropic.body).toMatchObject({
      type: 'message',
      content: [{ type: 'text', text: 'hi' }],
      stop_reason: 'end_turn',
    });
    await server.close();
    server = await startScriptedServer({ dialect: 'google', script: [{ kind: 'refusal' }] });
    expect(server.baseUrl).toMatch(/\/v1beta$/);
    const google = await post(`${server.baseUrl}/models/gemini-x:generateContent`, {});
    expect(google.body.candidates[0].finishReason).toBe('SAFETY');
  });
});
