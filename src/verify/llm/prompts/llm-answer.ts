import type { ChatMessage } from '../../../llm/send-request.js';

export interface LlmAnswerPromptInput {
  note: string;
  question: string;
}

/**
 * `llm-answer` (phase 2, blind, the published evaluation style): the model sees only the note and the question,
 * reasons, and ends with `<answer>…</answer>`. Bump `version` whenever the text changes.
 */
export const llmAnswerPrompt = {
  id: 'llm-answer',
  version: '1.0.0',
  system: [
    'You are a physician answering a clinical calculation question about one patient note.',
    'Read the note, decide which values the calculation needs and at which time point, and work the calculation step by step.',
    'Do not assume values the note does not give, except clinical defaults the calculator itself defines.',
    'End your reply with the final answer inside <answer></answer> tags: a number without units, a date as MM/DD/YYYY,',
    "or a gestational age as ('W weeks', 'D days').",
    'If the note lacks information the calculation requires, end with <answer>N/A</answer>.',
  ].join('\n'),
  render(input: LlmAnswerPromptInput): ChatMessage[] {
    return [{ role: 'user', content: `Patient note:\n${input.note}\n\nQuestion: ${input.question}` }];
  },
} as const;
