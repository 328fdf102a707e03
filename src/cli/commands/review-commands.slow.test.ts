import { labelAllBatches } from '../../../test/label-batches.js';
import { runSteward } from '../../../test/run-steward.js';
import type { StewardRun } from '../../../test/run-steward.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../../test/shared-data.js';
import { readCsvRows } from '../../dataset/read-rows.js';

let folder = '';
let queueItems = 0;

function run(args: string[]): Promise<StewardRun> {
  return runSteward(args, { cwd: folder });
}

/** Two physicians label every item of the store's open batches: they agree on even ranks, not on odd ones. */
async function labelEverything(): Promise<void> {
  // Reviewer 1 always answers "ORIGINAL"; reviewer 2 agrees on every other item.
  await labelAllBatches(folder, {
    emails: ['p1@example.org', 'p2@example.org'],
    now: new Date(),
    answerFor: (physician, count) => (physician === 0 || count % 2 === 0 ? 'ORIGINAL' : '99999'),
  });
}

describe('steward review batch, stats and export', () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'steward-review-cli-'));
    const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), V1_TEST_CSV);
    writeFileSync(
      join(folder, 'subset.csv'),
      stringify(table.rows.slice(0, 200), { header: true, columns: [...table.headers] }),
    );
    const audit = await run(['audit', 'subset.csv']);
    expect(audit.code, audit.stderr).toBe(0);
  }, 120_000);

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('builds a batch from the queue and from a triage sample, with clear errors for bad settings', async () => {
    const queue = await run([
      'review',
      'batch',
      '--budget',
      '4',
      '--reviewers',
      '2',
      '--extra-rate',
      '0',
      '--json',
    ]);
    expect(queue.code, queue.stderr).toBe(0);
    const built = JSON.parse(queue.stdout) as {
      batch: { items: number; source: string; labelsRequired: number };
    };
    // The first 200 rows have fewer needs-physician items than the budget: all of them.
    expect(built.batch.items).toBeGreaterThan(0);
    expect(built.batch.items).toBeLessThanOrEqual(4);
    expect(built.batch).toMatchObject({ source: 'queue', labelsRequired: 2 * built.batch.items });
    queueItems = built.batch.items;

    const sample = await run(['triage', 'sample', '--n', '6', '--seed', 'review', '--out', 'sample.csv']);
    expect(sample.code, sample.stderr).toBe(0);
    const fromSample = await run([
      'review',
      'batch',
      '--sample',
      'sample.csv',
      '--name',
      'validation',
      '--json',
    ]);
    expect(fromSample.code, fromSample.stderr).toBe(0);
    expect(
      (JSON.parse(fromSample.stdout) as { batch: { items: number; source: string } }).batch,
    ).toMatchObject({
      items: 6,
      source: 'sample',
    });

    const bad = await run(['review', 'batch', '--extra-rate', '1.5']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/extra-reviewer rate must be within 0–1/);
  });

  it('reports agreement and exports the outcomes that triage estimate reads', async () => {
    await labelEverything();
    const stats = await run(['review', 'stats', '--json']);
    expect(stats.code, stats.stderr).toBe(0);
    const figures = JSON.parse(stats.stdout) as {
      items: { total: number; resolved: number; escalated: number; fullyLabelled: number };
      physicians: { percentAgreement: { estimate: number; n: number; ci: { low: number; high: number } } };
    };
    const total = queueItems + 6;
    expect(figures.items.total).toBe(total);
    expect(figures.items.fullyLabelled).toBe(total);
    expect(figures.items.resolved + figures.items.escalated).toBe(total);
    expect(figures.items.resolved).toBeGreaterThan(0);
    expect(figures.items.escalated).toBeGreaterThan(0);
    expect(figures.physicians.percentAgreement.n).toBe(total);
    expect(figures.physicians.percentAgreement.estimate).toBeCloseTo(figures.items.resolved / total, 10);
    const text = await run(['review', 'stats']);
    expect(text.stdout).toMatch(/percent agreement .*95% CI/);

    const exported = await run(['review', 'export', '--out', 'outcomes.csv', '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const summary = JSON.parse(exported.stdout) as { items: number; undecided: number };
    expect(summary.items).toBe(figures.items.resolved);
    const outcomes = readFileSync(join(folder, 'outcomes.csv'), 'utf8').trim().split('\n');
    expect(outcomes[0]).toBe('id,correct,final_label,provenance,batch');
    // Resolved items carry the physicians' shared answer "ORIGINAL", which no original label equals.
    expect(outcomes.slice(1).every((line) => line.split(',')[1] === 'false')).toBe(true);

    // `--sample` keeps the sampled items only and names those still undecided; once they have an outcome, the
    // file feeds the accuracy estimate as it is.
    const sampled = await run([
      'review',
      'export',
      '--out',
      'sample-outcomes.csv',
      '--sample',
      'sample.csv',
      '--json',
    ]);
    expect(sampled.code, sampled.stderr).toBe(0);
    const sampledSummary = JSON.parse(sampled.stdout) as { items: number; missingFromSample: string[] };
    const sampleIds = readFileSync(join(folder, 'sample.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '');
    expect(sampledSummary.items + sampledSummary.missingFromSample.length).toBe(sampleIds.length);
    const exportedIds = readFileSync(join(folder, 'sample-outcomes.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0] ?? '');
    expect(exportedIds.every((id) => sampleIds.includes(id))).toBe(true);
    // The undecided ones are settled here by hand (a physician would adjudicate them).
    writeFileSync(
      join(folder, 'sample-outcomes.csv'),
      [
        readFileSync(join(folder, 'sample-outcomes.csv'), 'utf8').trim(),
        ...sampledSummary.missingFromSample.map((id) => `${id},true,,,`),
      ].join('\n'),
    );
    const estimate = await run([
      'triage',
      'estimate',
      '--sample',
      'sample.csv',
      '--outcomes',
      'sample-outcomes.csv',
      '--json',
    ]);
    expect(estimate.code, estimate.stderr).toBe(0);
  });

  it('serves the app until stopped, on a free port', async () => {
    const controller = new AbortController();
    let url = '';
    const { serveCommand } = await import('./serve.js');
    const served = serveCommand({
      port: 0,
      host: '127.0.0.1',
      db: undefined,
      secureCookies: undefined,
      json: undefined,
      webRoot: null,
      io: {
        stdout: () => undefined,
        stderr: () => undefined,
        env: {},
        cwd: folder,
        isTty: false,
        signal: controller.signal,
      },
      onListening: (listening) => {
        url = listening;
      },
    });
    for (let attempt = 0; attempt < 100 && url === ''; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    const queue = await fetch(`${url}/api/queue`);
    expect(queue.status).toBe(401);
    controller.abort();
    const result = await served;
    expect(result.json).toMatchObject({ stopped: true });
  });
});
