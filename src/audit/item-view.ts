import { z } from 'zod';
import {
  assessmentSchema,
  categoryListSchema,
  detailsSchema,
  entitiesSchema,
  findingListSchema,
  payloadSchema,
  triageStatusSchema,
  verdictUsageSchema,
} from '../store/records.js';
import type { ItemHistory } from '../store/audit-repository.js';
import { llmDetailsOf, llmVerdictDetailsSchema } from '../triage/llm-details.js';
import { triageReasonSchema } from '../triage/rules.js';

/**
 * What `steward audit show <id> --json` prints (and what a server will answer for one item): a documented view
 * built from domain types, so renaming a database column never changes it. docs/audit-show-json.md describes
 * every field; a change to this shape bumps `AUDIT_ITEM_VIEW_VERSION`.
 */
export const AUDIT_ITEM_VIEW_VERSION = 3;

const ruleSetViewSchema = z.strictObject({ id: z.string(), version: z.string() });
const verifierViewSchema = z.strictObject({ name: z.string(), version: z.string(), configHash: z.string() });

export const auditItemViewSchema = z.strictObject({
  schemaVersion: z.literal(AUDIT_ITEM_VIEW_VERSION),
  dataset: z.strictObject({ id: z.string(), source: z.string() }),
  item: z.strictObject({
    id: z.string(),
    row: z.number().int(),
    calculatorId: z.number().int().nullable(),
    calculatorSlug: z.string().nullable(),
    calculatorName: z.string(),
    category: z.string().nullable(),
    outputType: z.string().nullable(),
    noteId: z.string().nullable(),
    noteType: z.string().nullable(),
    note: z.string(),
    question: z.string(),
    entities: entitiesSchema.nullable(),
    entitiesText: z.string().nullable(),
    label: z.string(),
    lowerLimit: z.string().nullable(),
    upperLimit: z.string().nullable(),
    explanation: z.string().nullable(),
    contentHash: z.string(),
    instanceHash: z.string(),
  }),
  verdicts: z.array(
    z.strictObject({
      verifier: verifierViewSchema,
      ruleSet: ruleSetViewSchema,
      runId: z.string(),
      createdAt: z.iso.datetime(),
      assessment: assessmentSchema,
      proposedLabel: z.string().nullable(),
      categories: categoryListSchema,
      confidence: z.number(),
      findings: findingListSchema,
      details: detailsSchema,
      /** The LLM verdict's runs, vote and input votes, checked (`LlmVerdictDetails`); null for other verdicts. */
      llm: llmVerdictDetailsSchema.nullable(),
      usage: verdictUsageSchema.nullable(),
    }),
  ),
  triage: z.array(
    z.strictObject({
      run: z.strictObject({
        id: z.string(),
        verifiers: z.array(verifierViewSchema),
        ruleSet: ruleSetViewSchema,
        policyName: z.string(),
        lastUsedAt: z.iso.datetime(),
      }),
      policyHash: z.string(),
      decidedAt: z.iso.datetime(),
      status: triageStatusSchema,
      proposedLabel: z.string().nullable(),
      reasons: z.array(triageReasonSchema),
      categories: categoryListSchema,
      impact: z.number(),
    }),
  ),
  events: z.array(
    z.strictObject({
      id: z.number().int(),
      at: z.iso.datetime(),
      kind: z.string(),
      actor: z.string(),
      runId: z.string().nullable(),
      payload: payloadSchema,
    }),
  ),
});
export type AuditItemView = z.infer<typeof auditItemViewSchema>;

/** Builds the view of one item from what the store holds about it. */
export function buildAuditItemView(
  history: ItemHistory,
  dataset: { id: string; source: string },
): AuditItemView {
  const { instance } = history;
  return {
    schemaVersion: AUDIT_ITEM_VIEW_VERSION,
    dataset: { id: dataset.id, source: dataset.source },
    item: {
      id: instance.itemId,
      row: instance.row,
      calculatorId: instance.calculatorId,
      calculatorSlug: instance.calculatorSlug,
      calculatorName: instance.calculatorName,
      category: instance.category,
      outputType: instance.outputType,
      noteId: instance.noteId,
      noteType: instance.noteType,
      note: instance.note,
      question: instance.question,
      entities: instance.entities,
      entitiesText: instance.entitiesText,
      label: instance.label,
      lowerLimit: instance.lowerLimit,
      upperLimit: instance.upperLimit,
      explanation: instance.explanation,
      contentHash: instance.contentHash,
      instanceHash: instance.instanceHash,
    },
    verdicts: history.verdicts.map(({ verdict, ruleSet, runId, createdAt }) => ({
      verifier: {
        name: verdict.verifier,
        version: verdict.verifierVersion,
        configHash: verdict.verifierConfigHash,
      },
      ruleSet: { id: ruleSet.id, version: ruleSet.version },
      runId,
      createdAt: createdAt.toISOString(),
      assessment: verdict.assessment,
      proposedLabel: verdict.proposedLabel,
      categories: verdict.categories,
      confidence: verdict.confidence,
      findings: verdict.findings,
      details: verdict.details,
      llm: llmDetailsOf(verdict) ?? null,
      usage: verdict.usage,
    })),
    triage: history.decisions.map(({ decision, run, policyHash, decidedAt }) => ({
      run: {
        id: run.id,
        verifiers: run.verifiers.map(({ name, version, configHash }) => ({ name, version, configHash })),
        ruleSet: { id: run.ruleSet.id, version: run.ruleSet.version },
        policyName: run.policyName,
        lastUsedAt: run.lastUsedAt.toISOString(),
      },
      policyHash,
      decidedAt: decidedAt.toISOString(),
      status: decision.status,
      proposedLabel: decision.proposedLabel,
      reasons: decision.reasons.map(({ rule, effect, text }) => ({ rule, effect, text })),
      categories: decision.categories,
      impact: decision.impact,
    })),
    events: history.events.map((event) => ({
      id: event.id,
      at: event.at.toISOString(),
      kind: event.kind,
      actor: event.actor,
      runId: event.runId,
      payload: event.payload,
    })),
  };
}

/** Parses an item view (e.g. a client reading `audit show --json`); throws a ZodError naming the bad fields. */
export function parseAuditItemView(value: unknown): AuditItemView {
  return auditItemViewSchema.parse(value);
}

export function safeParseAuditItemView(value: unknown) {
  return auditItemViewSchema.safeParse(value);
}
