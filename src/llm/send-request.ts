import { generateText, Output } from 'ai';
import type { LanguageModel } from 'ai';
import type { z } from 'zod';
import { pickUsage } from './retry-policy.js';
import type { TokenUsage } from './response-cache.js';

/** A plain-text chat turn: all Steward prompts are text, which keeps messages serialisable for the cache key. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** Sampling parameters; all part of the cache key. */
export interface CallParameters {
  temperature?: number;
  topP?: number;
  maxOutputTokens?: number;
  seed?: number;
}

export interface SentRequest {
  system: string | undefined;
  messages: readonly ChatMessage[];
  parameters: CallParameters;
  schema: z.ZodType | undefined;
  schemaName: string | undefined;
}

/** What came back from one request that did not throw. */
export interface RequestReply {
  text: string;
  object: unknown;
  finishReason: string;
  usage: TokenUsage;
}

/**
 * One request through the AI SDK with its own retries off (the call layer retries, so that waits, attempts
 * and abstentions are ours to count). A refusal returns with finishReason `content-filter` and no object.
 */
export async function sendRequest(
  model: LanguageModel,
  request: SentRequest,
  abortSignal: AbortSignal,
): Promise<RequestReply> {
  const { temperature, topP, maxOutputTokens, seed } = request.parameters;
  const result = await generateText({
    model,
    ...(request.system === undefined ? {} : { system: request.system }),
    messages: request.messages.map((message) => ({ role: message.role, content: message.content })),
    ...(temperature === undefined ? {} : { temperature }),
    ...(topP === undefined ? {} : { topP }),
    ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }),
    ...(seed === undefined ? {} : { seed }),
    ...(request.schema === undefined
      ? {}
      : {
          output: Output.object({
            schema: request.schema,
            ...(request.schemaName === undefined ? {} : { name: request.schemaName }),
          }),
        }),
    maxRetries: 0,
    abortSignal,
  });
  const usage = pickUsage(result.usage);
  if (result.finishReason === 'content-filter' || request.schema === undefined) {
    return { text: result.text, object: undefined, finishReason: result.finishReason, usage };
  }
  return { text: result.text, object: result.output, finishReason: result.finishReason, usage };
}
