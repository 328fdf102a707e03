import { randomUUID } from 'node:crypto';
import { labelAllBatches } from '../../../test/label-batches.js';
import { runSteward } from '../../../test/run-steward.js';
import type { StewardRun } from '../../../test/run-steward.js';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../../test/shared-data.js';
import { buildDataset } from '../../dataset/build.js';
import { readCsvRows, readParquetRows } from '../../dataset/read-rows.js';
import { V1_COLUMNS } from '../../dataset/columns.js';
import { addUser } from '../../store/accounts.js';
import { openStore } from '../../store/open.js';
import { adjudicateItem } from '../../store/review-adjudication.js';

let folder = '';
let originalRows: Record<string, unknown>[] = [];
let headers: string[] = [];
/** The review items: the first two resolved by agreement, the third escalated (adjudicated before 1.2.0). */
const reviewed: { itemId: string; batchId: string; answer: string }[] = [];

function run(args: string[]): Promise<StewardRun> {
  return runSteward(args, { cwd: folder });
}

function originalLabel(itemId: string): string {
  const row = originalRows.find((candidate) => candidate['Row Number'] === itemId);
  return String(row?.['Ground Truth Answer']);
}

/** Two physicians label the batch: they agree (on original + 10) on the first two items, not on the third. */
async function labelBatch(): Promise<void> {
  await labelAllBatches(folder, {
    emails: ['p1@example.org', 'p2@example.org'],
    now: new Date('2026-12-03T10:00:00Z'),
    answerFor: (physician, count, entry) => {
      const agreed = String(Number(originalLabel(entry.itemId)) + 10);
      if (physician === 0) reviewed.push({ itemId: entry.itemId, batchId: entry.batchId, answer: agreed });
      return physician === 1 && count === 2 ? String(Number(agreed) * 3 + 50) : agreed;
    },
  });
}

interface JsonlRow {
  'Row Number': string;
  'Ground Truth Answer': string;
  'Label Status': string;
  'Original Label': string;
  'Label Version': string;
}

function readJsonl(path: string): JsonlRow[] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as JsonlRow);
}

describe('steward release plan, publish, verify and diff', () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'steward-release-cli-'));
    const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), V1_TEST_CSV);
    headers = table.headers;
    // Creatinine clearance, CKD-EPI, CHA2DS2-VASc and free water deficit: numeric, with relabels and held items.
    originalRows = table.rows.filter((row) => {
      const id = Number(row['Row Number']);
      return id <= 60 || (id >= 461 && id <= 500);
    });
    writeFileSync(join(folder, 'subset.csv'), stringify(originalRows, { header: true, columns: headers }));
    const audit = await run(['audit', 'subset.csv']);
    expect(audit.code, audit.stderr).toBe(0);
    const batch = await run(['review', 'batch', '--budget', '3', '--reviewers', '2', '--extra-rate', '0']);
    expect(batch.code, batch.stderr).toBe(0);
    await labelBatch();
  }, 180_000);

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('plans without writing, then publishes 1.1.0 as a drop-in v1.0 file', async () => {
    expect(reviewed).toHaveLength(3);
    const plan = await run(['release', 'plan', '1.1.0', '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const planned = JSON.parse(plan.stdout) as {
      counts: { items: number; byStatus: Record<string, number> };
      rows: { id: string; decision: { status: string; newLabel: string | null } }[];
    };
    expect(planned.counts.items).toBe(originalRows.length);
    expect(planned.counts.byStatus['verified']).toBe(2);
    expect(planned.rows.map((row) => row.id)).toEqual(originalRows.map((row) => row['Row Number']));
    const text = await run(['release', 'plan', '1.1.0']);
    expect(text.stdout).toMatch(/plan only: nothing written/);
    expect(text.stdout).toMatch(/## 1\.1\.0/);

    const bad = await run(['release', 'publish', '1.1', '--out', 'r']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a semantic version/);

    const published = await run(['release', 'publish', '1.1.0', '--out', 'releases-1.1.0']);
    expect(published.code, published.stderr).toBe(0);
    const dir = join(folder, 'releases-1.1.0');

    // The CSV: exactly the v1.0 header, every row in order, loads with the v1.0 reader without problems.
    const csvText = readFileSync(join(dir, 'test_data.csv'), 'utf8');
    const released = readCsvRows(csvText, 'test_data.csv');
    expect(released.headers).toEqual([...V1_COLUMNS]);
    expect(released.headers).toEqual(headers);
    const dataset = buildDataset(released.rows, {
      source: 'test_data.csv',
      format: 'csv',
      headers: released.headers,
    });
    expect(dataset.layout).toBe('medcalc-v1.0');
    expect(dataset.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
    expect(dataset.instances.map((instance) => instance.id)).toEqual(
      originalRows.map((row) => row['Row Number']),
    );

    const jsonl = readJsonl(join(dir, 'test_data.jsonl'));
    const byId = new Map(jsonl.map((row) => [row['Row Number'], row]));
    for (const [index, item] of reviewed.slice(0, 2).entries()) {
      const row = byId.get(item.itemId)!;
      expect(row['Label Status'], `reviewed item ${index}`).toBe('verified');
      expect(row['Ground Truth Answer']).toBe(item.answer);
      expect(row['Original Label']).toBe(originalLabel(item.itemId));
      expect(row['Label Version']).toBe('1.1.0');
      const instance = dataset.instances.find((candidate) => candidate.id === item.itemId)!;
      expect(instance.label).toBe(item.answer);
      if (instance.outputType === 'decimal') {
        expect(Number(instance.lowerLimit)).toBeCloseTo(Number(item.answer) * 0.95, 9);
        expect(Number(instance.upperLimit)).toBeCloseTo(Number(item.answer) * 1.05, 9);
      }
    }
    expect(byId.get(reviewed[2]!.itemId)!['Label Status']).toBe('withheld');
    expect(byId.get(reviewed[2]!.itemId)!['Ground Truth Answer']).toBe(originalLabel(reviewed[2]!.itemId));
    // Unchanged rows are byte-for-byte the original fields.
    for (const row of released.rows) {
      const original = originalRows.find((candidate) => candidate['Row Number'] === row['Row Number'])!;
      if (row['Ground Truth Answer'] === original['Ground Truth Answer']) expect(row).toEqual(original);
    }
    const parquet = await readParquetRows(
      new Uint8Array(readFileSync(join(dir, 'test_data.parquet'))).buffer,
      'test_data.parquet',
    );
    expect(parquet.rows).toHaveLength(originalRows.length);
    expect(parquet.rows[0]).toMatchObject({ 'Label Status': jsonl[0]!['Label Status'] });
    const changes = readFileSync(join(dir, 'changes.jsonl'), 'utf8').trim().split('\n');
    expect(changes.length).toBe(
      jsonl.filter((row) => row['Ground Truth Answer'] !== row['Original Label']).length,
    );
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(card).toMatch(/^---\nlicense: cc-by-sa-4.0\n/);
    expect(card).toMatch(/annotations_creators:\n {2}- machine-generated\n {2}- expert-generated/);

    // `steward score` reads the release CSV unchanged with the v1.0 rules: answering the new labels scores 100%.
    writeFileSync(
      join(folder, 'responses.jsonl'),
      released.rows
        .map((row) =>
          JSON.stringify({
            id: row['Row Number'],
            response: `{"answer": "${String(row['Ground Truth Answer'])}"}`,
          }),
        )
        .join('\n'),
    );
    const score = await run([
      'score',
      '--dataset',
      'releases-1.1.0/test_data.csv',
      '--responses',
      'responses.jsonl',
      '--rules',
      'medcalc-v1.0',
      '--json',
    ]);
    expect(score.code, score.stderr).toBe(0);
    const overall = (JSON.parse(score.stdout) as { overall: { successes: number; total: number } }).overall;
    expect(overall).toMatchObject({ successes: originalRows.length, total: originalRows.length });
    const againstOriginal = await run([
      'score',
      '--dataset',
      'subset.csv',
      '--responses',
      'responses.jsonl',
      '--json',
    ]);
    const before = (JSON.parse(againstOriginal.stdout) as { overall: { successes: number } }).overall;
    expect(before.successes).toBeLessThan(originalRows.length);
  }, 120_000);

  it('refuses to publish a version twice or into a non-empty folder', async () => {
    const again = await run(['release', 'publish', '1.1.0', '--out', 'elsewhere']);
    expect(again.code).toBe(9);
    expect(again.stderr).toMatch(/already published/);
    writeFileSync(join(folder, 'occupied.txt'), 'x');
    const occupied = await run(['release', 'publish', '1.1.1', '--out', '.']);
    expect(occupied.code).toBe(2);
    expect(occupied.stderr).toMatch(/not empty/);
  });

  it('verifies the hashes, and names the file after tampering', async () => {
    const ok = await run(['release', 'verify', 'releases-1.1.0']);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/all 6 files match/);
    writeFileSync(
      join(folder, 'copy-1.1.0.csv'),
      readFileSync(join(folder, 'releases-1.1.0', 'test_data.csv')),
    );
    appendFileSync(join(folder, 'releases-1.1.0', 'test_data.csv'), '\n');
    const tampered = await run(['release', 'verify', 'releases-1.1.0', '--json']);
    expect(tampered.code).toBe(1);
    const result = JSON.parse(tampered.stdout) as { ok: boolean; files: { path: string; status: string }[] };
    expect(result.ok).toBe(false);
    expect(result.files.filter((file) => file.status !== 'ok').map((file) => file.path)).toEqual([
      'test_data.csv',
    ]);
    writeFileSync(
      join(folder, 'releases-1.1.0', 'test_data.csv'),
      readFileSync(join(folder, 'copy-1.1.0.csv')),
    );
    expect((await run(['release', 'verify', 'releases-1.1.0'])).code).toBe(0);
  });

  it('publishes 1.2.0 after one more decision and diffs it against 1.1.0 and v1.0', async () => {
    const escalated = reviewed[2]!;
    const store = await openStore({ kind: 'pglite', dataDir: join(folder, '.steward', 'db') });
    try {
      const adjudicator = await addUser(store.db, {
        email: 'adj@example.org',
        role: 'adjudicator',
        actor: 'test',
      });
      await adjudicateItem(store.db, {
        batchId: escalated.batchId,
        itemId: escalated.itemId,
        userId: adjudicator.id,
        email: adjudicator.email,
        outcome: 'answer',
        finalLabel: escalated.answer,
        errorCategory: 'calculator-logic',
        rationale: 'recomputed by hand',
        now: new Date('2026-12-04T10:00:00Z'),
        newId: randomUUID,
      });
    } finally {
      await store.close();
    }
    const published = await run([
      'release',
      'publish',
      '1.2.0',
      '--out',
      'releases-1.2.0',
      '--from',
      'releases-1.1.0',
    ]);
    expect(published.code, published.stderr).toBe(0);
    const jsonl = readJsonl(join(folder, 'releases-1.2.0', 'test_data.jsonl'));
    const row = jsonl.find((candidate) => candidate['Row Number'] === escalated.itemId)!;
    expect(row).toMatchObject({
      'Label Status': 'verified',
      'Ground Truth Answer': escalated.answer,
      'Label Version': '1.2.0',
    });
    // Labels first set in 1.1.0 keep that version.
    const earlier = jsonl.find((candidate) => candidate['Row Number'] === reviewed[0]!.itemId)!;
    expect(earlier['Label Version']).toBe('1.1.0');
    const changelog = readFileSync(join(folder, 'releases-1.2.0', 'CHANGELOG.md'), 'utf8');
    expect(changelog.indexOf('## 1.2.0')).toBeLessThan(changelog.indexOf('## 1.1.0'));
    const change = readFileSync(join(folder, 'releases-1.2.0', 'changes.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            item_key: { row_number: string };
            method: string;
            decided_by: { adjudicator?: string };
            error_type: string;
          },
      )
      .find((candidate) => candidate.item_key.row_number === escalated.itemId)!;
    expect(change).toMatchObject({ method: 'adjudicated', error_type: 'calculator-logic' });
    // Public files name no clinician by default: the adjudicator is the sha256 of the recorded name.
    expect(change.decided_by.adjudicator).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(change)).not.toContain('adj@example.org');

    const diff = await run(['release', 'diff', 'releases-1.1.0', 'releases-1.2.0', '--json']);
    expect(diff.code, diff.stderr).toBe(0);
    const result = JSON.parse(diff.stdout) as {
      labelChanges: {
        id: string;
        from: { label: string; status: string };
        to: { label: string; status: string };
      }[];
      statusChanges: unknown[];
      added: unknown[];
      removed: unknown[];
    };
    expect(result.labelChanges).toEqual([
      {
        id: escalated.itemId,
        calculatorName: expect.any(String),
        from: { label: originalLabel(escalated.itemId), status: 'withheld' },
        to: { label: escalated.answer, status: 'verified' },
      },
    ]);
    expect(result.statusChanges).toEqual([]);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);

    // v1.0 = the file the release was built from (still there, unchanged).
    const fromSource = await run(['release', 'diff', 'v1.0', 'releases-1.2.0', '--json']);
    expect(fromSource.code, fromSource.stderr).toBe(0);
    const sourceDiff = JSON.parse(fromSource.stdout) as { labelChanges: { id: string }[] };
    const changedIds = jsonl.filter(
      (candidate) => candidate['Ground Truth Answer'] !== candidate['Original Label'],
    );
    expect(sourceDiff.labelChanges.map((entry) => entry.id).sort()).toEqual(
      changedIds.map((candidate) => candidate['Row Number']).sort(),
    );
  }, 120_000);
});
