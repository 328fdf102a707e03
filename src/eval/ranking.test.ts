import { describe, expect, it } from 'vitest';
import { compareRankings, rankModels } from './ranking.js';

describe('rankModels', () => {
  it('ranks best first, ties share the better rank (1, 2, 2, 4), NaN last', () => {
    const ranked = rankModels([
      { model: 'a', estimate: 0.5 },
      { model: 'b', estimate: 0.9 },
      { model: 'c', estimate: 0.5 },
      { model: 'd', estimate: Number.NaN },
      { model: 'e', estimate: 0.4 },
    ]);
    expect(ranked.map((entry) => [entry.model, entry.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['e', 4],
      ['d', 5],
    ]);
  });
});

describe('compareRankings', () => {
  it('reports rank movements and the pairs that swap (A 80%→60%, B 70%→90%, C 50%→50%)', () => {
    const comparison = compareRankings([
      {
        version: 'v1.0',
        accuracies: [
          { model: 'A', estimate: 0.8 },
          { model: 'B', estimate: 0.7 },
          { model: 'C', estimate: 0.5 },
        ],
      },
      {
        version: 'v1.1',
        accuracies: [
          { model: 'A', estimate: 0.6 },
          { model: 'B', estimate: 0.9 },
          { model: 'C', estimate: 0.5 },
        ],
      },
    ]);
    expect(comparison.changes).toEqual([
      { model: 'A', version: 'v1.1', referenceRank: 1, rank: 2, change: -1 },
      { model: 'B', version: 'v1.1', referenceRank: 2, rank: 1, change: 1 },
      { model: 'C', version: 'v1.1', referenceRank: 3, rank: 3, change: 0 },
    ]);
    expect(comparison.swaps).toEqual([{ version: 'v1.1', ahead: 'A', behind: 'B' }]);
  });

  it('does not call a tie that becomes a lead a swap', () => {
    const comparison = compareRankings([
      {
        version: 'old',
        accuracies: [
          { model: 'A', estimate: 0.5 },
          { model: 'B', estimate: 0.5 },
        ],
      },
      {
        version: 'new',
        accuracies: [
          { model: 'A', estimate: 0.4 },
          { model: 'B', estimate: 0.6 },
        ],
      },
    ]);
    expect(comparison.swaps).toEqual([]);
    expect(comparison.changes.map((change) => change.change)).toEqual([-1, 0]);
  });
});
