import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from '../../../test/scripted-openai-server.js';
import type { ScriptedServer } from '../../../test/scripted-openai-server.js';
import { requireSharedFile, V1_TEST_CSV } from '../../../test/shared-data.js';
import { readCsvRows } from '../../dataset/read-rows.js';
import { loadEvalResponses } from '../../store/eval-runs.js';
import { openStore } from '../../store/open.js';
import { runCli } from '../index.js';
import type { CliIo } from '../io.js';

/**
 * `steward eval run` end to end through the CLI against the scripted OpenAI-compatible server: two samples per
 * item, a re-run served from the cache, `--offline` replay, the usage ledger and `score` on the written file.
 */

const MODEL = 'openai/test-model';
const ROWS = [0, 300, 600];

interface EvalRunJson {
  runId: string;
  state: string;
  samples: number;
  items: number;
  responses: number;
  calls: { made: number; cached: number };
  prompt: { id: string; answerStyle: string };
  out: string;
}

let folder = '';
let server: ScriptedServer;
let labels: Map<string, string>;

function environment(offline = false): Record<string, string> {
  return {
    STEWARD_CACHE_DIR: join(folder, 'cache'),
    HF_ENDPOINT: 'http://127.0.0.1:9',
    // Offline needs no key and no server: the base URL points nowhere.
    OPENAI_BASE_URL: offline ? 'http://127.0.0.1:9/v1' : server.baseUrl,
    ...(offline ? {} : { OPENAI_API_KEY: 'test-key' }),
  };
}

async function run(
  args: string[],
  offline = false,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: environment(offline),
    cwd: folder,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

/** The item's label for sample 0, a wrong number for sample 1: accuracy 100% and 0%, mean 50%. */
function reply(text: string, runIndex: number): string {
  const id = [...labels.keys()].find((candidate) => text.includes(`NOTE-MARK-${candidate}.`));
  const label = id === undefined ? '0' : (labels.get(id) ?? '0');
  return `Step by step. <answer>${runIndex === 0 ? label : '-12345'}</answer>`;
}

let sampleOfRequest: (body: Record<string, unknown>) => number = () => 0;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'steward-eval-run-'));
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'v1');
  const rows = ROWS.map((index) => ({ ...(table.rows[index] ?? {}) }));
  labels = new Map();
  for (const row of rows) {
    const id = String(row['Row Number']);
    // A marker in the note lets the scripted server tell the items apart.
    row['Patient Note'] = `${String(row['Patient Note'])} NOTE-MARK-${id}.`;
    labels.set(id, String(row['Ground Truth Answer']));
  }
  writeFileSync(join(folder, 'small.csv'), stringify(rows, { header: true, columns: table.headers }));
  // Both samples send the same prompt; the server answers them in turn per item (first request = sample 0).
  const seen = new Map<string, number>();
  sampleOfRequest = (body) => {
    const text = JSON.stringify(body['messages']);
    const count = seen.get(text) ?? 0;
    seen.set(text, count + 1);
    return count;
  };
  server = await startScriptedOpenAiServer({
    script: (request) => ({
      kind: 'text',
      text: reply(JSON.stringify(request.body['messages']), sampleOfRequest(request.body)),
      usage: { inputTokens: 100, outputTokens: 20 },
    }),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('steward eval run', () => {
  let first: EvalRunJson;

  beforeAll(async () => {
    const result = await run([
      'eval',
      'run',
      '--model',
      MODEL,
      '--dataset',
      'small.csv',
      '--samples',
      '2',
      '--concurrency',
      '1',
      '--db',
      'db',
      '--out',
      'responses.jsonl',
      '--json',
    ]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout) as EvalRunJson;
  }, 120_000);

  it('makes one call per item and sample and writes {id, model, sample, response} lines', () => {
    expect(server.requestCount).toBe(ROWS.length * 2);
    expect(first).toMatchObject({
      state: 'new',
      samples: 2,
      items: ROWS.length,
      responses: ROWS.length * 2,
      calls: { made: ROWS.length * 2, cached: 0 },
      prompt: { id: 'answer-tags', answerStyle: 'tag' },
    });
    const lines = readFileSync(join(folder, 'responses.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; model: string; sample: number; response: string });
    expect(lines.map((line) => [line.id, line.model, line.sample])).toEqual(
      [...labels.keys()].flatMap((id) => [
        [id, MODEL, 0],
        [id, MODEL, 1],
      ]),
    );
    expect(lines[0]?.response).toContain(`<answer>${labels.get(lines[0]?.id ?? '') ?? ''}</answer>`);
  });

  it('stores the responses of the run', async () => {
    const store = await openStore({ kind: 'pglite', dataDir: join(folder, 'db') });
    try {
      const stored = await loadEvalResponses(store.db, first.runId);
      expect(stored).toHaveLength(ROWS.length * 2);
      expect(stored.every((record) => record.outcome === 'ok' && record.response !== null)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('shows the calls in `steward llm usage` under the eval purpose', async () => {
    const usage = await run(['llm', 'usage', '--db', 'db', '--json']);
    expect(usage.code).toBe(0);
    const rows = (JSON.parse(usage.stdout) as { rows: { model: string; verifier: string; calls: number }[] })
      .rows;
    expect(rows).toContainEqual(expect.objectContaining({ model: MODEL, verifier: 'eval', calls: 6 }));
  });

  it('scores per sample and the mean over samples with `steward score`', async () => {
    const scored = await run([
      'score',
      '--dataset',
      'small.csv',
      '--responses',
      'responses.jsonl',
      '--style',
      'tag',
      '--rules',
      'relative-5pct',
      '--json',
    ]);
    expect(scored.code).toBe(0);
    const json = JSON.parse(scored.stdout) as {
      overall: { successes: number; total: number };
      models: {
        model: string;
        samples: { sample: number; overall: { estimate: number } }[];
        mean: { estimate: number };
      }[];
    };
    expect(json.overall).toMatchObject({ successes: ROWS.length, total: ROWS.length });
    expect(json.models).toHaveLength(1);
    expect(json.models[0]?.model).toBe(MODEL);
    expect(json.models[0]?.samples.map((sample) => [sample.sample, sample.overall.estimate])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(json.models[0]?.mean.estimate).toBe(0.5);
  });

  it('a re-run makes zero calls, and --offline replays without a key or a server', async () => {
    const before = server.requestCount;
    const again = await run([
      'eval',
      'run',
      '--model',
      MODEL,
      '--dataset',
      'small.csv',
      '--samples',
      '2',
      '--db',
      'db',
      '--out',
      'again.jsonl',
      '--json',
    ]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      runId: first.runId,
      state: 'completed',
      calls: { made: 0, cached: 6 },
    });
    const offline = await run(
      [
        'eval',
        'run',
        '--model',
        MODEL,
        '--dataset',
        'small.csv',
        '--samples',
        '2',
        '--db',
        'db',
        '--out',
        'offline.jsonl',
        '--offline',
      ],
      true,
    );
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('0 made, 6 replayed');
    expect(server.requestCount).toBe(before);
    expect(readFileSync(join(folder, 'offline.jsonl'), 'utf8')).toBe(
      readFileSync(join(folder, 'responses.jsonl'), 'utf8'),
    );
  });

  it('--offline stops at the first call not recorded (exit 7)', async () => {
    const result = await run(
      [
        'eval',
        'run',
        '--model',
        MODEL,
        '--dataset',
        'small.csv',
        '--samples',
        '3',
        '--db',
        'db',
        '--offline',
      ],
      true,
    );
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/offline|not recorded/i);
  });
});
