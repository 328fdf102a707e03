import { answerTagsPrompt } from './answer-tags.js';
import { medcalcZeroShotPrompt } from './medcalc-zero-shot.js';
import type { EvalPrompt, EvalPromptId } from './types.js';

export * from './types.js';

/** Every evaluation prompt by id (`steward eval run --prompt`). */
export const EVAL_PROMPTS: Record<EvalPromptId, EvalPrompt> = {
  'medcalc-zero-shot': medcalcZeroShotPrompt,
  'answer-tags': answerTagsPrompt,
};
