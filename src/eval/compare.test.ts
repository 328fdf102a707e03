import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '../answers/index.js';
import { compareLabelVersions, type ModelResponses } from './compare.js';
import type { ScoredItem } from './score.js';

function item(id: number, label: number, calculator = 'Score A'): ScoredItem {
  return {
    id: String(id),
    calculatorId: 4,
    calculatorName: calculator,
    category: 'risk',
    label: String(label),
    lowerLimit: String(label),
    upperLimit: String(label),
  };
}

// Reference labels 1..6 (items 5–6 another calculator). The corrected version relabels item 2 (2 → 9) and item 5
// (5 → 8) and omits item 6. Model "good" answers the reference labels; "fixed" answers the corrected ones.
const original = [1, 2, 3, 4, 5, 6].map((id) => item(id, id, id >= 5 ? 'Score B' : 'Score A'));
const corrected = [item(1, 1), item(2, 9), item(3, 3), item(4, 4), item(5, 8, 'Score B')];

function answers(model: string, values: Record<number, number>): ModelResponses {
  return {
    model,
    samples: [
      {
        sample: 0,
        responses: Object.entries(values).map(([id, value], index) => ({
          id,
          response: `<answer>${value}</answer>`,
          line: index + 1,
        })),
      },
    ],
  };
}

const report = compareLabelVersions({
  versions: [
    { name: 'v1.0', items: original },
    { name: 'v1.1', items: corrected },
  ],
  models: [
    answers('good', { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6 }),
    answers('fixed', { 1: 1, 2: 9, 3: 0, 4: 4, 5: 8 }),
  ],
  ruleSet: RULE_SETS['relative-5pct'],
  bootstrap: { seed: 'test', resamples: 5000 },
});

describe('compareLabelVersions', () => {
  it('compares on the items every version has, matched by id, and counts what it dropped', () => {
    expect(report.sharedItems).toBe(5);
    expect(report.versions).toEqual([
      { name: 'v1.0', items: 6, droppedItems: 1, droppedIds: ['6'] },
      { name: 'v1.1', items: 5, droppedItems: 0, droppedIds: [] },
    ]);
    expect(report.models).toEqual([
      { model: 'good', samples: 1, responsesOutsideSharedItems: 1, missingResponses: 0 },
      { model: 'fixed', samples: 1, responsesOutsideSharedItems: 0, missingResponses: 0 },
    ]);
  });

  it('scores the same responses under each version: good 5/5 → 3/5, fixed 2/5 → 4/5', () => {
    const figures = report.overall.accuracy.map((entry) => [entry.model, entry.version, entry.estimate]);
    expect(figures).toEqual([
      ['good', 'v1.0', 1],
      ['good', 'v1.1', 0.6],
      ['fixed', 'v1.0', 0.4],
      ['fixed', 'v1.1', 0.8],
    ]);
    expect(report.overall.accuracy.every((entry) => entry.method === 'wilson')).toBe(true);
    const [good, fixed] = report.overall.differences;
    expect(good).toMatchObject({ model: 'good', version: 'v1.1', reference: 'v1.0', changedItems: 2 });
    expect(good?.estimate).toBeCloseTo(-0.4, 12);
    expect(fixed?.estimate).toBeCloseTo(0.4, 12);
    expect(fixed?.changedItems).toBe(2);
    // good's item differences are 0, −1, 0, 0, −1: the interval lies in [−1, 0] and excludes neither end wrongly.
    expect(good?.low).toBeGreaterThanOrEqual(-1);
    expect(good?.high).toBeLessThanOrEqual(0);
  });

  it('reports the ranking change: good leads on v1.0, fixed on v1.1', () => {
    expect(report.overall.ranking.swaps).toEqual([{ version: 'v1.1', ahead: 'good', behind: 'fixed' }]);
    expect(report.overall.ranking.changes.map((change) => [change.model, change.change])).toEqual([
      ['good', -1],
      ['fixed', 1],
    ]);
  });

  it('gives the same figures per calculator (grouped by the reference item)', () => {
    expect(report.byCalculator.map((group) => [group.key, group.items])).toEqual([
      ['Score A', 4],
      ['Score B', 1],
    ]);
    const scoreB = report.byCalculator[1];
    expect(scoreB?.accuracy.map((entry) => entry.estimate)).toEqual([1, 0, 0, 1]);
    expect(scoreB?.differences.map((entry) => [entry.estimate, entry.low, entry.high])).toEqual([
      [-1, null, null],
      [1, null, null],
    ]);
    expect(report.byCategory.map((group) => group.key)).toEqual(['risk']);
  });

  it('is deterministic for a seed', () => {
    const again = compareLabelVersions({
      versions: [
        { name: 'v1.0', items: original },
        { name: 'v1.1', items: corrected },
      ],
      models: [
        answers('good', { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 6: 6 }),
        answers('fixed', { 1: 1, 2: 9, 3: 0, 4: 4, 5: 8 }),
      ],
      ruleSet: RULE_SETS['relative-5pct'],
      bootstrap: { seed: 'test', resamples: 5000 },
    });
    expect(again).toEqual(report);
  });
});
