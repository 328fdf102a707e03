import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SYSTEM_PROMPT,
  findReleaseFiles,
  parseDatasetSpec,
  planRlExport,
  readSourceItems,
  writeRlExport,
  type RlSourceItem,
} from './export.js';
import { scoreResponse, resolveRewardSettings } from './reward.js';
import { makeReleaseRow, writeReleaseFolder } from './test-fixtures.js';

const sharedNote = 'A shared note: weight 80 kg, height 180 cm.';
const release = () =>
  writeReleaseFolder({
    train: [
      makeReleaseRow(1),
      makeReleaseRow(2, { status: 'withheld' }),
      makeReleaseRow(3, { note: sharedNote }),
      makeReleaseRow(4, { status: 'revised', label: '30.1', lower: '28.595', upper: '31.605' }),
    ],
    test: [
      makeReleaseRow(1, { note: sharedNote }),
      makeReleaseRow(2, { status: 'not-computable', label: 'N/A' }),
      makeReleaseRow(3, { status: 'verified' }),
      makeReleaseRow(4, { status: 'withheld' }),
      makeReleaseRow(5, { status: 'mystery' }),
    ],
  });

async function readSources(dir: string): Promise<RlSourceItem[]> {
  const items: RlSourceItem[] = [];
  for (const file of await findReleaseFiles(dir, '/')) items.push(...(await readSourceItems(file, '/')));
  return items;
}

describe('planning an RL export', () => {
  it('leaves out withheld items and unknown statuses, counts them, and reports train/test note leaks', async () => {
    const plan = planRlExport({
      items: await readSources(release()),
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      split: true,
      dropLeaks: false,
      defaultLabelVersion: 'unversioned',
    });
    expect(plan.counts).toEqual({
      read: 9,
      exported: 6,
      withheld: 2,
      notComputable: 1,
      noLabel: 0,
      unknownStatus: 1,
      bySplit: { train: 3, test: 3 },
    });
    expect(plan.leaks).toEqual({
      sharedNotes: 1,
      trainRows: 1,
      testRows: 1,
      examples: [{ trainUid: '3', testUid: '1' }],
      dropped: 0,
    });
    expect(plan.files.map((file) => [file.name, file.rows.map((row) => row.extra_info.uid)])).toEqual([
      ['train', ['1', '3', '4']],
      ['test', ['1', '2', '3']],
    ]);
    expect(plan.warnings.join('\n')).toMatch(/unknown Label Status \(mystery\)/);
    const labels = plan.files.flatMap((file) => file.rows.map((row) => row.label)).join('\n');
    expect(labels).not.toMatch(/"uid":"2","labelVersion".*withheld/);
  });

  it('drops leaking rows from train with dropLeaks, and writes one file without split', async () => {
    const plan = planRlExport({
      items: await readSources(release()),
      systemPrompt: 'S',
      split: false,
      dropLeaks: true,
      defaultLabelVersion: 'unversioned',
    });
    expect(plan.leaks?.dropped).toBe(1);
    expect(plan.files).toHaveLength(1);
    expect(plan.files[0]?.name).toBe('all');
    expect(plan.files[0]?.rows.map((row) => `${row.extra_info.split}:${row.extra_info.uid}`)).toEqual([
      'train:1',
      'train:4',
      'test:1',
      'test:2',
      'test:3',
    ]);
    expect(plan.files[0]?.rows.map((row) => row.extra_info.index)).toEqual([0, 1, 2, 3, 4]);
  });

  it('builds the prompt, the JSON label and N/A ground truth the reward service reads', async () => {
    const plan = planRlExport({
      items: await readSources(release()),
      systemPrompt: 'SYSTEM',
      split: true,
      dropLeaks: false,
      defaultLabelVersion: 'unversioned',
    });
    const test = plan.files.find((file) => file.name === 'test')!.rows;
    const notComputable = test.find((row) => row.extra_info.uid === '2')!;
    expect(notComputable.prompt).toEqual([
      { role: 'system', content: 'SYSTEM' },
      {
        role: 'user',
        content:
          "Patient Note: Patient 2: weight 70 kg, height 170 cm.\n\nQuestion: What is the patient's BMI in kg/m²?\n\nResponse:",
      },
    ]);
    expect(JSON.parse(notComputable.label)).toEqual({
      answer: 'N/A',
      lower: null,
      upper: null,
      calculatorId: 6,
      outputType: 'decimal',
      uid: '2',
      labelVersion: '2026.12',
    });
    expect(notComputable.reward_model).toEqual({ style: 'rule', ground_truth: notComputable.label });
    expect(notComputable.data_source).toBe('steward/medcalc-bench@2026.12');
    for (const mode of ['paper-compatible', 'abstention-aware'] as const) {
      const settings = resolveRewardSettings({ mode });
      expect(scoreResponse('<answer>unknown</answer>', notComputable.label, settings).score).toBe(1);
      expect(scoreResponse('<answer>24.3</answer>', test[0]!.label, settings).score).toBe(1);
    }
  });

  it('reads --dataset specs with or without a split', () => {
    expect(parseDatasetSpec('train=a.csv')).toEqual({ split: 'train', path: 'a.csv' });
    expect(parseDatasetSpec('data/test_data.csv')).toEqual({ split: 'test', path: 'data/test_data.csv' });
    expect(parseDatasetSpec('x.jsonl')).toEqual({ split: 'train', path: 'x.jsonl' });
  });
});

describe('the written Parquet, read back with DuckDB', () => {
  it('has exactly the columns and types verl, OpenRLHF and TRL read, and the same values as the JSONL', async () => {
    const dir = release();
    const plan = planRlExport({
      items: await readSources(dir),
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      split: true,
      dropLeaks: true,
      defaultLabelVersion: 'unversioned',
    });
    const out = mkdtempSync(join(tmpdir(), 'steward-rl-out-'));
    const { files } = await writeRlExport(plan, {
      out,
      format: 'verl',
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      sources: [],
    });
    expect(files.map((file) => file.name)).toEqual([
      'train.parquet',
      'train.jsonl',
      'test.parquet',
      'test.jsonl',
    ]);
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const path = join(out, 'test.parquet').replace(/'/g, "''");
    const described = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(described.getRowObjectsJson().map((row) => [row['column_name'], row['column_type']])).toEqual([
      ['data_source', 'VARCHAR'],
      ['prompt', 'STRUCT("role" VARCHAR, "content" VARCHAR)[]'],
      ['ability', 'VARCHAR'],
      ['reward_model', 'STRUCT(style VARCHAR, ground_truth VARCHAR)'],
      [
        'extra_info',
        'STRUCT("index" BIGINT, uid VARCHAR, split VARCHAR, calculator_id INTEGER, output_type VARCHAR, lower VARCHAR, upper VARCHAR, label_version VARCHAR)',
      ],
      ['label', 'VARCHAR'],
    ]);
    const read = await connection.runAndReadAll(
      `SELECT * FROM read_parquet('${path}') ORDER BY extra_info.index`,
    );
    const fromParquet = read.getRowObjectsJson().map((row) => ({
      ...row,
      extra_info: {
        ...(row['extra_info'] as object),
        index: Number((row['extra_info'] as { index: string }).index),
      },
    }));
    const fromJsonl = readFileSync(join(out, 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(fromParquet).toEqual(fromJsonl);
    expect(fromParquet[1]).toMatchObject({
      ability: 'clinical-calculation',
      extra_info: { uid: '2', calculator_id: 6, lower: null, upper: null, label_version: '2026.12' },
    });
    const roles = await connection.runAndReadAll(
      `SELECT prompt[1].role AS first, prompt[2].role AS second, len(prompt) AS turns FROM read_parquet('${path}') LIMIT 1`,
    );
    expect(roles.getRowObjectsJson()).toEqual([{ first: 'system', second: 'user', turns: '2' }]);
    const manifest = JSON.parse(readFileSync(join(out, 'rl-export.json'), 'utf8'));
    expect(manifest).toMatchObject({
      schemaVersion: 1,
      format: 'verl',
      counts: { exported: 5, withheld: 2 },
    });
    connection.closeSync();
  });

  it('writes a valid empty file when nothing is left to export', async () => {
    const plan = planRlExport({
      items: [],
      systemPrompt: 'S',
      split: false,
      dropLeaks: false,
      defaultLabelVersion: 'v',
    });
    const out = mkdtempSync(join(tmpdir(), 'steward-rl-empty-'));
    await writeRlExport(plan, { out, format: 'trl', systemPrompt: 'S', sources: [] });
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const count = await connection.runAndReadAll(
      `SELECT count(*) AS n FROM read_parquet('${join(out, 'all.parquet')}')`,
    );
    expect(count.getRowObjectsJson()).toEqual([{ n: '0' }]);
    connection.closeSync();
  });
});
