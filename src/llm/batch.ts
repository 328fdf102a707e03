import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { CachedResponse, TokenUsage } from './response-cache.js';
import type { CallParameters, ChatMessage } from './send-request.js';

/**
 * Batch files: the OpenAI Batch API and Anthropic Message Batches. Pure functions: they build the input files
 * from pending requests and turn the providers' result files into cache entries; reading and writing files and
 * the store is the caller's job (`steward llm batch export|import`).
 *
 * Every request is identified by its cache key (`computeCacheKey`, 64 lower-case hex characters), which is the
 * `custom_id` in both formats: a sha256 hex digest already fits Anthropic's rule (1 to 64 characters of
 * `[a-zA-Z0-9_-]`), so the mapping is the identity and a result line leads straight back to its cache entry.
 */

export const BATCH_PROVIDERS = ['openai', 'anthropic'] as const;
export type BatchProvider = (typeof BATCH_PROVIDERS)[number];

/** Structured output: the JSON schema the reply must match (what `sendRequest` gives the SDK). */
export interface BatchJsonSchema {
  /** Defaults to `response` (as the AI SDK's OpenAI-compatible provider names it). */
  name?: string | undefined;
  schema: Record<string, unknown>;
}

/**
 * What a batch request is for, taken from its `ModelCallRequest`: `llm batch export` records it in the store so
 * that `llm batch import` can account the result in the usage ledger (a result line carries only the key).
 */
export interface BatchRequestAccount {
  /** The model spec text (`openai/gpt-4o-mini`): the ledger's and the price table's key. */
  model: string;
  /** The spec's provider (`openai`, `anthropic`). */
  provider: string;
  promptId: string;
  promptVersion: string;
  verifier: string;
  itemId: string;
  runIndex: number;
}

/** One call that has no recorded response yet: its cache key and what `sendRequest` would send. */
export interface PendingBatchRequest {
  /** The cache key the result is stored under; the line's `custom_id`. */
  key: string;
  account: BatchRequestAccount;
  /** The provider's own model id (`gpt-4o-mini`, `claude-sonnet-4-5`), without the `<provider>/` prefix. */
  modelId: string;
  system?: string | undefined;
  messages: readonly ChatMessage[];
  parameters: CallParameters;
  jsonSchema?: BatchJsonSchema | undefined;
}

export interface AnthropicBatchOptions {
  /** Anthropic requires `max_tokens`; used when a request has no `maxOutputTokens`. Default 4096. */
  defaultMaxTokens?: number;
}

/** One result line turned into a cache entry. */
export interface BatchResultEntry {
  /** 1-based line number in the result file. */
  line: number;
  key: string;
  response: CachedResponse;
}

/** One result line that gives no entry; reported, never thrown. */
export interface BatchResultFailure {
  line: number;
  /** Undefined when the line could not be read far enough to find it. */
  customId: string | undefined;
  reason: string;
}

export interface ParsedBatchResults {
  provider: BatchProvider;
  entries: BatchResultEntry[];
  failures: BatchResultFailure[];
}

export interface ParseBatchResultsOptions {
  /** Detected from the content when absent. */
  provider?: BatchProvider | undefined;
  /** `recordedAt` of entries whose result carries no time (Anthropic's never does). */
  now?: () => Date;
}

const CACHE_KEY = /^[0-9a-f]{64}$/;
const ANTHROPIC_CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** The name of the forced tool that carries structured output on Anthropic (as the AI SDK's `jsonTool` mode). */
const ANTHROPIC_JSON_TOOL = 'json';

const DEFAULT_ANTHROPIC_MAX_TOKENS = 4096;

function checkKey(key: string): void {
  if (!CACHE_KEY.test(key)) {
    throw new AppError('ARGUMENT_INVALID', `"${key}" is not a Steward cache key (64 hex characters)`, {
      details: { key },
    });
  }
}

/** The Anthropic `custom_id` of a cache key: the key itself (a sha256 hex digest fits the rule). */
export function toAnthropicCustomId(key: string): string {
  checkKey(key);
  return key;
}

/** Identical requests share a key, so only the first of each key is sent (a batch rejects duplicate ids). */
function uniqueByKey(requests: readonly PendingBatchRequest[]): PendingBatchRequest[] {
  const seen = new Set<string>();
  return requests.filter((request) => {
    checkKey(request.key);
    if (seen.has(request.key)) return false;
    seen.add(request.key);
    return true;
  });
}

/**
 * The `body` of one Chat Completions request, as `@ai-sdk/openai-compatible` (structured outputs on) builds
 * it: `max_tokens` rather than `max_completion_tokens`, and `response_format: json_schema` with `strict: true`.
 */
function buildChatCompletionBody(request: PendingBatchRequest): Record<string, unknown> {
  const { temperature, topP, maxOutputTokens, seed } = request.parameters;
  return {
    model: request.modelId,
    messages: [
      ...(request.system === undefined ? [] : [{ role: 'system', content: request.system }]),
      ...request.messages.map((message) => ({ role: message.role, content: message.content })),
    ],
    ...(maxOutputTokens === undefined ? {} : { max_tokens: maxOutputTokens }),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(seed === undefined ? {} : { seed }),
    ...(request.jsonSchema === undefined
      ? {}
      : {
          response_format: {
            type: 'json_schema',
            json_schema: {
              name: request.jsonSchema.name ?? 'response',
              schema: request.jsonSchema.schema,
              strict: true,
            },
          },
        }),
  };
}

/** One line of an OpenAI Batch input file, newline included. */
function writeOpenAiLine(request: PendingBatchRequest): string {
  return `${JSON.stringify({
    custom_id: request.key,
    method: 'POST',
    url: '/v1/chat/completions',
    body: buildChatCompletionBody(request),
  })}\n`;
}

/**
 * An OpenAI Batch input file (JSONL, one request per line, `url` `/v1/chat/completions`). The API takes up to
 * 50,000 requests and 200 MB per file: `splitBatchRequests` keeps each file within them.
 */
export function writeOpenAiBatchFile(requests: readonly PendingBatchRequest[]): string {
  return uniqueByKey(requests).map(writeOpenAiLine).join('');
}

/**
 * The `params` of one Messages request. Anthropic has no `seed` (the AI SDK drops it too). Structured output
 * goes through a forced tool named `json` whose input is the object, which every Claude model supports (the
 * AI SDK may use native `output_config.format` for a live call; the cached entry has the same shape).
 */
function buildMessagesParams(
  request: PendingBatchRequest,
  defaultMaxTokens: number,
): Record<string, unknown> {
  const { temperature, topP, maxOutputTokens } = request.parameters;
  return {
    model: request.modelId,
    max_tokens: maxOutputTokens ?? defaultMaxTokens,
    ...(request.system === undefined ? {} : { system: request.system }),
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { top_p: topP }),
    ...(request.jsonSchema === undefined
      ? {}
      : {
          tools: [
            {
              name: ANTHROPIC_JSON_TOOL,
              description: 'Respond with a JSON object.',
              input_schema: request.jsonSchema.schema,
            },
          ],
          tool_choice: { type: 'tool', name: ANTHROPIC_JSON_TOOL },
        }),
  };
}

/** One element of the `requests` array of an Anthropic Message Batches body. */
function writeAnthropicElement(request: PendingBatchRequest, defaultMaxTokens: number): string {
  return JSON.stringify({
    custom_id: toAnthropicCustomId(request.key),
    params: buildMessagesParams(request, defaultMaxTokens),
  });
}

// The body is `{"requests":[` + elements joined by `,` + `]}` + newline, exactly what JSON.stringify writes.
const ANTHROPIC_BODY_START = '{"requests":[';
const ANTHROPIC_BODY_END = ']}\n';

function joinAnthropicElements(elements: readonly string[]): string {
  return `${ANTHROPIC_BODY_START}${elements.join(',')}${ANTHROPIC_BODY_END}`;
}

/**
 * An Anthropic Message Batches request body (`{"requests": [{custom_id, params}]}`, the JSON posted to
 * `/v1/messages/batches`). The API takes up to 100,000 requests and 256 MB per batch: `splitBatchRequests`
 * keeps each body within them.
 */
export function writeAnthropicBatchFile(
  requests: readonly PendingBatchRequest[],
  options: AnthropicBatchOptions = {},
): string {
  const defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  return joinAnthropicElements(
    uniqueByKey(requests).map((request) => writeAnthropicElement(request, defaultMaxTokens)),
  );
}

/** How much one batch file may hold. */
export interface BatchFileLimits {
  maxRequests: number;
  /** Bytes of the file as written (UTF-8). */
  maxBytes: number;
}

/**
 * The providers' limits per input file (OpenAI Batch: 50,000 requests, 200 MB) and per batch (Anthropic Message
 * Batches: 100,000 requests, 256 MB). "MB" is read as 10^6 bytes, the smaller reading, so a file never exceeds
 * the limit whichever the provider means.
 */
export const BATCH_FILE_LIMITS: Readonly<Record<BatchProvider, BatchFileLimits>> = {
  openai: { maxRequests: 50_000, maxBytes: 200_000_000 },
  anthropic: { maxRequests: 100_000, maxBytes: 256_000_000 },
};

export interface SplitBatchRequestsOptions extends AnthropicBatchOptions {
  provider: BatchProvider;
  /** Default: the provider's (`BATCH_FILE_LIMITS`). */
  limits?: BatchFileLimits | undefined;
}

/** One batch file: its text and the keys of the requests it holds, in order. */
export interface BatchFilePart {
  keys: string[];
  content: string;
}

/**
 * The batch files of some requests (duplicates of a key sent once), each within the limits: requests are packed
 * in order, a new file starting when the next one would pass either limit. No requests, no file. A single
 * request larger than `maxBytes` on its own is an `ARGUMENT_INVALID` error naming its key.
 */
export function splitBatchRequests(
  requests: readonly PendingBatchRequest[],
  options: SplitBatchRequestsOptions,
): BatchFilePart[] {
  const limits = options.limits ?? BATCH_FILE_LIMITS[options.provider];
  const defaultMaxTokens = options.defaultMaxTokens ?? DEFAULT_ANTHROPIC_MAX_TOKENS;
  const openAi = options.provider === 'openai';
  // Bytes of a file before its first request, and between two requests.
  const frame = openAi ? 0 : Buffer.byteLength(ANTHROPIC_BODY_START + ANTHROPIC_BODY_END);
  const separator = openAi ? 0 : 1;
  const parts: { keys: string[]; pieces: string[]; bytes: number }[] = [];
  let current: { keys: string[]; pieces: string[]; bytes: number } | undefined;
  for (const request of uniqueByKey(requests)) {
    const piece = openAi ? writeOpenAiLine(request) : writeAnthropicElement(request, defaultMaxTokens);
    const bytes = Buffer.byteLength(piece);
    if (frame + bytes > limits.maxBytes) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `batch request ${request.key} alone is ${bytes} bytes, more than a ${options.provider} batch file may hold (${limits.maxBytes} bytes)`,
        {
          fix: 'Shorten the prompt or the note of that item, or run it with steward audit instead of a batch.',
          details: { key: request.key, bytes, maxBytes: limits.maxBytes, itemId: request.account.itemId },
        },
      );
    }
    const fits =
      current !== undefined &&
      current.keys.length < limits.maxRequests &&
      current.bytes + separator + bytes <= limits.maxBytes;
    if (current === undefined || !fits) {
      current = { keys: [], pieces: [], bytes: frame };
      parts.push(current);
    } else {
      current.bytes += separator;
    }
    current.keys.push(request.key);
    current.pieces.push(piece);
    current.bytes += bytes;
  }
  return parts.map((part) => ({
    keys: part.keys,
    content: openAi ? part.pieces.join('') : joinAnthropicElements(part.pieces),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Result files

/** A text that is a JSON object; undefined for anything else (never throws). */
function readJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length === 0 ? '(line)' : issue.path.join('.')}: ${issue.message}`)
    .join('; ');
}

/** `{ error: { message } }` or `{ message }` or a string: the best message an error value offers. */
function describeErrorValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (typeof record['message'] === 'string') {
      return typeof record['code'] === 'string'
        ? `${record['code']}: ${record['message']}`
        : record['message'];
    }
    if ('error' in record) return describeErrorValue(record['error']);
  }
  return JSON.stringify(value) ?? 'unknown error';
}

// OpenAI: each line `{"id", "custom_id", "response": {"status_code", "request_id", "body"} | null,
// "error": {"code", "message"} | null}`; the body of a 200 is a chat completion. Failed requests may come in
// a separate error file of the same shape, which imports the same way (as failures).
const openAiLineSchema = z.object({
  custom_id: z.string(),
  response: z.object({ status_code: z.number(), body: z.unknown() }).nullish(),
  error: z.unknown().optional(),
});

const chatCompletionSchema = z.object({
  created: z.number().optional(),
  choices: z
    .array(
      z.object({
        finish_reason: z.string().nullish(),
        message: z.object({ content: z.string().nullish(), refusal: z.string().nullish() }),
      }),
    )
    .min(1),
  usage: z.object({ prompt_tokens: z.number().nullish(), completion_tokens: z.number().nullish() }).nullish(),
});

/** OpenAI finish reasons as the AI SDK names them (the names replay looks for). */
function mapOpenAiFinishReason(reason: string | null | undefined): string {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    default:
      return reason === null || reason === undefined ? 'unknown' : 'other';
  }
}

/** The structured output in a reply text: a JSON object, or nothing (replay validates it against the schema). */
function withObject(text: string): { object?: unknown } {
  const object = readJsonObject(text);
  return object === undefined ? {} : { object };
}

function parseOpenAiLine(
  record: Record<string, unknown>,
  line: number,
  now: () => Date,
): BatchResultEntry | BatchResultFailure {
  const parsed = openAiLineSchema.safeParse(record);
  const customId = typeof record['custom_id'] === 'string' ? record['custom_id'] : undefined;
  if (!parsed.success)
    return { line, customId, reason: `not an OpenAI batch result: ${describeIssues(parsed.error)}` };
  const { response, error } = parsed.data;
  if (!CACHE_KEY.test(parsed.data.custom_id)) {
    return { line, customId, reason: 'custom_id is not a Steward cache key' };
  }
  if (response === null || response === undefined) {
    return {
      line,
      customId,
      reason: error === null || error === undefined ? 'no response' : describeErrorValue(error),
    };
  }
  if (response.status_code !== 200) {
    return { line, customId, reason: `HTTP ${response.status_code}: ${describeErrorValue(response.body)}` };
  }
  const completion = chatCompletionSchema.safeParse(response.body);
  if (!completion.success) {
    return { line, customId, reason: `not a chat completion: ${describeIssues(completion.error)}` };
  }
  const [choice] = completion.data.choices;
  if (choice === undefined) return { line, customId, reason: 'no choices' };
  const usage: TokenUsage = {
    inputTokens: completion.data.usage?.prompt_tokens ?? undefined,
    outputTokens: completion.data.usage?.completion_tokens ?? undefined,
  };
  const recordedAt = completion.data.created === undefined ? now() : new Date(completion.data.created * 1000);
  const refusal = choice.message.refusal;
  // A structured-output refusal comes as `message.refusal` with a `stop` finish: replayed as a refusal.
  if (refusal !== null && refusal !== undefined && refusal !== '') {
    return {
      line,
      key: parsed.data.custom_id,
      response: {
        text: refusal,
        finishReason: 'content-filter',
        usage,
        latencyMs: 0,
        recordedAt: recordedAt.toISOString(),
      },
    };
  }
  const text = choice.message.content ?? '';
  return {
    line,
    key: parsed.data.custom_id,
    response: {
      text,
      ...withObject(text),
      finishReason: mapOpenAiFinishReason(choice.finish_reason),
      usage,
      // A batch has no per-request latency.
      latencyMs: 0,
      recordedAt: recordedAt.toISOString(),
    },
  };
}

// Anthropic: each line `{"custom_id", "result": {"type": "succeeded", "message": <Message>} | {"type":
// "errored", "error": <error response>} | {"type": "canceled"} | {"type": "expired"}}` (the JSONL behind a
// batch's `results_url`).
const anthropicLineSchema = z.object({
  custom_id: z.string(),
  result: z.object({ type: z.string(), message: z.unknown().optional(), error: z.unknown().optional() }),
});

const anthropicMessageSchema = z.object({
  content: z.array(
    z.object({
      type: z.string(),
      text: z.string().optional(),
      name: z.string().optional(),
      input: z.unknown().optional(),
    }),
  ),
  stop_reason: z.string().nullish(),
  usage: z
    .object({
      input_tokens: z.number().nullish(),
      output_tokens: z.number().nullish(),
      cache_creation_input_tokens: z.number().nullish(),
      cache_read_input_tokens: z.number().nullish(),
    })
    .nullish(),
});

/** Anthropic stop reasons as the AI SDK names them; a forced `json` tool call ends a structured reply. */
function mapAnthropicStopReason(reason: string | null | undefined, usedJsonTool: boolean): string {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'tool_use':
      return usedJsonTool ? 'stop' : 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return reason === null || reason === undefined ? 'unknown' : 'other';
  }
}

function parseAnthropicLine(
  record: Record<string, unknown>,
  line: number,
  now: () => Date,
): BatchResultEntry | BatchResultFailure {
  const parsed = anthropicLineSchema.safeParse(record);
  const customId = typeof record['custom_id'] === 'string' ? record['custom_id'] : undefined;
  if (!parsed.success) {
    return { line, customId, reason: `not an Anthropic batch result: ${describeIssues(parsed.error)}` };
  }
  const { result } = parsed.data;
  if (!CACHE_KEY.test(parsed.data.custom_id) || !ANTHROPIC_CUSTOM_ID.test(parsed.data.custom_id)) {
    return { line, customId, reason: 'custom_id is not a Steward cache key' };
  }
  if (result.type !== 'succeeded') {
    const why = result.type === 'errored' ? `: ${describeErrorValue(result.error)}` : '';
    return { line, customId, reason: `${result.type}${why}` };
  }
  const message = anthropicMessageSchema.safeParse(result.message);
  if (!message.success) return { line, customId, reason: `not a message: ${describeIssues(message.error)}` };
  const jsonTool = message.data.content.find(
    (block) => block.type === 'tool_use' && block.name === ANTHROPIC_JSON_TOOL,
  );
  const usage = message.data.usage;
  const tokenUsage: TokenUsage = {
    // As the AI SDK counts them: cache writes and reads are input tokens too.
    inputTokens:
      usage?.input_tokens === null || usage?.input_tokens === undefined
        ? undefined
        : usage.input_tokens +
          (usage.cache_creation_input_tokens ?? 0) +
          (usage.cache_read_input_tokens ?? 0),
    outputTokens: usage?.output_tokens ?? undefined,
  };
  const finishReason = mapAnthropicStopReason(message.data.stop_reason, jsonTool !== undefined);
  const base = { finishReason, usage: tokenUsage, latencyMs: 0, recordedAt: now().toISOString() };
  if (jsonTool !== undefined) {
    const object = jsonTool.input;
    return {
      line,
      key: parsed.data.custom_id,
      response: { text: JSON.stringify(object) ?? '', object, ...base },
    };
  }
  const text = message.data.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text ?? '')
    .join('');
  return { line, key: parsed.data.custom_id, response: { text, ...withObject(text), ...base } };
}

/** The provider of a result file from its first readable line; undefined when it looks like neither. */
export function detectBatchProvider(text: string): BatchProvider | undefined {
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const record = readJsonObject(line);
    if (record === undefined || typeof record['custom_id'] !== 'string') continue;
    if (typeof record['result'] === 'object' && record['result'] !== null) return 'anthropic';
    if ('response' in record || 'error' in record) return 'openai';
  }
  return undefined;
}

/**
 * Reads a batch result file (JSONL) into cache entries keyed by cache key. Lines that fail (errored, expired,
 * malformed, HTTP errors) are listed with their line number and `custom_id`; only an unrecognisable file throws.
 */
export function parseBatchResults(text: string, options: ParseBatchResultsOptions = {}): ParsedBatchResults {
  const now = options.now ?? (() => new Date());
  const provider = options.provider ?? detectBatchProvider(text);
  if (provider === undefined) {
    throw new AppError('FORMAT_UNSUPPORTED', 'not an OpenAI Batch or Anthropic Message Batches result file', {
      fix: 'Pass the JSONL result file the provider returned, or name it with --provider openai|anthropic.',
    });
  }
  const parseLine = provider === 'openai' ? parseOpenAiLine : parseAnthropicLine;
  const entries: BatchResultEntry[] = [];
  const failures: BatchResultFailure[] = [];
  text.split('\n').forEach((content, index) => {
    const line = index + 1;
    if (content.trim() === '') return;
    const record = readJsonObject(content);
    if (record === undefined) {
      failures.push({ line, customId: undefined, reason: 'not a JSON object' });
      return;
    }
    const outcome = parseLine(record, line, now);
    if ('key' in outcome) entries.push(outcome);
    else failures.push(outcome);
  });
  return { provider, entries, failures };
}
