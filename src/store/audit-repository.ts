import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Dataset, Instance } from '../dataset/instance.js';
import type { TriageDecision, TriageStatus } from '../triage/types.js';
import type { Assessment, ErrorCategory, Finding, Verdict } from '../verify/types.js';
import type { StoreDatabase } from './open.js';
import { auditRuns, datasets, events, instances, triageDecisions, verdicts } from './schema.js';

/** Who wrote an event: the CLI user on this machine, unless the caller says otherwise. */
export const SYSTEM_ACTOR = 'steward';

export interface VerifierRef {
  name: string;
  version: string;
}

/** Inserts are chunked so one statement stays well below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 200;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(values: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < values.length; index += size) out.push(values.slice(index, index + size));
  return out;
}

/** The store key of a dataset read from a file with this sha256. */
export function fileDatasetKey(sha256: string): string {
  return `sha256:${sha256}`;
}

/**
 * A dataset's identity in the store: the file's sha256, or the hub repo, commit and split. Rows built in memory
 * (no provenance) are keyed by the hash of their items' content hashes.
 */
export function datasetKey(dataset: Dataset): string {
  const provenance = dataset.provenance;
  if (provenance?.kind === 'file') return fileDatasetKey(provenance.sha256);
  if (provenance?.kind === 'hub') return `hub:${provenance.repo}@${provenance.commit}:${provenance.split}`;
  const hash = createHash('sha256');
  for (const instance of dataset.instances) hash.update(`${instance.id}\u0000${instance.contentHash}\n`);
  return `content:${hash.digest('hex')}`;
}

/** PostgreSQL text and jsonb cannot hold U+0000; it is stored as U+FFFD (the dataset loader warns about it). */
function storable(text: string): string;
function storable(text: string | undefined): string | undefined;
function storable(text: string | undefined): string | undefined {
  return text?.replaceAll('\u0000', '\uFFFD');
}

function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  const json = JSON.stringify(value);
  return json.includes('\\u0000') ? JSON.parse(json.replaceAll('\\u0000', '\\ufffd')) : value;
}

function instanceRow(datasetId: string, raw: Instance): typeof instances.$inferInsert {
  const instance = {
    ...raw,
    note: storable(raw.note),
    question: storable(raw.question),
    calculatorName: storable(raw.calculatorName),
    category: storable(raw.category),
    outputType: storable(raw.outputType),
    noteId: storable(raw.noteId),
    noteType: storable(raw.noteType),
    entitiesText: storable(raw.entitiesText),
    label: storable(raw.label),
    explanation: storable(raw.explanation),
  };
  return {
    datasetId,
    itemId: instance.id,
    row: instance.row,
    calculatorId: instance.calculatorId ?? null,
    calculatorSlug: instance.calculatorSlug ?? null,
    calculatorName: instance.calculatorName,
    category: instance.category ?? null,
    outputType: instance.outputType ?? null,
    noteId: instance.noteId ?? null,
    noteType: instance.noteType ?? null,
    note: instance.note,
    question: instance.question,
    entities: storableJson(instance.entities),
    entitiesText: instance.entitiesText ?? null,
    label: instance.label,
    lowerLimit: instance.lowerLimit ?? null,
    upperLimit: instance.upperLimit ?? null,
    explanation: instance.explanation ?? null,
    contentHash: instance.contentHash,
  };
}

/** Stores the dataset and its items once (idempotent); logs `dataset.imported` the first time. */
export async function saveDataset(
  db: StoreDatabase,
  dataset: Dataset,
): Promise<{ datasetId: string; imported: boolean }> {
  const datasetId = datasetKey(dataset);
  return db.transaction(async (transaction) => {
    const inserted = await transaction
      .insert(datasets)
      .values({
        id: datasetId,
        source: dataset.source,
        provenance: dataset.provenance ?? null,
        format: dataset.format,
        layout: dataset.layout,
        rowCount: dataset.instances.length,
      })
      .onConflictDoNothing()
      .returning({ id: datasets.id });
    if (inserted.length === 0) return { datasetId, imported: false };
    for (const chunk of chunks(dataset.instances)) {
      await transaction
        .insert(instances)
        .values(chunk.map((instance) => instanceRow(datasetId, instance)))
        .onConflictDoNothing();
    }
    await transaction.insert(events).values({
      kind: 'dataset.imported',
      actor: SYSTEM_ACTOR,
      datasetId,
      payload: {
        source: dataset.source,
        provenance: dataset.provenance ?? null,
        rows: dataset.instances.length,
        layout: dataset.layout,
      },
    });
    return { datasetId, imported: true };
  });
}

export interface RunSpec {
  datasetId: string;
  verifiers: readonly VerifierRef[];
  ruleSet: string;
  policyName: string;
  policyHash: string;
}

export interface RunHandle {
  id: string;
  /** `new`: started now; `resumed`: an interrupted run with the same key; `completed`: nothing left to do. */
  state: 'new' | 'resumed' | 'completed';
}

export function runKeyOf(spec: RunSpec): string {
  const verifiers = [...spec.verifiers].map((verifier) => `${verifier.name}@${verifier.version}`).sort();
  return createHash('sha256')
    .update(JSON.stringify([spec.datasetId, verifiers, spec.ruleSet, spec.policyHash]))
    .digest('hex');
}

/** Finds the run with the same key (resuming it if interrupted) or starts one. */
export async function startOrResumeRun(db: StoreDatabase, spec: RunSpec): Promise<RunHandle> {
  const runKey = runKeyOf(spec);
  return db.transaction(async (transaction) => {
    // Two processes starting the same audit on a PostgreSQL server must find one run, not create two.
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${runKey}, 0))`);
    const existing = await transaction
      .select({ id: auditRuns.id, status: auditRuns.status })
      .from(auditRuns)
      .where(eq(auditRuns.runKey, runKey));
    const found = existing[0];
    if (found !== undefined) {
      // The server's clock, like started_at: clients with skewed clocks must not reorder "latest".
      await transaction
        .update(auditRuns)
        .set({ lastUsedAt: sql`now()` })
        .where(eq(auditRuns.id, found.id));
      if (found.status === 'running') {
        await transaction.insert(events).values({
          kind: 'audit.resumed',
          actor: SYSTEM_ACTOR,
          datasetId: spec.datasetId,
          runId: found.id,
          payload: {},
        });
      }
      return { id: found.id, state: found.status === 'running' ? 'resumed' : 'completed' };
    }
    const id = randomUUID();
    await transaction.insert(auditRuns).values({
      id,
      datasetId: spec.datasetId,
      runKey,
      verifiers: spec.verifiers,
      ruleSet: spec.ruleSet,
      policyName: spec.policyName,
      policyHash: spec.policyHash,
      status: 'running',
    });
    await transaction.insert(events).values({
      kind: 'audit.started',
      actor: SYSTEM_ACTOR,
      datasetId: spec.datasetId,
      runId: id,
      payload: {
        verifiers: spec.verifiers,
        ruleSet: spec.ruleSet,
        policy: { name: spec.policyName, hash: spec.policyHash },
      },
    });
    return { id, state: 'new' };
  });
}

export async function completeRun(
  db: StoreDatabase,
  runId: string,
  summary: Record<string, unknown>,
): Promise<void> {
  await db.transaction(async (transaction) => {
    const updated = await transaction
      .update(auditRuns)
      .set({ status: 'completed', finishedAt: new Date() })
      .where(and(eq(auditRuns.id, runId), eq(auditRuns.status, 'running')))
      .returning({ datasetId: auditRuns.datasetId });
    const run = updated[0];
    if (run === undefined) return;
    await transaction.insert(events).values({
      kind: 'audit.completed',
      actor: SYSTEM_ACTOR,
      datasetId: run.datasetId,
      runId,
      payload: summary,
    });
  });
}

/** Which verdicts count: those of one dataset judged under one answer rule set. */
export interface VerdictScope {
  datasetId: string;
  ruleSet: string;
}

function scopeFilter(scope: VerdictScope, verifierList: readonly VerifierRef[]) {
  return and(
    eq(verdicts.datasetId, scope.datasetId),
    eq(verdicts.ruleSet, scope.ruleSet),
    inArray(
      verdicts.verifier,
      verifierList.map((verifier) => verifier.name),
    ),
  );
}

function keyOfVerdict(itemId: string, verifier: string, version: string): string {
  return `${itemId}\u0000${verifier}@${version}`;
}

/**
 * The (item, verifier@version) pairs already judged: what a resumed run skips. An abstention recorded because
 * the verifier failed (`details.error`) does not count, so a re-run tries that item again.
 */
export async function existingVerdictKeys(
  db: StoreDatabase,
  scope: VerdictScope,
  verifierList: readonly VerifierRef[],
): Promise<Set<string>> {
  const rows = await db
    .select({ itemId: verdicts.itemId, verifier: verdicts.verifier, version: verdicts.verifierVersion })
    .from(verdicts)
    .where(and(scopeFilter(scope, verifierList), sql`(${verdicts.details} ->> 'error') IS NULL`));
  return new Set(rows.map((row) => keyOfVerdict(row.itemId, row.verifier, row.version)));
}

export function verdictKey(itemId: string, verifier: VerifierRef): string {
  return keyOfVerdict(itemId, verifier.name, verifier.version);
}

/**
 * Stores a batch of verdicts and their `verdict.recorded` events in one transaction: a crash leaves the batch
 * either fully written or absent. Verdicts already stored are left as they are (first write wins), except an
 * abstention recorded because the verifier failed, which a new verdict replaces.
 */
export async function recordVerdicts(
  db: StoreDatabase,
  target: VerdictScope & { runId: string },
  batch: readonly Verdict[],
): Promise<number> {
  const { runId, datasetId, ruleSet } = target;
  if (batch.length === 0) return 0;
  // One row order for every writer, so concurrent processes on a server never lock rows in opposite orders.
  const ordered = [...batch].sort(
    (a, b) =>
      compareText(a.itemId, b.itemId) ||
      compareText(a.verifier, b.verifier) ||
      compareText(a.verifierVersion, b.verifierVersion),
  );
  return db.transaction(async (transaction) => {
    let written = 0;
    for (const chunk of chunks(ordered)) {
      const inserted = await transaction
        .insert(verdicts)
        .values(
          chunk.map((verdict) => ({
            datasetId,
            itemId: verdict.itemId,
            verifier: verdict.verifier,
            verifierVersion: verdict.verifierVersion,
            ruleSet,
            runId,
            assessment: verdict.assessment,
            proposedLabel: verdict.proposedLabel,
            categories: verdict.categories,
            confidence: verdict.confidence,
            findings: storableJson(verdict.findings),
            details: storableJson(verdict.details),
          })),
        )
        .onConflictDoUpdate({
          target: [
            verdicts.datasetId,
            verdicts.itemId,
            verdicts.verifier,
            verdicts.verifierVersion,
            verdicts.ruleSet,
          ],
          set: {
            runId: sql.raw('excluded.run_id'),
            assessment: sql.raw('excluded.assessment'),
            proposedLabel: sql.raw('excluded.proposed_label'),
            categories: sql.raw('excluded.categories'),
            confidence: sql.raw('excluded.confidence'),
            findings: sql.raw('excluded.findings'),
            details: sql.raw('excluded.details'),
            createdAt: sql.raw('excluded.created_at'),
          },
          setWhere: sql`(${verdicts.details} ->> 'error') IS NOT NULL`,
        })
        .returning({
          itemId: verdicts.itemId,
          verifier: verdicts.verifier,
          version: verdicts.verifierVersion,
          assessment: verdicts.assessment,
          proposedLabel: verdicts.proposedLabel,
          categories: verdicts.categories,
        });
      if (inserted.length === 0) continue;
      written += inserted.length;
      await transaction.insert(events).values(
        inserted.map((row) => ({
          kind: 'verdict.recorded',
          actor: `verifier:${row.verifier}@${row.version}`,
          datasetId,
          itemId: row.itemId,
          runId,
          payload: {
            verifier: row.verifier,
            version: row.version,
            ruleSet,
            assessment: row.assessment,
            proposedLabel: row.proposedLabel,
            categories: row.categories,
          },
        })),
      );
    }
    return written;
  });
}

function toVerdict(row: typeof verdicts.$inferSelect): Verdict {
  return {
    verifier: row.verifier,
    verifierVersion: row.verifierVersion,
    itemId: row.itemId,
    assessment: row.assessment as Assessment,
    proposedLabel: row.proposedLabel,
    categories: row.categories as ErrorCategory[],
    findings: row.findings as Finding[],
    confidence: row.confidence,
    details: row.details as Record<string, unknown>,
  };
}

/** Verdicts of exactly these verifier versions, grouped by item, in the order the verifiers are listed. */
export async function loadVerdicts(
  db: StoreDatabase,
  scope: VerdictScope,
  verifierList: readonly VerifierRef[],
): Promise<Map<string, Verdict[]>> {
  const rows = await db.select().from(verdicts).where(scopeFilter(scope, verifierList));
  const wanted = new Map(
    verifierList.map((verifier, index) => [`${verifier.name}@${verifier.version}`, index]),
  );
  const byItem = new Map<string, Verdict[]>();
  for (const row of rows) {
    if (!wanted.has(`${row.verifier}@${row.verifierVersion}`)) continue;
    const list = byItem.get(row.itemId) ?? [];
    list.push(toVerdict(row));
    byItem.set(row.itemId, list);
  }
  for (const list of byItem.values()) {
    list.sort(
      (a, b) =>
        (wanted.get(`${a.verifier}@${a.verifierVersion}`) ?? 0) -
        (wanted.get(`${b.verifier}@${b.verifierVersion}`) ?? 0),
    );
  }
  return byItem;
}

function sameDecision(row: typeof triageDecisions.$inferSelect, decision: TriageDecision): boolean {
  return (
    row.status === decision.status &&
    row.proposedLabel === decision.proposedLabel &&
    JSON.stringify(row.reasons) === JSON.stringify(decision.reasons) &&
    JSON.stringify(row.categories) === JSON.stringify(decision.categories) &&
    row.impact === decision.impact
  );
}

/**
 * Stores the triage decisions of one audit run. Unchanged decisions are not rewritten; new or changed ones are
 * upserted with a `triage.decided` event that records the previous status, so the history stays in the log.
 */
export async function recordTriage(
  db: StoreDatabase,
  options: { runId: string; datasetId: string; policyHash: string },
  decisions: readonly { itemId: string; decision: TriageDecision }[],
): Promise<number> {
  const { runId, datasetId, policyHash } = options;
  return db.transaction(async (transaction) => {
    // Read-compare-write: concurrent processes finishing the same run take turns.
    await transaction.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${runId}, 0))`);
    const existing = await transaction.select().from(triageDecisions).where(eq(triageDecisions.runId, runId));
    const previous = new Map(existing.map((row) => [row.itemId, row]));
    const changed = decisions.filter(({ itemId, decision }) => {
      const row = previous.get(itemId);
      return row === undefined || !sameDecision(row, decision);
    });
    const decidedAt = new Date();
    for (const chunk of chunks(changed)) {
      await transaction
        .insert(triageDecisions)
        .values(
          chunk.map(({ itemId, decision }) => ({
            datasetId,
            itemId,
            policyHash,
            runId,
            status: decision.status,
            proposedLabel: decision.proposedLabel,
            reasons: storableJson(decision.reasons),
            categories: decision.categories,
            impact: decision.impact,
            decidedAt,
          })),
        )
        .onConflictDoUpdate({
          target: [triageDecisions.runId, triageDecisions.itemId],
          set: {
            status: sql.raw('excluded.status'),
            proposedLabel: sql.raw('excluded.proposed_label'),
            reasons: sql.raw('excluded.reasons'),
            categories: sql.raw('excluded.categories'),
            impact: sql.raw('excluded.impact'),
            decidedAt: sql.raw('excluded.decided_at'),
          },
        });
      await transaction.insert(events).values(
        chunk.map(({ itemId, decision }) => ({
          kind: 'triage.decided',
          actor: `policy:${policyHash.slice(0, 12)}`,
          datasetId,
          itemId,
          runId,
          payload: {
            status: decision.status,
            proposedLabel: decision.proposedLabel,
            reasons: storableJson(decision.reasons),
            previousStatus: previous.get(itemId)?.status ?? null,
          },
        })),
      );
    }
    return changed.length;
  });
}

export async function loadInstances(db: StoreDatabase, datasetId: string) {
  return db.select().from(instances).where(eq(instances.datasetId, datasetId)).orderBy(asc(instances.row));
}

export async function loadTriage(db: StoreDatabase, runId: string): Promise<Map<string, TriageDecision>> {
  const rows = await db.select().from(triageDecisions).where(eq(triageDecisions.runId, runId));
  return new Map(
    rows.map((row) => [
      row.itemId,
      {
        status: row.status as TriageStatus,
        proposedLabel: row.proposedLabel,
        reasons: row.reasons as string[],
        categories: row.categories as ErrorCategory[],
        impact: row.impact,
      },
    ]),
  );
}

export async function loadDatasetRecord(db: StoreDatabase, datasetId: string) {
  const rows = await db.select().from(datasets).where(eq(datasets.id, datasetId));
  return rows[0];
}

export async function loadRun(db: StoreDatabase, runId: string) {
  const rows = await db.select().from(auditRuns).where(eq(auditRuns.id, runId));
  return rows[0];
}

/** The run the last `audit` command used (completed or not), of one dataset or of any. */
export async function latestRun(db: StoreDatabase, datasetId?: string) {
  const rows = await db
    .select()
    .from(auditRuns)
    .where(datasetId === undefined ? undefined : eq(auditRuns.datasetId, datasetId))
    .orderBy(desc(auditRuns.lastUsedAt), desc(auditRuns.startedAt))
    .limit(1);
  return rows[0];
}

/** Everything stored about one item: the row, every verdict of any version, decisions, and its event history. */
export async function loadItemHistory(db: StoreDatabase, datasetId: string, itemId: string) {
  const [instance] = await db
    .select()
    .from(instances)
    .where(and(eq(instances.datasetId, datasetId), eq(instances.itemId, itemId)));
  if (instance === undefined) return undefined;
  const verdictRows = await db
    .select()
    .from(verdicts)
    .where(and(eq(verdicts.datasetId, datasetId), eq(verdicts.itemId, itemId)))
    .orderBy(asc(verdicts.createdAt));
  // Decisions of every audit run of this dataset, the run used last first, each with what the run was.
  const decisions = await db
    .select({
      decision: triageDecisions,
      run: {
        id: auditRuns.id,
        verifiers: auditRuns.verifiers,
        ruleSet: auditRuns.ruleSet,
        policyName: auditRuns.policyName,
        lastUsedAt: auditRuns.lastUsedAt,
      },
    })
    .from(triageDecisions)
    .innerJoin(auditRuns, eq(auditRuns.id, triageDecisions.runId))
    .where(and(eq(triageDecisions.datasetId, datasetId), eq(triageDecisions.itemId, itemId)))
    .orderBy(desc(auditRuns.lastUsedAt), desc(triageDecisions.decidedAt));
  const history = await db
    .select()
    .from(events)
    .where(and(eq(events.datasetId, datasetId), eq(events.itemId, itemId)))
    .orderBy(asc(events.id));
  return {
    instance,
    verdicts: verdictRows.map((row) => ({ ruleSet: row.ruleSet, verdict: toVerdict(row) })),
    decisions,
    events: history,
  };
}

export async function countRows(db: StoreDatabase) {
  const [datasetCount, instanceCount, verdictCount, decisionCount, eventCount, runCount] = await Promise.all([
    db.$count(datasets),
    db.$count(instances),
    db.$count(verdicts),
    db.$count(triageDecisions),
    db.$count(events),
    db.$count(auditRuns),
  ]);
  return {
    datasets: datasetCount,
    instances: instanceCount,
    verdicts: verdictCount,
    triageDecisions: decisionCount,
    events: eventCount,
    auditRuns: runCount,
  };
}
