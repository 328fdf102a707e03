import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { STORE_TARGETS } from '../../test/database.js';
import { emptiedStorePerTest } from '../../test/emptied-store.js';
import { parseBatchResults, writeOpenAiBatchFile } from '../llm/batch.js';
import { createModelCaller } from '../llm/model-caller.js';
import type { ModelCallRequest } from '../llm/model-caller.js';
import type { CachedResponse, ResponseCache } from '../llm/response-cache.js';
import { createMemoryUsageLedger } from '../llm/usage-ledger.js';
import type { UsageRecord } from '../llm/usage-ledger.js';
import {
  countCachedResponses,
  createStoreResponseCache,
  importCachedResponses,
  recordBatchRequests,
} from './llm-cache.js';
import type { BatchRequestRecord } from './llm-cache.js';
import { createStoreUsageLedger, summarizeStoredUsage } from './llm-usage.js';
import { rootMessage } from './migrate.js';
import { llmBatchRequests, llmCalls, llmUsage } from './schema.js';

const KEY_A = 'a'.repeat(64);
const KEY_B = 'b'.repeat(64);

function response(text: string, extra: Partial<CachedResponse> = {}): CachedResponse {
  return {
    text,
    finishReason: 'stop',
    usage: { inputTokens: 10, outputTokens: 2 },
    latencyMs: 120,
    recordedAt: '2026-03-01T12:00:00.000Z',
    ...extra,
  };
}

function usage(extra: Partial<UsageRecord>): UsageRecord {
  return {
    model: 'openai/gpt-4o-mini',
    promptId: 'llm-audit',
    promptVersion: '1',
    verifier: 'llm-audit',
    itemId: '1',
    runIndex: 0,
    inputTokens: 100,
    outputTokens: 10,
    costUsd: 0.001,
    latencyMs: 100,
    cached: false,
    attempts: 1,
    outcome: 'ok',
    at: new Date('2026-03-01T12:00:00Z'),
    ...extra,
  };
}

const verdictSchema = z.object({ verdict: z.enum(['agree', 'disagree']) });
const request: ModelCallRequest<z.infer<typeof verdictSchema>> = {
  promptId: 'llm-audit',
  promptVersion: '1',
  verifier: 'llm-audit',
  itemId: '7',
  runIndex: 0,
  messages: [{ role: 'user', content: 'Is the label right?' }],
  schema: verdictSchema,
};

describe.each(STORE_TARGETS)('LLM cache and ledger on $name', ({ makeEmpty, openFresh, skip }) => {
  const open = emptiedStorePerTest({ makeEmpty, openFresh });

  it.skipIf(skip)(
    'serves what was put, keeps the first write of a key, and stores the call metadata',
    async () => {
      const { db } = await open();
      const cache = createStoreResponseCache(db);
      expect(await cache.get(KEY_A)).toBeUndefined();
      const first = response('{"verdict":"agree"}', { object: { verdict: 'agree' } });
      await cache.put(KEY_A, first, {
        model: 'openai/gpt-4o-mini',
        promptId: 'llm-audit',
        promptVersion: '1',
        runIndex: 2,
        itemId: '7',
        verifier: 'llm-audit',
      });
      await cache.put(KEY_A, response('second'));
      expect(await cache.get(KEY_A)).toEqual(first);
      const [row] = await db.select().from(llmCalls);
      expect(row).toMatchObject({ key: KEY_A, model: 'openai/gpt-4o-mini', runIndex: 2, itemId: '7' });
      // Unknown token counts survive the round trip as undefined.
      await cache.put(KEY_B, response('x', { usage: { inputTokens: undefined, outputTokens: undefined } }));
      expect((await cache.get(KEY_B))?.usage).toEqual({ inputTokens: undefined, outputTokens: undefined });
      expect(await countCachedResponses(db)).toBe(2);
    },
  );

  it.skipIf(skip)('stores a NUL in a response as U+FFFD', async () => {
    const { db } = await open();
    const cache = createStoreResponseCache(db);
    await cache.put(KEY_A, response('a\u0000b', { object: { 'k\u0000': 'v\u0000' } }), {
      model: 'm\u0000',
      promptId: 'p',
      promptVersion: '1',
      runIndex: 0,
      itemId: 'i',
      verifier: 'v',
    });
    expect(await cache.get(KEY_A)).toMatchObject({ text: 'a\uFFFDb', object: { 'k\uFFFD': 'v\uFFFD' } });
  });

  it.skipIf(skip)('names a malformed stored response instead of replaying it', async () => {
    const { db } = await open();
    await db.insert(llmCalls).values({ key: KEY_A, response: { text: 1 } });
    await expect(createStoreResponseCache(db).get(KEY_A)).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it.skipIf(skip)('a store-backed caller makes zero requests on a re-run', async () => {
    const { db } = await open();
    let requests = 0;
    const makeCaller = (cache: ResponseCache, offline: boolean) =>
      createModelCaller({
        model: 'openai/m',
        languageModel: () => {
          requests += 1;
          throw new Error('use the replay below');
        },
        cache,
        ledger: createMemoryUsageLedger(),
        offline,
      });
    // Record through a batch import (no network), then replay offline from a fresh cache object.
    const keys: string[] = [];
    const recorder: ResponseCache = {
      get(key) {
        keys.push(key);
        return Promise.resolve(undefined);
      },
      put: () => Promise.resolve(),
    };
    await expect(makeCaller(recorder, true).call(request)).rejects.toMatchObject({
      code: 'LLM_OFFLINE_MISS',
    });
    const key = keys[0] ?? '';
    const input = writeOpenAiBatchFile([
      {
        key,
        account: {
          model: 'openai/m',
          provider: 'openai',
          promptId: request.promptId,
          promptVersion: request.promptVersion,
          verifier: request.verifier,
          itemId: request.itemId,
          runIndex: request.runIndex,
        },
        modelId: 'm',
        messages: request.messages,
        parameters: {},
        jsonSchema: { schema: z.toJSONSchema(verdictSchema) },
      },
    ]);
    const customId = (JSON.parse(input) as { custom_id: string }).custom_id;
    const results = `${JSON.stringify({
      custom_id: customId,
      response: {
        status_code: 200,
        body: {
          choices: [{ message: { content: '{"verdict":"disagree"}' }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 9, completion_tokens: 4 },
        },
      },
      error: null,
    })}\n`;
    const parsed = parseBatchResults(results);
    expect(
      await importCachedResponses(db, parsed.entries, { provider: 'openai', file: 'r.jsonl', failed: 0 }),
    ).toEqual({
      imported: [key],
      alreadyPresent: [],
      accounted: [],
      notAccounted: [key],
      costUsd: 0,
    });
    expect(
      await importCachedResponses(db, [...parsed.entries, ...parsed.entries], {
        provider: 'openai',
        file: 'r.jsonl',
        failed: 0,
      }),
    ).toEqual({ imported: [], alreadyPresent: [key, key], accounted: [], notAccounted: [], costUsd: 0 });
    const caller = makeCaller(createStoreResponseCache(db), true);
    await expect(caller.call(request)).resolves.toMatchObject({
      kind: 'ok',
      object: { verdict: 'disagree' },
    });
    await expect(caller.call(request)).resolves.toMatchObject({ kind: 'ok', cached: true });
    expect(requests).toBe(0);
    const imports = await db.execute(sql`SELECT payload FROM events WHERE kind = 'llm.batch-imported'`);
    expect((imports as { rows: unknown[] }).rows).toHaveLength(2);
  });

  it.skipIf(skip)(
    'accounts each newly imported batch result once, at the recorded batch price, in the import transaction',
    async () => {
      const { db } = await open();
      const KEY_C = 'c'.repeat(64);
      const KEY_D = 'd'.repeat(64);
      const exported = (key: string, itemId: string, extra: Partial<BatchRequestRecord> = {}) => ({
        key,
        account: {
          model: 'openai/gpt-4o-mini',
          provider: 'openai',
          promptId: 'llm-audit',
          promptVersion: '1',
          verifier: 'llm-audit',
          itemId,
          runIndex: 1,
        },
        datasetId: 'sha256:d',
        // Half of gpt-4o-mini's $0.15 / $0.60 per million.
        price: { inputUsdPerMillion: 0.075, outputUsdPerMillion: 0.3 },
        ...extra,
      });
      const source = { provider: 'openai', files: ['b.jsonl'], exportedAt: new Date('2026-03-01T10:00:00Z') };
      expect(
        await recordBatchRequests(
          db,
          [exported(KEY_A, '1'), exported(KEY_B, '2'), exported(KEY_D, '4', { price: undefined })],
          source,
        ),
      ).toEqual({ recorded: 3 });
      // A re-export keeps the first row.
      expect(
        await recordBatchRequests(db, [exported(KEY_A, 'changed', { datasetId: undefined })], source),
      ).toEqual({ recorded: 0 });
      expect(await db.select().from(llmBatchRequests)).toContainEqual({
        key: KEY_A,
        model: 'openai/gpt-4o-mini',
        promptId: 'llm-audit',
        promptVersion: '1',
        verifier: 'llm-audit',
        itemId: '1',
        runIndex: 1,
        provider: 'openai',
        datasetId: 'sha256:d',
        inputUsdPerMillion: 0.075,
        outputUsdPerMillion: 0.3,
        exportedAt: new Date('2026-03-01T10:00:00Z'),
      });

      // KEY_B is already in the cache (say a live call recorded it): stored before, never accounted again.
      await createStoreResponseCache(db).put(KEY_B, response('live'));
      const imported = (text: string, usageTokens: { inputTokens: number; outputTokens: number }) =>
        response(text, { usage: usageTokens, latencyMs: 0, recordedAt: '2026-03-02T08:00:00.000Z' });
      const entries = [
        { key: KEY_A, response: imported('{"verdict":"agree"}', { inputTokens: 2000, outputTokens: 100 }) },
        { key: KEY_B, response: imported('{"verdict":"agree"}', { inputTokens: 5, outputTokens: 5 }) },
        // Exported by hand or by an older Steward: stored, not accounted.
        { key: KEY_C, response: imported('{"verdict":"agree"}', { inputTokens: 7, outputTokens: 7 }) },
      ];
      const outcome = await importCachedResponses(db, entries, {
        provider: 'openai',
        file: 'r.jsonl',
        failed: 0,
      });
      // 2000 × 0.075 / 1e6 + 100 × 0.3 / 1e6 = 0.00015 + 0.00003
      expect(outcome).toMatchObject({
        imported: [KEY_A, KEY_C],
        alreadyPresent: [KEY_B],
        accounted: [KEY_A],
        notAccounted: [KEY_C],
      });
      expect(outcome.costUsd).toBeCloseTo(0.00018, 12);
      const rows = await db.select().from(llmUsage);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        model: 'openai/gpt-4o-mini',
        promptId: 'llm-audit',
        verifier: 'llm-audit',
        itemId: '1',
        runIndex: 1,
        inputTokens: 2000,
        outputTokens: 100,
        latencyMs: 0,
        cached: false,
        attempts: 1,
        outcome: 'ok',
        via: 'batch',
        datasetId: 'sha256:d',
        runId: null,
        at: new Date('2026-03-02T08:00:00.000Z'),
      });
      expect(rows[0]?.costUsd).toBeCloseTo(0.00018, 12);

      // Importing the same file again accounts nothing more; an unpriced model's result costs null.
      const again = await importCachedResponses(
        db,
        [...entries, { key: KEY_D, response: imported('x', { inputTokens: 1, outputTokens: 1 }) }],
        { provider: 'openai', file: 'r.jsonl', failed: 0 },
      );
      expect(again).toEqual({
        imported: [KEY_D],
        alreadyPresent: [KEY_A, KEY_B, KEY_C],
        accounted: [KEY_D],
        notAccounted: [],
        costUsd: null,
      });
      expect(await db.$count(llmUsage)).toBe(2);

      const summary = await summarizeStoredUsage(db, { datasetId: 'sha256:d' });
      expect(summary.total).toMatchObject({
        calls: 2,
        cachedCalls: 0,
        batchCalls: 2,
        costUsd: null,
        batchCostUsd: null,
        // Batch calls are not timed.
        meanLatencyMs: null,
      });
      const events = await db.execute(
        sql`SELECT payload FROM events WHERE kind IN ('llm.batch-exported', 'llm.batch-imported') ORDER BY id`,
      );
      expect((events as { rows: { payload: unknown }[] }).rows.map((row) => row.payload)).toMatchObject([
        { provider: 'openai', files: ['b.jsonl'], requests: 3, recorded: 3 },
        { requests: 1, recorded: 0 },
        { imported: 2, alreadyPresent: 1, accounted: 1, notAccounted: 1 },
        { imported: 1, accounted: 1, costUsd: null },
      ]);
    },
  );

  it.skipIf(skip)('a failed ledger insert rolls the cache insert of the import back', async () => {
    const { db } = await open();
    await recordBatchRequests(
      db,
      [
        {
          key: KEY_A,
          account: {
            model: 'openai/m',
            provider: 'openai',
            promptId: 'p',
            promptVersion: '1',
            verifier: 'v',
            itemId: '1',
            runIndex: 0,
          },
          datasetId: undefined,
          price: undefined,
        },
      ],
      { provider: 'openai', files: [], exportedAt: new Date() },
    );
    // A token count no integer column holds makes the ledger insert fail after the cache insert.
    await expect(
      importCachedResponses(
        db,
        [{ key: KEY_A, response: response('x', { usage: { inputTokens: 2 ** 40, outputTokens: 1 } }) }],
        { provider: 'openai', file: 'r.jsonl', failed: 0 },
      ),
    ).rejects.toThrow();
    expect(await countCachedResponses(db)).toBe(0);
    expect(await db.$count(llmUsage)).toBe(0);
  });

  it.skipIf(skip)('records every usage row, grouping concurrent writes, with dataset and run', async () => {
    const { db } = await open();
    const ledger = createStoreUsageLedger(db, { datasetId: 'sha256:d', runId: 'run-1' });
    await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        ledger.record(usage({ itemId: String(index), runIndex: index % 3 })),
      ),
    );
    await ledger.flush();
    const rows = await db.select().from(llmUsage);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((row) => `${row.datasetId} ${row.runId}`))).toEqual(new Set(['sha256:d run-1']));
    expect(rows.find((row) => row.itemId === '4')).toMatchObject({
      runIndex: 1,
      cached: false,
      outcome: 'ok',
      via: 'live',
    });
  });

  it.skipIf(skip)('rejects UPDATE, DELETE and TRUNCATE on the usage ledger', async () => {
    const { db } = await open();
    await createStoreUsageLedger(db).record(usage({}));
    for (const statement of [
      "UPDATE llm_usage SET model = 'x'",
      'DELETE FROM llm_usage',
      'TRUNCATE llm_usage',
    ]) {
      const error = await db.execute(sql.raw(statement)).catch((caught: unknown) => caught);
      expect(rootMessage(error), statement).toMatch(/llm_usage is append-only/);
    }
    expect(await db.$count(llmUsage)).toBe(1);
  });

  it.skipIf(skip)(
    'sums usage per model and verifier, per dataset and run, with unknown costs and latency',
    async () => {
      const { db } = await open();
      const first = createStoreUsageLedger(db, { datasetId: 'd1', runId: 'r1' });
      const second = createStoreUsageLedger(db, { datasetId: 'd2', runId: 'r2' });
      // gpt-4o-mini / llm-audit in d1: latencies 100..2000 (20 calls) plus one cached replay.
      for (let index = 1; index <= 20; index += 1) {
        await first.record(usage({ itemId: String(index), latencyMs: index * 100, costUsd: 0.5 }));
      }
      await first.record(usage({ cached: true, costUsd: 0, latencyMs: 0, attempts: 0 }));
      await first.record(
        usage({
          verifier: 'llm-recompute',
          outcome: 'abstain',
          inputTokens: undefined,
          outputTokens: undefined,
          costUsd: null,
          latencyMs: 0,
          attempts: 3,
        }),
      );
      await second.record(
        usage({ model: 'openai/local', costUsd: null, latencyMs: 50, inputTokens: 7, outputTokens: 3 }),
      );

      const all = await summarizeStoredUsage(db);
      expect(all.rows.map((row) => [row.model, row.verifier, row.calls])).toEqual([
        ['openai/gpt-4o-mini', 'llm-audit', 21],
        ['openai/gpt-4o-mini', 'llm-recompute', 1],
        ['openai/local', 'llm-audit', 1],
      ]);
      const [audit, recompute, local] = all.rows;
      expect(audit).toMatchObject({
        cachedCalls: 1,
        abstentions: 0,
        inputTokens: 2100,
        outputTokens: 210,
        meanLatencyMs: 1050,
      });
      expect(audit?.costUsd).toBeCloseTo(10);
      // percentile_cont over 100..2000: 1900 + 0.05 * 100.
      expect(audit?.p95LatencyMs).toBeCloseTo(1905);
      expect(recompute).toMatchObject({ abstentions: 1, inputTokens: 0, costUsd: null });
      expect(local).toMatchObject({ costUsd: null, meanLatencyMs: 50, p95LatencyMs: 50 });
      expect(all.total).toMatchObject({
        model: '*',
        verifier: '*',
        calls: 23,
        cachedCalls: 1,
        costUsd: null,
      });

      const onlyFirst = await summarizeStoredUsage(db, { datasetId: 'd1' });
      expect(onlyFirst.total.calls).toBe(22);
      const onlySecondRun = await summarizeStoredUsage(db, { datasetId: 'd2', runId: 'r2' });
      expect(onlySecondRun.rows).toHaveLength(1);
      const none = await summarizeStoredUsage(db, { runId: 'nope' });
      expect(none).toMatchObject({ rows: [], total: { calls: 0, costUsd: 0, meanLatencyMs: null } });
    },
  );
});
