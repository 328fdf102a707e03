import type { EvalPrompt } from './types.js';

/**
 * The corrected-labels evaluation shape (`pipeline.md` item 7): reasoning first, then the final answer inside
 * `<answer>…</answer>` (a number or date without units), or `<answer>N/A</answer>` when the note lacks what the
 * calculation needs. Scored with the `tag` answer style.
 */
export const answerTagsPrompt: EvalPrompt = {
  id: 'answer-tags',
  version: '1.0.0',
  answerStyle: 'tag',
  description: 'reasoning, then <answer>value</answer> or <answer>N/A</answer>',
  system: [
    'You are a clinician working out a medical calculation for one patient.',
    'Read the patient note and reason through the calculation step by step.',
    'Finish with the final answer inside <answer></answer> tags: a number without units, or a date as MM/DD/YYYY,',
    "or a gestational age as ('W weeks', 'D days').",
    'If the note does not contain information the calculation needs, finish with <answer>N/A</answer>.',
  ].join('\n'),
  render(input) {
    return [{ role: 'user', content: `Patient note:\n${input.note}\n\nQuestion: ${input.question}` }];
  },
};
