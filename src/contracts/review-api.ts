import { z } from 'zod';

/**
 * The review app's HTTP contract: every request body and every response of `steward serve`, as zod schemas, and
 * the route table that the server validates with, generates `/api/openapi.json` from, and the web app types its
 * calls with. Blinding is part of the contract: the shapes a physician receives have no field that could carry
 * another label (the original label, a verifier's label, another physician's label) — and the server's tests walk
 * every route in this table to prove it.
 */

// ------------------------------------------------------------------ vocabularies

export const ROLES = ['physician', 'adjudicator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

/** Why a physician marks an item not computable. */
export const NOT_COMPUTABLE_REASONS = [
  'missing-input',
  'ambiguous-time-point',
  'calculator-not-applicable',
] as const;
export type NotComputableReason = (typeof NOT_COMPUTABLE_REASONS)[number];

/** The audit's closed error categories (mirrors `ERROR_CATEGORIES` in verify/types.ts; a test checks it). */
export const REVIEW_ERROR_CATEGORIES = [
  'extraction-error',
  'calculator-logic',
  'unit-conversion',
  'underspecified-question',
  'not-computable',
  'implausible-input',
  'format',
  'none',
] as const;
export const reviewErrorCategorySchema = z.enum(REVIEW_ERROR_CATEGORIES);

export const OUTCOMES = ['answer', 'not-computable'] as const;
export const outcomeSchema = z.enum(OUTCOMES);

export const ITEM_STATUSES = ['open', 'escalated', 'resolved'] as const;
export const itemStatusSchema = z.enum(ITEM_STATUSES);

/**
 * Where a final label comes from: confirmed automatically by the audit, agreed by LLM verifiers, agreed by the
 * physicians who labelled it, or decided by a named adjudicator.
 */
export const provenanceSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('confirmed-automatically'), runId: z.string(), rule: z.string() }),
  z.object({ method: z.literal('llm-consensus'), runId: z.string(), verifiers: z.array(z.string()) }),
  z.object({
    method: z.literal('physician-agreement'),
    reviewers: z.number().int(),
    /** sha256 of each reviewer's id (never the e-mail). */
    reviewerIdsHashed: z.array(z.string()),
  }),
  z.object({
    method: z.literal('adjudicated'),
    adjudicator: z.string().describe('the adjudicator’s e-mail'),
    reviewers: z.number().int(),
  }),
]);
export type Provenance = z.infer<typeof provenanceSchema>;

// ------------------------------------------------------------------ common shapes

const id = z.string().min(1).max(200);
const isoTime = z.string().describe('ISO 8601 time');

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fix: z.string().optional(),
    /** Request-body problems: the field path and what is wrong. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

export const okResponseSchema = z.object({ ok: z.literal(true) });

export const userSchema = z.object({
  id,
  email: z.string(),
  role: roleSchema,
});
export type User = z.infer<typeof userSchema>;

/** A span of the patient note by character offsets (`note.slice(start, end) === text`). */
export const spanSchema = z
  .object({ start: z.number().int().min(0), end: z.number().int().min(0), text: z.string().max(5000) })
  .refine((span) => span.end >= span.start, { message: 'end must not be before start' });
export type Span = z.infer<typeof spanSchema>;

// ------------------------------------------------------------------ public routes

export const healthResponseSchema = z.object({ status: z.literal('ok'), version: z.string() });

export const loginRequestSchema = z.object({
  email: z.string().trim().min(3).max(320),
  password: z.string().min(1).max(1024),
});
export const sessionResponseSchema = z.object({ user: userSchema, csrfToken: z.string() });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

/** Redeems a one-time link from `steward user add`. */
export const setPasswordRequestSchema = z.object({
  token: z.string().min(16).max(200),
  password: z.string().min(12, 'at least 12 characters').max(1024),
});

// ------------------------------------------------------------------ calculators (any signed-in user)

export const formInputSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['quantity', 'boolean', 'enum', 'number', 'sex', 'date', 'drug-dose']),
  description: z.string().optional(),
  /** Quantities: the canonical UCUM unit and how it is written; numbers: their unit, if any. */
  unit: z.string().optional(),
  unitDisplay: z.string().optional(),
  /** Enums: the options; drug doses: the drugs. */
  options: z.array(z.string()).optional(),
});
export type FormInput = z.infer<typeof formInputSchema>;

export const calculatorFormSchema = z.object({
  slug: z.string(),
  name: z.string(),
  version: z.string(),
  unit: z.string(),
  outputType: z.string(),
  reference: z.string(),
  inputs: z.array(formInputSchema),
});
export type CalculatorForm = z.infer<typeof calculatorFormSchema>;

/**
 * Input values in the calculator's clean form, keyed by input name: quantities `{value, unit}` (UCUM), booleans,
 * enum options, numbers, `male`/`female`, dates `YYYY-MM-DD`, drug doses `{drug, doseMg}`.
 */
export const inputValuesSchema = z.record(z.string().max(100), z.unknown());

export const computeRequestSchema = z.object({ inputs: inputValuesSchema });
export const computeResponseSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('computed'),
    answer: z.string(),
    unit: z.string(),
    steps: z.array(z.string()),
    assumptions: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
  z.object({
    status: z.literal('not-computable'),
    reason: z.string(),
    missing: z.array(z.string()),
    steps: z.array(z.string()),
    assumptions: z.array(z.string()),
    warnings: z.array(z.string()),
  }),
]);
export type ComputeResponse = z.infer<typeof computeResponseSchema>;

// ------------------------------------------------------------------ physician: queue and blind labelling

export const queueEntrySchema = z.object({
  assignmentId: id,
  batchId: id,
  batchName: z.string(),
  itemId: id,
  calculatorName: z.string(),
  assignedAt: isoTime,
  expiresAt: isoTime,
});

export const queueResponseSchema = z.object({
  active: z.array(queueEntrySchema),
  /** Items this physician could still be given (open, needing reviewers, not labelled or handed back by them). */
  available: z.number().int(),
  submitted: z.number().int(),
});
export type QueueResponse = z.infer<typeof queueResponseSchema>;

export const nextAssignmentResponseSchema = z.object({ assignment: queueEntrySchema.nullable() });

/** One input as the physician recorded it. */
export const labelInputSchema = z.object({
  name: z.string().min(1).max(100),
  value: z.unknown(),
  span: spanSchema.optional(),
  timePoint: z.string().max(500).optional(),
  assumption: z.string().max(2000).optional(),
});
export type LabelInput = z.infer<typeof labelInputSchema>;

/** What a physician sees of an assigned item: never a label other than their own. */
export const blindItemSchema = z.object({
  assignmentId: id,
  batchId: id,
  itemId: id,
  status: z.enum(['active', 'submitted', 'returned', 'expired']),
  expiresAt: isoTime,
  note: z.string(),
  question: z.string(),
  calculator: calculatorFormSchema.nullable(),
  /** The physician's own submitted label, once submitted. */
  ownLabel: z
    .object({
      outcome: outcomeSchema,
      answer: z.string().nullable(),
      mode: z.enum(['form', 'direct', 'not-computable']),
      inputs: z.array(labelInputSchema),
      notComputableReason: z.enum(NOT_COMPUTABLE_REASONS).nullable(),
      comment: z.string().nullable(),
      minutes: z.number().nullable(),
      submittedAt: isoTime,
    })
    .nullable(),
});
export type BlindItem = z.infer<typeof blindItemSchema>;

export const submitLabelRequestSchema = z
  .discriminatedUnion('mode', [
    /** Inputs entered in the form; the server computes the answer with our calculator. */
    z.object({ mode: z.literal('form'), inputs: z.array(labelInputSchema).max(100) }),
    /** A final answer typed directly (inputs optional, e.g. with their spans). */
    z.object({
      mode: z.literal('direct'),
      answer: z.string().trim().min(1).max(200),
      inputs: z.array(labelInputSchema).max(100).default([]),
    }),
    z.object({
      mode: z.literal('not-computable'),
      reason: z.enum(NOT_COMPUTABLE_REASONS),
      inputs: z.array(labelInputSchema).max(100).default([]),
    }),
  ])
  .and(
    z.object({
      comment: z.string().max(10_000).optional(),
      /** Minutes the physician says they spent (the app measures and pre-fills it; editable). */
      minutes: z
        .number()
        .min(0)
        .max(24 * 60)
        .optional(),
      /** Minutes the app measured from opening the item to submitting. */
      measuredMinutes: z
        .number()
        .min(0)
        .max(24 * 60)
        .optional(),
      /** Ask for a second opinion: the item goes to adjudication even if the physicians agree. */
      secondOpinion: z.boolean().optional(),
    }),
  );
export type SubmitLabelRequest = z.infer<typeof submitLabelRequestSchema>;

export const submitLabelResponseSchema = z.object({
  assignmentId: id,
  outcome: outcomeSchema,
  answer: z.string().nullable(),
  /** The next item, assigned at once, so the app can load it without another round trip. */
  next: queueEntrySchema.nullable(),
});

export const returnAssignmentRequestSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

/** A physician's own finished reviews; the final label appears only once the item is decided. */
export const myReviewSchema = z.object({
  batchId: id,
  itemId: id,
  calculatorName: z.string(),
  outcome: outcomeSchema,
  answer: z.string().nullable(),
  submittedAt: isoTime,
  decided: z.boolean(),
  finalOutcome: outcomeSchema.nullable(),
  finalLabel: z.string().nullable(),
  agreesWithFinal: z.boolean().nullable(),
  provenanceMethod: z.string().nullable(),
});
export const myReviewsResponseSchema = z.object({ reviews: z.array(myReviewSchema) });

// ------------------------------------------------------------------ adjudication

export const adjudicationEntrySchema = z.object({
  batchId: id,
  itemId: id,
  calculatorName: z.string(),
  reviewers: z.number().int(),
  escalatedBecause: z.string(),
});
export const adjudicationQueueResponseSchema = z.object({ items: z.array(adjudicationEntrySchema) });

export const reviewerLabelSchema = z.object({
  /** "Reviewer A", "Reviewer B", … until the item is decided; never a name or an e-mail. */
  reviewer: z.string(),
  outcome: outcomeSchema,
  answer: z.string().nullable(),
  mode: z.enum(['form', 'direct', 'not-computable']),
  inputs: z.array(labelInputSchema),
  notComputableReason: z.string().nullable(),
  comment: z.string().nullable(),
  secondOpinion: z.boolean(),
  minutes: z.number().nullable(),
});

export const verdictViewSchema = z.object({
  verifier: z.string(),
  version: z.string(),
  assessment: z.string(),
  proposedLabel: z.string().nullable(),
  confidence: z.number(),
  categories: z.array(z.string()),
  findings: z.array(
    z.object({
      category: z.string(),
      severity: z.string(),
      message: z.string(),
      evidence: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })),
    }),
  ),
});

export const adjudicationItemSchema = z.object({
  batchId: id,
  itemId: id,
  status: itemStatusSchema,
  note: z.string(),
  question: z.string(),
  calculator: calculatorFormSchema.nullable(),
  originalLabel: z.string(),
  originalExplanation: z.string().nullable(),
  triage: z.object({ status: z.string().nullable(), proposedLabel: z.string().nullable() }),
  verdicts: z.array(verdictViewSchema),
  reviewers: z.array(reviewerLabelSchema),
  escalatedBecause: z.string(),
  decision: z
    .object({
      outcome: outcomeSchema,
      finalLabel: z.string().nullable(),
      errorCategory: z.string().nullable(),
      rationale: z.string(),
      adjudicator: z.string(),
      decidedAt: isoTime,
    })
    .nullable(),
});
export type AdjudicationItem = z.infer<typeof adjudicationItemSchema>;

export const adjudicateRequestSchema = z
  .object({
    outcome: outcomeSchema,
    finalLabel: z.string().trim().min(1).max(200).optional(),
    errorCategory: reviewErrorCategorySchema,
    rationale: z.string().trim().min(1).max(10_000),
  })
  .refine((body) => body.outcome === 'not-computable' || body.finalLabel !== undefined, {
    message: 'an answer needs a finalLabel',
    path: ['finalLabel'],
  });

export const reopenRequestSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

export const itemDecisionResponseSchema = z.object({
  batchId: id,
  itemId: id,
  status: itemStatusSchema,
  finalOutcome: outcomeSchema.nullable(),
  finalLabel: z.string().nullable(),
  provenance: provenanceSchema.nullable(),
});

// ------------------------------------------------------------------ admin: batches and users

export const createBatchRequestSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** At most this many items, the most consequential first (the `triage queue` ranking). */
  budget: z.number().int().min(1).max(100_000).optional(),
  reviewersPerItem: z.number().int().min(1).max(10).default(2),
  /** Share of items that get one more physician, to measure agreement. */
  extraReviewerRate: z.number().min(0).max(1).default(0),
  leaseHours: z
    .number()
    .min(0.05)
    .max(24 * 30)
    .default(48),
  /** Item ids (a `triage sample` file's ids, with stratum and weight); default: the latest audit's queue. */
  sample: z
    .array(z.object({ id: z.string().min(1), stratum: z.string().optional(), weight: z.number().optional() }))
    .max(100_000)
    .optional(),
  /** The dataset (a stored dataset id or source); default: the latest audit's. */
  dataset: z.string().optional(),
});
export type CreateBatchRequest = z.input<typeof createBatchRequestSchema>;

export const batchSummarySchema = z.object({
  id,
  name: z.string(),
  source: z.enum(['queue', 'sample']),
  datasetId: z.string(),
  runId: z.string().nullable(),
  reviewersPerItem: z.number().int(),
  extraReviewerRate: z.number(),
  leaseMinutes: z.number().int(),
  createdBy: z.string(),
  createdAt: isoTime,
  items: z.number().int(),
  open: z.number().int(),
  escalated: z.number().int(),
  resolved: z.number().int(),
  labelsSubmitted: z.number().int(),
  labelsRequired: z.number().int(),
});
export type BatchSummary = z.infer<typeof batchSummarySchema>;
export const batchesResponseSchema = z.object({ batches: z.array(batchSummarySchema) });

export const userListResponseSchema = z.object({
  users: z.array(userSchema.extend({ disabled: z.boolean(), hasPassword: z.boolean(), createdAt: isoTime })),
});

// ------------------------------------------------------------------ agreement

const intervalSchema = z.object({ low: z.number(), high: z.number() });
export const estimateSchema = z.object({
  estimate: z.number().nullable(),
  ci: intervalSchema.nullable(),
  n: z.number().int(),
  reason: z.string().optional(),
});

export const statsResponseSchema = z.object({
  schemaVersion: z.literal(1),
  items: z.object({
    total: z.number().int(),
    open: z.number().int(),
    escalated: z.number().int(),
    resolved: z.number().int(),
    /** Items with every required label in (the ones agreement is measured on). */
    fullyLabelled: z.number().int(),
  }),
  physicians: z.object({
    percentAgreement: estimateSchema,
    cohensKappa: estimateSchema,
    fleissKappa: estimateSchema,
    /** Pooled over every calculator: inflated by the differences between calculators' scales. */
    krippendorffAlphaInterval: estimateSchema,
    /** Within each calculator (the figure to read for numeric agreement), for calculators with 2+ items. */
    krippendorffAlphaByCalculator: z
      .array(z.object({ calculatorId: z.number().int().nullable(), estimate: estimateSchema }))
      .default([]),
  }),
  /** Agreement of the original labels and of each verifier with the final labels, with Wilson CIs. */
  againstFinal: z.array(
    z.object({
      source: z.string(),
      agree: z.number().int(),
      total: z.number().int(),
      estimate: estimateSchema,
    }),
  ),
  perItem: z.array(
    z.object({
      batchId: id,
      itemId: id,
      reviewers: z.number().int(),
      allAgree: z.boolean(),
      status: itemStatusSchema,
    }),
  ),
  minutes: z.object({ labels: z.number().int(), median: z.number().nullable(), total: z.number() }),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;

// ------------------------------------------------------------------ the route table

export type Access = 'public' | 'signed-in' | Role | readonly Role[];

export interface RouteSpec {
  method: 'get' | 'post' | 'delete';
  /** Hono path syntax (`/api/assignments/:id`). */
  path: string;
  summary: string;
  access: Access;
  body?: z.ZodType;
  response: z.ZodType;
  /** HTTP status of a success (default 200). */
  status?: number;
}

function route<const SPEC extends RouteSpec>(spec: SPEC): SPEC {
  return spec;
}

export const REVIEW_ROUTES = {
  health: route({
    method: 'get',
    path: '/api/health',
    summary: 'Liveness',
    access: 'public',
    response: healthResponseSchema,
  }),
  openapi: route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This API as OpenAPI 3.1',
    access: 'public',
    response: z.record(z.string(), z.unknown()),
  }),
  login: route({
    method: 'post',
    path: '/api/session',
    summary: 'Sign in; sets the session cookie',
    access: 'public',
    body: loginRequestSchema,
    response: sessionResponseSchema,
  }),
  setPassword: route({
    method: 'post',
    path: '/api/password',
    summary: 'Set a password with a one-time link from `steward user add`',
    access: 'public',
    body: setPasswordRequestSchema,
    response: okResponseSchema,
  }),
  session: route({
    method: 'get',
    path: '/api/session',
    summary: 'The signed-in user and the CSRF token',
    access: 'signed-in',
    response: sessionResponseSchema,
  }),
  logout: route({
    method: 'delete',
    path: '/api/session',
    summary: 'Sign out',
    access: 'signed-in',
    response: okResponseSchema,
  }),
  calculatorForm: route({
    method: 'get',
    path: '/api/calculators/:slug',
    summary: "A calculator's input form",
    access: 'signed-in',
    response: calculatorFormSchema,
  }),
  compute: route({
    method: 'post',
    path: '/api/calculators/:slug/compute',
    summary: "Our calculator's result and steps for some inputs",
    access: 'signed-in',
    body: computeRequestSchema,
    response: computeResponseSchema,
  }),
  queue: route({
    method: 'get',
    path: '/api/queue',
    summary: "The physician's active assignments",
    access: 'physician',
    response: queueResponseSchema,
  }),
  nextAssignment: route({
    method: 'post',
    path: '/api/assignments/next',
    summary: 'Take the next item (an active assignment is returned first)',
    access: 'physician',
    response: nextAssignmentResponseSchema,
  }),
  assignment: route({
    method: 'get',
    path: '/api/assignments/:id',
    summary: 'An assigned item, blind',
    access: 'physician',
    response: blindItemSchema,
  }),
  submitLabel: route({
    method: 'post',
    path: '/api/assignments/:id/label',
    summary: 'Submit a blind label',
    access: 'physician',
    body: submitLabelRequestSchema,
    response: submitLabelResponseSchema,
  }),
  returnAssignment: route({
    method: 'post',
    path: '/api/assignments/:id/return',
    summary: 'Hand an item back to the pool',
    access: 'physician',
    body: returnAssignmentRequestSchema,
    response: okResponseSchema,
  }),
  myReviews: route({
    method: 'get',
    path: '/api/my/reviews',
    summary: 'My reviews, with the final label once decided',
    access: 'physician',
    response: myReviewsResponseSchema,
  }),
  adjudicationQueue: route({
    method: 'get',
    path: '/api/adjudications',
    summary: 'Escalated items',
    access: 'adjudicator',
    response: adjudicationQueueResponseSchema,
  }),
  adjudicationItem: route({
    method: 'get',
    path: '/api/adjudications/:batchId/:itemId',
    summary: 'An escalated item with every label and verdict, reviewers anonymised',
    access: 'adjudicator',
    response: adjudicationItemSchema,
  }),
  adjudicate: route({
    method: 'post',
    path: '/api/adjudications/:batchId/:itemId',
    summary: 'Decide an escalated item (authoritative)',
    access: 'adjudicator',
    body: adjudicateRequestSchema,
    response: itemDecisionResponseSchema,
  }),
  reopen: route({
    method: 'post',
    path: '/api/items/:batchId/:itemId/reopen',
    summary: 'Reopen a resolved item for adjudication, with a reason',
    access: ['adjudicator', 'admin'],
    body: reopenRequestSchema,
    response: itemDecisionResponseSchema,
  }),
  batches: route({
    method: 'get',
    path: '/api/batches',
    summary: 'Review batches and their progress',
    access: 'admin',
    response: batchesResponseSchema,
  }),
  createBatch: route({
    method: 'post',
    path: '/api/batches',
    summary: "Build a review batch from the latest audit's queue or from a sample",
    access: 'admin',
    body: createBatchRequestSchema,
    response: batchSummarySchema,
    status: 201,
  }),
  users: route({
    method: 'get',
    path: '/api/users',
    summary: 'Accounts',
    access: 'admin',
    response: userListResponseSchema,
  }),
  stats: route({
    method: 'get',
    path: '/api/stats',
    summary: 'Agreement between physicians, and of labels and verifiers with the final labels',
    access: ['adjudicator', 'admin'],
    response: statsResponseSchema,
  }),
} as const satisfies Record<string, RouteSpec>;

export type ReviewRouteName = keyof typeof REVIEW_ROUTES;

/** Header that carries the CSRF token on every state-changing request. */
export const CSRF_HEADER = 'x-csrf-token';
/** The session cookie's name. */
export const SESSION_COOKIE = 'steward_session';
