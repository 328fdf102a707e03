import { isAscii } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { recoverResponse } from './openrlhf.js';
import { parseRewardLabel } from './label.js';
import {
  describeSchemaError,
  openRlhfRequestSchema,
  REWARD_API_SCHEMA_VERSION,
  scoreRequestSchema,
} from './reward-api.js';
import {
  computeReward,
  resolveRewardSettings,
  scoreResponse,
  REWARD_MODES,
  type RewardMode,
  type RewardOptions,
  type RewardResult,
  type RewardSettings,
} from './reward.js';

/** Large enough for a 1,024-response batch of long reasoning traces. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RewardAppOptions extends RewardOptions {
  /** Largest request body accepted, in bytes (default 64 MB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Reported by /healthz. */
  version?: string;
}

function reject(context: Context, status: 400 | 413 | 404, reason: string): Response {
  return context.json({ error: { code: status === 404 ? 'NOT_FOUND' : 'ARGUMENT_INVALID', reason } }, status);
}

type BodyRead<Value> = { ok: true; value: Value } | { ok: false; status: 400 | 413; reason: string };

/**
 * The body as text, refusing more than `maxBytes`. Under @hono/node-server the Node request is read directly:
 * converting a multi-megabyte body through a web stream costs more than scoring it.
 */
async function readBodyText(context: Context, maxBytes: number): Promise<BodyRead<string>> {
  const tooLarge = {
    ok: false,
    status: 413,
    reason: `the request body is larger than ${maxBytes} bytes`,
  } as const;
  if (Number(context.req.header('content-length') ?? 0) > maxBytes) return tooLarge;
  const incoming = (context.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming !== undefined && !incoming.readableDidRead) {
    const chunks: Buffer[] = [];
    let size = 0;
    // Keep draining past the limit (without keeping the bytes) so the 413 reaches a client still sending.
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    }
    if (size > maxBytes) return tooLarge;
    const bytes = Buffer.concat(chunks, size);
    // Trainers' JSON (Python's json.dumps) escapes non-ASCII, and ASCII decodes faster as latin1.
    return { ok: true, value: bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8') };
  }
  const text = await context.req.text();
  return Buffer.byteLength(text) > maxBytes ? tooLarge : { ok: true, value: text };
}

async function readBody<Schema extends z.ZodType>(
  context: Context,
  schema: Schema,
  maxBytes: number,
): Promise<BodyRead<z.infer<Schema>>> {
  const text = await readBodyText(context, maxBytes);
  if (!text.ok) return text;
  let raw: unknown;
  try {
    raw = JSON.parse(text.value);
  } catch (error) {
    return { ok: false, status: 400, reason: `the body is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = schema.safeParse(raw);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, status: 400, reason: describeSchemaError(parsed.error) };
}

function flag(value: boolean): number {
  return value ? 1 : 0;
}

function toOpenRlhfLogs(results: readonly RewardResult[], promptFound: readonly boolean[]) {
  return {
    correct: results.map((result) =>
      flag(result.verdict === 'correct' || result.verdict === 'abstained-correctly'),
    ),
    abstained: results.map((result) =>
      flag(result.verdict === 'abstained' || result.verdict === 'abstained-correctly'),
    ),
    format_ok: results.map((result) =>
      flag(result.verdict !== 'no-answer' && result.verdict !== 'unparsable'),
    ),
    prompt_found: promptFound.map(flag),
  };
}

/**
 * The reward service: stateless, pure CPU, one scorer shared with `steward score`'s answer rules.
 * - `POST /openrlhf` – OpenRLHF's remote reward protocol: `{query, prompts, labels}` → `{rewards, scores, extra_logs}`.
 * - `POST /score` – `{items: [{response, label, …}], mode?}` → a score, verdict and reason per item.
 * - `GET /healthz`.
 * Malformed requests get 400 with a reason, oversized ones 413; scoring itself never fails.
 */
export function createRewardApp(options: RewardAppOptions): Hono {
  const settingsByMode = Object.fromEntries(
    REWARD_MODES.map((mode) => [mode, resolveRewardSettings({ ...options, mode })]),
  ) as Record<RewardMode, RewardSettings>;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const app = new Hono();
  app.onError((error, context) =>
    // Only a bug reaches here (bodies are validated, scoring never throws); say so without a stack.
    context.json({ error: { code: 'INTERNAL', reason: error.message } }, 500),
  );

  const pickMode = (context: Context, requested: RewardMode | undefined): string => {
    const query = context.req.query('mode');
    return requested ?? query ?? options.mode;
  };

  app.get('/healthz', (context) =>
    context.json({
      schemaVersion: REWARD_API_SCHEMA_VERSION,
      status: 'ok',
      mode: options.mode,
      modes: REWARD_MODES,
      ruleSet: settingsByMode[options.mode].ruleSet.id,
      weights: settingsByMode[options.mode].weights,
      ...(options.version === undefined ? {} : { version: options.version }),
    }),
  );

  app.post('/openrlhf', async (context) => {
    const body = await readBody(context, openRlhfRequestSchema, maxBodyBytes);
    if (!body.ok) return reject(context, body.status, body.reason);
    const { query, prompts, labels = [] } = body.value;
    if (labels.length !== query.length || (prompts !== undefined && prompts.length !== query.length))
      return reject(
        context,
        400,
        `query (${query.length}), prompts (${prompts?.length ?? 'absent'}) and labels (${labels.length}) must have the same length`,
      );
    const mode = pickMode(context, undefined);
    if (!(REWARD_MODES as readonly string[]).includes(mode))
      return reject(context, 400, `unknown mode "${mode}" (use ${REWARD_MODES.join(' or ')})`);
    const settings = settingsByMode[mode as RewardMode];
    const results: RewardResult[] = [];
    const promptFound: boolean[] = [];
    for (let index = 0; index < query.length; index++) {
      const label = parseRewardLabel(labels[index]);
      if (!label.ok)
        return reject(
          context,
          400,
          `labels[${index}]: ${label.reason}; pass the label column with --data.label_key label`,
        );
      const recovered = recoverResponse(query[index] as string, prompts?.[index]);
      promptFound.push(recovered.promptMatch !== 'none');
      results.push(computeReward(recovered.response, label.label, settings));
    }
    const rewards = results.map((result) => result.score);
    return context.json({ rewards, scores: rewards, extra_logs: toOpenRlhfLogs(results, promptFound) });
  });

  app.post('/score', async (context) => {
    const body = await readBody(context, scoreRequestSchema, maxBodyBytes);
    if (!body.ok) return reject(context, body.status, body.reason);
    const mode = pickMode(context, body.value.mode);
    if (!(REWARD_MODES as readonly string[]).includes(mode))
      return reject(context, 400, `unknown mode "${mode}" (use ${REWARD_MODES.join(' or ')})`);
    const settings = settingsByMode[mode as RewardMode];
    const results = body.value.items.map((item) =>
      scoreResponse(item.response, item.label, {
        ...settings,
        overrides: {
          calculatorId: item.calculatorId,
          outputType: item.outputType,
          lower: item.lower,
          upper: item.upper,
        },
      }),
    );
    return context.json({ schemaVersion: REWARD_API_SCHEMA_VERSION, mode, results });
  });

  app.all('*', (context) =>
    reject(
      context,
      404,
      `no route ${context.req.method} ${context.req.path} (POST /openrlhf, POST /score, GET /healthz)`,
    ),
  );
  return app;
}
