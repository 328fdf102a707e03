/**
 * `npm run bench`: the performance figures the foundation issue asks for, measured on this machine.
 * 1. Parse + validate the v1.0 test CSV (4 MB): median ms over repeated runs, and MB/s.
 * 2. Score 1,000,000 synthetic responses with each rule set on one core: responses/s.
 * 3. Full audit of the v1.0 test split (both verifiers, default policy, HTML report) in a child process: cold
 *    (empty database folder: initdb + migrations + every verdict) and warm (the same folder again: nothing left to
 *    verify), wall time including process start, items/s and peak RSS.
 * 4. Unit timings that used to be test assertions (bench/unit-timings.ts): the entity-check and recompute
 *    verifiers over the v1.0 test split and rendering a 1,047-item HTML report, median ms against a budget.
 * 5. LLM audit throughput (bench/llm-throughput.ts): items/min at concurrency 1, 8 and 64 with 1 s per call from the
 *    scripted server, Steward's own overhead per call, and calls/s with no latency.
 * 6. The review API under 50 concurrent reviewers (bench/review-api.ts): p50/p99 of the queue, item and submit
 *    routes, time to the next item, and the web app's gzipped JS bundle.
 * 7. Release publish for a 10,000-item dataset (bench/release-publish.ts), reward throughput in-process and over
 *    HTTP with p99, and RL export of 10,000 items (bench/reward.ts).
 * Writes bench/results/latest.json as well as printing.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULE_SETS } from '../src/answers/index.js';
import { buildDataset } from '../src/dataset/build.js';
import { readCsvRows } from '../src/dataset/read-rows.js';
import { scoreResponses, type ScoredItem } from '../src/eval/score.js';
import type { ModelResponse } from '../src/eval/responses.js';
import { describeLlmThroughput, measureLlmThroughput } from './llm-throughput.js';
import { describeAdversarialInputs, measureAdversarialInputs } from './adversarial-inputs.js';
import { describeMainJob, measureMainJob } from './main-job.js';
import { describeReleasePublish, measureReleasePublish } from './release-publish.js';
import { describeReviewApi, measureReviewApi } from './review-api.js';
import { describeRewardBench, measureRewardBench } from './reward.js';
import { measureUnitTimings } from './unit-timings.js';
import { formatVotingSimulation, simulateVoting } from './voting-simulation.js';

const csvPath = fileURLToPath(new URL('../../shared/data/medcalc-bench-v1.0/test_data.csv', import.meta.url));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function benchParse(): { medianMs: number; megabytesPerSecond: number; rows: number; bytes: number } {
  const bytes = readFileSync(csvPath);
  let rows = 0;
  const times: number[] = [];
  for (let run = 0; run < 12; run++) {
    const start = performance.now();
    const table = readCsvRows(bytes.toString('utf8'), 'test_data.csv');
    const dataset = buildDataset(table.rows, {
      source: 'test_data.csv',
      format: 'csv',
      headers: table.headers,
    });
    times.push(performance.now() - start);
    rows = dataset.instances.length;
  }
  const medianMs = median(times.slice(2));
  return { medianMs, megabytesPerSecond: bytes.length / 1e6 / (medianMs / 1000), rows, bytes: bytes.length };
}

/** Responses in the shapes models produce: JSON dicts (quoted/unquoted), tags, units, percents, lists, junk. */
function syntheticResponse(item: ScoredItem, index: number): string {
  const label = item.label;
  switch (index % 8) {
    case 0:
      return `{"step_by_step_thinking": "Applying the formula step by step.", "answer": "${label}"}`;
    case 1:
      return `Let me think.\n{"step_by_step_thinking": "x", "answer": ${JSON.stringify(label)}}`;
    case 2:
      return `<think>reasoning about the note</think>\n<answer>${label}</answer>`;
    case 3:
      return `{"step_by_step_thinking": "units", "answer": "${label} points"}`;
    case 4:
      return `{"step_by_step_thinking": "pct", "answer": "${label}%"}`;
    case 5:
      return `{"step_by_step_thinking": "a", "answer": "1"} then {"step_by_step_thinking": "b", "answer": "${label}"}`;
    case 6:
      return 'I cannot determine this from the note.';
    default:
      return `{"step_by_step_thinking": "str", "answer": "3 out of 9"}`;
  }
}

function benchScoring(
  items: ScoredItem[],
  total: number,
): Record<string, { seconds: number; perSecond: number; accuracy: number }> {
  const responses: ModelResponse[] = [];
  const scaledItems: ScoredItem[] = [];
  for (let index = 0; index < total; index++) {
    const item = items[index % items.length]!;
    const id = String(index);
    scaledItems.push({ ...item, id });
    responses.push({ id, response: syntheticResponse(item, index), line: index + 1 });
  }
  const results: Record<string, { seconds: number; perSecond: number; accuracy: number }> = {};
  for (const ruleSet of Object.values(RULE_SETS)) {
    scoreResponses({ items: scaledItems.slice(0, 20_000), responses: responses.slice(0, 20_000), ruleSet });
    const start = performance.now();
    const report = scoreResponses({ items: scaledItems, responses, ruleSet });
    const seconds = (performance.now() - start) / 1000;
    results[ruleSet.id] = { seconds, perSecond: total / seconds, accuracy: report.overall.estimate };
  }
  return results;
}

const parse = benchParse();
console.log(
  `parse+validate test_data.csv (${(parse.bytes / 1e6).toFixed(2)} MB, ${parse.rows} rows): ${parse.medianMs.toFixed(1)} ms median, ${parse.megabytesPerSecond.toFixed(1)} MB/s`,
);
const table = readCsvRows(readFileSync(csvPath, 'utf8'), 'test_data.csv');
const dataset = buildDataset(table.rows, { source: 'test_data.csv', format: 'csv', headers: table.headers });
const items: ScoredItem[] = dataset.instances;
const total = Number(process.argv[2] ?? 1_000_000);
const scoring = benchScoring(items, total);
for (const [id, result] of Object.entries(scoring)) {
  console.log(
    `score ${total.toLocaleString('en-US')} responses with ${id}: ${result.seconds.toFixed(2)} s, ${Math.round(result.perSecond).toLocaleString('en-US')} responses/s (one core)`,
  );
}
interface AuditRun {
  wallMs: number;
  itemsPerSecond: number;
  child: { items: number; state: string; totalMs: number; peakRssMb: number; ms: Record<string, number> };
}

function benchAudit(): { cold: AuditRun; warm: AuditRun } {
  const folder = mkdtempSync(join(tmpdir(), 'steward-bench-audit-'));
  const script = fileURLToPath(new URL('./audit-once.ts', import.meta.url));
  const once = (): AuditRun => {
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--import', 'tsx', script, join(folder, 'db')], {
      encoding: 'utf8',
    });
    const wallMs = performance.now() - start;
    if (result.status !== 0) throw new Error(`audit bench failed: ${result.stderr}`);
    const child = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as AuditRun['child'];
    return { wallMs: Math.round(wallMs), itemsPerSecond: Math.round(child.items / (wallMs / 1000)), child };
  };
  try {
    const cold = once();
    const warm = once();
    return { cold, warm };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const units = await measureUnitTimings(dataset);
for (const [name, timing] of Object.entries(units)) {
  console.log(
    `${name}: ${timing.medianMs} ms median of ${timing.runs} (budget ${timing.budgetMs} ms${timing.withinBudget ? '' : ', OVER BUDGET'})`,
  );
}

const audit = benchAudit();
for (const [name, run] of Object.entries(audit)) {
  console.log(
    `audit 1,047 items ${name}: ${run.wallMs} ms wall (${run.itemsPerSecond} items/s), in-process ${run.child.totalMs} ms ${JSON.stringify(run.child.ms)}, peak RSS ${run.child.peakRssMb} MB`,
  );
}

const votingSimulation = simulateVoting();
console.log(formatVotingSimulation(votingSimulation));

const llm = await measureLlmThroughput();
for (const line of describeLlmThroughput(llm)) console.log(line);

// The review API: reviewers who read each item 1–3 s (60× faster than physicians) arriving over 5 s, and a
// closed-loop stress run in which all 50 fire their next request as soon as the last one answers.
const reviewApi = {
  reading: await measureReviewApi({ thinkMs: [1000, 3000], arrivalMs: 5000 }),
  closedLoop: await measureReviewApi(),
};
console.log(describeReviewApi(reviewApi.reading));
console.log(describeReviewApi(reviewApi.closedLoop));

const releasePublish = await measureReleasePublish();
console.log(describeReleasePublish(releasePublish));
const reward = await measureRewardBench();
for (const line of describeRewardBench(reward)) console.log(line);

const adversarialInputs = measureAdversarialInputs();
console.log(describeAdversarialInputs(adversarialInputs));

// The main job and the read commands as users run them (child processes: wall, CPU, peak RSS, against targets).
const mainJob = measureMainJob();
for (const line of describeMainJob(mainJob)) console.log(line);

mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(
  fileURLToPath(new URL('./results/latest.json', import.meta.url)),
  `${JSON.stringify({ node: process.version, date: new Date().toISOString(), parse, scoring, units, audit, votingSimulation, llm, reviewApi, releasePublish, reward, adversarialInputs, mainJob }, null, 2)}\n`,
);
