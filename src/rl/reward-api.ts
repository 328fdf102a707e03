import { z } from 'zod';
import { REWARD_MODES } from './reward-types.js';

/** The HTTP contract of `steward reward serve`, as zod schemas (bodies are parsed here exactly once). */

export const REWARD_API_SCHEMA_VERSION = 1;

const limit = z.union([z.string(), z.number()]).nullish();

/** OpenRLHF's remote reward request (v0.8 → v0.11): parallel lists; `prompts` may be absent. */
export const openRlhfRequestSchema = z
  .object({
    query: z.array(z.string()),
    prompts: z.array(z.string()).optional(),
    labels: z.array(z.unknown()).optional(),
  })
  .loose();

export const scoreItemSchema = z.object({
  response: z.string(),
  label: z.unknown(),
  calculatorId: z.number().int().nullish(),
  outputType: z.string().nullish(),
  lower: limit,
  upper: limit,
});

export const scoreRequestSchema = z.object({
  items: z.array(scoreItemSchema),
  mode: z.enum(REWARD_MODES).optional(),
});

export type OpenRlhfRequest = z.infer<typeof openRlhfRequestSchema>;
export type ScoreRequest = z.infer<typeof scoreRequestSchema>;

/** A zod error as one line: "items.3.response: expected string, received number". */
export function describeSchemaError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`)
    .join('; ');
}
