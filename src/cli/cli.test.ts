import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { FIXTURES_DIR } from '../dataset/test-fixtures.js';
import { runCli } from './index.js';
import type { CliIo } from './io.js';

async function run(
  args: string[],
  cwd = FIXTURES_DIR,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { STEWARD_CACHE_DIR: join(tmpdir(), 'steward-cli-test-cache'), HF_ENDPOINT: 'http://127.0.0.1:9' },
    cwd,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

function writeTemp(name: string, text: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'steward-cli-'));
  const path = join(directory, name);
  writeFileSync(path, text);
  return path;
}

describe('steward CLI', () => {
  it('--help lists the commands', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/dataset/);
    expect(result.stdout).toMatch(/score/);
    expect(result.stdout).toMatch(/recompute/);
  });

  it('dataset inspect prints counts for the v1.0 test CSV', async () => {
    const result = await run(['dataset', 'inspect', requireSharedFile(V1_TEST_CSV)]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1047 rows, 55 calculators');
    expect(result.stdout).toContain('lab 327');
    expect(result.stdout).toContain('Template 220');
  });

  it('dataset inspect --json has schemaVersion and per-calculator counts', async () => {
    const result = await run(['dataset', 'inspect', '--data', requireSharedFile(V1_TEST_CSV), '--json']);
    const json = JSON.parse(result.stdout) as {
      schemaVersion: number;
      rows: number;
      byCalculator: { calculatorId: number; count: number }[];
    };
    expect(json.schemaVersion).toBe(1);
    expect(json.rows).toBe(1047);
    expect(json.byCalculator.find((entry) => entry.calculatorId === 7)?.count).toBe(19);
  });

  it('dataset inspect of a malformed file lists each problem with row and column and exits 1', async () => {
    const result = await run(['dataset', 'inspect', 'malformed.csv']);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('row 3, column "Calculator ID": error: unknown calculator id "99"');
  });

  it('a missing file is one clear line with a fix, no stack trace, exit 3', async () => {
    const result = await run(['dataset', 'inspect', 'does-not-exist.csv']);
    expect(result.code).toBe(3);
    expect(result.stderr).toBe(
      'error: no such file: does-not-exist.csv\n  fix: Check the path, or name a Hugging Face dataset such as ncbi/MedCalc-Bench-v1.0.\n',
    );
  });

  it('a CSV with a missing column exits 4 naming the columns', async () => {
    const result = await run(['dataset', 'inspect', 'missing-column.csv']);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/missing columns "Relevant Entities", "Lower Limit", "Upper Limit"/);
    expect(result.stderr).not.toMatch(/at .*\.ts/);
  });

  it('a hub id offline and uncached exits 5 and names --data', async () => {
    const result = await run(['dataset', 'inspect', 'ncbi/MedCalc-Bench-v1.0']);
    expect(result.code).toBe(5);
    expect(result.stderr).toMatch(/--data <path>/);
  });

  it('with HF_HUB_OFFLINE=1 an uncached hub id says how to work offline, not to connect (issue 17)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'steward-offline-cache-'));
    let stderr = '';
    const code = await runCli(['node', 'steward', 'dataset', 'inspect', 'ncbi/MedCalc-Bench-v1.0'], {
      stdout: () => undefined,
      stderr: (text) => (stderr += text),
      env: { STEWARD_CACHE_DIR: cacheDir, HF_ENDPOINT: 'http://127.0.0.1:9', HF_HUB_OFFLINE: '1' },
      cwd: FIXTURES_DIR,
      isTty: false,
    });
    expect(code).toBe(5);
    expect(stderr).toContain('offline mode is on (HF_HUB_OFFLINE/STEWARD_OFFLINE)');
    expect(stderr).not.toMatch(/connect to the network/i);
    expect(stderr).toContain(
      'To work offline, use a local copy: pass the split as a file with --data <path>',
    );
    expect(stderr).toContain(`fill the cache folder ${join(cacheDir, 'hub')}`);
  });

  it('score: accuracy with Wilson CIs and per-row JSON', async () => {
    const responses = writeTemp(
      'responses.jsonl',
      [
        JSON.stringify({ id: 'a1', response: '{"step_by_step_thinking": "(2*80+120)/3", "answer": "93.3"}' }),
        JSON.stringify({ id: 'a2', response: '{"step_by_step_thinking": "...", "answer": "2"}' }),
      ].join('\n'),
    );
    const text = await run(['score', '--dataset', 'unique-id.csv', '--responses', responses]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('answered all 2 items; accuracy 1/2 = 50.0% (95% CI 9.5%–90.5%)');
    const json = await run(['score', '--dataset', 'unique-id.csv', '--responses', responses, '--json']);
    const report = JSON.parse(json.stdout) as {
      schemaVersion: number;
      rows: { id: string; extracted: string; correct: boolean; reason: string }[];
    };
    expect(report.schemaVersion).toBe(1);
    expect(report.rows).toEqual([
      { id: 'a1', extracted: '93.3', correct: true, reason: 'within [88.66635, 99.99965]' },
      { id: 'a2', extracted: '2', correct: false, reason: 'rounds to 2, label 3' },
    ]);
  });

  it('score --rules relative-5pct reads <answer> tags', async () => {
    const responses = writeTemp(
      'responses.jsonl',
      `${JSON.stringify({ id: 'a2', response: '<answer>3</answer>' })}\n`,
    );
    const result = await run([
      'score',
      '--dataset',
      'unique-id.csv',
      '--responses',
      responses,
      '--rules',
      'relative-5pct',
      '--json',
    ]);
    const report = JSON.parse(result.stdout) as {
      rows: { id: string; correct: boolean; reason: string }[];
      missingResponses: string[];
    };
    expect(report.rows.find((row) => row.id === 'a2')?.correct).toBe(true);
    expect(report.missingResponses).toEqual(['a1']);
  });

  it('score: a malformed responses line is an error naming the line', async () => {
    const responses = writeTemp(
      'responses.jsonl',
      `${JSON.stringify({ id: 'a1', response: 'x' })}\n{"id": "a2", "response": 5}\n`,
    );
    const result = await run(['score', '--dataset', 'unique-id.csv', '--responses', responses]);
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/line 2: field "response"/);
  });

  it('score: an unknown rule set is rejected by the argument parser', async () => {
    const result = await run([
      'score',
      '--dataset',
      'unique-id.csv',
      '--responses',
      'x.jsonl',
      '--rules',
      'exact',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Allowed choices are medcalc-v1.0, relative-5pct/);
  });

  it('calc list --json lists all 55 calculators with inputs and references', async () => {
    const result = await run(['calc', 'list', '--json']);
    const json = JSON.parse(result.stdout) as {
      calculators: { id: string; inputs: unknown[]; reference: { primary: string } }[];
    };
    expect(json.calculators).toHaveLength(55);
    expect(
      json.calculators.every(
        (calculator) => calculator.inputs.length > 0 && calculator.reference.primary.length > 0,
      ),
    ).toBe(true);
  });

  it('calc run computes with steps, and rejects unknown inputs and options', async () => {
    const ok = await run([
      'calc',
      'run',
      'mean-arterial-pressure',
      '--inputs',
      '{"systolic": 120, "diastolic": 80}',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('result: 93.3333333333 mm Hg');
    const byId = await run(['calc', 'run', '4', '--inputs', '{"age": 70, "sex": "female"}', '--json']);
    expect(JSON.parse(byId.stdout)).toMatchObject({
      calculator: 'cha2ds2-vasc',
      status: 'computed',
      answer: '2',
    });
    const unknownInput = await run(['calc', 'run', 'mean-arterial-pressure', '--inputs', '{"sbp": 120}']);
    expect(unknownInput.code).toBe(4);
    expect(unknownInput.stderr).toMatch(/unknown input "sbp"/);
    const badOption = await run(['calc', 'run', 'cha2ds2-vasc', '--inputs', '{}', '--option', 'x=y']);
    expect(badOption.code).toBe(2);
    const badJson = await run(['calc', 'run', 'cha2ds2-vasc', '--inputs', '{age: 70}']);
    expect(badJson.stderr).toMatch(/--inputs is not valid JSON/);
    const unknownCalculator = await run(['calc', 'run', 'nope', '--inputs', '{}']);
    expect(unknownCalculator.stderr).toMatch(/no calculator "nope"/);
    const ambiguous = await run(['calc', 'run', 'qtc', '--inputs', '{}']);
    expect(ambiguous.stderr).toMatch(/ambiguous: qtc-bazett, qtc-fridericia/);
    const partial = await run([
      'calc',
      'run',
      'cockcroft-gault',
      '--inputs',
      '{"age": 60, "sex": "male", "weight": 80, "height": 180, "creatinine": 1}',
      '--json',
    ]);
    expect(JSON.parse(partial.stdout)).toMatchObject({
      calculator: 'creatinine-clearance-cockcroft-gault',
      status: 'computed',
      assumptions: [],
    });
  });

  it('calc run and calc show know short names, suggest close ones, and exit 10 when not computable', async () => {
    const bmi = await run([
      'calc',
      'run',
      'bmi',
      '--inputs',
      '{"weight": 70, "height": [1.75, "m"]}',
      '--json',
    ]);
    expect(bmi.code).toBe(0);
    expect(JSON.parse(bmi.stdout)).toMatchObject({ calculator: 'body-mass-index', status: 'computed' });
    const missing = await run(['calc', 'run', 'gcs', '--inputs', '{}']);
    expect(missing.code).toBe(10);
    expect(missing.stdout).toMatch(/not computable/);
    const typo = await run(['calc', 'show', 'glasgw']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/did you mean glasgow-coma-scale, glasgow-blatchford\?/);
    const far = await run(['calc', 'show', 'xyzzy']);
    expect(far.stderr).not.toMatch(/did you mean/);
    const show = await run(['calc', 'show', 'ckd-epi-2021']);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/options \(--option name=value\):\n {2}equation: /);
    expect(show.stdout).toMatch(/references:/);
    const list = await run(['calc', 'list']);
    // Fits a terminal: no row wider than 120 characters, and the table's id column is the slug (as in JSON).
    expect(Math.max(...list.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(120);
    expect(list.stdout.split('\n')[0]).toMatch(/^slug +medcalc +name/);
  });

  it('calc run names the chosen equation and cites its source', async () => {
    const inputs = '{"age": 60, "sex": "female", "creatinine": 1.1, "race": "black"}';
    const v2009 = await run([
      'calc',
      'run',
      'ckd-epi-2021',
      '--inputs',
      inputs,
      '--option',
      'equation=ckd-epi-2009',
    ]);
    expect(v2009.stdout.split('\n')[0]).toContain('; equation=ckd-epi-2009)');
    expect(v2009.stdout).toMatch(/reference: Levey AS et al\. A new equation .* 2009;150:604-12\./);
    expect(v2009.stdout).not.toMatch(/Inker LA/);
    const v2021 = await run(['calc', 'run', 'ckd-epi-2021', '--inputs', inputs]);
    expect(v2021.stdout).toMatch(/reference: Inker LA/);
  });

  it('calc run --entities reads MedCalc-Bench entity names', async () => {
    const result = await run([
      'calc',
      'run',
      'cha2ds2-vasc',
      '--entities',
      '--inputs',
      '{"age": [70, "years"], "sex": "Female", "Congestive Heart Faliure": true}',
      '--json',
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ answer: '3' });
  });
});
