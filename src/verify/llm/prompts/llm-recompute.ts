import { z } from 'zod';
import type { Calculator } from '../../../calculators/define.js';
import type { ChatMessage } from '../../../llm/send-request.js';
import { describeInputs } from './describe-calculator.js';

export interface LlmRecomputePromptInput {
  note: string;
  question: string;
  calculator: Calculator;
}

/** One input as the model read it from the note. */
export const extractedInputSchema = z.object({
  input: z.string(),
  status: z.enum(['present', 'missing']),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  unit: z.string().nullable(),
  /** Drug-dose inputs only: the drug. */
  drug: z.string().nullable(),
  quote: z.string().nullable(),
  timePoint: z.string().nullable(),
});
export type ExtractedInput = z.infer<typeof extractedInputSchema>;

export const llmRecomputeReplySchema = z.object({ inputs: z.array(extractedInputSchema) });
export type LlmRecomputeReply = z.infer<typeof llmRecomputeReplySchema>;

/**
 * `llm-recompute` (phase 2, blind): the model sees only the note, the question and the calculator's input schema
 * (names, types, units, options), never the original label, entities or explanation. It extracts every input with
 * a verbatim quote; Steward's calculator does the arithmetic. Bump `version` whenever the text changes.
 */
export const llmRecomputePrompt = {
  id: 'llm-recompute',
  version: '1.0.0',
  system: [
    'You extract the inputs of a clinical calculator from one patient note. You never calculate anything.',
    'For every input listed, return one entry:',
    '- status "present" with the value as the note states it, its unit exactly as written (null if unitless),',
    '  a verbatim quote copied character for character from the note that states it, and the time point',
    '  it belongs to (e.g. "on admission", "day 3"), choosing the time point the question asks about;',
    '- status "missing" (value, unit and quote null) when the note does not state it. Do not guess values;',
    '  for a yes/no criterion the note does not mention, answer "missing", not false.',
    'Use null for "drug" except for drug-dose inputs.',
  ].join('\n'),
  schemaName: 'calculator_inputs',
  render(input: LlmRecomputePromptInput): ChatMessage[] {
    return [
      {
        role: 'user',
        content:
          `Patient note:\n${input.note}\n\nQuestion: ${input.question}\n\n` +
          `Inputs of ${input.calculator.name}:\n${describeInputs(input.calculator)}`,
      },
    ];
  },
} as const;
