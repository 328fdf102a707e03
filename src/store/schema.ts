import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';

/**
 * The typed view of the tables that `migrations.ts` creates. The migrations are the source of truth; this file
 * must mirror them (a test compares the two on a fresh database).
 */

export const datasets = pgTable('datasets', {
  id: text('id').primaryKey(),
  source: text('source').notNull(),
  provenance: jsonb('provenance'),
  format: text('format').notNull(),
  layout: text('layout').notNull(),
  rowCount: integer('row_count').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const instances = pgTable(
  'instances',
  {
    datasetId: text('dataset_id').notNull(),
    itemId: text('item_id').notNull(),
    row: integer('row').notNull(),
    calculatorId: integer('calculator_id'),
    calculatorSlug: text('calculator_slug'),
    calculatorName: text('calculator_name').notNull(),
    category: text('category'),
    outputType: text('output_type'),
    noteId: text('note_id'),
    noteType: text('note_type'),
    note: text('note').notNull(),
    question: text('question').notNull(),
    entities: jsonb('entities'),
    entitiesText: text('entities_text'),
    label: text('label').notNull(),
    lowerLimit: text('lower_limit'),
    upperLimit: text('upper_limit'),
    explanation: text('explanation'),
    contentHash: text('content_hash').notNull(),
    /** sha256 of every field of the row (`computeInstanceHash`); empty for items stored before migration 2. */
    instanceHash: text('instance_hash').notNull(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.itemId] })],
);

export const auditRuns = pgTable('audit_runs', {
  id: text('id').primaryKey(),
  datasetId: text('dataset_id').notNull(),
  /** Identifies "the same audit": dataset + verifier identities + rule set id and version + policy hash. */
  runKey: text('run_key').notNull().unique(),
  verifiers: jsonb('verifiers').notNull(),
  ruleSet: text('rule_set').notNull(),
  policyName: text('policy_name').notNull(),
  policyHash: text('policy_hash').notNull(),
  status: text('status').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  /** Updated by every `audit` invocation with this key: "the latest audit" is the one used last. */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The answer rule set's version (migration 2; empty for older runs). */
  ruleSetVersion: text('rule_set_version').notNull(),
});

export const verdicts = pgTable(
  'verdicts',
  {
    datasetId: text('dataset_id').notNull(),
    itemId: text('item_id').notNull(),
    verifier: text('verifier').notNull(),
    verifierVersion: text('verifier_version').notNull(),
    /** The answer rule set agreement was judged under (part of the verdict's identity). */
    ruleSet: text('rule_set').notNull(),
    runId: text('run_id').notNull(),
    assessment: text('assessment').notNull(),
    proposedLabel: text('proposed_label'),
    categories: jsonb('categories').notNull(),
    confidence: doublePrecision('confidence').notNull(),
    findings: jsonb('findings').notNull(),
    details: jsonb('details').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The answer rule set's version (part of the identity; empty for verdicts older than migration 2). */
    ruleSetVersion: text('rule_set_version').notNull(),
    /** The verifier's configuration hash (part of the identity; empty for verdicts older than migration 2). */
    verifierConfigHash: text('verifier_config_hash').notNull(),
    /** What the verdict cost (`VerdictUsage`); null for verifiers that spend nothing. */
    usage: jsonb('usage'),
  },
  (table) => [
    primaryKey({
      columns: [
        table.datasetId,
        table.itemId,
        table.verifier,
        table.verifierVersion,
        table.verifierConfigHash,
        table.ruleSet,
        table.ruleSetVersion,
      ],
    }),
  ],
);

export const triageDecisions = pgTable(
  'triage_decisions',
  {
    datasetId: text('dataset_id').notNull(),
    itemId: text('item_id').notNull(),
    policyHash: text('policy_hash').notNull(),
    runId: text('run_id').notNull(),
    status: text('status').notNull(),
    proposedLabel: text('proposed_label'),
    reasons: jsonb('reasons').notNull(),
    categories: jsonb('categories').notNull(),
    impact: doublePrecision('impact').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One decision per item per audit run (= dataset, verifiers, rule set and policy): two audits of the same
  // dataset under the same policy but other verifiers must not overwrite each other.
  (table) => [primaryKey({ columns: [table.runId, table.itemId] })],
);

/** Append-only: a trigger rejects UPDATE, DELETE and TRUNCATE. */
export const events = pgTable('events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  kind: text('kind').notNull(),
  actor: text('actor').notNull(),
  datasetId: text('dataset_id'),
  itemId: text('item_id'),
  runId: text('run_id'),
  payload: jsonb('payload').notNull(),
});

/**
 * The LLM response cache (migration 3): one recorded `CachedResponse` per cache key; the first write wins. The
 * call's metadata is null for entries imported from a batch result file.
 */
export const llmCalls = pgTable('llm_calls', {
  key: text('key').primaryKey(),
  model: text('model'),
  promptId: text('prompt_id'),
  promptVersion: text('prompt_version'),
  runIndex: integer('run_index'),
  itemId: text('item_id'),
  verifier: text('verifier'),
  response: jsonb('response').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The LLM usage ledger (migration 3), one row per `UsageRecord`. Append-only: a trigger rejects changes. */
export const llmUsage = pgTable(
  'llm_usage',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    model: text('model').notNull(),
    promptId: text('prompt_id').notNull(),
    promptVersion: text('prompt_version').notNull(),
    verifier: text('verifier').notNull(),
    itemId: text('item_id').notNull(),
    runIndex: integer('run_index').notNull(),
    inputTokens: integer('input_tokens'),
    outputTokens: integer('output_tokens'),
    /** null when the price was unknown; 0 for a call served from the cache. */
    costUsd: doublePrecision('cost_usd'),
    latencyMs: doublePrecision('latency_ms').notNull(),
    cached: boolean('cached').notNull(),
    attempts: integer('attempts').notNull(),
    outcome: text('outcome').notNull(),
    datasetId: text('dataset_id'),
    runId: text('run_id'),
    /** How the call was made (migration 5): `live`, or `batch` (accounted by `llm batch import`). */
    via: text('via').notNull().default('live'),
  },
  (table) => [index('llm_usage_dataset').on(table.datasetId, table.runId)],
);

/**
 * What each exported batch request is for (migration 5), keyed by cache key: `llm batch import` accounts a
 * result in the usage ledger from it. Prices are the batch prices per million tokens resolved at export.
 */
export const llmBatchRequests = pgTable('llm_batch_requests', {
  key: text('key').primaryKey(),
  model: text('model').notNull(),
  promptId: text('prompt_id').notNull(),
  promptVersion: text('prompt_version').notNull(),
  verifier: text('verifier').notNull(),
  itemId: text('item_id').notNull(),
  runIndex: integer('run_index').notNull(),
  provider: text('provider').notNull(),
  datasetId: text('dataset_id'),
  inputUsdPerMillion: doublePrecision('input_usd_per_million'),
  outputUsdPerMillion: doublePrecision('output_usd_per_million'),
  exportedAt: timestamp('exported_at', { withTimezone: true }).notNull(),
});

/** Accounts of the review app (migration 6). `email` is lower-case; `passwordHash` is null until set. */
export const users = pgTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  role: text('role').notNull(),
  passwordHash: text('password_hash'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
});

/** One-time password links (migration 6): only the token's sha256 is stored. */
export const userTokens = pgTable('user_tokens', {
  tokenHash: text('token_hash').primaryKey(),
  userId: text('user_id').notNull(),
  purpose: text('purpose').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
});

/** Login sessions (migration 6): only the cookie token's sha256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (table) => [index('sessions_user').on(table.userId)],
);

export const reviewBatches = pgTable('review_batches', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  datasetId: text('dataset_id').notNull(),
  runId: text('run_id'),
  source: text('source').notNull(),
  ruleSet: text('rule_set').notNull(),
  reviewersPerItem: integer('reviewers_per_item').notNull(),
  extraReviewerRate: doublePrecision('extra_reviewer_rate').notNull(),
  leaseMinutes: integer('lease_minutes').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reviewItems = pgTable(
  'review_items',
  {
    batchId: text('batch_id').notNull(),
    itemId: text('item_id').notNull(),
    datasetId: text('dataset_id').notNull(),
    rank: integer('rank').notNull(),
    requiredReviewers: integer('required_reviewers').notNull(),
    triageStatus: text('triage_status'),
    impact: doublePrecision('impact'),
    stratum: text('stratum'),
    weight: doublePrecision('weight'),
    status: text('status').notNull(),
    finalOutcome: text('final_outcome'),
    finalLabel: text('final_label'),
    provenance: jsonb('provenance'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.batchId, table.itemId] }),
    index('review_items_status').on(table.status, table.batchId, table.rank),
  ],
);

export const reviewAssignments = pgTable(
  'review_assignments',
  {
    id: text('id').primaryKey(),
    batchId: text('batch_id').notNull(),
    itemId: text('item_id').notNull(),
    userId: text('user_id').notNull(),
    status: text('status').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (table) => [index('review_assignments_user').on(table.userId, table.status)],
);

/** Submitted labels (migration 6). Append-only: a trigger rejects changes. */
export const reviewLabels = pgTable(
  'review_labels',
  {
    assignmentId: text('assignment_id').primaryKey(),
    batchId: text('batch_id').notNull(),
    itemId: text('item_id').notNull(),
    userId: text('user_id').notNull(),
    mode: text('mode').notNull(),
    outcome: text('outcome').notNull(),
    answer: text('answer'),
    inputs: jsonb('inputs').notNull(),
    notComputableReason: text('not_computable_reason'),
    comment: text('comment'),
    minutes: doublePrecision('minutes'),
    measuredMinutes: doublePrecision('measured_minutes'),
    secondOpinion: boolean('second_opinion').notNull().default(false),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('review_labels_item').on(table.batchId, table.itemId)],
);

/** Adjudications (migration 6), every one kept; the latest per item is in force. Append-only. */
export const reviewAdjudications = pgTable('review_adjudications', {
  id: text('id').primaryKey(),
  batchId: text('batch_id').notNull(),
  itemId: text('item_id').notNull(),
  userId: text('user_id').notNull(),
  outcome: text('outcome').notNull(),
  finalLabel: text('final_label'),
  errorCategory: text('error_category'),
  rationale: text('rationale').notNull(),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
});

/** Published releases (migration 7): one row per version, with its manifest and the folder it was written to. */
export const releases = pgTable('releases', {
  version: text('version').primaryKey(),
  manifest: jsonb('manifest').notNull(),
  dir: text('dir').notNull(),
  publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Evaluation runs (migration 8): a model over a dataset with one prompt and n samples per item. */
export const evalRuns = pgTable('eval_runs', {
  id: text('id').primaryKey(),
  /** dataset + model + prompt id and version + samples: the same run when `eval run` is given them again. */
  runKey: text('run_key').notNull().unique(),
  datasetId: text('dataset_id').notNull(),
  model: text('model').notNull(),
  promptId: text('prompt_id').notNull(),
  promptVersion: text('prompt_version').notNull(),
  samples: integer('samples').notNull(),
  status: text('status').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
});

/** The reply of an evaluation run per item and 0-based sample (migration 8); null response when it abstained. */
export const evalResponses = pgTable(
  'eval_responses',
  {
    runId: text('run_id').notNull(),
    itemId: text('item_id').notNull(),
    sample: integer('sample').notNull(),
    outcome: text('outcome').notNull(),
    response: text('response'),
    error: text('error'),
    cached: boolean('cached').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.runId, table.itemId, table.sample] })],
);

/** Created by the migration runner itself, before any migration. */
export const stewardMigrations = pgTable('steward_migrations', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

export const schema = {
  stewardMigrations,
  datasets,
  instances,
  auditRuns,
  verdicts,
  triageDecisions,
  events,
  llmCalls,
  llmUsage,
  llmBatchRequests,
  users,
  userTokens,
  sessions,
  reviewBatches,
  reviewItems,
  reviewAssignments,
  reviewLabels,
  reviewAdjudications,
  releases,
  evalRuns,
  evalResponses,
};
export type Schema = typeof schema;
