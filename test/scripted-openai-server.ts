import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server that answers model API requests from a script, for tests that go through the real
 * AI SDK providers without the network. It speaks OpenAI Chat Completions (`POST /v1/chat/completions`,
 * non-streaming) and, for the provider contract suite, just enough of Anthropic Messages (`POST /v1/messages`)
 * and Google `models/<id>:generateContent`.
 */
export type ServerDialect = 'openai' | 'anthropic' | 'google';

export interface ScriptedUsage {
  inputTokens: number;
  outputTokens: number;
}

export type ScriptedReply =
  | { kind: 'text'; text: string; usage?: ScriptedUsage }
  /** JSON content (structured output). Anthropic in json-tool mode gets it as the `json` tool's input. */
  | { kind: 'json'; value: unknown; usage?: ScriptedUsage }
  | { kind: 'tool-call'; name: string; input: unknown; usage?: ScriptedUsage }
  | { kind: 'refusal'; text?: string; usage?: ScriptedUsage }
  /** Content that is not the JSON asked for (sent as plain text content). */
  | { kind: 'malformed'; text: string; usage?: ScriptedUsage }
  | { kind: 'error'; status: number; message?: string; headers?: Record<string, string> }
  /** Waits (or until the client gives up), then sends `then`. */
  | { kind: 'delay'; milliseconds: number; then: ScriptedReply };

export interface ScriptedRequest {
  /** 0-based arrival order. */
  index: number;
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export type Script = ScriptedReply[] | ((request: ScriptedRequest) => ScriptedReply | Promise<ScriptedReply>);

export interface ScriptedServerOptions {
  dialect?: ServerDialect;
  script: Script;
  /** Sent when a queue script runs out. Default: HTTP 500 "script exhausted". */
  fallback?: ScriptedReply;
}

export interface ScriptedServer {
  dialect: ServerDialect;
  /** The base URL to give the provider (`…/v1`, or `…/v1beta` for google). */
  baseUrl: string;
  readonly requests: readonly ScriptedRequest[];
  readonly requestCount: number;
  readonly inFlight: number;
  readonly maxInFlight: number;
  /** Replaces the script (and resets nothing else). */
  setScript(script: Script): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE: ScriptedUsage = { inputTokens: 10, outputTokens: 5 };
const BASE_PATHS: Record<ServerDialect, string> = { openai: '/v1', anthropic: '/v1', google: '/v1beta' };

function isEndpoint(dialect: ServerDialect, method: string, path: string): boolean {
  if (method !== 'POST') return false;
  if (dialect === 'openai') return path === '/v1/chat/completions';
  if (dialect === 'anthropic') return path === '/v1/messages';
  return /^\/v1beta\/models\/[^/]+:generateContent$/.test(path);
}

function encodeError(dialect: ServerDialect, status: number, message: string): unknown {
  if (dialect === 'anthropic') {
    return { type: 'error', error: { type: status === 429 ? 'rate_limit_error' : 'api_error', message } };
  }
  if (dialect === 'google') {
    return { error: { code: status, message, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'INTERNAL' } };
  }
  return { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', code: null } };
}

type ContentReply = Exclude<ScriptedReply, { kind: 'error' } | { kind: 'delay' }>;

function encodeOpenAi(reply: ContentReply, request: ScriptedRequest): unknown {
  const message: Record<string, unknown> = { role: 'assistant', content: null };
  let finishReason = 'stop';
  if (reply.kind === 'text' || reply.kind === 'malformed') message['content'] = reply.text;
  if (reply.kind === 'json') message['content'] = JSON.stringify(reply.value);
  if (reply.kind === 'refusal') message['refusal'] = reply.text ?? 'I cannot help with that.';
  if (reply.kind === 'tool-call') {
    message['tool_calls'] = [
      {
        id: `call_${request.index}`,
        type: 'function',
        function: { name: reply.name, arguments: JSON.stringify(reply.input) },
      },
    ];
    finishReason = 'tool_calls';
  }
  const usage = reply.usage ?? DEFAULT_USAGE;
  return {
    id: `chatcmpl-${request.index}`,
    object: 'chat.completion',
    created: 1_700_000_000,
    model: typeof request.body['model'] === 'string' ? request.body['model'] : 'scripted',
    choices: [{ index: 0, message, finish_reason: finishReason }],
    usage: {
      prompt_tokens: usage.inputTokens,
      completion_tokens: usage.outputTokens,
      total_tokens: usage.inputTokens + usage.outputTokens,
    },
  };
}

function usesAnthropicJsonTool(body: Record<string, unknown>): boolean {
  const tools = body['tools'];
  return Array.isArray(tools) && tools.some((tool: { name?: unknown }) => tool.name === 'json');
}

function encodeAnthropic(reply: ContentReply, request: ScriptedRequest): unknown {
  let content: unknown[] = [];
  let stopReason = 'end_turn';
  if (reply.kind === 'text' || reply.kind === 'malformed') content = [{ type: 'text', text: reply.text }];
  if (reply.kind === 'json') {
    if (usesAnthropicJsonTool(request.body)) {
      content = [{ type: 'tool_use', id: `toolu_${request.index}`, name: 'json', input: reply.value }];
      stopReason = 'tool_use';
    } else {
      content = [{ type: 'text', text: JSON.stringify(reply.value) }];
    }
  }
  if (reply.kind === 'tool-call') {
    content = [{ type: 'tool_use', id: `toolu_${request.index}`, name: reply.name, input: reply.input }];
    stopReason = 'tool_use';
  }
  if (reply.kind === 'refusal') stopReason = 'refusal';
  const usage = reply.usage ?? DEFAULT_USAGE;
  return {
    type: 'message',
    id: `msg_${request.index}`,
    role: 'assistant',
    model: typeof request.body['model'] === 'string' ? request.body['model'] : 'scripted',
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
  };
}

function encodeGoogle(reply: ContentReply): unknown {
  let parts: unknown[] = [];
  if (reply.kind === 'text' || reply.kind === 'malformed') parts = [{ text: reply.text }];
  if (reply.kind === 'json') parts = [{ text: JSON.stringify(reply.value) }];
  if (reply.kind === 'tool-call') parts = [{ functionCall: { name: reply.name, args: reply.input } }];
  const usage = reply.usage ?? DEFAULT_USAGE;
  const candidate =
    reply.kind === 'refusal'
      ? { content: {}, finishReason: 'SAFETY' }
      : { content: { role: 'model', parts }, finishReason: 'STOP' };
  return {
    candidates: [candidate],
    usageMetadata: {
      promptTokenCount: usage.inputTokens,
      candidatesTokenCount: usage.outputTokens,
      totalTokenCount: usage.inputTokens + usage.outputTokens,
    },
  };
}

function encodeReply(dialect: ServerDialect, reply: ContentReply, request: ScriptedRequest): unknown {
  if (dialect === 'anthropic') return encodeAnthropic(reply, request);
  if (dialect === 'google') return encodeGoogle(reply);
  return encodeOpenAi(reply, request);
}

async function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text === '') return {};
  const value: unknown = JSON.parse(text);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function sendJson(
  response: ServerResponse,
  reply: { status: number; body: unknown; headers?: Record<string, string> },
): void {
  if (response.destroyed) return;
  response.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
  response.end(JSON.stringify(reply.body));
}

/** Waits, unless the client disconnects first (an aborted call), so that closing the server is quick. */
function waitOrDisconnect(milliseconds: number, response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, milliseconds);
    function done(): void {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    }
    response.on('close', done);
  });
}

export async function startScriptedServer(options: ScriptedServerOptions): Promise<ScriptedServer> {
  const dialect = options.dialect ?? 'openai';
  const fallback: ScriptedReply = options.fallback ?? {
    kind: 'error',
    status: 500,
    message: 'script exhausted',
  };
  let script = options.script;
  const requests: ScriptedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;

  async function nextReply(request: ScriptedRequest): Promise<ScriptedReply> {
    if (typeof script === 'function') return script(request);
    return script.shift() ?? fallback;
  }

  async function answer(incoming: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (incoming.url ?? '/').split('?')[0] ?? '/';
    const request: ScriptedRequest = {
      index: requests.length,
      method: incoming.method ?? 'GET',
      path,
      headers: incoming.headers,
      body: await readBody(incoming),
    };
    requests.push(request);
    if (!isEndpoint(dialect, request.method, path)) {
      sendJson(response, {
        status: 404,
        body: encodeError(dialect, 404, `no route ${request.method} ${path}`),
      });
      return;
    }
    let reply = await nextReply(request);
    while (reply.kind === 'delay') {
      await waitOrDisconnect(reply.milliseconds, response);
      reply = reply.then;
    }
    if (reply.kind === 'error') {
      const message = reply.message ?? `scripted HTTP ${reply.status}`;
      sendJson(response, {
        status: reply.status,
        body: encodeError(dialect, reply.status, message),
        ...(reply.headers === undefined ? {} : { headers: reply.headers }),
      });
      return;
    }
    sendJson(response, { status: 200, body: encodeReply(dialect, reply, request) });
  }

  const server = createServer((incoming, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => {
      inFlight -= 1;
    });
    answer(incoming, response).catch((error: unknown) => {
      sendJson(response, {
        status: 500,
        body: encodeError(dialect, 500, `scripted server failed: ${String(error)}`),
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    dialect,
    baseUrl: `http://127.0.0.1:${port}${BASE_PATHS[dialect]}`,
    requests,
    get requestCount() {
      return requests.length;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    setScript(next) {
      script = next;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The OpenAI-compatible server most tests want. */
export function startScriptedOpenAiServer(
  options: Omit<ScriptedServerOptions, 'dialect'>,
): Promise<ScriptedServer> {
  return startScriptedServer({ ...options, dialect: 'openai' });
}
