import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { logicFinding, makeInput, makeVerdict } from './__fixtures__/verdicts.js';
import { expectedImpact, rankReviewQueue } from './impact.js';
import { labelsAgree, readLabel } from './labels.js';
import { DEFAULT_POLICY } from './policy.js';
import type { TriageStatus } from './types.js';

const supports = makeVerdict('recompute', 'supports', { confidence: 1 });

describe('expectedImpact', () => {
  it('hand-checked: 50 → 40 with calculator-logic, one sure verdict: 0.8 × (0.6 × 0.2 + 0.4 × 0) = 0.096', () => {
    const input = makeInput([
      makeVerdict('recompute', 'disputes', { proposedLabel: '40', findings: [logicFinding], confidence: 1 }),
    ]);
    const impact = expectedImpact(
      input,
      { status: 'relabel-proposed', proposedLabel: '40', categories: ['calculator-logic'] },
      DEFAULT_POLICY,
    );
    expect(impact).toBeCloseTo(0.096, 12);
  });

  it('uncertainty: two verifiers split 50/50 count fully (0.2 × (0.6 × 0.5 + 0.4 × 1) = 0.14)', () => {
    const policy = { ...DEFAULT_POLICY, verifiers: { ...DEFAULT_POLICY.verifiers, llm: 'label' as const } };
    const input = makeInput([supports, makeVerdict('llm', 'disputes', { confidence: 1 })]);
    expect(
      expectedImpact(input, { status: 'needs-physician', proposedLabel: null, categories: [] }, policy),
    ).toBeCloseTo(0.14, 12);
  });

  it('low confidence raises the uncertainty: confidence 0.7 → 0.3', () => {
    const input = makeInput([makeVerdict('recompute', 'supports', { confidence: 0.7 })]);
    // 0.2 × (0.6 × 0.5 + 0.4 × 0.3) = 0.084
    expect(
      expectedImpact(input, { status: 'confirmed', proposedLabel: null, categories: [] }, DEFAULT_POLICY),
    ).toBeCloseTo(0.084, 12);
  });

  it('a score change that crosses a decision threshold is a full change (CHA₂DS₂-VASc 1 → 2), one that does not is relative', () => {
    const input = (label: string) =>
      makeInput([makeVerdict('recompute', 'disputes', { proposedLabel: label, confidence: 1 })], {
        calculatorSlug: 'cha2ds2-vasc',
        outputType: 'integer',
        originalLabel: '1',
      });
    const decision = (label: string) => ({
      status: 'needs-physician' as TriageStatus,
      proposedLabel: label,
      categories: [],
    });
    expect(expectedImpact(input('2'), decision('2'), DEFAULT_POLICY)).toBeCloseTo(0.2 * 0.6 * 1, 12);
    const noCrossing = makeInput(
      [makeVerdict('recompute', 'disputes', { proposedLabel: '5', confidence: 1 })],
      {
        calculatorSlug: 'cha2ds2-vasc',
        originalLabel: '4',
      },
    );
    expect(expectedImpact(noCrossing, decision('5'), DEFAULT_POLICY)).toBeCloseTo(0.2 * 0.6 * 0.2, 12);
  });

  it('within one band of a calculator with thresholds a change counts at most sameBandChange (Framingham 0 → 0.34%)', () => {
    const framingham = (original: string, candidate: string) =>
      expectedImpact(
        makeInput([makeVerdict('recompute', 'disputes', { proposedLabel: candidate, confidence: 1 })], {
          calculatorSlug: 'framingham-hard-chd',
          outputType: 'decimal',
          originalLabel: original,
        }),
        { status: 'needs-physician', proposedLabel: candidate, categories: [] },
        DEFAULT_POLICY,
      );
    // relative change 1, capped at 0.5: 0.2 × (0.6 × 0.5 + 0.4 × 0) = 0.06
    expect(framingham('0', '0.34')).toBeCloseTo(0.06, 12);
    // 0 → 17.9% crosses the 10% band: a full change, 0.2 × 0.6 = 0.12
    expect(framingham('0', '17.9')).toBeCloseTo(0.12, 12);
    // A calculator without thresholds keeps the plain relative change: 0 → 0.34 is 1.
    const plain = expectedImpact(
      makeInput([makeVerdict('recompute', 'disputes', { proposedLabel: '0.34', confidence: 1 })], {
        calculatorSlug: 'fib-4',
        outputType: 'decimal',
        originalLabel: '0',
      }),
      { status: 'needs-physician', proposedLabel: '0.34', categories: [] },
      DEFAULT_POLICY,
    );
    expect(plain).toBeCloseTo(0.12, 12);
  });

  it('dates: days apart / 14, capped at 1; a value against N/A is a full change', () => {
    const dates = makeInput([supports], { originalLabel: '03/01/2021', outputType: 'date' });
    const at = (label: string) =>
      expectedImpact(
        dates,
        { status: 'needs-physician', proposedLabel: label, categories: [] },
        DEFAULT_POLICY,
      );
    expect(at('03/08/2021')).toBeCloseTo(0.2 * 0.6 * 0.5, 12);
    expect(at('06/01/2021')).toBeCloseTo(0.2 * 0.6, 12);
    const numeric = makeInput([supports]);
    expect(
      expectedImpact(
        numeric,
        { status: 'not-computable', proposedLabel: null, categories: [] },
        DEFAULT_POLICY,
      ),
    ).toBeCloseTo(0.2 * 0.6, 12);
  });

  it('is ≥ 0 and grows with severity (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        (a, b) => {
          const input = makeInput([makeVerdict('recompute', 'disputes', { proposedLabel: String(b) })], {
            originalLabel: String(a),
          });
          const mild = expectedImpact(
            input,
            { status: 'needs-physician', proposedLabel: String(b), categories: ['format'] },
            DEFAULT_POLICY,
          );
          const severe = expectedImpact(
            input,
            {
              status: 'needs-physician',
              proposedLabel: String(b),
              categories: ['format', 'extraction-error'],
            },
            DEFAULT_POLICY,
          );
          expect(mild).toBeGreaterThanOrEqual(0);
          expect(severe).toBeGreaterThanOrEqual(mild);
        },
      ),
    );
  });
});

describe('rankReviewQueue', () => {
  const item = (id: string, status: TriageStatus, impact: number) => ({ id, triage: { status, impact } });
  const items = [
    item('b', 'needs-physician', 0.5),
    item('a', 'needs-physician', 0.5),
    item('c', 'confirmed', 0.9),
    item('d', 'needs-physician', 0.8),
    item('e', 'needs-physician', 0.1),
    item('f', 'relabel-proposed', 0.7),
  ];

  it('keeps needs-physician items only, highest impact first, ties by id', () => {
    const ranked = rankReviewQueue(items);
    expect(ranked.queue.map((entry) => entry.id)).toEqual(['d', 'a', 'b', 'e']);
    expect(ranked.deferred).toEqual([]);
    expect(ranked.budget).toBeNull();
  });

  it('cuts at the budget and returns what was left out', () => {
    const ranked = rankReviewQueue(items, 2);
    expect(ranked.queue.map((entry) => entry.id)).toEqual(['d', 'a']);
    expect(ranked.deferred.map((entry) => entry.id)).toEqual(['b', 'e']);
    expect(rankReviewQueue(items, 0).queue).toEqual([]);
    expect(rankReviewQueue(items, 10).deferred).toEqual([]);
  });

  it('rejects a bad budget or an item without a finite impact', () => {
    expect(() => rankReviewQueue(items, -1)).toThrow(AppError);
    expect(() => rankReviewQueue(items, 1.5)).toThrow(AppError);
    expect(() => rankReviewQueue([item('x', 'needs-physician', Number.NaN)])).toThrow(/x/);
  });

  it('the order does not depend on the input order, and queue + deferred are all needs-physician items (property)', () => {
    const arbitraryItems = fc.uniqueArray(
      fc.record({
        id: fc.string({ minLength: 1, maxLength: 4 }),
        status: fc.constantFrom<TriageStatus>('confirmed', 'needs-physician', 'not-computable'),
        impact: fc.constantFrom(0, 0.25, 0.5, 1),
      }),
      { selector: (entry) => entry.id },
    );
    fc.assert(
      fc.property(arbitraryItems, fc.nat(20), (rows, budget) => {
        const list = rows.map((row) => item(row.id, row.status, row.impact));
        const ranked = rankReviewQueue(list, budget);
        const reversed = rankReviewQueue([...list].reverse(), budget);
        expect(reversed.queue.map((entry) => entry.id)).toEqual(ranked.queue.map((entry) => entry.id));
        expect(ranked.queue.length).toBe(
          Math.min(budget, list.filter((entry) => entry.triage.status === 'needs-physician').length),
        );
        const all = [...ranked.queue, ...ranked.deferred];
        for (let index = 1; index < all.length; index++)
          expect(all[index - 1]!.triage.impact).toBeGreaterThanOrEqual(all[index]!.triage.impact);
      }),
    );
  });
});

describe('labels', () => {
  it('reads N/A, dates, gestational ages, numbers and text', () => {
    expect(readLabel('N/A')).toEqual({ kind: 'not-available' });
    expect(readLabel('03/08/2021')).toMatchObject({ kind: 'date' });
    expect(readLabel("('4 weeks', '2 days')")).toEqual({ kind: 'days', days: 30 });
    expect(readLabel('(4, 2)', 'weeks-days')).toEqual({ kind: 'days', days: 30 });
    expect(readLabel('12.5 mL/min')).toEqual({ kind: 'number', value: 12.5 });
    expect(readLabel('High risk')).toEqual({ kind: 'text', text: 'high risk' });
  });

  it('agreement within the relative tolerance is symmetric', () => {
    expect(labelsAgree(readLabel('100'), readLabel('95'), 0.05)).toBe(true);
    expect(labelsAgree(readLabel('95'), readLabel('100'), 0.05)).toBe(true);
    expect(labelsAgree(readLabel('100'), readLabel('94'), 0.05)).toBe(false);
    expect(labelsAgree(readLabel('03/08/2021'), readLabel('2021-03-08'), 0)).toBe(true);
    expect(labelsAgree(readLabel('N/A'), readLabel('0'), 0.05)).toBe(false);
  });
});
