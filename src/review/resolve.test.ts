import { describe, expect, it } from 'vitest';
import { getRuleSet } from '../answers/index.js';
import {
  countRequiredReviewers,
  createAnswerAgreement,
  decideItem,
  hashReviewerId,
  reviewerName,
} from './resolve.js';
import type { SubmittedLabel } from './resolve.js';

// Creatinine clearance (MedCalc-Bench calculator 2) is a decimal output: the relative-5pct rules give it ±5%.
const sameDecimal = createAnswerAgreement(getRuleSet('relative-5pct'), 2);
// CHA2DS2-VASc (calculator 4) is a score: only the same integer agrees.
const sameScore = createAnswerAgreement(getRuleSet('relative-5pct'), 4);

function answer(userId: string, value: string, secondOpinion = false): SubmittedLabel {
  return { userId, outcome: 'answer', answer: value, secondOpinion };
}
function notComputable(userId: string): SubmittedLabel {
  return { userId, outcome: 'not-computable', answer: null, secondOpinion: false };
}

describe('decideItem', () => {
  it('waits until every required label is in', () => {
    expect(decideItem([answer('a', '60')], 2, sameDecimal)).toEqual({
      kind: 'waiting',
      submitted: 1,
      required: 2,
    });
  });

  it('resolves answers that agree within the tolerance, with the first answer as the final label', () => {
    // 60 vs 62: 62 is within 5% of 60 (57–63).
    const decision = decideItem([answer('a', '60'), answer('b', '62')], 2, sameDecimal);
    expect(decision).toMatchObject({ kind: 'resolved', outcome: 'answer', finalLabel: '60' });
    expect(decision.kind === 'resolved' && decision.provenance).toEqual({
      method: 'physician-agreement',
      reviewers: 2,
      reviewerIdsHashed: [hashReviewerId('a'), hashReviewerId('b')],
    });
  });

  it('escalates answers beyond the tolerance, and scores that differ by one point', () => {
    // 60 vs 66: 10% apart.
    expect(decideItem([answer('a', '60'), answer('b', '66')], 2, sameDecimal)).toMatchObject({
      kind: 'escalated',
    });
    expect(decideItem([answer('a', '3'), answer('b', '4')], 2, sameScore)).toMatchObject({
      kind: 'escalated',
      because: expect.stringMatching(/reviewers A and B/) as unknown,
    });
    // With three reviewers the first disagreeing pair is named.
    expect(decideItem([answer('a', '3'), answer('b', '3'), answer('c', '5')], 3, sameScore)).toMatchObject({
      kind: 'escalated',
      because: expect.stringMatching(/reviewers A and C/) as unknown,
    });
  });

  it('resolves as not computable only when every reviewer says so', () => {
    expect(decideItem([notComputable('a'), notComputable('b')], 2, sameScore)).toMatchObject({
      kind: 'resolved',
      outcome: 'not-computable',
      finalLabel: null,
    });
    expect(decideItem([notComputable('a'), answer('b', '2')], 2, sameScore)).toMatchObject({
      kind: 'escalated',
      because: '1 of 2 reviewers say not computable, the others give an answer',
    });
  });

  it('escalates agreeing answers when a reviewer asks for a second opinion', () => {
    expect(decideItem([answer('a', '2', true), answer('b', '2')], 2, sameScore)).toEqual({
      kind: 'escalated',
      because: 'a reviewer asked for a second opinion',
    });
  });
});

describe('reviewerName', () => {
  it('names reviewers A…Z, then AA', () => {
    expect([0, 1, 25, 26, 27].map(reviewerName)).toEqual(['A', 'B', 'Z', 'AA', 'AB']);
  });
});

describe('countRequiredReviewers', () => {
  it('adds one reviewer on about the sampled share of items, the same items every time', () => {
    const batch = { id: 'batch-1', reviewersPerItem: 2, extraReviewerRate: 0.25 };
    const counts = Array.from({ length: 4000 }, (_, index) => countRequiredReviewers(batch, String(index)));
    expect(new Set(counts)).toEqual(new Set([2, 3]));
    const share = counts.filter((count) => count === 3).length / counts.length;
    expect(share).toBeGreaterThan(0.22);
    expect(share).toBeLessThan(0.28);
    expect(Array.from({ length: 4000 }, (_, index) => countRequiredReviewers(batch, String(index)))).toEqual(
      counts,
    );
    expect(countRequiredReviewers({ ...batch, extraReviewerRate: 0 }, '1')).toBe(2);
    expect(countRequiredReviewers({ ...batch, extraReviewerRate: 1 }, '1')).toBe(3);
  });
});

describe('createAnswerAgreement', () => {
  it('lets identical answers agree on every kind of calculator, under either rule set', () => {
    for (const ruleSet of ['relative-5pct', 'medcalc-v1.0']) {
      for (const calculatorId of [2, 3, 4, 5, 19, 20]) {
        const same = createAnswerAgreement(getRuleSet(ruleSet), calculatorId);
        expect(same('7.487', '7.487'), `${ruleSet} #${calculatorId}`).toBe(true);
        expect(same('12.4', '12.40'), `${ruleSet} #${calculatorId}`).toBe(true);
      }
    }
  });

  it('compares different answers with the rules: ±5% on decimals, exact on scores', () => {
    const decimal = createAnswerAgreement(getRuleSet('relative-5pct'), 2);
    expect(decimal('7.487', '7.3')).toBe(true);
    expect(decimal('7.487', '6.9')).toBe(false);
    const score = createAnswerAgreement(getRuleSet('relative-5pct'), 4);
    expect(score('3', '4')).toBe(false);
  });
});
