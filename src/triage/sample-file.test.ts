import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { drawValidationSample } from './sample.js';
import { outcomesFromRows, sampleFromRows } from './sample-file.js';
import type { TriageStatus } from './types.js';

const statuses: TriageStatus[] = ['confirmed', 'relabel-proposed', 'needs-physician', 'not-computable'];
const frame = Array.from({ length: 230 }, (_, index) => ({
  itemId: String(index + 1),
  status: statuses[index % 7 === 0 ? 1 : index % 11 === 0 ? 2 : index === 5 ? 3 : 0] as TriageStatus,
  calculatorId: (index % 5) + 1,
}));

function asTable(rows: Record<string, string>[]) {
  return { headers: Object.keys(rows[0] ?? {}), rows };
}

describe('sample files', () => {
  for (const strata of ['status', 'status-calculator'] as const) {
    it(`reads back the allocation a drawn sample (${strata}) wrote`, () => {
      const sample = drawValidationSample(frame, { n: 40, seed: 'file', strata });
      const rows = sample.items.map((item) => ({
        id: item.itemId,
        stratum: item.stratum,
        weight: String(item.weight),
      }));
      const read = sampleFromRows(asTable(rows), 'sample.csv');
      expect(read.population).toBe(230);
      expect(read.strata).toBe(strata);
      expect(new Map(read.allocation.map((entry) => [entry.stratum, entry]))).toEqual(
        new Map(sample.allocation.map((entry) => [entry.stratum, entry])),
      );
      // The calculator is only in the file when it is part of the stratum.
      const key = (item: { itemId: string; status: string; calculatorId: number | undefined }) =>
        strata === 'status' ? [item.itemId, item.status] : [item.itemId, item.status, item.calculatorId];
      expect(read.items.map(key)).toEqual(sample.items.map(key));
    });
  }

  it('names the line of a bad weight, an unknown stratum and a duplicated id', () => {
    const base = { id: '1', stratum: 'confirmed', weight: '3' };
    const cases: [Record<string, string>[], RegExp][] = [
      [[base, { ...base, id: '2', weight: 'x' }], /line 3: weight "x"/],
      [[{ ...base, stratum: 'maybe' }], /line 2: stratum "maybe"/],
      [[base, base], /line 3: item 1 appears twice/],
      [[base, { ...base, id: '2', weight: '2.5' }], /inconsistent/],
    ];
    for (const [rows, message] of cases) {
      expect(() => sampleFromRows(asTable(rows), 's.csv')).toThrow(message);
    }
    expect(() => sampleFromRows({ headers: ['id'], rows: [] }, 's.csv')).toThrow(
      /missing columns stratum, weight/,
    );
  });

  it('reads outcomes as yes/no words and rejects anything else with its line', () => {
    const outcomes = outcomesFromRows(
      asTable([
        { id: '1', correct: 'TRUE' },
        { id: '2', correct: 'no' },
        { id: '3', correct: '1' },
      ]),
      'o.csv',
    );
    expect([...outcomes]).toEqual([
      ['1', true],
      ['2', false],
      ['3', true],
    ]);
    const error = (() => {
      try {
        outcomesFromRows(asTable([{ id: '9', correct: 'perhaps' }]), 'o.csv');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe('o.csv line 2: correct = "perhaps" for item 9 is not yes/no');
  });
});

describe('sample files with the sizes written by triage sample', () => {
  it('notice a whole stratum missing from the file', () => {
    const rows = [
      { id: '1', stratum: 'confirmed', weight: '10', stratum_size: '20', population: '25' },
      { id: '2', stratum: 'confirmed', weight: '10', stratum_size: '20', population: '25' },
      // the single not-computable row (a stratum of 5) was deleted
    ];
    expect(() => sampleFromRows(asTable(rows), 's.csv')).toThrow(
      /cover 20 items but the sample was drawn from 25; rows of a whole stratum are missing/,
    );
    // One row of a stratum deleted: its weight no longer matches its size.
    const shortStratum = [
      rows[0] ?? {},
      { id: '3', stratum: 'not-computable', weight: '5', stratum_size: '5', population: '25' },
    ];
    expect(() => sampleFromRows(asTable(shortStratum), 's.csv')).toThrow(
      /weights of stratum "confirmed" are inconsistent/,
    );
    const complete = [
      ...rows,
      { id: '3', stratum: 'not-computable', weight: '5', stratum_size: '5', population: '25' },
    ];
    expect(sampleFromRows(asTable(complete), 's.csv').population).toBe(25);
  });
});
