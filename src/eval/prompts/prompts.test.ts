import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '../../answers/index.js';
import { EVAL_PROMPT_IDS, EVAL_PROMPTS } from './index.js';

describe('evaluation prompts', () => {
  it('registers every id under its own id, each with a version', () => {
    for (const id of EVAL_PROMPT_IDS) {
      expect(EVAL_PROMPTS[id].id).toBe(id);
      expect(EVAL_PROMPTS[id].version).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('medcalc-zero-shot asks for the v1.0 JSON dict, and a reply in that shape scores under the json style', () => {
    const prompt = EVAL_PROMPTS['medcalc-zero-shot'];
    expect(prompt.answerStyle).toBe('json');
    expect(prompt.system).toContain(
      '{"step_by_step_thinking": "<your reasoning>", "answer": "<the final result only>"}',
    );
    const [message] = prompt.render({ note: 'BP 120/80.', question: 'What is the MAP?' });
    expect(message).toEqual({
      role: 'user',
      content:
        'Patient note:\nBP 120/80.\n\nQuestion: What is the MAP?\n\nReply with the JSON object {"step_by_step_thinking": ..., "answer": ...}.',
    });
    const verdict = RULE_SETS['medcalc-v1.0'].scoreResponse(
      '{"step_by_step_thinking": "(2·80 + 120)/3", "answer": "93.3"}',
      { calculatorId: 5, label: '93.333', lowerLimit: '88.66635', upperLimit: '99.99965' },
      prompt.answerStyle,
    );
    expect(verdict.correct).toBe(true);
  });

  it('answer-tags asks for <answer> tags and N/A, and its replies score under the tag style', () => {
    const prompt = EVAL_PROMPTS['answer-tags'];
    expect(prompt.answerStyle).toBe('tag');
    expect(prompt.system).toContain('<answer>N/A</answer>');
    const item = { calculatorId: 4, label: 'N/A', lowerLimit: 'N/A', upperLimit: 'N/A' };
    expect(
      RULE_SETS['relative-5pct'].scoreResponse('Missing data. <answer>N/A</answer>', item, 'tag').correct,
    ).toBe(true);
  });
});
