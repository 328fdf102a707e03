import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pgliteTestTarget } from '../../../test/database.js';
import { requireSharedFile, V1_TEST_CSV } from '../../../test/shared-data.js';
import { hostStore } from '../../../test/store-host.js';
import type { StoreHost } from '../../../test/store-host.js';
import { buildDataset } from '../../dataset/build.js';
import type { Instance } from '../../dataset/instance.js';
import { readCsvRows } from '../../dataset/read-rows.js';
import { fileDatasetKey } from '../../store/datasets.js';
import { createStoreResponseCache } from '../../store/llm-cache.js';
import { createStoreUsageLedger } from '../../store/llm-usage.js';
import { openStore } from '../../store/open.js';
import type { UsageRecord } from '../../llm/usage-ledger.js';
import { createSensibleReplies } from '../../verify/llm/__fixtures__/scripted-replies.js';
import { runCli } from '../index.js';
import type { CliIo } from '../io.js';
import { llmBatchExportCommand, nameBatchFiles } from './llm-batch-export.js';
import { llmBatchImportCommand } from './llm-batch-import.js';
import { formatCostUsd, llmUsageCommand } from './llm-usage.js';

let folder: string | undefined;
let host: StoreHost | undefined;
afterEach(async () => {
  try {
    await host?.close();
  } finally {
    host = undefined;
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
    folder = undefined;
  }
});

function makeIo(cwd: string): CliIo {
  return { stdout: () => undefined, stderr: () => undefined, env: {}, cwd, isTty: false };
}

function makeFolder(): { cwd: string; io: CliIo } {
  folder = mkdtempSync(join(tmpdir(), 'steward-llm-cli-'));
  return { cwd: folder, io: makeIo(folder) };
}

/**
 * A folder holding an empty Steward database in `db` (a copy of one made once per worker, `pgliteTestTarget`,
 * instead of unpacking the template into a new folder), open in a host that shares it over its socket
 * (`hostStore`): the commands run in it reach the database through the socket instead of starting PGlite each,
 * and the host checks after the test that every command closed its store. The import test and the export that
 * splits its file start without a database: that the commands create one stays covered.
 */
async function makeFolderWithDatabase(): Promise<{ cwd: string; io: CliIo; host: StoreHost }> {
  const { target } = await pgliteTestTarget();
  if (target.kind !== 'pglite') throw new Error('pgliteTestTarget gave a server database');
  folder = dirname(target.dataDir);
  host = await hostStore(target.dataDir);
  return { cwd: folder, io: makeIo(folder), host };
}

function usage(extra: Partial<UsageRecord>): UsageRecord {
  return {
    model: 'openai/gpt-4o-mini',
    promptId: 'llm-recompute',
    promptVersion: '1',
    verifier: 'llm-recompute',
    itemId: '1',
    runIndex: 0,
    inputTokens: 1000,
    outputTokens: 100,
    costUsd: 0.0002,
    latencyMs: 800,
    cached: false,
    attempts: 1,
    outcome: 'ok',
    at: new Date('2026-03-01T12:00:00Z'),
    ...extra,
  };
}

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

function completionLine(key: string, content: string): string {
  return JSON.stringify({
    id: `batch_req_${key.slice(0, 4)}`,
    custom_id: key,
    response: {
      status_code: 200,
      request_id: 'req',
      body: {
        id: 'chatcmpl-1',
        object: 'chat.completion',
        created: 1_700_000_000,
        model: 'gpt-4o-mini-2024-07-18',
        choices: [
          { index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' },
        ],
        usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 },
      },
    },
    error: null,
  });
}

describe('steward llm usage', () => {
  it('refuses to create a database where none is', async () => {
    const { io, cwd } = makeFolder();
    await expect(
      llmUsageCommand({ io, db: 'db', dataset: undefined, json: undefined }),
    ).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND' });
    expect(existsSync(join(cwd, 'db'))).toBe(false);
  });

  it('prints calls, cached calls, tokens, cost and latency per model and verifier, a total, and JSON', async () => {
    const { io, cwd, host } = await makeFolderWithDatabase();
    writeFileSync(join(cwd, 'data.csv'), 'any content\n');
    const datasetId = fileDatasetKey(createHash('sha256').update('any content\n').digest('hex'));
    const ledger = createStoreUsageLedger(host.store.db, { datasetId, runId: 'r1' });
    await ledger.record(usage({}));
    await ledger.record(usage({ itemId: '2', latencyMs: 1200 }));
    await ledger.record(usage({ cached: true, costUsd: 0, latencyMs: 0, attempts: 0 }));
    await ledger.record(usage({ model: 'openai/local', costUsd: null }));
    await createStoreUsageLedger(host.store.db, { datasetId: 'other' }).record(
      usage({ verifier: 'llm-answer' }),
    );

    const all = await llmUsageCommand({ io, db: 'db', dataset: undefined, json: undefined });
    expect(all.json).toMatchObject({ schemaVersion: 1, datasetId: null, total: { calls: 5, costUsd: null } });
    expect(all.text).toContain('llm-answer');
    const lines = all.text.split('\n');
    expect(lines.find((line) => line.startsWith('openai/local'))).toContain('unknown');
    // calls, cached, batch, abstained, tokens, cost, batch cost.
    expect(lines.at(-1)).toMatch(/^total\s+5\s+1\s+0\s+0\s+5000\s+500\s+unknown\s+\$0\s/);
    expect(all.json).toMatchObject({ total: { batchCalls: 0, batchCostUsd: 0 } });

    const one = await llmUsageCommand({ io, db: 'db', dataset: 'data.csv', json: undefined });
    expect(one.json).toMatchObject({ datasetId, total: { calls: 4 } });
    expect(one.text).not.toContain('llm-answer');
    const mini = one.text.split('\n').find((line) => line.startsWith('openai/gpt-4o-mini'));
    // 3 calls, 1 cached, $0.0004; mean of 800 and 1200 ms; p95 = 800 + 0.95 * 400.
    expect(mini).toMatch(
      /^openai\/gpt-4o-mini\s+llm-recompute\s+3\s+1\s+0\s+0\s+3000\s+300\s+\$0\.000400\s+\$0\s+1\.0 s\s+1\.2 s$/,
    );
  });

  it('formats costs', () => {
    expect([formatCostUsd(null), formatCostUsd(0), formatCostUsd(0.012345), formatCostUsd(12.345)]).toEqual([
      'unknown',
      '$0',
      '$0.0123',
      '$12.35',
    ]);
  });
});

describe('steward llm batch import', () => {
  it('imports the results, counts those already present, lists failed lines, and the cache serves them', async () => {
    const { io, cwd } = makeFolder();
    const file = join(cwd, 'results.jsonl');
    writeFileSync(
      file,
      [
        completionLine(KEY_A, '{"verdict":"agree"}'),
        completionLine(KEY_B, '<answer>N/A</answer>'),
        JSON.stringify({
          custom_id: 'c'.repeat(64),
          response: null,
          error: { code: 'batch_expired', message: 'expired' },
        }),
      ].join('\n'),
    );
    const first = await llmBatchImportCommand({
      io,
      results: 'results.jsonl',
      provider: undefined,
      db: 'db',
      json: undefined,
    });
    expect(first.json).toMatchObject({
      schemaVersion: 1,
      provider: 'openai',
      imported: 2,
      alreadyPresent: 0,
      failed: 1,
    });
    expect(first.exitCode).toBe(1);
    expect(first.text).toContain('2 imported, 0 already present, 1 failed');
    // Nothing exported these keys from this store: stored, but their spend cannot be accounted.
    expect(first.json).toMatchObject({ accounted: 0, notAccounted: 2, costUsd: 0 });
    expect(first.text).toContain('not accounted: 2 imported results have no recorded export in this store');
    expect(first.text).toContain('fix: submit the files steward llm batch export writes');
    expect(first.text).toContain('line 3 (cccccccccccc…): batch_expired: expired');

    const again = await llmBatchImportCommand({
      io,
      results: file,
      provider: 'openai',
      db: 'db',
      json: undefined,
    });
    expect(again.json).toMatchObject({ imported: 0, alreadyPresent: 2, failed: 1, notAccounted: 0 });
    expect(again.text).not.toContain('not accounted');

    const store = await openStore({ kind: 'pglite', dataDir: join(cwd, 'db') });
    try {
      const cache = createStoreResponseCache(store.db);
      expect(await cache.get(KEY_A)).toMatchObject({
        object: { verdict: 'agree' },
        usage: { inputTokens: 12 },
      });
      expect(await cache.get(KEY_B)).toMatchObject({ text: '<answer>N/A</answer>' });
    } finally {
      await store.close();
    }
  });

  it('fails clearly on a missing file or a file of another format, before creating a database', async () => {
    const { io, cwd } = makeFolder();
    await expect(
      llmBatchImportCommand({ io, results: 'missing.jsonl', provider: undefined, db: 'db', json: undefined }),
    ).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    writeFileSync(join(cwd, 'other.jsonl'), '{"id": 1, "text": "hello"}\n');
    await expect(
      llmBatchImportCommand({ io, results: 'other.jsonl', provider: undefined, db: 'db', json: undefined }),
    ).rejects.toMatchObject({
      code: 'FORMAT_UNSUPPORTED',
    });
    expect(existsSync(join(cwd, 'db'))).toBe(false);
  });
});

const MODEL_NAME = 'mini';
// Batch input at the default half of $2, batch output at the $3 the config names (instead of half of $8).
const CONFIG = {
  models: { mini: { model: 'openai/test-model', prices: { input: 2, output: 8, batchOutput: 3 } } },
};
const REPLY_USAGE = { inputTokens: 1000, outputTokens: 200 };
// 1000 × $1 / 1e6 + 200 × $3 / 1e6 per call.
const BATCH_CALL_USD = 0.0016;
/** v1.0 rows our calculators reproduce (as in `llm-audit.slow.test.ts`). */
const ROWS = [0, 150, 301];

/** A small dataset file and the config file in the test folder; the instances answer the scripted replies. */
function writeDatasetAndConfig(cwd: string): Instance[] {
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'v1');
  const rows = ROWS.map((index) => table.rows[index] ?? {});
  writeFileSync(join(cwd, 'small.csv'), stringify(rows, { header: true, columns: table.headers }));
  writeFileSync(join(cwd, 'steward.config.json'), JSON.stringify(CONFIG));
  return buildDataset(rows, { source: 'small.csv', format: 'csv', headers: table.headers }).instances;
}

async function runSteward(
  cwd: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { STEWARD_CACHE_DIR: join(cwd, 'cache'), HF_ENDPOINT: 'http://127.0.0.1:9' },
    cwd,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

/** Plays OpenAI Batch: answers every line of an input file sensibly and writes the result file it would return. */
function answerBatchFile(input: string, instances: readonly Instance[]): string {
  const reply = createSensibleReplies({ instances, usage: REPLY_USAGE });
  const lineSchema = z.object({ custom_id: z.string(), body: z.record(z.string(), z.unknown()) });
  return input
    .trimEnd()
    .split('\n')
    .map((line, index) => {
      const request = lineSchema.parse(JSON.parse(line));
      const answer = reply({
        index,
        method: 'POST',
        path: '/v1/chat/completions',
        headers: {},
        body: request.body,
      });
      const content =
        answer.kind === 'json' ? JSON.stringify(answer.value) : answer.kind === 'text' ? answer.text : '';
      return JSON.stringify({
        id: `batch_req_${index}`,
        custom_id: request.custom_id,
        response: {
          status_code: 200,
          request_id: `req_${index}`,
          body: {
            id: `chatcmpl-${index}`,
            object: 'chat.completion',
            created: 1_700_000_000,
            model: 'test-model',
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: {
              prompt_tokens: REPLY_USAGE.inputTokens,
              completion_tokens: REPLY_USAGE.outputTokens,
              total_tokens: REPLY_USAGE.inputTokens + REPLY_USAGE.outputTokens,
            },
          },
        },
        error: null,
      });
    })
    .join('\n');
}

interface UsageJson {
  total: {
    calls: number;
    cachedCalls: number;
    batchCalls: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number | null;
    batchCostUsd: number | null;
  };
}

describe('a batch audit in the usage ledger: export → import → llm usage → audit', () => {
  it('accounts the batch spend once, at the batch price, and the replaying audit adds cached calls costing nothing', async () => {
    const { cwd } = await makeFolderWithDatabase();
    const instances = writeDatasetAndConfig(cwd);
    const calls = 2 * ROWS.length;
    const flags = [
      '--db',
      'db',
      '--verifiers',
      'llm-recompute',
      '--model',
      MODEL_NAME,
      '--voting',
      'fixed',
      '--runs',
      '2',
    ];
    const exported = await runSteward(cwd, [
      'llm',
      'batch',
      'export',
      'small.csv',
      ...flags,
      '--out',
      'batch.jsonl',
      '--json',
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const batchFile = join(cwd, 'batch.jsonl');
    expect(JSON.parse(exported.stdout)).toMatchObject({
      pending: calls,
      file: batchFile,
      files: [batchFile],
    });

    writeFileSync(join(cwd, 'results.jsonl'), answerBatchFile(readFileSync(batchFile, 'utf8'), instances));
    const imported = await runSteward(cwd, [
      'llm',
      'batch',
      'import',
      'results.jsonl',
      '--db',
      'db',
      '--json',
    ]);
    expect(imported.code).toBe(0);
    const importJson = JSON.parse(imported.stdout) as { costUsd: number };
    expect(importJson).toMatchObject({ imported: calls, accounted: calls, notAccounted: 0, failed: 0 });
    expect(importJson.costUsd).toBeCloseTo(calls * BATCH_CALL_USD, 12);

    const readUsage = async (...scope: string[]): Promise<UsageJson> => {
      const usage = await runSteward(cwd, ['llm', 'usage', '--db', 'db', ...scope, '--json']);
      expect(usage.code).toBe(0);
      return JSON.parse(usage.stdout) as UsageJson;
    };
    const afterImport = await readUsage();
    expect(afterImport.total).toMatchObject({
      calls,
      cachedCalls: 0,
      batchCalls: calls,
      inputTokens: calls * REPLY_USAGE.inputTokens,
      outputTokens: calls * REPLY_USAGE.outputTokens,
    });
    expect(afterImport.total.costUsd).toBeCloseTo(calls * BATCH_CALL_USD, 12);
    expect(afterImport.total.batchCostUsd).toBeCloseTo(calls * BATCH_CALL_USD, 12);
    // The export recorded the dataset, so the batch calls count for it too.
    expect((await readUsage('--dataset', 'small.csv')).total.batchCalls).toBe(calls);
    const table = await runSteward(cwd, ['llm', 'usage', '--db', 'db']);
    expect(table.stdout.split('\n').find((line) => line.startsWith('openai/test-model'))).toMatch(
      new RegExp(`^openai/test-model\\s+llm-recompute\\s+${calls}\\s+0\\s+${calls}\\s+0\\s`),
    );

    // The same results again: nothing new stored, nothing accounted twice.
    const again = await runSteward(cwd, ['llm', 'batch', 'import', 'results.jsonl', '--db', 'db', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, alreadyPresent: calls, accounted: 0 });

    const audit = await runSteward(cwd, [
      'audit',
      'small.csv',
      ...flags,
      '--config',
      'steward.config.json',
      '--offline',
      '--json',
    ]);
    expect(audit.stderr.split('\n').filter((line) => line.startsWith('error'))).toEqual([]);
    expect(audit.code).toBe(0);
    expect(JSON.parse(audit.stdout)).toMatchObject({ llmUsage: { calls, cachedCalls: calls } });
    const afterAudit = await readUsage();
    expect(afterAudit.total).toMatchObject({ calls: 2 * calls, cachedCalls: calls, batchCalls: calls });
    expect(afterAudit.total.costUsd).toBeCloseTo(calls * BATCH_CALL_USD, 12);

    const none = await runSteward(cwd, [
      'llm',
      'batch',
      'export',
      'small.csv',
      ...flags,
      '--out',
      'more.jsonl',
      '--json',
    ]);
    expect(JSON.parse(none.stdout)).toMatchObject({ pending: 0, file: null, files: [] });
    expect(existsSync(join(cwd, 'more.jsonl'))).toBe(false);
  }, 120_000);

  it('splits an export at the file limits into numbered parts, each listed', async () => {
    const { cwd, io } = makeFolder();
    writeDatasetAndConfig(cwd);
    const result = await llmBatchExportCommand({
      io,
      source: 'small.csv',
      db: 'db',
      verifiers: 'llm-recompute',
      provider: 'openai',
      out: 'parts.jsonl',
      rules: 'medcalc-v1.0',
      model: [MODEL_NAME],
      config: undefined,
      concurrency: undefined,
      rpm: undefined,
      tpm: undefined,
      runs: 2,
      supermajority: undefined,
      voting: 'fixed',
      json: undefined,
      fileLimits: { maxRequests: 4, maxBytes: 100_000_000 },
    });
    const files = nameBatchFiles(join(cwd, 'parts.jsonl'), 2);
    expect(files).toEqual([join(cwd, 'parts.part-1-of-2.jsonl'), join(cwd, 'parts.part-2-of-2.jsonl')]);
    expect(result.json).toMatchObject({ pending: 2 * ROWS.length, file: files[0], files });
    expect(
      readdirSync(cwd)
        .filter((name) => name.startsWith('parts'))
        .sort(),
    ).toEqual(['parts.part-1-of-2.jsonl', 'parts.part-2-of-2.jsonl']);
    const lines = files.map((file) => readFileSync(file, 'utf8').trimEnd().split('\n'));
    expect(lines.map((part) => part.length)).toEqual([4, 2]);
    expect(
      new Set(lines.flat().map((line) => (JSON.parse(line) as { custom_id: string }).custom_id)).size,
    ).toBe(2 * ROWS.length);
    for (const file of files) expect(result.text).toContain(file);
    expect(result.text).toContain('submit each file');
    expect(nameBatchFiles('/tmp/batch', 3)).toEqual([
      '/tmp/batch.part-1-of-3',
      '/tmp/batch.part-2-of-3',
      '/tmp/batch.part-3-of-3',
    ]);
    expect(nameBatchFiles('/tmp/batch.json', 1)).toEqual(['/tmp/batch.json']);
  }, 60_000);
});
