import type { AnswerStyle } from '../../answers/index.js';
import type { ChatMessage } from '../../llm/send-request.js';

export const EVAL_PROMPT_IDS = ['medcalc-zero-shot', 'answer-tags'] as const;
export type EvalPromptId = (typeof EVAL_PROMPT_IDS)[number];

export interface EvalPromptInput {
  note: string;
  question: string;
}

/**
 * An evaluation prompt: a versioned text with an id (both part of every call's cache key), and the answer style
 * its replies are scored with. Bump `version` whenever the text changes.
 */
export interface EvalPrompt {
  id: EvalPromptId;
  version: string;
  /** Where the reply puts its answer: what `steward score --style` should read. */
  answerStyle: AnswerStyle;
  description: string;
  system: string;
  render(input: EvalPromptInput): ChatMessage[];
}
