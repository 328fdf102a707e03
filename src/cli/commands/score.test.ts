import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { runSteward } from '../../../test/run-steward.js';
import type { StewardRun } from '../../../test/run-steward.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../dataset/test-fixtures.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-score-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function run(args: string[]): Promise<StewardRun> {
  return runSteward(args, { cwd: FIXTURES_DIR, cacheRoot: folder });
}

function writeResponses(lines: object[]): string {
  const path = join(folder, `responses-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(path, lines.map((line) => JSON.stringify(line)).join('\n'));
  return path;
}

// unique-id.csv: a1 = MAP 93.333 [88.66635, 99.99965], a2 = an integer score of 3.
const right = { a1: '<answer>93.3</answer>', a2: '<answer>3</answer>' };
const wrong = { a1: '<answer>50</answer>', a2: '<answer>0</answer>' };

interface ScoreJson {
  overall: { successes: number; total: number };
  models: {
    model: string | null;
    samples: { sample: number; overall: { successes: number }; missingResponses: number }[];
    mean: { estimate: number; samples: number; method: string };
  }[];
}

describe('steward score with several models and samples', () => {
  it('keeps the single-file output and adds one model entry for a file without model or sample', async () => {
    const path = writeResponses([{ id: 'a1', response: right.a1 }]);
    const text = await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'tag']);
    expect(text.stdout).toContain('answered 1 of 2 items (50.0%); accuracy 1/1 = 100.0%');
    expect(text.stdout).not.toContain('model');
    const json = JSON.parse(
      (await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'tag', '--json']))
        .stdout,
    ) as ScoreJson;
    expect(json.models).toEqual([
      expect.objectContaining({
        model: null,
        mean: expect.objectContaining({ estimate: 0.5, samples: 1, method: 'wilson' }),
      }),
    ]);
  });

  it('reports each model per sample and its mean over samples', async () => {
    const path = writeResponses([
      { id: 'a1', model: 'm1', sample: 0, response: right.a1 },
      { id: 'a2', model: 'm1', sample: 0, response: right.a2 },
      { id: 'a1', model: 'm1', sample: 1, response: right.a1 },
      { id: 'a2', model: 'm1', sample: 1, response: wrong.a2 },
      { id: 'a1', model: 'm2', response: wrong.a1 },
    ]);
    const args = ['score', '--dataset', 'unique-id.csv', '--responses', path, '--rules', 'relative-5pct'];
    const json = JSON.parse((await run([...args, '--json'])).stdout) as ScoreJson;
    // The historical fields describe m1 sample 0.
    expect(json.overall).toMatchObject({ successes: 2, total: 2 });
    expect(
      json.models.map((model) => [
        model.model,
        model.samples.map((sample) => sample.overall.successes),
        model.mean.estimate,
      ]),
    ).toEqual([
      ['m1', [2, 1], 0.75],
      ['m2', [0], 0],
    ]);
    expect(json.models[1]?.samples[0]?.missingResponses).toBe(1);
    const text = await run(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('m1 sample 0: answered all 2 items; accuracy 2/2');
    expect(text.stdout).toMatch(/m1\s+mean of 2\s+75\.0%/);
    expect(text.stdout).toMatch(/m2\s+0\s+1\/2\s+0\s+0\.0%\s+0\.0%/);
  });
});

interface CoverageJson {
  overall: { successes: number; total: number; estimate: number };
  coverage: { items: number; answered: number; fraction: number };
  overallAnswered: { successes: number; total: number; estimate: number; low: number; high: number };
  answersInOtherStyle: string[];
  styleHint: { responses: number; suggestedStyles: string[] } | null;
  models: {
    samples: { answered: number; overallAnswered: { total: number }; answersInOtherStyle: number }[];
  }[];
}

describe('steward score states its coverage (issue 17)', () => {
  it('puts the answered items and both accuracies in the headline, before anything else', async () => {
    const path = writeResponses([{ id: 'a1', response: right.a1 }]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'tag']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[1]).toBe(
      'answered 1 of 2 items (50.0%); accuracy 1/1 = 100.0% (95% CI 20.7%–100.0%) on answered, 1/2 = 50.0% (95% CI 9.5%–90.5%) on all items',
    );
    expect(result.stdout).toContain(
      '1 item had no response: incorrect in the all-items accuracy, left out of the answered one',
    );
    const json = JSON.parse(
      (await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'tag', '--json']))
        .stdout,
    ) as CoverageJson;
    expect(json.coverage).toEqual({ items: 2, answered: 1, fraction: 0.5 });
    expect(json.overallAnswered).toMatchObject({ successes: 1, total: 1, estimate: 1 });
    expect(json.overall).toMatchObject({ successes: 1, total: 2, estimate: 0.5 });
    expect(json.models[0]?.samples[0]).toMatchObject({ answered: 1, overallAnswered: { total: 1 } });
  });

  it('an empty responses file is an error with the counts and a fix, exit 4', async () => {
    const path = writeResponses([]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path]);
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain("has no responses (0 of the dataset's 2 items answered)");
    expect(result.stderr).toMatch(/fix: Pass the file the model run wrote/);
  });

  it('responses none of whose ids are in the dataset are an error naming both sets of ids, exit 4', async () => {
    const path = writeResponses([
      { id: '1', response: right.a1 },
      { id: '2', response: right.a2 },
    ]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain(
      'none of the 2 responses in ' +
        path +
        ' has the id of an item in the dataset (2 items); response ids: "1", "2"; dataset ids: "a1", "a2"',
    );
    expect(result.stderr).toMatch(/fix: Each response's "id" must be the item id of the dataset/);
  });

  it('a model whose responses all miss the dataset is an error too, naming the model', async () => {
    const path = writeResponses([
      { id: 'a1', model: 'good', response: right.a1 },
      { id: 'x1', model: 'lost', response: right.a1 },
    ]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'tag']);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('none of the 1 responses of model lost, sample 0');
  });

  it('hints at --style tag/auto when <answer> tags are read as JSON, and counts them', async () => {
    const path = writeResponses([
      { id: 'a1', response: right.a1 },
      { id: 'a2', response: right.a2 },
    ]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'hint: 2 responses have their answer only in <answer> tags, where --style json does not look, so they are scored as no answer: rerun with --style tag or --style auto',
    );
    const json = JSON.parse(
      (await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--json'])).stdout,
    ) as CoverageJson;
    expect(json.answersInOtherStyle).toEqual(['a1', 'a2']);
    expect(json.styleHint).toEqual({ responses: 2, suggestedStyles: ['tag', 'auto'] });
    const auto = await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--style', 'auto']);
    expect(auto.stdout).not.toContain('hint:');
    expect(auto.stdout).toContain('answered all 2 items; accuracy 2/2 = 100.0%');
  });

  it('counts the hint over every model and sample', async () => {
    const path = writeResponses([
      { id: 'a1', model: 'm1', response: '{"answer": "93.3"}' },
      { id: 'a2', model: 'm1', response: '{"answer": "3"}' },
      { id: 'a1', model: 'm2', response: right.a1 },
    ]);
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', path]);
    expect(result.stdout).toContain('m1 sample 0: answered all 2 items; accuracy 2/2');
    expect(result.stdout).toContain('hint: 1 response has its answer only in <answer> tags');
    expect(result.stdout).toMatch(/m2\s+0\s+1\/2\s+0\s+0\.0%\s+0\.0%/);
    const json = JSON.parse(
      (await run(['score', '--dataset', 'unique-id.csv', '--responses', path, '--json'])).stdout,
    ) as CoverageJson;
    expect(json.models.map((model) => model.samples[0]?.answersInOtherStyle)).toEqual([0, 1]);
    expect(json.styleHint).toEqual({ responses: 1, suggestedStyles: ['tag', 'auto'] });
  });
});
