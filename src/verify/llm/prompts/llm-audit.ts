import { z } from 'zod';
import type { Calculator } from '../../../calculators/define.js';
import type { ChatMessage } from '../../../llm/send-request.js';
import { ERROR_CATEGORIES } from '../../types.js';
import { describeCalculator } from './describe-calculator.js';

export interface LlmAuditPromptInput {
  note: string;
  question: string;
  label: string;
  lowerLimit: string | undefined;
  upperLimit: string | undefined;
  /** The stored `Relevant Entities`, as JSON text. */
  entities: string;
  explanation: string;
  calculator: Calculator;
}

export const correctedInputSchema = z.object({
  input: z.string(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
  unit: z.string().nullable(),
  quote: z.string().nullable(),
});
export type CorrectedInput = z.infer<typeof correctedInputSchema>;

export const llmAuditReplySchema = z.object({
  judgment: z.enum(['agree', 'disagree', 'cannot-tell']),
  category: z.enum(ERROR_CATEGORIES).nullable(),
  correctedInputs: z.array(correctedInputSchema),
  proposedAnswer: z.string().nullable(),
  rationale: z.string(),
});
export type LlmAuditReply = z.infer<typeof llmAuditReplySchema>;

/**
 * `llm-audit` (phase 1, metadata-informed): the model sees the note, the question, the original label with its
 * limits, the stored entities and the original explanation, and our calculator's criteria; it judges the label and
 * names corrected inputs with verbatim quotes. Bump `version` whenever the text changes.
 */
export const llmAuditPrompt = {
  id: 'llm-audit',
  version: '1.0.0',
  system: [
    'You audit one label of a clinical calculation benchmark. The label was made by extracting inputs from the',
    'patient note and computing the calculator. Check each stored input against the note (right value, right',
    'analyte, right unit, right time point, criteria the note really states) and the explanation against the',
    "calculator's criteria.",
    'Answer with judgment "agree" (the label is right), "disagree" (it is wrong) or "cannot-tell".',
    `When you disagree, give the error category (one of ${ERROR_CATEGORIES.join(', ')}), and list each input that`,
    'should change with its correct value, its unit as written, and a verbatim quote copied character for',
    'character from the note. Use "not-computable" when the note lacks a required input. Do not do arithmetic',
    'beyond what you need to judge; the corrected label is recomputed by our calculator from your inputs.',
  ].join('\n'),
  schemaName: 'label_audit',
  render(input: LlmAuditPromptInput): ChatMessage[] {
    const limits =
      input.lowerLimit === undefined || input.upperLimit === undefined
        ? ''
        : ` (accepted range ${input.lowerLimit} to ${input.upperLimit})`;
    return [
      {
        role: 'user',
        content: [
          `Patient note:\n${input.note}`,
          `Question: ${input.question}`,
          describeCalculator(input.calculator),
          `Stored entities: ${input.entities}`,
          `Original explanation:\n${input.explanation}`,
          `Original label: ${input.label}${limits}`,
        ].join('\n\n'),
      },
    ];
  },
} as const;
