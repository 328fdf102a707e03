/**
 * Reward and RL-export figures (issue 16):
 * (a) rewards/s in-process, both modes, on ~2,000-character responses (labels parsed from their JSON each time,
 *     as the service does);
 * (b) rewards/s over loopback HTTP with batches of 1,024 such responses (POST /score and POST /openrlhf), with
 *     p50/p99 request latency; the client is a worker thread sending bodies serialised once, ASCII-escaped as
 *     Python's json.dumps writes them (a trainer is another process that serialises on its own time);
 * (c) `rl export` time for a 10,000-item release (read JSONL + plan + Parquet + JSONL + manifest).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { DEFAULT_SYSTEM_PROMPT, planRlExport, readSourceItems, writeRlExport } from '../src/rl/export.js';
import { createRewardApp } from '../src/rl/reward-app.js';
import { resolveRewardSettings, scoreResponse, type RewardMode } from '../src/rl/reward.js';
import { makeReleaseRow } from '../src/rl/test-fixtures.js';

export const REWARD_TARGETS = { inProcessPerSecond: 250_000, httpPerSecond: 50_000 } as const;
const BATCH = 1024;

const LABELS = [
  JSON.stringify({
    answer: '23.5',
    lower: '22.325',
    upper: '24.675',
    calculatorId: 6,
    outputType: 'decimal',
  }),
  JSON.stringify({ answer: '4', lower: '3.8', upper: '4.2', calculatorId: 4, outputType: 'integer' }),
  JSON.stringify({ answer: '08/31/2023', lower: '08/31/2023', upper: '08/31/2023', calculatorId: 13 }),
  JSON.stringify({
    answer: "('4 weeks', '2 days')",
    lower: "('4 weeks', '2 days')",
    upper: "('4 weeks', '2 days')",
    calculatorId: 69,
  }),
  JSON.stringify({ answer: 'N/A', lower: null, upper: null, calculatorId: 2 }),
];
const ANSWERS = ['23.6', '4', '08/31/2023', '(4 weeks, 2 days)', 'unknown', '31.2', 'N/A', '09/01/2023'];
const FILLER =
  'Step: the note gives weight 70 kg, height 170 cm, creatinine 1.2 mg/dL; converting units and applying the formula term by term. ';

/** ~2,000 characters of reasoning, then an answer (or, one in eight, no tag at all). */
function makeResponse(index: number): string {
  const reasoning = FILLER.repeat(17).slice(0, 1975 + (index % 50));
  return index % 8 === 7
    ? `${reasoning} So about 23.`
    : `${reasoning}\n<answer>${ANSWERS[index % ANSWERS.length]}</answer>`;
}

export interface RewardThroughput {
  mode: RewardMode;
  rewards: number;
  seconds: number;
  perSecond: number;
  meanResponseChars: number;
}

/** (a) In-process rewards/s per mode. */
export function measureRewardThroughput(total = 1_000_000): RewardThroughput[] {
  const responses = Array.from({ length: 4096 }, (_, index) => makeResponse(index));
  const labels = responses.map((_, index) => LABELS[index % LABELS.length] as string);
  const meanResponseChars = responses.reduce((sum, response) => sum + response.length, 0) / responses.length;
  return (['paper-compatible', 'abstention-aware'] as const).map((mode) => {
    const settings = resolveRewardSettings({ mode });
    let checksum = 0;
    for (let index = 0; index < 50_000; index++)
      checksum += scoreResponse(responses[index & 4095]!, labels[index & 4095], settings).score;
    const started = performance.now();
    for (let index = 0; index < total; index++)
      checksum += scoreResponse(responses[index & 4095]!, labels[index & 4095], settings).score;
    const seconds = (performance.now() - started) / 1000;
    if (Number.isNaN(checksum)) throw new Error('unreachable');
    return { mode, rewards: total, seconds, perSecond: total / seconds, meanResponseChars };
  });
}

export interface HttpThroughput {
  route: '/score' | '/openrlhf';
  batch: number;
  requests: number;
  concurrency: number;
  bodyBytes: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * The load generator runs in a worker thread with node:http and keep-alive, so the client's own work does not
 * share the server's event loop (a trainer is another process).
 */
const CLIENT_SOURCE = `
const http = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const { url, body, requests, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const payload = Buffer.from(body);
const send = () => new Promise((resolve, reject) => {
  const started = performance.now();
  const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (response) => {
    response.resume();
    response.on('end', () => response.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error('status ' + response.statusCode)));
  });
  request.on('error', reject);
  request.end(payload);
});
(async () => {
  for (let warm = 0; warm < 10; warm++) await send();
  const latencies = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < requests) { next++; latencies.push(await send()); }
  }));
  parentPort.postMessage({ latencies, seconds: (performance.now() - started) / 1000 });
  agent.destroy();
})().catch((error) => parentPort.postMessage({ error: String(error) }));
`;

function runClient(workerData: {
  url: string;
  body: string;
  requests: number;
  concurrency: number;
}): Promise<{ latencies: number[]; seconds: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(CLIENT_SOURCE, { eval: true, workerData });
    worker.once('message', (message: { latencies: number[]; seconds: number } | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
  });
}

/**
 * JSON as Python's `json.dumps` writes it (OpenRLHF's aiohttp client, the verl shim): non-ASCII characters as
 * \\uXXXX escapes, so the body is pure ASCII, as it is from a real trainer.
 */
function encodeLikePython(json: string): string {
  return json.replace(
    /[\u0080-\uffff]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

/** (b) Rewards/s over loopback HTTP, batches of 1,024, a few requests in flight. */
export async function measureRewardHttp(
  options: { requests?: number; concurrency?: number } = {},
): Promise<HttpThroughput[]> {
  const requests = options.requests ?? 200;
  const concurrency = options.concurrency ?? 4;
  const app = createRewardApp({ mode: 'abstention-aware' });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(started));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const prompt = `<|im_start|>system\n${DEFAULT_SYSTEM_PROMPT}<|im_end|>\n<|im_start|>user\nPatient Note: …\n\nQuestion: …<|im_end|>\n<|im_start|>assistant\n`;
  const makeBody = (route: HttpThroughput['route'], batch: number): string => {
    const responses = Array.from({ length: batch }, (_, index) => makeResponse(index));
    const labels = responses.map((_, index) => LABELS[index % LABELS.length] as string);
    return encodeLikePython(
      route === '/score'
        ? JSON.stringify({ items: responses.map((response, index) => ({ response, label: labels[index] })) })
        : JSON.stringify({
            query: responses.map((response) => `${prompt}${response}<|im_end|>`),
            prompts: responses.map(() => prompt),
            labels,
          }),
    );
  };
  // Batches of 1,024 (the target), and OpenRLHF >= 0.10's one sample per request with many in flight.
  const scenarios: {
    route: HttpThroughput['route'];
    batch: number;
    requests: number;
    concurrency: number;
  }[] = [
    { route: '/score', batch: BATCH, requests, concurrency },
    { route: '/openrlhf', batch: BATCH, requests, concurrency },
    { route: '/openrlhf', batch: 1, requests: 20_000, concurrency: 64 },
  ];
  const results: HttpThroughput[] = [];
  try {
    for (const scenario of scenarios) {
      const body = makeBody(scenario.route, scenario.batch);
      const { latencies, seconds } = await runClient({
        url: `${url}${scenario.route}`,
        body,
        requests: scenario.requests,
        concurrency: scenario.concurrency,
      });
      latencies.sort((a, b) => a - b);
      results.push({
        route: scenario.route,
        batch: scenario.batch,
        requests: latencies.length,
        concurrency: scenario.concurrency,
        bodyBytes: Buffer.byteLength(body),
        perSecond: (latencies.length * scenario.batch) / seconds,
        p50Ms: percentile(latencies, 0.5),
        p99Ms: percentile(latencies, 0.99),
      });
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return results;
}

export interface ExportTiming {
  items: number;
  readMs: number;
  planMs: number;
  writeMs: number;
  totalMs: number;
  parquetBytes: number;
}

/** (c) `rl export` of a 10,000-item release (8,000 train + 2,000 test, ~1,500-character notes). */
export async function measureRlExport(items = 10_000): Promise<ExportTiming> {
  const dir = mkdtempSync(join(tmpdir(), 'steward-bench-rl-'));
  try {
    const note = 'History and examination. '.repeat(60);
    const rows = Array.from({ length: items }, (_, index) =>
      makeReleaseRow(index + 1, {
        note: `${note} Patient ${index % 9000}.`,
        ...(index % 50 === 0 ? { status: 'withheld' } : {}),
      }),
    );
    const trainCount = Math.round(items * 0.8);
    const write = (name: string, part: readonly object[]) =>
      writeFileSync(join(dir, name), part.map((row) => JSON.stringify(row)).join('\n'));
    write('train_data.jsonl', rows.slice(0, trainCount));
    write('test_data.jsonl', rows.slice(trainCount));
    const started = performance.now();
    const sources = [
      { split: 'train', path: join(dir, 'train_data.jsonl') },
      { split: 'test', path: join(dir, 'test_data.jsonl') },
    ];
    const read = (await Promise.all(sources.map((source) => readSourceItems(source, dir)))).flat();
    const readDone = performance.now();
    const plan = planRlExport({
      items: read,
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      split: true,
      dropLeaks: true,
      defaultLabelVersion: 'bench',
    });
    const planDone = performance.now();
    const { files } = await writeRlExport(plan, {
      out: join(dir, 'out'),
      format: 'verl',
      systemPrompt: DEFAULT_SYSTEM_PROMPT,
      sources,
    });
    const done = performance.now();
    return {
      items,
      readMs: readDone - started,
      planMs: planDone - readDone,
      writeMs: done - planDone,
      totalMs: done - started,
      parquetBytes: files
        .filter((file) => file.name.endsWith('.parquet'))
        .reduce((sum, file) => sum + file.bytes, 0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RewardBench {
  inProcess: RewardThroughput[];
  http: HttpThroughput[];
  export: ExportTiming;
  targets: typeof REWARD_TARGETS;
  met: { inProcess: boolean; http: boolean };
}

export async function measureRewardBench(): Promise<RewardBench> {
  const inProcess = measureRewardThroughput();
  const http = await measureRewardHttp();
  const exportTiming = await measureRlExport();
  return {
    inProcess,
    http,
    export: exportTiming,
    targets: REWARD_TARGETS,
    met: {
      inProcess: inProcess.every((result) => result.perSecond >= REWARD_TARGETS.inProcessPerSecond),
      http: http
        .filter((result) => result.batch === BATCH)
        .every((result) => result.perSecond >= REWARD_TARGETS.httpPerSecond),
    },
  };
}

const thousands = (value: number) => Math.round(value).toLocaleString('en-US');

export function describeRewardBench(bench: RewardBench): string[] {
  return [
    ...bench.inProcess.map(
      (result) =>
        `reward ${result.mode}: ${thousands(result.perSecond)} rewards/s in-process (${thousands(result.rewards)} responses of ~${thousands(result.meanResponseChars)} chars; target ≥ ${thousands(bench.targets.inProcessPerSecond)})`,
    ),
    ...bench.http.map(
      (result) =>
        `reward HTTP ${result.route}: ${thousands(result.perSecond)} rewards/s, batches of ${result.batch} (${result.bodyBytes >= 1e5 ? `${(result.bodyBytes / 1e6).toFixed(1)} MB` : `${(result.bodyBytes / 1e3).toFixed(1)} kB`}), ${result.concurrency} in flight, p50 ${result.p50Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(1)} ms (target ≥ ${thousands(bench.targets.httpPerSecond)}/s)`,
    ),
    `rl export of ${thousands(bench.export.items)} items: ${bench.export.totalMs.toFixed(0)} ms (read ${bench.export.readMs.toFixed(0)}, plan ${bench.export.planMs.toFixed(0)}, write ${bench.export.writeMs.toFixed(0)}; Parquet ${(bench.export.parquetBytes / 1e6).toFixed(1)} MB)`,
  ];
}
