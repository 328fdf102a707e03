import type { EvalPrompt } from './types.js';

/**
 * The shape of the original harness's zero-shot prompt (`medcalc-reference.md` §3.1): reason step by step, then
 * reply with one JSON dict `{"step_by_step_thinking": ..., "answer": ...}`, scored with the `json` answer style.
 * The original text is not reproduced: this is our own wording of the same contract.
 */
export const medcalcZeroShotPrompt: EvalPrompt = {
  id: 'medcalc-zero-shot',
  version: '1.0.0',
  answerStyle: 'json',
  description:
    'step-by-step reasoning, then a JSON dict {"step_by_step_thinking", "answer"} (v1.0 harness shape)',
  system: [
    'You are a clinician working out a medical calculation for one patient.',
    'Read the patient note, reason through the calculation one step at a time, and then state the result.',
    'Your whole reply must be a single JSON object with exactly two keys:',
    '{"step_by_step_thinking": "<your reasoning>", "answer": "<the final result only>"}',
  ].join('\n'),
  render(input) {
    return [
      {
        role: 'user',
        content: `Patient note:\n${input.note}\n\nQuestion: ${input.question}\n\nReply with the JSON object {"step_by_step_thinking": ..., "answer": ...}.`,
      },
    ];
  },
};
