import { describe, expect, it } from 'vitest';
import type { ReviewedItem } from '../store/review-outcomes.js';
import type { StoredLabel } from '../store/review-records.js';
import type { Verdict } from '../verify/types.js';
import { answerToNumber, summarizeReview } from './stats.js';

function label(userId: string, answer: string | null, minutes: number | null = null): StoredLabel {
  return {
    assignmentId: `${userId}-${answer ?? 'na'}`,
    userId,
    mode: answer === null ? 'not-computable' : 'direct',
    outcome: answer === null ? 'not-computable' : 'answer',
    answer,
    inputs: [],
    notComputableReason: answer === null ? 'missing-input' : null,
    comment: null,
    minutes,
    measuredMinutes: null,
    secondOpinion: false,
    submittedAt: new Date('2026-12-01T00:00:00Z'),
  };
}

function item(itemId: string, labels: StoredLabel[], final: Partial<ReviewedItem> = {}): ReviewedItem {
  return {
    batchId: 'b',
    itemId,
    datasetId: 'd',
    runId: 'r',
    ruleSet: 'relative-5pct',
    source: 'queue',
    calculatorId: 4,
    status: 'open',
    requiredReviewers: 2,
    originalLabel: '3',
    stratum: null,
    weight: null,
    finalOutcome: null,
    finalLabel: null,
    provenance: null,
    labels,
    ...final,
  };
}

describe('answerToNumber', () => {
  it('reads numbers, US dates and gestational ages', () => {
    expect(answerToNumber('12.5')).toBe(12.5);
    expect(answerToNumber('01/02/1970')).toBe(1);
    expect(answerToNumber("('4 weeks', '2 days')")).toBe(30);
    expect(answerToNumber('no idea')).toBeNull();
  });
});

describe('summarizeReview', () => {
  it('measures agreement on fully labelled items and against the final labels', () => {
    const resolved = { status: 'resolved' as const, finalOutcome: 'answer' as const, finalLabel: '3' };
    const items = [
      item('1', [label('a', '3', 2), label('b', '3', 4)], resolved),
      item('2', [label('a', '3'), label('b', '4')], { status: 'escalated' }),
      item('3', [label('a', null), label('b', null)], { status: 'resolved', finalOutcome: 'not-computable' }),
      item('4', [label('a', '2')]),
    ];
    const supports: Verdict = {
      verifier: 'recompute',
      verifierVersion: '1',
      assessment: 'supports',
      proposedLabel: null,
    } as Verdict;
    const disputes: Verdict = {
      verifier: 'recompute',
      verifierVersion: '1',
      assessment: 'disputes',
      proposedLabel: '5',
    } as Verdict;
    const stats = summarizeReview(
      items,
      new Map([
        ['b\u00001', [supports]],
        ['b\u00003', [disputes]],
      ]),
    );
    expect(stats.items).toEqual({ total: 4, open: 1, escalated: 1, resolved: 2, fullyLabelled: 3 });
    // Items 1 and 3 agree, item 2 does not: 2/3.
    expect(stats.physicians.percentAgreement.estimate).toBeCloseTo(2 / 3, 10);
    expect(stats.physicians.percentAgreement.n).toBe(3);
    expect(stats.perItem.map((entry) => entry.allAgree)).toEqual([true, false, true]);
    // Cohen on outcome categories: pairs (answer, answer) ×2 and (nc, nc): p_o = 1, p_e = (2/3)² + (1/3)² = 5/9, κ = 1.
    expect(stats.physicians.cohensKappa.estimate).toBeCloseTo(1, 10);
    expect(stats.physicians.fleissKappa.estimate).toBeNull();
    // The original label 3 matches item 1's final 3, not item 3's N/A: 1/2. recompute supports it on 1 (agrees) and
    // proposes 5 on 3, whose final is N/A (disagrees): 1/2.
    expect(stats.againstFinal).toEqual([
      expect.objectContaining({ source: 'original label', agree: 1, total: 2 }),
      expect.objectContaining({ source: 'recompute@1', agree: 1, total: 2 }),
    ]);
    expect(stats.minutes).toEqual({ labels: 2, median: 3, total: 6 });
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });
});

describe('summarizeReview intervals', () => {
  it('gives no interval instead of a zero-width one from two items, and says why Fleiss is missing', () => {
    const items = [
      item('1', [label('a', '3'), label('b', '3')], {
        status: 'resolved',
        finalOutcome: 'answer',
        finalLabel: '3',
      }),
      item('2', [label('a', '3'), label('b', null)], { status: 'escalated' }),
    ];
    const stats = summarizeReview(items, new Map());
    // p_o = 1/2; rater a always "answer", so p_e = 1/2 and kappa = 0 with a standard error of 0.
    expect(stats.physicians.cohensKappa.estimate).toBe(0);
    expect(stats.physicians.cohensKappa.ci).toBeNull();
    expect(stats.physicians.cohensKappa.reason).toMatch(/collapses to one point with 2 items/);
    expect(stats.physicians.fleissKappa.reason).toMatch(/no item has 3 or more labels/);
  });
});

describe('summarizeReview alpha within calculators', () => {
  it('measures numeric agreement within each calculator, which pooling across scales overstates', () => {
    const score = (itemId: string, first: string, second: string) =>
      item(itemId, [label('a', first), label('b', second)], { calculatorId: 4 });
    const gfr = (itemId: string, first: string, second: string) =>
      item(itemId, [label('a', first), label('b', second)], { calculatorId: 3 });
    // Scores 1–3 where the raters disagree by one point on every item; GFRs far apart from the scores.
    const items = [
      score('1', '1', '2'),
      score('2', '2', '3'),
      score('3', '3', '1'),
      gfr('4', '60', '61'),
      gfr('5', '90', '92'),
    ];
    const stats = summarizeReview(items, new Map());
    const pooled = stats.physicians.krippendorffAlphaInterval.estimate ?? Number.NaN;
    const byCalculator = new Map(
      stats.physicians.krippendorffAlphaByCalculator.map((row) => [row.calculatorId, row.estimate.estimate]),
    );
    // Within the score calculator the raters never agree: alpha is at or below 0. Pooled, the GFR scale makes it
    // look excellent.
    expect(byCalculator.get(4)).toBeLessThanOrEqual(0);
    expect(pooled).toBeGreaterThan(0.9);
    expect(byCalculator.get(3)).toBeGreaterThan(0.9);
    expect([...byCalculator.keys()]).toEqual([3, 4]);
  });
});
