import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileDatasetKey } from '../../store/datasets.js';
import { createStoreResponseCache } from '../../store/llm-cache.js';
import { createStoreUsageLedger } from '../../store/llm-usage.js';
import { openStore } from '../../store/open.js';
import type { UsageRecord } from '../../llm/usage-ledger.js';
import type { CliIo } from '../io.js';
import { llmBatchImportCommand } from './llm-batch-import.js';
import { formatCostUsd, llmUsageCommand } from './llm-usage.js';

let folder: string | undefined;
afterEach(() => {
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  folder = undefined;
});

function makeFolder(): { cwd: string; io: CliIo } {
  folder = mkdtempSync(join(tmpdir(), 'steward-llm-cli-'));
  return {
    cwd: folder,
    io: { stdout: () => undefined, stderr: () => undefined, env: {}, cwd: folder, isTty: false },
  };
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
    const { io, cwd } = makeFolder();
    writeFileSync(join(cwd, 'data.csv'), 'any content\n');
    const datasetId = fileDatasetKey(createHash('sha256').update('any content\n').digest('hex'));
    const store = await openStore({ kind: 'pglite', dataDir: join(cwd, 'db') });
    try {
      const ledger = createStoreUsageLedger(store.db, { datasetId, runId: 'r1' });
      await ledger.record(usage({}));
      await ledger.record(usage({ itemId: '2', latencyMs: 1200 }));
      await ledger.record(usage({ cached: true, costUsd: 0, latencyMs: 0, attempts: 0 }));
      await ledger.record(usage({ model: 'openai/local', costUsd: null }));
      await createStoreUsageLedger(store.db, { datasetId: 'other' }).record(
        usage({ verifier: 'llm-answer' }),
      );
    } finally {
      await store.close();
    }

    const all = await llmUsageCommand({ io, db: 'db', dataset: undefined, json: undefined });
    expect(all.json).toMatchObject({ schemaVersion: 1, datasetId: null, total: { calls: 5, costUsd: null } });
    expect(all.text).toContain('llm-answer');
    const lines = all.text.split('\n');
    expect(lines.find((line) => line.startsWith('openai/local'))).toContain('unknown');
    expect(lines.at(-1)).toMatch(/^total\s+5\s+1\s+0\s+5000\s+500\s+unknown/);

    const one = await llmUsageCommand({ io, db: 'db', dataset: 'data.csv', json: undefined });
    expect(one.json).toMatchObject({ datasetId, total: { calls: 4 } });
    expect(one.text).not.toContain('llm-answer');
    const mini = one.text.split('\n').find((line) => line.startsWith('openai/gpt-4o-mini'));
    // 3 calls, 1 cached, $0.0004; mean of 800 and 1200 ms; p95 = 800 + 0.95 * 400.
    expect(mini).toMatch(
      /^openai\/gpt-4o-mini\s+llm-recompute\s+3\s+1\s+0\s+3000\s+300\s+\$0\.000400\s+1\.0 s\s+1\.2 s$/,
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
    expect(first.text).toContain('line 3 (cccccccccccc…): batch_expired: expired');

    const again = await llmBatchImportCommand({
      io,
      results: file,
      provider: 'openai',
      db: 'db',
      json: undefined,
    });
    expect(again.json).toMatchObject({ imported: 0, alreadyPresent: 2, failed: 1 });

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
