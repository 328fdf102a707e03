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
    expect(text.stdout).toContain('overall: 1/2 = 50.0%');
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
    expect(text.stdout).toContain('overall (m1 sample 0): 2/2');
    expect(text.stdout).toMatch(/m1\s+mean of 2\s+75\.0%/);
    expect(text.stdout).toMatch(/m2\s+0\s+0\/2\s+0\.0%/);
  });
});
