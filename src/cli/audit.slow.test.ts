import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../test/browser.js';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { stringify } from 'csv-stringify/sync';
import { readCsvRows } from '../dataset/read-rows.js';
import type { RawTable } from '../dataset/read-rows.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import { runCli } from './index.js';
import type { CliIo } from './io.js';
import { findOutputType } from '../audit/display.js';

interface AuditJson {
  schemaVersion: number;
  run: { id: string; state: string; verdictsWritten: number; verdictsReused: number; triageChanged: number };
  summary: { items: number; byStatus: Record<string, number>; byCategory: Record<string, number> };
  reviewQueue: { budget: number | null; items: string[] };
  items: {
    id: string;
    calculatorId: number;
    original: { label: string };
    verdicts: { verifier: string; verifierVersion: string; assessment: string }[];
    triage: { status: string; proposedLabel: string | null; reasons: string[]; impact: number };
  }[];
}

let folder = '';
const REPO = fileURLToPath(new URL('../../', import.meta.url));

let splitTable: RawTable | undefined;

/** Writes some rows of the v1.0 test split as a CSV dataset of its own in the test folder; returns its path. */
function writeRowsOfSplit(name: string, rows: (all: RawTable['rows']) => RawTable['rows']): string {
  splitTable ??= readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'v1');
  const path = join(folder, name);
  writeFileSync(path, stringify(rows(splitTable.rows), { header: true, columns: splitTable.headers }));
  return path;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: { STEWARD_CACHE_DIR: join(folder, 'cache'), HF_ENDPOINT: 'http://127.0.0.1:9' },
    cwd: folder,
    isTty: false,
  };
  const code = await runCli(['node', 'steward', ...args], io);
  return { code, stdout, stderr };
}

describe('steward audit on the v1.0 test split (embedded database)', () => {
  let first: AuditJson;
  let firstStderr = '';

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'steward-audit-cli-'));
    const result = await run([
      'audit',
      requireSharedFile(V1_TEST_CSV),
      '--report',
      'audit.html',
      '--budget',
      '30',
      '--json',
    ]);
    expect(result.stderr.split('\n').filter((line) => line.startsWith('error'))).toEqual([]);
    expect(result.code).toBe(0);
    first = JSON.parse(result.stdout) as AuditJson;
    firstStderr = result.stderr;
  }, 120_000);

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('judges every item with both verifiers and triages every item', () => {
    expect(first.schemaVersion).toBe(1);
    expect(first.run.state).toBe('new');
    expect(first.run.verdictsWritten).toBe(2 * 1047);
    expect(first.items).toHaveLength(1047);
    for (const item of first.items) {
      expect(item.verdicts.map((verdict) => verdict.verifier)).toEqual(['recompute', 'entity-check']);
      expect(TRIAGE_STATUSES).toContain(item.triage.status);
      expect(item.triage.reasons.length).toBeGreaterThan(0);
    }
    const total = TRIAGE_STATUSES.reduce((sum, status) => sum + (first.summary.byStatus[status] ?? 0), 0);
    expect(total).toBe(1047);
  });

  it('stores the default embedded database under ./.steward/db and writes line progress when not a TTY', () => {
    expect(existsSync(join(folder, '.steward', 'db', 'PG_VERSION'))).toBe(true);
    expect(firstStderr).toMatch(/^audit: verify \d+\/1047 items$/m);
    expect(firstStderr.split('\n').length).toBeLessThan(20);
  });

  it('puts the relabel-proposed items on the recomputed label and sends the contentious ones to physicians', () => {
    const relabelled = first.items.filter((item) => item.triage.status === 'relabel-proposed');
    expect(relabelled.length).toBeGreaterThan(0);
    for (const item of relabelled) expect(item.triage.proposedLabel).not.toBeNull();
    // APACHE II labels add the raw GCS (reference §7): none of the 20 can be confirmed.
    const apache = first.items.filter((item) => item.calculatorId === 28);
    expect(apache.filter((item) => item.triage.status === 'confirmed')).toEqual([]);
  });

  it('lists the review queue within the budget, most consequential first', () => {
    expect(first.reviewQueue.budget).toBe(30);
    expect(first.reviewQueue.items.length).toBeLessThanOrEqual(30);
    const impacts = first.reviewQueue.items.map(
      (id) => first.items.find((item) => item.id === id)?.triage.impact ?? -1,
    );
    expect(impacts).toEqual([...impacts].sort((a, b) => b - a));
    for (const id of first.reviewQueue.items) {
      expect(first.items.find((item) => item.id === id)?.triage.status).toBe('needs-physician');
    }
  });

  it('writes the HTML report', () => {
    const html = readFileSync(join(folder, 'audit.html'), 'utf8');
    expect(html).toContain('id="items"');
    expect(html).toContain('<svg');
  });

  const chromiumState = findChromium();
  it.skipIf(chromiumState.kind === 'missing' && !chromiumState.required)(
    'the report of the real audit opens in headless Chromium with no errors, every section and four charts',
    async () => {
      if (chromiumState.kind === 'missing') throw new Error(chromiumState.reason);
      const browser = await chromium.launch({
        executablePath: chromiumState.executablePath,
        args: CHROMIUM_ARGS,
      });
      try {
        const page = await browser.newPage();
        const problems: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
        });
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('requestfailed', (request) => problems.push(`failed: ${request.url()}`));
        await page.goto(pathToFileURL(join(folder, 'audit.html')).href);
        for (const id of ['header', 'totals', 'items', 'calculators', 'charts', 'method']) {
          expect(await page.locator(`#${id}`).isVisible(), id).toBe(true);
        }
        // Every item is in the list (the confirmed ones hidden by the default filter).
        expect(await page.locator('#item-list > li').count()).toBe(1047);
        expect(await page.locator('#charts svg').count()).toBeGreaterThanOrEqual(4);
        // A non-confirmed item opens with its evidence marked in the note.
        await page.locator('#item-list > li:not([hidden]) button').first().click();
        expect(await page.locator('#item-detail mark').count()).toBeGreaterThan(0);
        expect(await page.locator('#calculators tbody tr').count()).toBe(55);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );

  it('re-running is idempotent: nothing new is written', async () => {
    const again = await run(['audit', requireSharedFile(V1_TEST_CSV), '--json']);
    expect(again.code).toBe(0);
    const json = JSON.parse(again.stdout) as AuditJson;
    expect(json.run).toMatchObject({
      id: first.run.id,
      state: 'completed',
      verdictsWritten: 0,
      triageChanged: 0,
    });
    expect(json.run.verdictsReused).toBe(2 * 1047);
    expect(json.summary).toEqual(first.summary);
  });

  it('audit show prints one item with its verdicts, findings, triage and history', async () => {
    const apacheItem = first.items.find((item) => item.calculatorId === 28);
    expect(apacheItem).toBeDefined();
    const shown = await run(['audit', 'show', apacheItem?.id ?? '']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`item ${apacheItem?.id ?? ''} `);
    expect(shown.stdout).toContain('recompute@');
    expect(shown.stdout).toContain('entity-check@');
    expect(shown.stdout).toContain(`original label: ${apacheItem?.original.label ?? ''}`);
    expect(shown.stdout).toMatch(/history:\n {2}\S+ verdict\.recorded by verifier:(recompute|entity-check)@/);
    expect(shown.stdout).toContain('triage.decided');
  });

  it('audit show takes --db and --json after the subcommand', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'steward-audit-elsewhere-'));
    const previous = folder;
    try {
      folder = elsewhere;
      const shown = await run(['audit', 'show', '1', '--db', join(previous, '.steward', 'db'), '--json']);
      expect(shown.code).toBe(0);
      const json = JSON.parse(shown.stdout) as {
        item: { id: string };
        verdicts: { ruleSet: { id: string } }[];
      };
      expect(json.item.id).toBe('1');
      expect(json.verdicts.map((verdict) => verdict.ruleSet.id)).toEqual(['medcalc-v1.0', 'medcalc-v1.0']);
      const decisions = (JSON.parse(shown.stdout) as { triage: { run: { verifiers: { name: string }[] } }[] })
        .triage;
      expect(decisions[0]?.run.verifiers.map((verifier) => verifier.name)).toEqual([
        'recompute',
        'entity-check',
      ]);
      // A read-only command never creates an empty database where there is none.
      const none = await run(['audit', 'show', '1']);
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no Steward database at');
      expect(existsSync(join(elsewhere, '.steward'))).toBe(false);
    } finally {
      folder = previous;
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('audit show names an unknown id and what to do', async () => {
    const shown = await run(['audit', 'show', 'no-such-row']);
    expect(shown.code).toBe(2);
    expect(shown.stderr).toContain('no item "no-such-row"');
    expect(shown.stderr).toContain('fix:');
  });

  it('triage queue lists the same queue as the audit', async () => {
    const queue = await run(['triage', 'queue', '--budget', '30', '--json']);
    expect(queue.code).toBe(0);
    const json = JSON.parse(queue.stdout) as {
      queue: { id: string }[];
      deferred: string[];
      needsPhysician: number;
      dataset: { rows: number };
    };
    expect(json.queue.map((entry) => entry.id)).toEqual(first.reviewQueue.items);
    // The queue reads only the needs-physician decisions, and still counts every one of them and every row.
    const needsPhysician = first.items.filter((item) => item.triage.status === 'needs-physician');
    expect(needsPhysician.length).toBeGreaterThan(json.queue.length);
    expect(json.needsPhysician).toBe(needsPhysician.length);
    expect(new Set([...json.queue.map((entry) => entry.id), ...json.deferred])).toEqual(
      new Set(needsPhysician.map((item) => item.id)),
    );
    expect(json.dataset.rows).toBe(first.summary.items);
  });

  it('triage queue: id is the item id, the decisive reason is cut at a word, integer labels are whole (issue 17)', async () => {
    const text = await run(['triage', 'queue', '--budget', '30']);
    const json = JSON.parse((await run(['triage', 'queue', '--budget', '30', '--json'])).stdout) as {
      queue: {
        id: string;
        row: number;
        calculatorId: number;
        decisiveReason: { rule: string; effect: string; text: string } | null;
      }[];
    };
    const lines = text.stdout.split('\n');
    const header = lines.findIndex((line) => line.startsWith('rank'));
    expect(lines[header]).toContain('reasons (count · decisive)');
    const rows = lines.slice(header + 2).filter((line) => line.trim() !== '');
    expect(rows).toHaveLength(json.queue.length);
    rows.forEach((line, index) => {
      const entry = json.queue[index];
      const item = first.items.find((candidate) => candidate.id === entry?.id);
      const cells = line.split(/ {2,}/);
      // The v1.0 ids are the Row Numbers; the calculator is its own column.
      expect(cells[1]).toBe(entry?.id);
      expect(cells[1]).toMatch(/^\d+$/);
      expect(item).toBeDefined();
      if (findOutputType(entry?.calculatorId) === 'integer') {
        expect(cells[3]).toMatch(/^-?\d+$|^N\/A$/);
        expect(cells[4]).toMatch(/^-?\d+$|^N\/A$|^–$/);
      }
      const decisive = entry?.decisiveReason;
      expect(decisive?.effect).not.toBe('context');
      const full = `[${decisive?.rule ?? ''}] ${decisive?.text ?? ''}`;
      const shown = line.slice(line.indexOf(' · ') + 3);
      expect(shown.length).toBeLessThanOrEqual(80);
      if (shown.endsWith('…')) {
        const kept = shown.slice(0, -1);
        expect(full.startsWith(kept)).toBe(true);
        expect(full.charAt(kept.length)).toMatch(/[\s,;:]/);
      } else {
        expect(shown).toBe(full);
      }
    });
  });

  it('triage sample draws the same stratified sample for the same seed, and a CSV with weights', async () => {
    const one = await run(['triage', 'sample', '--n', '50', '--seed', '7', '--json', '--out', 'sample.csv']);
    const two = await run(['triage', 'sample', '--n', '50', '--seed', '7', '--json']);
    expect(one.code).toBe(0);
    const first = JSON.parse(one.stdout) as { items: { id: string; stratum: string; weight: number }[] };
    const second = JSON.parse(two.stdout) as { items: { id: string }[] };
    expect(first.items).toHaveLength(50);
    expect(second.items.map((item) => item.id)).toEqual(first.items.map((item) => item.id));
    const weights = first.items.reduce((sum, item) => sum + item.weight, 0);
    expect(weights).toBeCloseTo(1047, 6);
    const csv = readFileSync(join(folder, 'sample.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('id,stratum,weight,stratum_size,population,seed,dataset,run_id,policy_hash');
    expect(csv).toHaveLength(51);
  });

  it('triage estimate turns physician outcomes on the sample into a stratified accuracy with a CI', async () => {
    await run(['triage', 'sample', '--n', '60', '--seed', 'est', '--out', 'est.csv']);
    const sampled = readFileSync(join(folder, 'est.csv'), 'utf8').trim().split('\n').slice(1);
    // Pretend physicians found exactly the confirmed labels correct: strata are homogeneous, so the stratified
    // estimate must equal the confirmed share of the whole population, whatever was drawn.
    const outcomes = sampled.map((line) => {
      const [id, stratum] = line.split(',');
      return `${id ?? ''},${stratum === 'confirmed' ? 'yes' : 'no'}`;
    });
    writeFileSync(join(folder, 'outcomes.csv'), ['id,correct', ...outcomes].join('\n'));
    const result = await run([
      'triage',
      'estimate',
      '--sample',
      'est.csv',
      '--outcomes',
      'outcomes.csv',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as {
      estimate: number;
      low: number;
      high: number;
      population: number;
    };
    expect(json.population).toBe(1047);
    expect(json.estimate).toBeCloseTo((first.summary.byStatus['confirmed'] ?? 0) / 1047, 12);
    expect(json.low).toBeLessThanOrEqual(json.estimate);
    expect(json.high).toBeGreaterThanOrEqual(json.estimate);

    writeFileSync(join(folder, 'partial.csv'), 'id,correct\n' + (outcomes[0] ?? ''));
    const partial = await run(['triage', 'estimate', '--sample', 'est.csv', '--outcomes', 'partial.csv']);
    expect(partial.code).toBe(2);
    expect(partial.stderr).toMatch(/no outcome for 59 sampled item/);
  });

  it('refuses a dataset whose item ids repeat, naming the rows', async () => {
    const path = writeRowsOfSplit('duplicate-ids.csv', (rows) => [rows[0] ?? {}, rows[0] ?? {}]);
    // On the database the other tests use (cheaper to open than a new one): ids are checked before anything is stored.
    const result = await run(['audit', path]);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('duplicate item id (id "1" in rows 1 and 2)');
  });

  it('checks the report folder before auditing anything', async () => {
    const result = await run(['audit', requireSharedFile(V1_TEST_CSV), '--report', 'no-such-folder/r.html']);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('the folder');
    expect(result.stderr).toContain('no-such-folder does not exist');
    expect(result.stderr).not.toMatch(/audit: verify/);
    const onFolder = await run(['audit', requireSharedFile(V1_TEST_CSV), '--report', '.']);
    expect(onFolder.code).toBe(3);
    expect(onFolder.stderr).toContain('is a folder');
    expect(onFolder.stderr).not.toMatch(/audit: verify/);
  });

  it('later commands follow the audit used last (here: another policy, then the default again)', async () => {
    const strict = JSON.parse(readFileSync(join(REPO, 'docs', 'triage-policy.example.json'), 'utf8')) as {
      name: string;
    };
    strict.name = 'strict-copy';
    writeFileSync(join(folder, 'strict.json'), JSON.stringify(strict));
    // Twelve rows of the split, audited as the whole split is above (the default policy first), so that the last
    // audit reuses a run started before the other policy's: three small audits instead of two of the whole split.
    const head = writeRowsOfSplit('head.csv', (rows) => rows.slice(0, 12));
    expect((await run(['audit', head])).code).toBe(0);
    expect((await run(['audit', head, '--policy', 'strict.json'])).code).toBe(0);
    const queueStrict = JSON.parse((await run(['triage', 'queue', '--json'])).stdout) as {
      policy: { name: string };
    };
    expect(queueStrict.policy.name).toBe('strict-copy@1.5.0');
    expect((await run(['audit', head])).code).toBe(0);
    const queueDefault = JSON.parse((await run(['triage', 'queue', '--dataset', head, '--json'])).stdout) as {
      policy: { name: string };
    };
    expect(queueDefault.policy.name).toBe('steward-default@1.5.0');
  });

  it('rejects an unknown verifier and a malformed policy file before touching the database', async () => {
    const unknown = await run(['audit', requireSharedFile(V1_TEST_CSV), '--verifiers', 'recompute,oracle']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown verifier "oracle"');
    const policyPath = join(folder, 'policy.json');
    writeFileSync(policyPath, '{"name": 3}');
    const bad = await run(['audit', requireSharedFile(V1_TEST_CSV), '--policy', policyPath]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('policy.json');
  });
});
