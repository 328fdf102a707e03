/**
 * LLM audit throughput, for `npm run bench` (also runnable alone: `npx tsx bench/llm-throughput.ts`).
 * The real `llm-answer` verifier (one run per item: fixed voting, `maxRuns` 1) audits v1.0 test rows through
 * `runAudit`, the model callers the CLI builds (`createLlmRuntime`) and the store-backed response cache and usage
 * ledger (PGlite), against the loopback scripted OpenAI-compatible server:
 * 1. with the server adding 1 s per call: items per minute at concurrency 1, 8 and 64, and Steward's overhead per
 *    call (wall time minus the server's latency, spread over the calls);
 * 2. with no added latency: calls per second at concurrency 1 and 8, i.e. Steward's own cost per call.
 * Each measurement uses its own model name, so nothing is replayed from the cache of another.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startScriptedOpenAiServer } from '../test/scripted-openai-server.js';
import type { ScriptedServer } from '../test/scripted-openai-server.js';
import { medcalcV1RuleSet } from '../src/answers/medcalc-v1.js';
import { auditPolicyOf } from '../src/audit/policy.js';
import { runAudit } from '../src/audit/run-audit.js';
import { selectModels } from '../src/cli/llm-plan.js';
import { createLlmRuntime, openLlmStorage } from '../src/cli/llm-runtime.js';
import { loadConfig } from '../src/config.js';
import { buildDataset } from '../src/dataset/build.js';
import type { Dataset } from '../src/dataset/instance.js';
import { readCsvRows } from '../src/dataset/read-rows.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/open.js';
import { DEFAULT_POLICY } from '../src/triage/policy.js';
import { createSensibleReplies } from '../src/verify/llm/__fixtures__/scripted-replies.js';
import { resolveVerifiers } from '../src/verify/registry.js';

export interface ThroughputFigure {
  concurrency: number;
  items: number;
  calls: number;
  wallMs: number;
  itemsPerMinute: number;
  /** Added server latency per call, in ms. */
  latencyMs: number;
  /** (wall − the latency the calls must wait at this concurrency) / calls. */
  overheadMsPerCall: number;
  callsPerSecond: number;
}

export interface LlmThroughput {
  withLatency: ThroughputFigure[];
  withoutLatency: ThroughputFigure[];
}

const csvPath = fileURLToPath(new URL('../../shared/data/medcalc-bench-v1.0/test_data.csv', import.meta.url));

function subset(dataset: { rows: Record<string, unknown>[]; headers: string[] }, count: number): Dataset {
  return buildDataset(dataset.rows.slice(0, count), {
    source: `bench-${count}.csv`,
    format: 'csv',
    headers: dataset.headers,
  });
}

async function measureOne(
  context: {
    store: Store;
    server: ScriptedServer;
    table: { rows: Record<string, unknown>[]; headers: string[] };
  },
  settings: { concurrency: number; items: number; latencyMs: number },
): Promise<ThroughputFigure> {
  const { store, server, table } = context;
  const dataset = subset(table, settings.items);
  const sensible = createSensibleReplies({ instances: dataset.instances });
  server.setScript((request) =>
    settings.latencyMs === 0
      ? sensible(request)
      : { kind: 'delay', milliseconds: settings.latencyMs, then: sensible(request) },
  );
  const model = `openai/bench-c${settings.concurrency}-l${settings.latencyMs}-n${settings.items}`;
  const config = loadConfig({ OPENAI_BASE_URL: server.baseUrl, OPENAI_API_KEY: 'bench' });
  const runtime = createLlmRuntime({
    selections: selectModels([model], {
      config,
      configFile: { file: undefined, models: {} },
      concurrency: settings.concurrency,
    }),
    offline: false,
  });
  runtime.useStorage(openLlmStorage(store.db));
  const verifiers = resolveVerifiers(
    ['llm-answer'],
    { 'llm-answer': { models: [model], stopping: 'fixed', maxRuns: 1 } },
    { models: runtime.models },
  );
  const before = server.requestCount;
  const started = performance.now();
  await runAudit({
    db: store.db,
    dataset,
    verifiers,
    ruleSet: medcalcV1RuleSet,
    policy: auditPolicyOf(DEFAULT_POLICY),
    concurrency: settings.concurrency,
    signal: runtime.signal,
    onRunStarted: ({ runId, datasetId }) => runtime.attachRun({ runId, datasetId }),
  });
  const wallMs = performance.now() - started;
  const calls = server.requestCount - before;
  const waitedMs = Math.ceil(calls / settings.concurrency) * settings.latencyMs;
  return {
    concurrency: settings.concurrency,
    items: settings.items,
    calls,
    wallMs: Math.round(wallMs),
    itemsPerMinute: Math.round((settings.items / wallMs) * 60_000),
    latencyMs: settings.latencyMs,
    overheadMsPerCall: Number(((wallMs - waitedMs) / Math.max(1, calls)).toFixed(2)),
    callsPerSecond: Number(((calls / wallMs) * 1000).toFixed(1)),
  };
}

/** About a minute on a 2-core machine: 12 + 48 + 256 items at 1 s per call, then 2 × 200 items without. */
export async function measureLlmThroughput(): Promise<LlmThroughput> {
  const folder = mkdtempSync(join(tmpdir(), 'steward-bench-llm-'));
  const server = await startScriptedOpenAiServer({ script: [] });
  const store = await openStore({ kind: 'pglite', dataDir: join(folder, 'db') });
  const table = readCsvRows(readFileSync(csvPath, 'utf8'), 'test_data.csv');
  const context = { store, server, table };
  try {
    // Warm-up: module loading, the first statements, the HTTP agent.
    await measureOne(context, { concurrency: 4, items: 8, latencyMs: 0 });
    const withLatency = [
      await measureOne(context, { concurrency: 1, items: 12, latencyMs: 1000 }),
      await measureOne(context, { concurrency: 8, items: 48, latencyMs: 1000 }),
      await measureOne(context, { concurrency: 64, items: 256, latencyMs: 1000 }),
    ];
    const withoutLatency = [
      await measureOne(context, { concurrency: 1, items: 200, latencyMs: 0 }),
      await measureOne(context, { concurrency: 8, items: 200, latencyMs: 0 }),
    ];
    return { withLatency, withoutLatency };
  } finally {
    await store.close();
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function describeLlmThroughput(result: LlmThroughput): string[] {
  return [
    ...result.withLatency.map(
      (figure) =>
        `llm audit, 1 s per call, concurrency ${figure.concurrency}: ${figure.itemsPerMinute} items/min (${figure.items} items, ${figure.calls} calls, ${figure.wallMs} ms), Steward overhead ${figure.overheadMsPerCall} ms/call`,
    ),
    ...result.withoutLatency.map(
      (figure) =>
        `llm audit, no latency, concurrency ${figure.concurrency}: ${figure.callsPerSecond} calls/s (${figure.overheadMsPerCall} ms wall per call, ${figure.calls} calls)`,
    ),
  ];
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await measureLlmThroughput();
  for (const line of describeLlmThroughput(result)) console.log(line);
}
