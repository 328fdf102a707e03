import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { runSteward } from '../../../test/run-steward.js';
import type { StewardRun } from '../../../test/run-steward.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../../test/shared-data.js';
import { readCsvRows } from '../../dataset/read-rows.js';

/**
 * `steward eval compare` on two label versions built here: the v1.0 file, and our own synthetic "release" of it
 * with five integer labels moved by +10 and three rows withheld. One model answers the v1.0 labels, the other the
 * synthetic ones, so every figure follows by hand from those eight rows.
 */

const CHANGED = 5;
const WITHHELD = 3;

interface Accuracy {
  model: string;
  version: string;
  estimate: number;
  low: number;
  high: number;
}
interface Difference {
  model: string;
  version: string;
  estimate: number;
  low: number;
  high: number;
  changedItems: number;
}
interface Group {
  key: string;
  items: number;
  accuracy: Accuracy[];
  differences: Difference[];
  ranking: { swaps: { version: string; ahead: string; behind: string }[] };
}
interface CompareJson {
  schemaVersion: number;
  reference: string;
  sharedItems: number;
  versions: { name: string; items: number; droppedItems: number; droppedIds: string[] }[];
  models: { model: string; missingResponses: number; responsesOutsideSharedItems: number }[];
  overall: Group;
  byCalculator: Group[];
  byCategory: Group[];
  files: { json: string; svg: string; html: string; spec: string };
}

let folder = '';
let total = 0;
let changedIds: string[] = [];
let withheldIds: string[] = [];
let changedCalculator = '';

function run(args: string[]): Promise<StewardRun> {
  return runSteward(args, { cwd: folder });
}

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'steward-eval-compare-'));
  const source = requireSharedFile(V1_TEST_CSV);
  mkdirSync(join(folder, 'v1.0'));
  copyFileSync(source, join(folder, 'v1.0', 'test_data.csv'));
  const table = readCsvRows(readFileSync(source, 'utf8'), 'v1');
  total = table.rows.length;
  // Five rows of one integer-scored calculator with small labels: label + 10 is outside ±5% of either value.
  const integerRows = table.rows.filter(
    (row) => row['Output Type'] === 'integer' && /^\d$/.test(String(row['Ground Truth Answer'])),
  );
  changedCalculator = String(integerRows[0]?.['Calculator Name']);
  const changed = integerRows.filter((row) => row['Calculator Name'] === changedCalculator).slice(0, CHANGED);
  changedIds = changed.map((row) => String(row['Row Number']));
  // Withhold three rows of other calculators.
  const withheld = table.rows
    .filter((row) => row['Calculator Name'] !== changedCalculator)
    .slice(0, WITHHELD);
  withheldIds = withheld.map((row) => String(row['Row Number']));
  const release = table.rows
    .filter((row) => !withheldIds.includes(String(row['Row Number'])))
    .map((row) => {
      if (!changedIds.includes(String(row['Row Number']))) return row;
      const moved = String(Number(row['Ground Truth Answer']) + 10);
      return { ...row, 'Ground Truth Answer': moved, 'Lower Limit': moved, 'Upper Limit': moved };
    });
  mkdirSync(join(folder, 'synthetic-v1.1'));
  writeFileSync(
    join(folder, 'synthetic-v1.1', 'test_data.csv'),
    stringify(release, { header: true, columns: table.headers }),
  );
  const releaseLabels = new Map(
    release.map((row) => [String(row['Row Number']), String(row['Ground Truth Answer'])]),
  );
  // "original" (no model field: named after its file) answers the v1.0 labels; "follows-v1.1" the synthetic ones.
  writeFileSync(
    join(folder, 'original.jsonl'),
    table.rows
      .map((row) =>
        JSON.stringify({
          id: row['Row Number'],
          response: `<answer>${String(row['Ground Truth Answer'])}</answer>`,
        }),
      )
      .join('\n'),
  );
  writeFileSync(
    join(folder, 'follows.jsonl'),
    table.rows
      .map((row) => {
        const id = String(row['Row Number']);
        const label = releaseLabels.get(id) ?? String(row['Ground Truth Answer']);
        return JSON.stringify({
          id,
          model: 'follows-v1.1',
          sample: 0,
          response: `<answer>${label}</answer>`,
        });
      })
      .join('\n'),
  );
});

afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('steward eval compare', () => {
  let json: CompareJson;
  let text = '';

  beforeAll(async () => {
    const args = [
      'eval',
      'compare',
      '--responses',
      'original.jsonl,follows.jsonl',
      '--labels',
      'v1.0/test_data.csv,synthetic-v1.1',
    ];
    const result = await run([...args, '--seed', '11', '--out', 'out', '--json']);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    json = JSON.parse(result.stdout) as CompareJson;
    const printed = await run([...args, '--seed', '11', '--out', 'out-text']);
    expect(printed.code).toBe(0);
    text = printed.stdout;
  }, 120_000);

  it('compares on the shared items and names the withheld ones', () => {
    expect(json.reference).toBe('test_data.csv');
    expect(json.sharedItems).toBe(total - WITHHELD);
    expect(json.versions.map((version) => [version.name, version.items, version.droppedItems])).toEqual([
      ['test_data.csv', total, WITHHELD],
      ['synthetic-v1.1', total - WITHHELD, 0],
    ]);
    expect(json.versions[0]?.droppedIds).toEqual(withheldIds);
    expect(json.models.map((model) => [model.model, model.responsesOutsideSharedItems])).toEqual([
      ['original', WITHHELD],
      ['follows-v1.1', WITHHELD],
    ]);
    expect(text).toContain(`dropped (not in every version): ${WITHHELD} of test_data.csv`);
  });

  it('moves each model by exactly the five relabelled items, with a paired CI on the right side of zero', () => {
    const shared = total - WITHHELD;
    const accuracy = (model: string, version: string) =>
      json.overall.accuracy.find((entry) => entry.model === model && entry.version === version)?.estimate ??
      NaN;
    expect(accuracy('original', 'synthetic-v1.1') - accuracy('original', 'test_data.csv')).toBeCloseTo(
      -CHANGED / shared,
      12,
    );
    expect(
      accuracy('follows-v1.1', 'synthetic-v1.1') - accuracy('follows-v1.1', 'test_data.csv'),
    ).toBeCloseTo(CHANGED / shared, 12);
    const [original, follows] = json.overall.differences;
    expect(original).toMatchObject({ model: 'original', version: 'synthetic-v1.1', changedItems: CHANGED });
    expect(original?.estimate).toBeCloseTo(-CHANGED / shared, 12);
    expect(original?.high).toBeLessThanOrEqual(0);
    expect(original?.low).toBeLessThan(original?.estimate ?? 0);
    expect(follows?.estimate).toBeCloseTo(CHANGED / shared, 12);
    expect(follows?.low).toBeGreaterThanOrEqual(0);
    for (const entry of json.overall.accuracy) {
      expect(entry.low).toBeLessThanOrEqual(entry.estimate);
      expect(entry.high).toBeGreaterThanOrEqual(entry.estimate);
    }
  });

  it('reports the ranking change and the same figures for the relabelled calculator', () => {
    expect(json.overall.ranking.swaps).toEqual([
      { version: 'synthetic-v1.1', ahead: 'original', behind: 'follows-v1.1' },
    ]);
    const calculator = json.byCalculator.find((group) => group.key === changedCalculator);
    expect(calculator?.differences.map((entry) => entry.changedItems)).toEqual([CHANGED, CHANGED]);
    expect(calculator?.differences[0]?.estimate).toBeCloseTo(-CHANGED / (calculator?.items ?? 1), 12);
    expect(
      json.byCalculator.filter((group) => group.differences.some((entry) => entry.changedItems > 0)),
    ).toHaveLength(1);
    expect(json.byCategory.length).toBeGreaterThan(1);
    expect(text).toContain('ranking changes: follows-v1.1 now ahead of original on synthetic-v1.1');
  });

  it('writes the JSON, the Vega-Lite spec, the SVG and the HTML page; the same seed gives the same JSON', () => {
    const written = JSON.parse(readFileSync(join(folder, 'out', 'compare.json'), 'utf8')) as CompareJson;
    expect(written).toEqual(json);
    const again = JSON.parse(readFileSync(join(folder, 'out-text', 'compare.json'), 'utf8')) as CompareJson;
    expect(again.overall).toEqual(json.overall);
    expect(readFileSync(join(folder, 'out', 'accuracy.svg'), 'utf8')).toMatch(
      /^<svg[\s\S]*follows-v1\.1[\s\S]*<\/svg>$/,
    );
    const html = readFileSync(join(folder, 'out', 'accuracy.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('synthetic-v1.1');
    expect(JSON.parse(readFileSync(join(folder, 'out', 'accuracy.vl.json'), 'utf8'))).toHaveProperty('layer');
  });

  it('rejects a single label version', async () => {
    const result = await run([
      'eval',
      'compare',
      '--responses',
      'original.jsonl',
      '--labels',
      'synthetic-v1.1',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/at least two label versions/);
  });
});
