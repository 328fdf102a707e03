import { z } from 'zod';
import { AppError } from '../app-error.js';
import type { DatasetProvenance } from '../dataset/instance.js';
import type { PythonValue } from '../dataset/python-literal.js';
import { readLegacyReason } from '../triage/reasons.js';
import { triageReasonSchema } from '../triage/rules.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import type { TriageDecision, TriageReason } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { Finding, VerdictUsage, VerifierIdentity } from '../verify/types.js';

/**
 * The schemas of what the store reads back: every jsonb column (and every text column with a closed set of
 * values) is parsed here, once, so callers get checked domain types and never cast a column.
 */

const categorySchema = z.enum(ERROR_CATEGORIES);

const evidenceSpanSchema = z.object({ start: z.number(), end: z.number(), text: z.string() });

export const findingSchema = z.object({
  category: categorySchema,
  severity: z.enum(['error', 'warning', 'info']),
  entity: z.string().optional(),
  message: z.string(),
  evidence: z.array(evidenceSpanSchema),
}) satisfies z.ZodType<Finding>;

export const verdictUsageSchema = z.object({
  calls: z.number(),
  cachedCalls: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  costUsd: z.number().nullable(),
  latencyMs: z.number(),
}) satisfies z.ZodType<VerdictUsage>;

export const assessmentSchema = z.enum(['supports', 'disputes', 'not-computable', 'abstains']);
export const categoryListSchema = z.array(categorySchema);
export const findingListSchema = z.array(findingSchema);
export const detailsSchema = z.record(z.string(), z.unknown());

/** Runs stored before verifier configurations were hashed list `{name, version}`: their hash is empty. */
export const verifierIdentityListSchema = z.array(
  z.object({ name: z.string(), version: z.string(), configHash: z.string().default('') }),
) satisfies z.ZodType<VerifierIdentity[], unknown>;

const fileSchema = z.object({ path: z.string(), bytes: z.number(), sha256: z.string() });

export const provenanceSchema = z.discriminatedUnion('kind', [
  fileSchema.extend({ kind: z.literal('file') }),
  z.object({
    kind: z.literal('hub'),
    repo: z.string(),
    revision: z.string(),
    commit: z.string(),
    split: z.string(),
    files: z.array(fileSchema),
  }),
]) satisfies z.ZodType<DatasetProvenance>;

const pythonValueSchema: z.ZodType<PythonValue> = z.lazy(() =>
  z.union([
    z.null(),
    z.boolean(),
    z.number(),
    z.string(),
    z.array(pythonValueSchema),
    z.record(z.string(), pythonValueSchema),
  ]),
);
export const entitiesSchema = z.record(z.string(), pythonValueSchema);

/**
 * A stored triage reason. Databases written before reasons were structured hold strings "[rule-id] text": they
 * are read as context (their effect was not recorded). A string that names no known rule does not parse.
 */
export const storedReasonSchema = z.union([
  triageReasonSchema,
  z.string().transform((line, context): TriageReason => {
    const reason = readLegacyReason(line);
    if (reason !== undefined) return reason;
    context.issues.push({ code: 'custom', message: `not a "[rule-id] text" reason: ${line}`, input: line });
    return z.NEVER;
  }),
]);
export const reasonListSchema = z.array(storedReasonSchema);

export const triageStatusSchema = z.enum(TRIAGE_STATUSES);
export const runStatusSchema = z.enum(['running', 'completed']);

/** The event payloads are free-form objects. */
export const payloadSchema = z.record(z.string(), z.unknown());

/** Parses one stored column; a value that does not fit was written by an incompatible build. */
export function parseColumn<Output>(
  schema: z.ZodType<Output, unknown>,
  value: unknown,
  where: string,
): Output {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new AppError(
    'DATABASE_UNAVAILABLE',
    `the database holds a ${where} this build of Steward cannot read: ${z.prettifyError(result.error)}`,
    {
      fix: 'Open it with the Steward version that wrote it, or start a new database (--db) and audit again.',
      details: { where },
    },
  );
}

/** The stored columns of one triage decision, checked. */
export function toTriageDecision(row: {
  status: string;
  proposedLabel: string | null;
  reasons: unknown;
  categories: unknown;
  impact: number;
}): TriageDecision {
  return {
    status: parseColumn(triageStatusSchema, row.status, 'triage status'),
    proposedLabel: row.proposedLabel,
    reasons: parseColumn(reasonListSchema, row.reasons, 'list of triage reasons'),
    categories: parseColumn(categoryListSchema, row.categories, 'list of error categories'),
    impact: row.impact,
  };
}
