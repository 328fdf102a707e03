import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import {
  POSTGRES_REQUIRED,
  POSTGRES_TEST_URL,
  STORE_TARGETS,
  emptyPgliteTestTarget,
  executeOnTarget,
  freshStorePerTest,
  pgliteTestTarget,
} from '../../test/database.js';
import { withInitdbOnce } from '../../test/initdb-once.js';
import { buildBmiDataset } from '../dataset/test-fixtures.js';
import { AppError } from '../app-error.js';
import {
  countRows,
  datasetKey,
  existingVerdictKeys,
  latestRun,
  loadItemHistory,
  loadVerdicts,
  recordVerdicts,
  saveDataset,
  startOrResumeRun,
  verdictKey,
} from './audit-repository.js';
import { countInstances, loadInstanceLabels } from './datasets.js';
import { MIGRATIONS } from './migrations.js';
import { readTarEntries } from './template-tar.js';
import { migrate, rootMessage, verifySchema } from './migrate.js';
import { openStore } from './open.js';
import { schema } from './schema.js';

const STUB = { name: 'stub', version: '1.0.0', configHash: 'c0' };
const RULES = { id: 'medcalc-v1.0', version: '1.0.0' };

function smallDataset() {
  return buildBmiDataset([
    { id: '1', weight: 70 },
    { id: '2', weight: 80 },
  ]);
}

it('runs the PostgreSQL variant in CI (STEWARD_TEST_DATABASE_URL is set by .ci/run)', () => {
  if (POSTGRES_REQUIRED) expect(POSTGRES_TEST_URL, 'CI must provide STEWARD_TEST_DATABASE_URL').toBeDefined();
});

describe.each(STORE_TARGETS)('store on $name', ({ make, makeEmpty, openFresh, skip }) => {
  const open = freshStorePerTest({ make, openFresh });

  it.skipIf(skip)(
    'stores a real NUL as U+FFFD and keeps the six characters \\u0000 as they are',
    async () => {
      const { db } = await open();
      const { datasetId } = await saveDataset(db, smallDataset());
      const run = await startOrResumeRun(db, {
        datasetId,
        verifiers: [STUB],
        ruleSet: RULES,
        policyName: 'p',
        policyHash: 'h',
      });
      const written = String.raw`\u0000`;
      await recordVerdicts(db, { runId: run.id, datasetId, ruleSet: RULES }, [
        {
          verifier: 'stub',
          verifierVersion: '1.0.0',
          verifierConfigHash: STUB.configHash,
          itemId: '1',
          assessment: 'abstains',
          proposedLabel: null,
          categories: [],
          findings: [],
          confidence: 0,
          details: { real: 'a\u0000b', written, [`key${written}`]: 1 },
          usage: { calls: 2, cachedCalls: 1, inputTokens: 30, outputTokens: 4, costUsd: null, latencyMs: 12 },
        },
      ]);
      const [verdict] = (await loadVerdicts(db, { datasetId, ruleSet: RULES }, [STUB])).get('1') ?? [];
      expect(verdict?.details).toEqual({ real: 'a\uFFFDb', written, [`key${written}`]: 1 });
      expect(verdict?.usage).toEqual({
        calls: 2,
        cachedCalls: 1,
        inputTokens: 30,
        outputTokens: 4,
        costUsd: null,
        latencyMs: 12,
      });
    },
  );

  it.skipIf(skip)(
    'upgrades a database of migration 1: old verdicts stay readable but never count for a current key',
    async () => {
      const legacy = await makeEmpty();
      try {
        const [first] = MIGRATIONS;
        if (first === undefined) throw new Error('no migration 1');
        await executeOnTarget(legacy.target, [
          'CREATE TABLE steward_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
          ...first.statements,
          `INSERT INTO steward_migrations (version, name) VALUES (1, 'one')`,
          `INSERT INTO datasets (id, source, provenance, format, layout, row_count) VALUES ('content:old', 'memory', NULL, 'csv', 'medcalc-v1.0', 1)`,
          `INSERT INTO instances (dataset_id, item_id, "row", calculator_name, note, question, label, content_hash) VALUES ('content:old', '1', 1, 'BMI', 'note', 'question', '24.2', 'sha256:x')`,
          `INSERT INTO audit_runs (id, dataset_id, run_key, verifiers, rule_set, policy_name, policy_hash, status) VALUES ('run-1', 'content:old', 'old-key', '[{"name":"stub","version":"1.0.0"}]', 'medcalc-v1.0', 'default@1', 'ph', 'completed')`,
          `INSERT INTO verdicts (dataset_id, item_id, verifier, verifier_version, rule_set, run_id, assessment, proposed_label, categories, confidence, findings, details) VALUES ('content:old', '1', 'stub', '1.0.0', 'medcalc-v1.0', 'run-1', 'supports', NULL, '[]', 1, '[]', '{}')`,
          `INSERT INTO triage_decisions (dataset_id, item_id, policy_hash, run_id, status, proposed_label, reasons, categories, impact) VALUES ('content:old', '1', 'ph', 'run-1', 'confirmed', NULL, '["[confirmed] stub supports the label"]', '[]', 0)`,
        ]);
        const store = await openStore(legacy.target);
        try {
          const { db } = store;
          const run = await latestRun(db);
          expect(run).toMatchObject({
            verifiers: [{ name: 'stub', version: '1.0.0', configHash: '' }],
            ruleSet: { id: 'medcalc-v1.0', version: '' },
          });
          const history = await loadItemHistory(db, 'content:old', '1');
          expect(history?.instance.instanceHash).toBe('');
          expect(history?.verdicts[0]).toMatchObject({
            ruleSet: { id: 'medcalc-v1.0', version: '' },
            verdict: { verifierConfigHash: '', usage: null, assessment: 'supports' },
          });
          expect(history?.decisions[0]?.decision.reasons).toEqual([
            { rule: 'confirmed', effect: 'context', text: 'stub supports the label' },
          ]);
          // The old run still reads its own verdicts; a current rule set version or config hash finds none.
          const oldScope = { datasetId: 'content:old', ruleSet: { id: 'medcalc-v1.0', version: '' } };
          const oldStub = { name: 'stub', version: '1.0.0', configHash: '' };
          expect(await existingVerdictKeys(db, oldScope, [oldStub])).toEqual(
            new Set([verdictKey('1', oldStub)]),
          );
          expect((await existingVerdictKeys(db, { ...oldScope, ruleSet: RULES }, [oldStub])).size).toBe(0);
          expect((await existingVerdictKeys(db, oldScope, [STUB])).has(verdictKey('1', STUB))).toBe(false);
        } finally {
          await store.close();
        }
      } finally {
        await legacy.cleanup();
      }
    },
  );

  it.skipIf(skip)('reads labels of chosen items in row order, and counts the items', async () => {
    const { db } = await open();
    const { datasetId } = await saveDataset(
      db,
      buildBmiDataset([
        { id: '7', weight: 70 },
        { id: '3', weight: 80 },
        { id: '5', weight: 90 },
      ]),
    );
    const all = await loadInstanceLabels(db, datasetId);
    expect(all.map((label) => label.itemId)).toEqual(['7', '3', '5']);
    // Asked out of order, with an id the dataset lacks: the known ones, in the dataset's row order.
    const chosen = await loadInstanceLabels(db, datasetId, ['5', 'absent', '7']);
    expect(chosen).toEqual(all.filter((label) => label.itemId !== '3'));
    expect(await loadInstanceLabels(db, datasetId, [])).toEqual([]);
    // More ids than one query takes: read in chunks, then put back in row order across them.
    const absent = Array.from({ length: 5000 }, (_, index) => `absent-${index}`);
    expect(await loadInstanceLabels(db, datasetId, ['5', ...absent, '7'])).toEqual(chosen);
    expect(await countInstances(db, datasetId)).toBe(3);
    expect(await countInstances(db, 'no-such-dataset')).toBe(0);
  });

  it.skipIf(skip)('applies every migration once; a second run applies none', async () => {
    const { db } = await open();
    expect(await migrate(db)).toEqual([]);
    const versions = await db.select().from(schema.stewardMigrations);
    expect(versions.map((row) => row.version)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  it.skipIf(skip)('schema.ts mirrors the tables the migrations create, column by column', async () => {
    const { db } = await open();
    const result = await db.execute(
      sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const actual = new Map<string, string[]>();
    for (const row of (result as { rows: unknown[] }).rows as {
      table_name: string;
      column_name: string;
      is_nullable: string;
    }[]) {
      const list = actual.get(row.table_name) ?? [];
      list.push(`${row.column_name}${row.is_nullable === 'NO' ? ' not null' : ''}`);
      actual.set(row.table_name, list);
    }
    for (const table of Object.values(schema) as PgTable[]) {
      const config = getTableConfig(table);
      const primary = new Set(config.primaryKeys.flatMap((key) => key.columns.map((column) => column.name)));
      const declared = config.columns.map(
        (column) =>
          `${column.name}${column.notNull || column.primary || primary.has(column.name) ? ' not null' : ''}`,
      );
      expect(actual.get(config.name), config.name).toEqual(declared);
    }
  });

  it.skipIf(skip)('rejects UPDATE, DELETE and TRUNCATE on the event log', async () => {
    const { db } = await open();
    await saveDataset(db, smallDataset());
    for (const statement of ["UPDATE events SET actor = 'x'", 'DELETE FROM events', 'TRUNCATE events']) {
      const error = await db.execute(sql.raw(statement)).catch((caught: unknown) => caught);
      expect(rootMessage(error), statement).toMatch(/append-only/);
    }
    expect((await countRows(db)).events).toBe(1);
  });

  it.skipIf(skip)('stores a dataset once however often it is saved', async () => {
    const { db } = await open();
    const dataset = smallDataset();
    expect(await saveDataset(db, dataset)).toEqual({ datasetId: datasetKey(dataset), imported: true });
    expect((await saveDataset(db, dataset)).imported).toBe(false);
    expect(await countRows(db)).toMatchObject({ datasets: 1, instances: 2, events: 1 });
  });

  it.skipIf(skip)('writes a verdict once: a repeated batch adds no row and no event', async () => {
    const { db } = await open();
    const { datasetId } = await saveDataset(db, smallDataset());
    const run = await startOrResumeRun(db, {
      datasetId,
      verifiers: [STUB],
      ruleSet: RULES,
      policyName: 'p',
      policyHash: 'h',
    });
    const verdict = {
      verifier: 'stub',
      verifierVersion: '1.0.0',
      verifierConfigHash: STUB.configHash,
      itemId: '1',
      assessment: 'supports' as const,
      proposedLabel: '24.2',
      categories: [],
      findings: [],
      confidence: 0.9,
      details: { note: 'ünïcode and "quotes"' },
      usage: null,
    };
    expect(await recordVerdicts(db, { runId: run.id, datasetId, ruleSet: RULES }, [verdict])).toBe(1);
    expect(await recordVerdicts(db, { runId: run.id, datasetId, ruleSet: RULES }, [verdict])).toBe(0);
    const counts = await countRows(db);
    expect(counts.verdicts).toBe(1);
    expect(counts.events).toBe(3); // imported, audit.started, verdict.recorded
  });

  it.skipIf(skip)('a batch that fails part-way leaves nothing behind (one transaction)', async () => {
    const { db } = await open();
    const { datasetId } = await saveDataset(db, smallDataset());
    const run = await startOrResumeRun(db, {
      datasetId,
      verifiers: [STUB],
      ruleSet: RULES,
      policyName: 'p',
      policyHash: 'h',
    });
    const good = {
      verifier: 'stub',
      verifierVersion: '1.0.0',
      verifierConfigHash: STUB.configHash,
      itemId: '1',
      assessment: 'supports' as const,
      proposedLabel: null,
      categories: [],
      findings: [],
      confidence: 1,
      details: {},
      usage: null,
    };
    // Item 99 does not exist: the foreign key fails the second insert of the same transaction.
    await expect(
      recordVerdicts(db, { runId: run.id, datasetId, ruleSet: RULES }, [good, { ...good, itemId: '99' }]),
    ).rejects.toThrow();
    expect((await countRows(db)).verdicts).toBe(0);
  });

  it.skipIf(skip)(
    'names a database from an incompatible development build, with what to do, instead of failing query by query',
    async () => {
      const { db } = await open();
      await db.execute(sql`ALTER TABLE audit_runs DROP COLUMN last_used_at`);
      const error = await verifySchema(db, 'here').catch((caught: unknown) => caught);
      expect((error as AppError).code).toBe('DATABASE_UNAVAILABLE');
      expect((error as AppError).message).toBe(
        'the database at here was made by an incompatible development build of Steward: table audit_runs lacks last_used_at',
      );
    },
  );
});

describe('the embedded database lock', () => {
  // One store for both (starting PGlite on a copied folder is most of the cost): the first opener takes over a
  // stale lock, and the lock it then holds is the one a second opener must respect.
  it('takes over a lock left by a process that no longer exists, then refuses a second opener of the same folder while the first holds it', async () => {
    const target = await pgliteTestTarget();
    if (target.target.kind !== 'pglite') throw new Error('unexpected');
    const lockFile = `${target.target.dataDir}.lock`;
    const dead = spawnSync(process.execPath, ['-e', 'process.exit(0)']);
    writeFileSync(lockFile, JSON.stringify({ pid: dead.pid, host: hostname(), since: 'earlier' }));
    const first = await openStore(target.target);
    try {
      expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({
        pid: process.pid,
        host: hostname(),
      });
      const error = await openStore(target.target).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('DATABASE_LOCKED');
      expect((error as AppError).message).toContain(`process ${process.pid}`);
    } finally {
      await first.close();
      await target.cleanup();
    }
  });
});

describe('creating the embedded database', () => {
  it('builds a new folder beside the target and renames it into place; leftovers of a killed creation go', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'steward-create-'));
    const dataDir = join(parent, 'db');
    // A creation killed mid-initdb leaves a staging folder, never a half-made `db`.
    mkdirSync(join(parent, 'db.creating-99999999'));
    const store = await openStore({ kind: 'pglite', dataDir });
    try {
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(parent).sort()).toEqual(['db', 'db.lock']);
      expect(await migrate(store.db)).toEqual([]);
    } finally {
      await store.close();
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('refuses a non-empty folder that is not a database, and leaves it alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'steward-notdb-'));
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    const error = await openStore({ kind: 'pglite', dataDir }).catch((caught: unknown) => caught);
    expect((error as AppError).code).toBe('DATABASE_UNAVAILABLE');
    expect((error as AppError).message).toContain('is not a Steward database');
    expect(readdirSync(dataDir)).toEqual(['notes.txt']);
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(`${dataDir}.lock`, { force: true });
  });
});

describe('creating from a template tarball', () => {
  it('unpacks the template when it is good, and runs initdb when it is damaged or cannot start', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'steward-template-test-'));
    try {
      // A template made the way scripts/build-pglite-template.mjs makes it (dumpDataDir), of a database no
      // migration has touched (an older build's template): the store must migrate it.
      const template = join(parent, 'template.tar.gz');
      const unmigrated = await emptyPgliteTestTarget();
      try {
        if (unmigrated.target.kind !== 'pglite') throw new Error('unexpected');
        const maker = await PGlite.create(unmigrated.target.dataDir);
        await maker.exec('CREATE TABLE template_marker (x integer)');
        const dump = await maker.dumpDataDir('gzip');
        await maker.close();
        writeFileSync(template, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await unmigrated.cleanup();
      }

      // Both fallbacks run initdb with the same start parameters: the second gets a copy of the first's cluster.
      await withInitdbOnce(async (initdbRequests) => {
        const fromTemplate = await openStore({ kind: 'pglite', dataDir: join(parent, 'a'), template });
        const marker = await fromTemplate.db.execute(
          sql`SELECT to_regclass('template_marker') IS NOT NULL AS made`,
        );
        expect((marker as { rows: { made: boolean }[] }).rows[0]?.made).toBe(true);
        expect(await migrate(fromTemplate.db)).toEqual([]);
        await fromTemplate.close();
        expect(initdbRequests).toHaveLength(0);

        const damaged = join(parent, 'damaged.tar.gz');
        writeFileSync(damaged, 'not a tarball');
        const fallback = await openStore({ kind: 'pglite', dataDir: join(parent, 'b'), template: damaged });
        const none = await fallback.db.execute(
          sql`SELECT to_regclass('template_marker') IS NOT NULL AS made`,
        );
        expect((none as { rows: { made: boolean }[] }).rows[0]?.made).toBe(false);
        expect((await countRows(fallback.db)).events).toBe(0);
        await fallback.close();
        expect(initdbRequests).toHaveLength(1);

        // A template that unpacks but that this PGlite cannot start (made by another PostgreSQL major version).
        const archive = gunzipSync(readFileSync(template));
        const version = readTarEntries(archive).find((entry) => entry.path === 'PG_VERSION');
        version?.data.set(Buffer.from('99'));
        const foreign = join(parent, 'foreign.tar.gz');
        // Compressed fast: only unpacking it matters.
        writeFileSync(foreign, gzipSync(archive, { level: 1 }));
        const rebuilt = await openStore({ kind: 'pglite', dataDir: join(parent, 'c'), template: foreign });
        const notCopied = await rebuilt.db.execute(
          sql`SELECT to_regclass('template_marker') IS NOT NULL AS made`,
        );
        expect((notCopied as { rows: { made: boolean }[] }).rows[0]?.made).toBe(false);
        expect(await migrate(rebuilt.db)).toEqual([]);
        await rebuilt.close();
        expect(initdbRequests).toHaveLength(2);
      });
      expect(readFileSync(join(parent, 'c', 'PG_VERSION'), 'utf8').trim()).not.toBe('99');
      // No staging folders left behind; the locks went with close().
      expect(readdirSync(parent).sort()).toEqual([
        'a',
        'b',
        'c',
        'damaged.tar.gz',
        'foreign.tar.gz',
        'template.tar.gz',
      ]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('filling an existing empty folder (a mount point or a symlink target)', () => {
  it('fills it in place, keeps a symlink a symlink, and redoes an interrupted filling', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'steward-fill-'));
    try {
      const target = join(parent, 'volume');
      mkdirSync(target);
      symlinkSync(target, join(parent, 'link'));
      const viaLink = await openStore({ kind: 'pglite', dataDir: join(parent, 'link') });
      await viaLink.close();
      expect(lstatSync(join(parent, 'link')).isSymbolicLink()).toBe(true);
      expect(existsSync(join(target, 'PG_VERSION'))).toBe(true);
      expect(readdirSync(target)).not.toContain('.steward-creating');

      // A filling killed half-way: the staging folder is still there, PG_VERSION is not.
      const interrupted = join(parent, 'interrupted');
      mkdirSync(join(interrupted, '.steward-creating'), { recursive: true });
      mkdirSync(join(interrupted, 'base'));
      const store = await openStore({ kind: 'pglite', dataDir: interrupted });
      expect(await migrate(store.db)).toEqual([]);
      await store.close();
      expect(readdirSync(interrupted)).not.toContain('.steward-creating');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
