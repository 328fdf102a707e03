import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFORMANCE_JSONL, requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { buildDataset } from '../dataset/build.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { medcalcV1RuleSet } from './medcalc-v1.js';

interface ConformanceCase {
  id: string;
  case: string;
  response: string;
  expected: { extracted: string | null; correct: boolean; originalRaised: boolean };
}

const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
const dataset = buildDataset(table.rows, { source: 'test_data.csv', format: 'csv', headers: table.headers });
const byId = new Map(dataset.instances.map((instance) => [instance.id, instance]));
const cases = readFileSync(requireSharedFile(CONFORMANCE_JSONL), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as ConformanceCase);

describe('medcalc-v1.0 conformance with the original harness (2,174 cases)', () => {
  it('has all cases', () => {
    expect(cases.length).toBe(2174);
  });

  it('agrees on correct/incorrect and on the extracted answer for every case', () => {
    const mismatches: string[] = [];
    for (const testCase of cases) {
      const instance = byId.get(testCase.id);
      if (instance === undefined) throw new Error(`no row ${testCase.id}`);
      const verdict = medcalcV1RuleSet.scoreResponse(testCase.response, instance);
      const extractedMatches = verdict.extracted === testCase.expected.extracted;
      if (verdict.correct !== testCase.expected.correct || !extractedMatches) {
        mismatches.push(
          `${testCase.id}/${testCase.case}: got ${JSON.stringify(verdict)} expected ${JSON.stringify(testCase.expected)}`,
        );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
