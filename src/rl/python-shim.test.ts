import { execFile, spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRewardApp } from './reward-app.js';

const run = promisify(execFile);
const PYTHON_DIR = fileURLToPath(new URL('../../python/', import.meta.url));
const hasPython = spawnSync('python3', ['--version']).status === 0;
// With CI set the test fails instead of skipping when python3 is missing (as test/database.ts does).
const inCi = process.env['CI'] !== undefined && process.env['CI'] !== '';

const label = JSON.stringify({ answer: '23.5', lower: '22.325', upper: '24.675', calculatorId: 2 });
const script = `
import json, sys
import steward_reward as s
label = sys.argv[1]
out = {
  "single": s.compute_score("steward/medcalc-bench@1", "work <answer>23.6</answer>", label, {"index": 0, "calculator_id": 2}),
  "na": s.compute_score("d", "<answer>unknown</answer>", "N/A", None),
  "paper": s.compute_score("d", "<answer>30</answer>", label, None, mode="paper-compatible"),
  "batch": s.compute_score_batch(["d"] * 3, ["<answer>23.5</answer>", "no tag", "<answer>N/A</answer>"],
                                 [label, label, label], [{"lower": None}, {}, None]),
  "empty": s.compute_score_batch([], [], [], []),
}
try:
  s.compute_score("d", "<answer>1</answer>", "", None)
except s.StewardRewardError as error:
  out["bad_label"] = str(error)
print(json.dumps(out))
`;

describe.skipIf(!hasPython && !inCi)('the verl shim (python3 against a live service)', () => {
  let server: ReturnType<typeof serve>;
  let url = '';
  beforeAll(async () => {
    const app = createRewardApp({ mode: 'abstention-aware' });
    server = await new Promise((resolve) => {
      const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('returns the same keys for every sample, batches, passes the mode and refuses unreadable labels', async () => {
    expect(hasPython).toBe(true);
    const { stdout } = await run('python3', ['-c', script, label], {
      env: {
        PATH: '/usr/bin:/bin:/usr/local/bin',
        PYTHONPATH: PYTHON_DIR,
        PYTHONDONTWRITEBYTECODE: '1',
        STEWARD_REWARD_URL: url,
      },
    });
    const out = JSON.parse(stdout);
    expect(out.single).toEqual({ score: 1, acc: 1, abstained: 0, format_ok: 1 });
    expect(out.na).toEqual({ score: 1, acc: 1, abstained: 1, format_ok: 1 });
    expect(out.paper).toEqual({ score: 0.1, acc: 0, abstained: 0, format_ok: 1 });
    expect(out.batch).toEqual([
      { score: 1, acc: 1, abstained: 0, format_ok: 1 },
      { score: 0, acc: 0, abstained: 0, format_ok: 0 },
      { score: 0.25, acc: 0, abstained: 1, format_ok: 1 },
    ]);
    expect(out.empty).toEqual([]);
    expect(out.bad_label).toMatch(/unreadable ground truth: the label is empty/);
  });

  it('says where the service should be when it cannot reach it', async () => {
    const { stdout } = await run(
      'python3',
      [
        '-c',
        'import steward_reward as s\ntry:\n  s.compute_score("d", "x", "1", None, timeout=2)\nexcept s.StewardRewardError as e:\n  print(e)',
      ],
      {
        env: {
          PATH: '/usr/bin:/bin:/usr/local/bin',
          PYTHONPATH: PYTHON_DIR,
          PYTHONDONTWRITEBYTECODE: '1',
          STEWARD_REWARD_URL: 'http://127.0.0.1:9',
        },
      },
    );
    expect(stdout).toMatch(/cannot reach the steward reward service at http:\/\/127\.0\.0\.1:9/);
  });
});
