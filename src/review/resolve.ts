import { createHash } from 'node:crypto';
import type { RuleSet } from '../answers/index.js';
import type { Provenance } from '../contracts/review-api.js';

/**
 * The review rules that decide an item from its physicians' labels (pure). An item is resolved when every
 * physician says not computable, or every physician gives an answer and every pair of answers agrees within the
 * answer rules' tolerance (the batch's rule set, judged both ways). Anything else — a split between an answer and
 * not computable, answers beyond the tolerance, or a physician asking for a second opinion — escalates to an
 * adjudicator, whose decision is final.
 */

/** A submitted label as the rules see it, in submission order. */
export interface SubmittedLabel {
  userId: string;
  outcome: 'answer' | 'not-computable';
  answer: string | null;
  secondOpinion: boolean;
}

export type ItemDecision =
  | {
      kind: 'resolved';
      outcome: 'answer' | 'not-computable';
      /** The first submitted answer stands for the agreeing answers (they are the same within tolerance). */
      finalLabel: string | null;
      provenance: Provenance;
    }
  | { kind: 'escalated'; because: string }
  | { kind: 'waiting'; submitted: number; required: number };

/**
 * The answer rules reviewers are compared with: `relative-5pct` (the corrected-labels convention: exact for
 * scores and dates, ±5% for decimals). The v1.0 harness's rules need each row's stored limits, which belong to the
 * original label, not to a physician's answer, so they cannot compare two physicians.
 */
export const REVIEW_RULE_SET = 'relative-5pct';

/**
 * Two answers agree when they are the same text or number, or when either, judged as an answer against the other
 * as the label, is correct under the rules.
 */
export function createAnswerAgreement(
  ruleSet: RuleSet,
  calculatorId: number | undefined,
): (left: string, right: string) => boolean {
  const judge = (answer: string, label: string) =>
    ruleSet.judgeAnswer(answer, { calculatorId, label }).correct;
  const sameValue = (left: string, right: string) => {
    if (left.trim() === right.trim()) return true;
    const [first, second] = [Number(left.trim()), Number(right.trim())];
    return left.trim() !== '' && right.trim() !== '' && Number.isFinite(first) && first === second;
  };
  return (left, right) => sameValue(left, right) || judge(left, right) || judge(right, left);
}

/** sha256 of a reviewer id: provenance names how many reviewers agreed, never who. */
export function hashReviewerId(userId: string): string {
  return createHash('sha256').update(`steward-reviewer:${userId}`).digest('hex');
}

/** Decides an item once `required` labels are in; before that it is `waiting`. */
export function decideItem(
  labels: readonly SubmittedLabel[],
  required: number,
  sameAnswer: (left: string, right: string) => boolean,
): ItemDecision {
  if (labels.length < required) return { kind: 'waiting', submitted: labels.length, required };
  if (labels.some((label) => label.secondOpinion)) {
    return { kind: 'escalated', because: 'a reviewer asked for a second opinion' };
  }
  const provenance: Provenance = {
    method: 'physician-agreement',
    reviewers: labels.length,
    reviewerIdsHashed: labels.map((label) => hashReviewerId(label.userId)),
  };
  const notComputable = labels.filter((label) => label.outcome === 'not-computable').length;
  if (notComputable === labels.length) {
    return { kind: 'resolved', outcome: 'not-computable', finalLabel: null, provenance };
  }
  if (notComputable > 0) {
    return {
      kind: 'escalated',
      because: `${notComputable} of ${labels.length} reviewers say not computable, the others give an answer`,
    };
  }
  const answers = labels.map((label) => label.answer ?? '');
  for (let left = 0; left < answers.length; left++) {
    for (let right = left + 1; right < answers.length; right++) {
      if (!sameAnswer(answers[left] ?? '', answers[right] ?? '')) {
        return {
          kind: 'escalated',
          because: `the answers differ beyond the answer rules' tolerance (reviewers ${reviewerName(left)} and ${reviewerName(right)})`,
        };
      }
    }
  }
  return { kind: 'resolved', outcome: 'answer', finalLabel: answers[0] ?? null, provenance };
}

/** "A", "B", … "Z", "AA", …: how reviewers are named to the adjudicator, by submission order. */
export function reviewerName(index: number): string {
  let name = '';
  let rest = index;
  do {
    name = String.fromCharCode(65 + (rest % 26)) + name;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return name;
}

/**
 * How many physicians an item needs: the batch's count, plus one on a deterministic share of the items (the
 * sampling rate), drawn from a hash of the batch and item ids so that re-building the plan gives the same items.
 */
export function countRequiredReviewers(
  batch: { id: string; reviewersPerItem: number; extraReviewerRate: number },
  itemId: string,
): number {
  if (batch.extraReviewerRate <= 0) return batch.reviewersPerItem;
  const digest = createHash('sha256').update(`${batch.id}\u0000${itemId}`).digest();
  const draw = digest.readUInt32BE(0) / 2 ** 32;
  return batch.reviewersPerItem + (draw < batch.extraReviewerRate ? 1 : 0);
}
