import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeReleaseRow, writeReleaseFolder } from '../../rl/test-fixtures.js';
import { runCli } from '../index.js';
import type { CliIo } from '../io.js';

async function run(args: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

describe('steward rl export', () => {
  it('exports a release split by split, leaves withheld items out and drops leaks on request', async () => {
    const release = writeReleaseFolder({
      train: [
        makeReleaseRow(1),
        makeReleaseRow(2, { note: 'shared' }),
        makeReleaseRow(3, { status: 'withheld' }),
      ],
      test: [
        makeReleaseRow(1, { note: 'shared' }),
        makeReleaseRow(2, { status: 'not-computable', label: 'N/A' }),
      ],
    });
    const out = mkdtempSync(join(tmpdir(), 'steward-rl-cli-'));
    const result = await run(
      [
        'rl',
        'export',
        '--release',
        release,
        '--format',
        'openrlhf',
        '--out',
        out,
        '--split',
        '--drop-leaks',
        '--json',
      ],
      out,
    );
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({
      schemaVersion: 1,
      format: 'openrlhf',
      counts: { read: 5, exported: 3, withheld: 1, notComputable: 1, bySplit: { train: 1, test: 2 } },
      leaks: { sharedNotes: 1, trainRows: 1, testRows: 1, dropped: 1 },
    });
    expect(readdirSync(out).sort()).toEqual([
      'rl-export.json',
      'test.jsonl',
      'test.parquet',
      'train.jsonl',
      'train.parquet',
    ]);
    const test = readFileSync(join(out, 'test.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { label: string });
    expect(test.map((row) => (JSON.parse(row.label) as { answer: string }).answer)).toEqual([
      '24.221',
      'N/A',
    ]);
  });

  it('warns about leaks it keeps, reads --dataset files and a --system-prompt file', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-rl-cli-'));
    const rows = [makeReleaseRow(7, { note: 'same note' })];
    writeFileSync(join(folder, 'a.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n'));
    writeFileSync(join(folder, 'b.jsonl'), rows.map((row) => JSON.stringify(row)).join('\n'));
    writeFileSync(join(folder, 'prompt.txt'), 'Be brief.\n');
    const result = await run(
      [
        'rl',
        'export',
        '--dataset',
        'train=a.jsonl',
        '--dataset',
        'test=b.jsonl',
        '--system-prompt',
        'prompt.txt',
        '--out',
        'rl',
      ],
      folder,
    );
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/1 train rows share a note with 1 test rows/);
    expect(result.stdout).toMatch(/exported 2 of 2 items/);
    expect(result.stdout).toMatch(/verl: data.train_files=/);
    const row = JSON.parse(readFileSync(join(folder, 'rl', 'all.jsonl'), 'utf8').split('\n')[0]!);
    expect(row.prompt[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('refuses both or neither of --release and --dataset (exit 2), and a missing release (exit 3)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'steward-rl-cli-'));
    expect((await run(['rl', 'export', '--out', 'x'], folder)).code).toBe(2);
    expect(
      (await run(['rl', 'export', '--release', 'r', '--dataset', 'a.csv', '--out', 'x'], folder)).code,
    ).toBe(2);
    expect((await run(['rl', 'export', '--release', 'nowhere', '--out', 'x'], folder)).code).toBe(3);
    expect(
      (await run(['rl', 'export', '--release', 'r', '--out', 'x', '--format', 'deepspeed'], folder)).code,
    ).toBe(2);
  });
});
