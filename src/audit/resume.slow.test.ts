import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { chooseStewardEntry, REPOSITORY } from '../../test/steward-process.js';
import { readProcessEnvironment } from '../config.js';
import { countRows } from '../store/audit-repository.js';
import { openStore } from '../store/open.js';

const folder = mkdtempSync(join(tmpdir(), 'steward-resume-'));
const dataDir = join(folder, 'db');

/**
 * The first 256 rows of the v1.0 test split, as a CSV of its own: 64 batches of 4 at `--batch-size 4`, so the
 * signals land mid-run, at a quarter of the whole split's time (the code path does not depend on the size).
 */
const ROWS = 256;
const datasetPath = join(folder, 'test_data_head.csv');
const csv: string[][] = parse(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'));
const [header, ...records] = csv;
writeFileSync(datasetPath, stringify([header ?? [], ...records.slice(0, ROWS)]));

/**
 * The CLI in a real child process (the build in dist/, or the sources through tsx when they changed after it),
 * without DATABASE_URL so it uses PGlite.
 */
function startAudit(extra: string[] = [], folderOfDb = dataDir) {
  const environment = { ...readProcessEnvironment() };
  delete environment['DATABASE_URL'];
  return spawn(
    process.execPath,
    [...chooseStewardEntry(), 'audit', datasetPath, '--db', folderOfDb, ...extra],
    { cwd: REPOSITORY, env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

function finish(
  child: ReturnType<typeof startAudit>,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
}

/** Sends `signal` as soon as the child reports verification progress. */
function signalOnProgress(child: ReturnType<typeof startAudit>, signal: NodeJS.Signals): Promise<void> {
  let seen = '';
  let sent = false;
  return new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (!sent && new RegExp(`audit: verify \\d+/${ROWS}`).test(seen)) {
        sent = true;
        child.kill(signal);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`the audit ended before it could be signalled:\n${seen}`)));
  });
}

async function storedCounts() {
  const store = await openStore({ kind: 'pglite', dataDir });
  try {
    const counts = await countRows(store.db);
    const recorded = await store.db.execute(
      sql`SELECT count(*)::int AS n FROM events WHERE kind = 'verdict.recorded'`,
    );
    const runs = await store.db.execute(sql`SELECT status FROM audit_runs`);
    return {
      ...counts,
      verdictEvents: (recorded as { rows: { n: number }[] }).rows[0]?.n ?? -1,
      runStatuses: (runs as { rows: { status: string }[] }).rows.map((row) => row.status),
    };
  } finally {
    await store.close();
  }
}

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('an audit killed with SIGKILL mid-run', () => {
  it('resumes on re-run with nothing lost or duplicated', async () => {
    // 1. Start, and kill -9 as soon as the first progress line says verification is under way.
    const child = startAudit(['--batch-size', '4']);
    const exited = finish(child);
    await signalOnProgress(child, 'SIGKILL');
    const killed = await exited;
    expect(killed.signal).toBe('SIGKILL');

    // 2. What survived is consistent: whole batches of verdicts, each with its event; the run is still open.
    const partial = await storedCounts();
    expect(partial.instances).toBe(ROWS);
    expect(partial.verdicts).toBeGreaterThan(0);
    expect(partial.verdicts).toBeLessThan(2 * ROWS);
    expect(partial.verdicts % 2).toBe(0);
    expect(partial.verdictEvents).toBe(partial.verdicts);
    expect(partial.triageDecisions).toBe(0);
    expect(partial.runStatuses).toEqual(['running']);

    // 3. The same command resumes the same run and only does what is missing.
    const resumed = await finish(startAudit(['--json']));
    expect(resumed.code).toBe(0);
    const json = JSON.parse(resumed.stdout) as {
      run: { state: string; verdictsWritten: number; verdictsReused: number };
    };
    expect(json.run.state).toBe('resumed');
    expect(json.run.verdictsReused).toBe(partial.verdicts);
    expect(json.run.verdictsWritten).toBe(2 * ROWS - partial.verdicts);

    const complete = await storedCounts();
    expect(complete).toMatchObject({
      datasets: 1,
      instances: ROWS,
      verdicts: 2 * ROWS,
      verdictEvents: 2 * ROWS,
      triageDecisions: ROWS,
      runStatuses: ['completed'],
    });
  }, 180_000);
});

describe('Ctrl-C during an audit', () => {
  it('stops after the current batch, closes the database cleanly and exits 130; the next run resumes', async () => {
    const interruptedDb = join(folder, 'interrupted');
    const child = startAudit(['--batch-size', '4'], interruptedDb);
    const exited = finish(child);
    await signalOnProgress(child, 'SIGINT');
    const stopped = await exited;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toMatch(new RegExp(`error: audit interrupted after \\d+ of ${ROWS} items`));
    expect(stopped.stderr).toContain('resumes from the verdicts already stored');
    expect(existsSync(`${interruptedDb}.lock`)).toBe(false);

    const queue = spawnSync(
      process.execPath,
      [...chooseStewardEntry(), 'triage', 'queue', '--db', interruptedDb],
      { cwd: REPOSITORY, encoding: 'utf8' },
    );
    expect(queue.status).toBe(2);
    expect(queue.stderr).toContain('is incomplete');

    const resumed = await finish(startAudit(['--json'], interruptedDb));
    expect(resumed.code).toBe(0);
    expect((JSON.parse(resumed.stdout) as { run: { state: string } }).run.state).toBe('resumed');
  }, 180_000);
});
