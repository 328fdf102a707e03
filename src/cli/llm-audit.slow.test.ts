import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedOpenAiServer } from '../../test/scripted-openai-server.js';
import type { ScriptedServer } from '../../test/scripted-openai-server.js';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { chooseStewardEntry, REPOSITORY } from '../../test/steward-process.js';
import { readProcessEnvironment } from '../config.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { countCachedResponses } from '../store/llm-cache.js';
import { openStore } from '../store/open.js';
import { createSensibleReplies } from '../verify/llm/__fixtures__/scripted-replies.js';
import { runCli } from './index.js';
import type { CliIo } from './io.js';

/**
 * The "done when", end to end through the CLI: an OpenAI-compatible endpoint (the scripted server) behind
 * OPENAI_BASE_URL, `steward audit … --verifiers recompute,entity-check,llm-recompute --model openai/test-model`.
 */

const MODEL = 'openai/test-model';
const VERIFIERS = 'recompute,entity-check,llm-recompute';
/** A few v1.0 rows from different calculators. */
// Rows whose label our calculators reproduce, so the scripted (sensible) replies agree with it and each adaptive
// vote stops after two runs (a relabel would take four).
const ROWS = [0, 150, 301, 450, 600, 750];

interface AuditJson {
  run: { id: string; state: string; verdictsWritten: number; verdictsReused: number };
  items: {
    id: string;
    verdicts: {
      verifier: string;
      assessment: string;
      details: { kind?: string; runs?: { model: string }[] };
    }[];
  }[];
  llmUsage?: { calls: number; cachedCalls: number; inputTokens: number; outputTokens: number };
  movement: { previousRunId: string; counts: Record<string, number>; moved: unknown[] } | null;
}

let folder = '';
let server: ScriptedServer;
let datasetPath = '';
let instances: Instance[] = [];

function environment(): Record<string, string> {
  return {
    STEWARD_CACHE_DIR: join(folder, 'cache'),
    HF_ENDPOINT: 'http://127.0.0.1:9',
    OPENAI_BASE_URL: server.baseUrl,
    OPENAI_API_KEY: 'test-key',
  };
}

/** `steward audit` of the test dataset with the LLM verifier and the scripted model, into `db`. */
function llmAudit(db: string, ...extra: string[]): string[] {
  return ['audit', datasetPath, '--db', db, '--verifiers', VERIFIERS, '--model', MODEL, ...extra];
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: environment(),
    cwd: folder,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'steward-llm-audit-'));
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'v1');
  const rows = ROWS.map((index) => table.rows[index] ?? {});
  datasetPath = join(folder, 'small.csv');
  writeFileSync(datasetPath, stringify(rows, { header: true, columns: table.headers }));
  instances = buildDataset(rows, { source: 'small.csv', format: 'csv', headers: table.headers }).instances;
  server = await startScriptedOpenAiServer({ script: createSensibleReplies({ instances }) });
});

afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('steward audit with an LLM verifier against an OpenAI-compatible server', () => {
  let first: AuditJson;
  let firstRequests = 0;

  beforeAll(async () => {
    const result = await run(llmAudit('db', '--json'));
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error'))).toEqual([]);
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout) as AuditJson;
    firstRequests = server.requestCount;
  }, 120_000);

  it('stores an LLM verdict per item, made through the model, and accounts the calls', () => {
    expect(first.items).toHaveLength(ROWS.length);
    for (const item of first.items) {
      const verdict = item.verdicts.find((candidate) => candidate.verifier === 'llm-recompute');
      expect(verdict?.details.kind).toBe('llm');
      expect(verdict?.details.runs?.every((runRecord) => runRecord.model === MODEL)).toBe(true);
    }
    // The scripted replies agree, so each item's adaptive vote stops after two runs.
    expect(firstRequests).toBe(firstRunCalls());
    expect(first.llmUsage).toMatchObject({ calls: firstRequests, cachedCalls: 0 });
    expect(first.llmUsage?.inputTokens).toBeGreaterThan(0);
    expect(first.movement).toBeNull();
  });

  it('shows the LLM verdict of an item in `audit show`', async () => {
    const id = first.items[0]?.id ?? '';
    const shown = await run(['audit', 'show', id, '--db', 'db']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('llm-recompute');
  });

  it('a second run makes zero requests', async () => {
    const again = await run(llmAudit('db'));
    expect(again.code).toBe(0);
    expect(server.requestCount).toBe(firstRequests);
    expect(again.stdout).toContain('LLM calls this run: 0 made');
  });

  it('a new judgment (fixed 2-run voting) replays every recorded call offline and reports the moves', async () => {
    const replayed = await run(
      llmAudit('db', '--voting', 'fixed', '--runs', '2', '--offline', '--report', 'moved.html', '--json'),
    );
    expect(replayed.stderr).not.toContain('error');
    expect(replayed.code).toBe(0);
    const json = JSON.parse(replayed.stdout) as AuditJson;
    expect(json.run.verdictsWritten).toBe(ROWS.length);
    expect(json.llmUsage?.calls).toBe(json.llmUsage?.cachedCalls);
    expect(json.llmUsage?.calls).toBeGreaterThan(0);
    expect(server.requestCount).toBe(firstRequests);
    expect(json.movement?.previousRunId).toBe(first.run.id);
    // The report names the moves too, and shows the LLM verdicts.
    const html = readFileSync(join(folder, 'moved.html'), 'utf8');
    expect(html).toContain('id="movement"');
    expect(html).toContain(first.run.id.slice(0, 8));
  });

  it('--runs 4 --supermajority 3 is a judgment of its own, replayed from the recorded calls', async () => {
    const replayed = await run(llmAudit('db', '--runs', '4', '--supermajority', '3', '--offline', '--json'));
    expect(replayed.stderr).not.toContain('error');
    expect(replayed.code).toBe(0);
    const json = JSON.parse(replayed.stdout) as AuditJson;
    // A rule that never needs a fourth run: every call it makes was made by the default rule's audit.
    expect(json.run.verdictsWritten).toBe(ROWS.length);
    expect(server.requestCount).toBe(firstRequests);
  });

  it('`steward llm usage` shows the calls the audits made', async () => {
    const usage = await run(['llm', 'usage', '--db', 'db', '--json']);
    expect(usage.code).toBe(0);
    const json = JSON.parse(usage.stdout) as { total: { calls: number; cachedCalls: number } };
    expect(json.total.calls - json.total.cachedCalls).toBe(firstRequests);
  });

  it('batch export collects only the calls not recorded, and nothing when all are', async () => {
    const common = ['llm', 'batch', 'export', datasetPath, '--db', 'db', '--verifiers', 'llm-recompute'];
    const more = await run([
      ...common,
      '--model',
      MODEL,
      '--voting',
      'fixed',
      '--runs',
      '3',
      '--out',
      'b.jsonl',
      '--json',
    ]);
    expect(more.code).toBe(0);
    const exported = JSON.parse(more.stdout) as { pending: number; replayed: number; file: string | null };
    // Fixed 3-run voting needs run 2 of every item, which no audit has made yet.
    expect(exported.pending).toBe(ROWS.length);
    expect(readFileSync(join(folder, 'b.jsonl'), 'utf8').trim().split('\n')).toHaveLength(ROWS.length);
    const none = await run([
      ...common,
      '--model',
      MODEL,
      '--voting',
      'fixed',
      '--runs',
      '2',
      '--out',
      'c.jsonl',
    ]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('calls pending: 0');
    expect(server.requestCount).toBe(firstRequests);
  });
});

describe('argument and offline errors', () => {
  it('a --supermajority that is not more than half of --runs is an argument error (exit 2)', async () => {
    const result = await run(llmAudit('db-args', '--runs', '4', '--supermajority', '2'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: --supermajority 2 of 4 runs is not a supermajority');
  });

  it('an LLM verifier without --model is an argument error (exit 2)', async () => {
    const result = await run(['audit', datasetPath, '--db', 'db-args', '--verifiers', VERIFIERS]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error: verifier llm-recompute needs a model');
  });

  it('--offline on an empty store fails at the first miss with one line and exit 7, sending nothing', async () => {
    const before = server.requestCount;
    const result = await run(llmAudit('db-empty', '--offline'));
    expect(result.code).toBe(7);
    const errors = result.stderr.split('\n').filter((line) => line.startsWith('error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^error: offline: no recorded openai\/test-model response for prompt /);
    expect(server.requestCount).toBe(before);
  });
});

describe('an LLM audit killed with SIGKILL mid-run', () => {
  it('re-uses every recorded call when started again', async () => {
    const dataDir = join(folder, 'killed-db');
    const sensible = createSensibleReplies({ instances });
    const start = server.requestCount;
    const args = ['audit', datasetPath, '--db', dataDir, '--verifiers', 'llm-recompute', '--model', MODEL];
    const child = spawn(
      process.execPath,
      [...chooseStewardEntry(), ...args, '--batch-size', '1', '--concurrency', '1'],
      {
        cwd: REPOSITORY,
        env: { ...withoutDatabaseUrl(), ...environment() },
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    // Killed when the 4th call arrives: item 1 is done (two calls, its verdict stored), item 2's first call is
    // recorded and its second is in flight, so the re-run must replay one call for an item it has to verify.
    server.setScript((request) => {
      if (request.index - start === 3) child.kill('SIGKILL');
      return sensible(request);
    });
    expect(await exited).toBe('SIGKILL');
    const requestsBeforeKill = server.requestCount - start;
    const store = await openStore({ kind: 'pglite', dataDir });
    const recorded = await countCachedResponses(store.db).finally(() => store.close());
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(firstRunCalls());

    const rerun = await run([...args, '--json']);
    expect(rerun.code).toBe(0);
    const json = JSON.parse(rerun.stdout) as AuditJson;
    const rerunRequests = server.requestCount - start - requestsBeforeKill;
    // Every call recorded before the kill is re-used (replayed, or in a stored verdict); only the rest is requested.
    expect(json.run.verdictsReused).toBeGreaterThan(0);
    expect(json.llmUsage?.cachedCalls).toBe(recorded - 2 * json.run.verdictsReused);
    expect(json.llmUsage?.cachedCalls).toBeGreaterThan(0);
    expect(rerunRequests).toBe(firstRunCalls() - recorded);
  }, 120_000);
});

/** The calls one full audit of the small dataset makes (each item's adaptive vote stops after two agreeing runs). */
function firstRunCalls(): number {
  return 2 * ROWS.length;
}

function withoutDatabaseUrl(): Record<string, string | undefined> {
  const copy = { ...readProcessEnvironment() };
  delete copy['DATABASE_URL'];
  return copy;
}
