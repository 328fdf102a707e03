import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../app-error.js';
import { CALCULATOR_SLUGS } from '../catalog/medcalc-bench.js';
import { canonicalJson } from '../contracts/canonical-json.js';
import { ERROR_CATEGORIES } from '../verify/types.js';

/**
 * The triage policy: which verdicts count, how repeated runs of one verifier are voted, when a label may be
 * confirmed or replaced without a physician, and how physician review is prioritised. Every rule is described in
 * docs/triage-policy.md; docs/triage-policy.example.json is DEFAULT_POLICY as a file.
 *
 * Policy files are parsed here, once, and trusted afterwards. Every field is required (except `description`), so
 * a file states the whole policy and its hash covers all of it.
 */

const categorySchema = z.enum(ERROR_CATEGORIES);
const severitySchema = z.enum(['error', 'warning']);

/**
 * `label`: computes its own label (recompute, LLM recompute runs); its assessment is a vote on the label.
 * `inputs`: checks the stored inputs against the note (entity-check); its disputes and findings make the inputs
 * suspect, and it never votes on the label value.
 */
export const VERIFIER_ROLES = ['label', 'inputs'] as const;
export type VerifierRole = (typeof VERIFIER_ROLES)[number];

const verifierListSchema = z.array(z.string().min(1));

const llmPolicySchema = z.strictObject({
  /** Votes the winning cluster of an LLM verdict needs before its agreement may decide anything. */
  minimumSupport: z.number().int().min(1),
  /** Quotes not found in the note that an LLM verdict may carry and still decide anything. */
  maxFabricatedQuotes: z.number().int().min(0),
  /** What a disagreement of a verifier that saw the label (`llm-audit`) with the automatic outcome does. */
  auditDisagreement: z.enum(['needs-physician', 'context']),
  /** Whether a blind LLM agreement stands in for a required verifier that has no verdict or abstained. */
  blindAgreementStandsIn: z.boolean(),
});

const DEFAULT_LLM_POLICY: z.output<typeof llmPolicySchema> = {
  minimumSupport: 2,
  maxFabricatedQuotes: 0,
  auditDisagreement: 'needs-physician',
  blindAgreementStandsIn: true,
};

export const triagePolicySchema = z
  .strictObject({
    name: z.string().min(1),
    version: z.string().min(1),
    description: z.string().optional(),
    /** The verifiers whose verdicts count, by name, with their role. Verdicts of other verifiers are ignored. */
    verifiers: z.record(z.string().min(1), z.enum(VERIFIER_ROLES)),
    voting: z.strictObject({
      /** Share of a verifier's runs that must agree (0.8 = 4 of 5). Above one half, so at most one side wins. */
      supermajority: z.number().gt(0.5).lte(1),
      /** Whether abstaining runs count in the denominator (true: an abstention is a vote for nothing). */
      abstentionsCount: z.boolean(),
      /** Relative tolerance under which two numeric labels are the same answer (dates and day counts: exact). */
      labelTolerance: z.number().min(0).lt(1),
    }),
    /** Findings of these categories, from any counted verifier, make the inputs suspect: no automatic decision. */
    blockingCategories: z.array(categorySchema),
    /** The lowest finding severity that counts for `blockingCategories`. */
    blockingSeverity: severitySchema,
    confirm: z.strictObject({
      /** Label verifiers that must support the original label for it to be confirmed. */
      requireVerifiers: verifierListSchema,
      /**
       * What a supported label becomes when an input it used is not verified against the note by an inputs
       * verifier (and no blind LLM agreement checked it): `extraction-unverified` (its own status), a physician,
       * or `confirmed` (what policies before 1.4.0 did). Added in 1.4.0, so older files load with the default.
       */
      unverifiedExtraction: z
        .enum(['extraction-unverified', 'needs-physician', 'confirmed'])
        .default('extraction-unverified'),
    }),
    autoRelabel: z.strictObject({
      /** Label verifiers that must dispute with (the same) proposed label. */
      requireVerifiers: verifierListSchema.min(1),
      /** Finding categories that justify an automatic relabel; a dispute needs at least one. */
      allowedCategories: z.array(categorySchema).min(1),
      /** Largest relative change |a − b| / max(|a|, |b|) relabelled automatically; null = no limit. */
      maxRelativeChange: z.number().positive().nullable(),
    }),
    /**
     * Whether a default applied to a missing input, behind a change, sends the item to a physician: `true` every
     * default (policies before 1.4.0), `'when-they-matter'` only a default for which another plausible value of
     * the input changes the answer (or that was not tested), `false` none.
     */
    assumptionsAreJudgmentCalls: z.union([z.boolean(), z.literal('when-they-matter')]),
    notComputable: z.strictObject({
      /** What a consensus "not computable" becomes when nothing contests it. */
      status: z.enum(['not-computable', 'needs-physician']),
      requireVerifiers: verifierListSchema,
    }),
    /** What an implausible-input finding (error or warning) does. */
    implausibleInput: z.enum(['needs-physician', 'ignore']),
    /** How LLM verdicts (details `LlmVerdictDetails`) count; added in 1.3.0, so older files load with defaults. */
    llm: llmPolicySchema.default(DEFAULT_LLM_POLICY),
    impact: z.strictObject({
      /** impact = severity × (change × weights.change + uncertainty × weights.uncertainty). */
      weights: z.strictObject({ change: z.number().min(0), uncertainty: z.number().min(0) }),
      /** Severity of each category, 0–1; the decision's most severe category counts. */
      categorySeverity: z.strictObject(
        Object.fromEntries(
          ERROR_CATEGORIES.map((category) => [category, z.number().min(0).max(1)]),
        ) as Record<(typeof ERROR_CATEGORIES)[number], z.ZodNumber>,
      ),
      /** Severity when the decision has no category. */
      baseSeverity: z.number().min(0).max(1),
      /** Change assumed when there is no candidate label to compare. */
      unknownChange: z.number().min(0).max(1),
      /** A date or gestational-age difference of this many days counts as a full (1.0) change. */
      dateScaleDays: z.number().positive(),
      /** Per calculator slug: score values at which a clinical category starts (crossing one = change 1). */
      decisionThresholds: z.record(z.string().min(1), z.array(z.number())),
      /** For a calculator with thresholds, the most a change that stays within one category counts. */
      sameBandChange: z.number().min(0).max(1).default(0.5),
    }),
  })
  .superRefine((policy, context) => {
    const checkLabelVerifiers = (names: readonly string[], path: (string | number)[]) => {
      names.forEach((name, index) => {
        if (roleOf(policy, name) !== 'label') {
          context.addIssue({
            code: 'custom',
            path: [...path, index],
            message: `"${name}" must be listed in "verifiers" with the role "label"`,
          });
        }
      });
    };
    checkLabelVerifiers(policy.confirm.requireVerifiers, ['confirm', 'requireVerifiers']);
    checkLabelVerifiers(policy.autoRelabel.requireVerifiers, ['autoRelabel', 'requireVerifiers']);
    checkLabelVerifiers(policy.notComputable.requireVerifiers, ['notComputable', 'requireVerifiers']);
    for (const slug of Object.keys(policy.impact.decisionThresholds)) {
      if (!(CALCULATOR_SLUGS as readonly string[]).includes(slug)) {
        context.addIssue({
          code: 'custom',
          path: ['impact', 'decisionThresholds', slug],
          message: `"${slug}" is not a calculator slug (see src/catalog/medcalc-bench.ts)`,
        });
      }
    }
    policy.autoRelabel.allowedCategories.forEach((category, index) => {
      if (policy.blockingCategories.includes(category)) {
        context.addIssue({
          code: 'custom',
          path: ['autoRelabel', 'allowedCategories', index],
          message: `"${category}" is also in "blockingCategories"; a category cannot both justify and block a relabel`,
        });
      }
    });
  });

export type TriagePolicy = z.output<typeof triagePolicySchema>;

/** The role the policy gives a verifier, or undefined when its verdicts do not count. */
export function roleOf(policy: Pick<TriagePolicy, 'verifiers'>, verifier: string): VerifierRole | undefined {
  return Object.hasOwn(policy.verifiers, verifier) ? policy.verifiers[verifier] : undefined;
}

/** Steward's default policy; docs/triage-policy.md explains each rule and docs/triage-policy.example.json holds it. */
export const DEFAULT_POLICY: TriagePolicy = {
  name: 'steward-default',
  version: '1.5.0',
  description:
    'Deterministic recompute decides, with blind LLM agreement as independent evidence; entity-check and llm-audit can only hold a decision back, and a label is confirmed only when entity-check verifies every input it used (otherwise extraction-unverified). Anything resting on a judgment call, a default that changes the answer, or a disagreement goes to a physician.',
  verifiers: {
    recompute: 'label',
    'entity-check': 'inputs',
    'llm-audit': 'label',
    'llm-recompute': 'label',
    'llm-answer': 'label',
  },
  voting: { supermajority: 0.8, abstentionsCount: true, labelTolerance: 0.05 },
  blockingCategories: ['extraction-error'],
  blockingSeverity: 'error',
  confirm: { requireVerifiers: ['recompute'], unverifiedExtraction: 'extraction-unverified' },
  autoRelabel: {
    requireVerifiers: ['recompute'],
    allowedCategories: ['calculator-logic', 'unit-conversion'],
    maxRelativeChange: null,
  },
  assumptionsAreJudgmentCalls: 'when-they-matter',
  notComputable: { status: 'not-computable', requireVerifiers: ['recompute'] },
  implausibleInput: 'needs-physician',
  llm: { ...DEFAULT_LLM_POLICY },
  impact: {
    weights: { change: 0.6, uncertainty: 0.4 },
    categorySeverity: {
      'extraction-error': 1,
      'calculator-logic': 0.8,
      'unit-conversion': 0.8,
      'implausible-input': 0.7,
      'not-computable': 0.6,
      'underspecified-question': 0.5,
      format: 0.3,
    },
    baseSeverity: 0.2,
    unknownChange: 0.5,
    dateScaleDays: 14,
    decisionThresholds: {
      'cha2ds2-vasc': [2, 3],
      'has-bled': [3],
      'curb-65': [2, 3],
      'wells-pe': [2, 4.5, 6.5],
      'child-pugh': [7, 10],
      'glasgow-coma-scale': [9, 13],
      'heart-score': [4, 7],
      sirs: [2],
      perc: [1],
      'framingham-hard-chd': [10, 20],
    },
    sameBandChange: 0.5,
  },
};

export interface PolicyIssue {
  /** Dotted field path (`autoRelabel.maxRelativeChange`, `impact.weights`); `(root)` for the whole file. */
  path: string;
  message: string;
}

export type SafeParsePolicyResult =
  { success: true; policy: TriagePolicy } | { success: false; issues: PolicyIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path
    .map((segment) => (typeof segment === 'number' ? `[${segment}]` : String(segment)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** Validates a parsed policy value; never throws. Unknown fields are issues, each named by its full path. */
export function safeParsePolicy(value: unknown): SafeParsePolicyResult {
  const result = triagePolicySchema.safeParse(value);
  if (result.success) return { success: true, policy: result.data };
  const issues = result.error.issues.flatMap((issue): PolicyIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: 'unknown field (misspelt, or not part of this policy version)',
        }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
  return { success: false, issues };
}

function invalidPolicy(source: string, problem: string, details: Record<string, unknown>): AppError {
  return new AppError('ARGUMENT_INVALID', `triage policy ${source} is invalid: ${problem}`, {
    fix: `Edit ${source} and fix the field(s) named; docs/triage-policy.md describes every field and docs/triage-policy.example.json is a complete valid policy to start from.`,
    details: { file: source, ...details },
  });
}

/** Validates a parsed policy value; throws AppError('ARGUMENT_INVALID') naming the source and every bad field. */
export function parsePolicy(value: unknown, source: string): TriagePolicy {
  const result = safeParsePolicy(value);
  if (result.success) return result.policy;
  const problems = result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw invalidPolicy(source, problems, { issues: result.issues });
}

/** Reads and validates a policy JSON file. The only I/O in triage/. */
export async function loadPolicy(path: string): Promise<TriagePolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read triage policy ${path}`, {
      fix: missing
        ? `Check the path, or start from docs/triage-policy.example.json.`
        : `Check the file's permissions.`,
      details: { file: path },
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidPolicy(path, `not valid JSON (${(error as Error).message})`, { path: '(root)' });
  }
  return parsePolicy(value, path);
}

/** sha256 (hex) of the policy's canonical JSON: the same policy in any key order or layout hashes the same. */
export function policyHash(policy: TriagePolicy): string {
  return createHash('sha256').update(canonicalJson(policy)).digest('hex');
}
