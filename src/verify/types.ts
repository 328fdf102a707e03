import type { RuleSet } from '../answers/types.js';
import type { Instance } from '../dataset/instance.js';
import type { ModelCaller } from '../llm/model-caller.js';

/**
 * Why a label is suspect: a closed set, so reports and triage policies can count and route by category.
 * - `extraction-error`: an entity does not match the note (wrong value, wrong analyte, unsupported criterion).
 * - `calculator-logic`: the original aggregation applied the formula or criteria wrongly.
 * - `unit-conversion`: a value was converted wrongly (or a unit typo was taken literally).
 * - `underspecified-question`: the note or question leaves a judgment call (time point, missing input defaulted).
 * - `not-computable`: the note lacks a required input; the honest label is N/A.
 * - `implausible-input`: a value outside what a living patient can have, or a unit that cannot be right.
 * - `format`: the label or limits are malformed (not a number/date, limits that do not contain the label).
 */
export const ERROR_CATEGORIES = [
  'extraction-error',
  'calculator-logic',
  'unit-conversion',
  'underspecified-question',
  'not-computable',
  'implausible-input',
  'format',
] as const;
export type ErrorCategory = (typeof ERROR_CATEGORIES)[number];

/** A stretch of the patient note, by character offsets (`note.slice(start, end) === text`). */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export type FindingSeverity = 'error' | 'warning' | 'info';

/** One observation a verifier makes about an item. */
export interface Finding {
  category: ErrorCategory;
  /** `error`: the label is likely wrong because of this; `warning`: worth a look; `info`: context only. */
  severity: FindingSeverity;
  /** The `Relevant Entities` key the finding is about, when there is one. */
  entity?: string;
  message: string;
  /** Where in the note the evidence is (empty when the point is that the note lacks it). */
  evidence: EvidenceSpan[];
}

/**
 * What a verifier concluded about the original label:
 * - `supports`: the verifier finds the label right;
 * - `disputes`: the verifier finds it wrong (a `proposedLabel` is given when the verifier computes one);
 * - `not-computable`: the verifier finds no label can be computed from what it sees;
 * - `abstains`: the verifier cannot judge this item (e.g. no entities stored).
 */
export type Assessment = 'supports' | 'disputes' | 'not-computable' | 'abstains';

/**
 * Everything about a verifier that can change its verdicts: name, version and a hash of its configuration (for
 * LLM verifiers: model, prompt id and version, run indexes, parameters). Part of every stored verdict's key.
 */
export interface VerifierIdentity {
  name: string;
  version: string;
  /** sha256 (hex) of the canonical JSON of `Verifier.config`; see `identityOf` in `identity.ts`. */
  configHash: string;
}

/** What a verifier spent on one verdict (LLM calls); summed over every call the verdict made. */
export interface VerdictUsage {
  calls: number;
  /** Calls answered from the response cache (no tokens spent now). */
  cachedCalls: number;
  inputTokens: number;
  outputTokens: number;
  /** In US dollars, when the model's price is known. */
  costUsd: number | null;
  /** Wall time of the calls actually made, in milliseconds. */
  latencyMs: number;
}

export interface Verdict {
  verifier: string;
  verifierVersion: string;
  /** The `configHash` of the verifier that made this verdict. */
  verifierConfigHash: string;
  itemId: string;
  assessment: Assessment;
  /** The verifier's own label, when it computes one. */
  proposedLabel: string | null;
  /** The distinct categories of the error- and warning-severity findings, in `ERROR_CATEGORIES` order. */
  categories: ErrorCategory[];
  findings: Finding[];
  /** How sure the verifier is of its assessment, 0–1. Deterministic verifiers state a fixed calibration. */
  confidence: number;
  /** Verifier-specific evidence (derivations, divergence point); JSON-serialisable. */
  details: Record<string, unknown>;
  /** What the verdict cost (LLM verifiers); `null` for verifiers that spend nothing. */
  usage: VerdictUsage | null;
}

export interface VerifyContext {
  /** How agreement between a computed answer and the original label is judged. */
  ruleSet: RuleSet;
  /** Aborted when the audit stops (Ctrl-C, a deadline): long calls should give up and the verifier abstain. */
  signal: AbortSignal;
  /** The clock, injectable for tests. */
  now(): Date;
  /** A fresh unique id (request ids, trace ids), injectable for tests. */
  newId(): string;
  /** Adds one call's usage to the verdict being made; the audit stores the sum with the verdict. */
  reportUsage(usage: Partial<VerdictUsage>): void;
}

/** Anything that can review an item's original label. Verifiers never throw for a bad row: they abstain. */
export interface Verifier {
  name: string;
  /** Semantic version; bump when verdicts can change, so stored verdicts of an older version are redone. */
  version: string;
  description: string;
  /** The configuration this instance was built with (JSON-serialisable; `{}` when there is none). */
  config: Readonly<Record<string, unknown>>;
  verify(instance: Instance, context: VerifyContext): Verdict | Promise<Verdict>;
}

/**
 * What a verifier may need at run time but that is not part of its identity: the model callers, built at the
 * composition root (CLI, server) over the store's response cache and usage ledger.
 */
export interface VerifierDependencies {
  /** Model callers by model spec text (`openai/gpt-4o-mini`); LLM verifiers name the specs in their config. */
  models?: ReadonlyMap<string, ModelCaller>;
}

/**
 * Builds a verifier from its configuration (hashed into its identity) and its run-time dependencies (not
 * hashed); the registry holds one factory per verifier name.
 */
export type VerifierFactory = (
  config?: Readonly<Record<string, unknown>>,
  dependencies?: VerifierDependencies,
) => Verifier;

/** Distinct categories of the findings that matter (errors and warnings), in the closed set's order. */
export function categoriesOf(findings: readonly Finding[]): ErrorCategory[] {
  const present = new Set(findings.filter((finding) => finding.severity !== 'info').map((f) => f.category));
  return ERROR_CATEGORIES.filter((category) => present.has(category));
}
