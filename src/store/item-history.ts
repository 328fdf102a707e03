import { and, asc, desc, eq } from 'drizzle-orm';
import type { TriageDecision } from '../triage/types.js';
import type { Verdict, VerifierIdentity } from '../verify/types.js';
import { toStoredInstance } from './datasets.js';
import type { StoredInstance } from './datasets.js';
import type { StoreDatabase } from './open.js';
import { parseColumn, payloadSchema, toTriageDecision, verifierIdentityListSchema } from './records.js';
import type { RuleSetIdentity } from './runs.js';
import { auditRuns, events, instances, triageDecisions, verdicts } from './schema.js';
import { toVerdict } from './verdicts.js';

/** One verdict as stored, with what it was judged under and when. */
export interface StoredVerdict {
  ruleSet: RuleSetIdentity;
  runId: string;
  createdAt: Date;
  verdict: Verdict;
}

/** One triage decision as stored, with the audit run that made it. */
export interface StoredDecision {
  decision: TriageDecision;
  policyHash: string;
  decidedAt: Date;
  run: {
    id: string;
    verifiers: VerifierIdentity[];
    ruleSet: RuleSetIdentity;
    policyName: string;
    lastUsedAt: Date;
  };
}

/** One entry of the append-only event log. */
export interface StoredEvent {
  id: number;
  at: Date;
  kind: string;
  actor: string;
  runId: string | null;
  payload: Record<string, unknown>;
}

export interface ItemHistory {
  instance: StoredInstance;
  /** Every verdict of any verifier identity and rule set, oldest first. */
  verdicts: StoredVerdict[];
  /** The decisions of every audit run of the dataset, the run used last first. */
  decisions: StoredDecision[];
  events: StoredEvent[];
}

/** Everything stored about one item: the row, every verdict of any version, decisions, and its event history. */
export async function loadItemHistory(
  db: StoreDatabase,
  datasetId: string,
  itemId: string,
): Promise<ItemHistory | undefined> {
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
  const decisionRows = await db
    .select({ decision: triageDecisions, run: auditRuns })
    .from(triageDecisions)
    .innerJoin(auditRuns, eq(auditRuns.id, triageDecisions.runId))
    .where(and(eq(triageDecisions.datasetId, datasetId), eq(triageDecisions.itemId, itemId)))
    .orderBy(desc(auditRuns.lastUsedAt), desc(triageDecisions.decidedAt));
  const eventRows = await db
    .select()
    .from(events)
    .where(and(eq(events.datasetId, datasetId), eq(events.itemId, itemId)))
    .orderBy(asc(events.id));
  return {
    instance: toStoredInstance(instance),
    verdicts: verdictRows.map((row) => ({
      ruleSet: { id: row.ruleSet, version: row.ruleSetVersion },
      runId: row.runId,
      createdAt: row.createdAt,
      verdict: toVerdict(row),
    })),
    decisions: decisionRows.map(({ decision, run }) => ({
      decision: toTriageDecision(decision),
      policyHash: decision.policyHash,
      decidedAt: decision.decidedAt,
      run: {
        id: run.id,
        verifiers: parseColumn(verifierIdentityListSchema, run.verifiers, 'list of audit verifiers'),
        ruleSet: { id: run.ruleSet, version: run.ruleSetVersion },
        policyName: run.policyName,
        lastUsedAt: run.lastUsedAt,
      },
    })),
    events: eventRows.map((row) => ({
      id: row.id,
      at: row.at,
      kind: row.kind,
      actor: row.actor,
      runId: row.runId,
      payload: parseColumn(payloadSchema, row.payload, 'event payload'),
    })),
  };
}
