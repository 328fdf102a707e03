import type { RuleSet } from '../answers/index.js';
import { isAbstention } from '../answers/relative-5pct.js';
import { findFinalAnswer } from './answer-tag.js';
import type { RewardLabel } from './label.js';
import type { AbstentionWeights, RewardResult } from './reward-types.js';

/** Answers longer than this are not read (no rule reads a value out of a paragraph; it bounds the cost). */
export const LONGEST_ANSWER = 256;

/**
 * The `abstention-aware` reward: correctness from the shared answer rules, and abstention scored on its merits.
 * A correct "unknown"/N/A on an N/A item earns the full reward; abstaining on a computable item, or answering an
 * N/A item, earns less than a correct answer and more than a confident wrong one (weights in docs/rl.md).
 */
export function computeAbstentionReward(
  response: string,
  label: RewardLabel,
  settings: { weights: AbstentionWeights; ruleSet: RuleSet },
): RewardResult {
  const { weights } = settings;
  const found = findFinalAnswer(response);
  if (found === undefined)
    return {
      score: weights.noAnswer,
      verdict: 'no-answer',
      reason: 'no <answer>…</answer>',
      extracted: null,
    };
  if (found.length > LONGEST_ANSWER)
    return {
      score: weights.noAnswer,
      verdict: 'unparsable',
      reason: `answer longer than ${LONGEST_ANSWER} characters`,
      extracted: `${found.slice(0, 40)}…`,
    };
  if (isAbstention(found)) {
    return label.notComputable
      ? {
          score: weights.correct,
          verdict: 'abstained-correctly',
          reason: 'abstained, label is N/A',
          extracted: 'N/A',
        }
      : {
          score: weights.abstainedOnComputable,
          verdict: 'abstained',
          reason: 'abstained on an item with an answer',
          extracted: 'N/A',
        };
  }
  if (label.notComputable)
    return {
      score: weights.answeredNotComputable,
      verdict: 'answered-not-computable',
      reason: 'answered an item whose label is N/A',
      extracted: found,
    };
  const verdict = settings.ruleSet.judgeAnswer(found, {
    calculatorId: label.calculatorId,
    label: label.answer,
    lowerLimit: label.lower,
    upperLimit: label.upper,
  });
  return verdict.correct
    ? { score: weights.correct, verdict: 'correct', reason: verdict.reason, extracted: verdict.extracted }
    : {
        score: weights.incorrect,
        verdict: 'incorrect',
        reason: verdict.reason,
        extracted: verdict.extracted,
      };
}
