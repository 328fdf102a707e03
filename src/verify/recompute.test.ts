import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { recomputeInstance, summariseRecompute } from './recompute.js';

const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
const dataset = buildDataset(table.rows, { source: 'test_data.csv', format: 'csv', headers: table.headers });

describe('recompute over the whole v1.0 test split', () => {
  it('every one of the 1,047 rows computes or comes back typed not-computable; none crashes', () => {
    const rows = dataset.instances.map((instance) => recomputeInstance(instance));
    expect(rows).toHaveLength(1047);
    for (const row of rows) {
      if (row.recomputed === null) {
        expect(row.notComputable?.reason.length).toBeGreaterThan(0);
        expect(row.agrees).toBeNull();
      } else {
        expect(typeof row.agrees).toBe('boolean');
        expect(row.notComputable).toBeNull();
        expect(row.steps.length).toBeGreaterThan(0);
      }
    }
    const summary = summariseRecompute(rows, dataset.instances);
    expect(summary).toHaveLength(55);
    const agree = summary.reduce((sum, entry) => sum + entry.agree, 0);
    const notComputable = summary.reduce((sum, entry) => sum + entry.notComputable, 0);
    // A report, not an assertion on the figure: how many v1.0 labels our calculators reproduce.
    console.log(
      `recompute v1.0 test: ${agree}/1047 agree with the original label, ${notComputable} not computable`,
    );
    for (const entry of summary) {
      console.log(
        `  ${entry.calculatorId} ${entry.calculator}: ${entry.agree}/${entry.rows} agree, ${entry.notComputable} not computable`,
      );
    }
  });

  it('a row without entities or with an unknown calculator is not computable, with the reason', () => {
    const base = dataset.instances[0] as Instance;
    expect(recomputeInstance({ ...base, entities: undefined }).notComputable?.reason).toMatch(
      /no parsable Relevant Entities/,
    );
    expect(recomputeInstance({ ...base, calculatorSlug: undefined }).notComputable?.reason).toMatch(
      /unknown calculator/,
    );
    expect(
      recomputeInstance({ ...base, entities: { weight: ['heavy', 'kg'] } }).notComputable?.reason,
    ).toMatch(/unusable input/);
  });

  it('reproduces a known v1.0 defect as a disagreement: Child-Pugh rows whose ascites the v1.0 code ignored', () => {
    const childPugh = dataset.instances.filter((instance) => instance.calculatorId === 15);
    const rows = childPugh.map((instance) => recomputeInstance(instance));
    const withAscites = rows.filter((_row, index) =>
      ['slight', 'moderate'].includes(childPugh[index]?.entities?.['Ascites'] as string),
    );
    expect(withAscites.length).toBeGreaterThan(0);
    expect(withAscites.every((row) => row.agrees === false)).toBe(true);
  });
});
