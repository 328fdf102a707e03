import { AppError } from '../../app-error.js';
import type { Instance } from '../../dataset/instance.js';
import type { ModelCaller } from '../../llm/model-caller.js';
import type { Calculator } from '../../calculators/define.js';
import { CALCULATORS, digestCalculators, findCalculator } from '../../calculators/registry.js';
import { identityOf } from '../identity.js';
import {
  categoriesOf,
  type Assessment,
  type EvidenceSpan,
  type Finding,
  type Verdict,
  type Verifier,
  type VerifierDependencies,
  type VerifierFactory,
  type VerifierIdentity,
  type VerifyContext,
} from '../types.js';
import { resolveLlmVerifierConfig, type LlmVerifierConfig } from './config.js';
import { DEFERRED_TO_BATCH, type CollectedRuns } from './collect-runs.js';
import { computeQuotePenalty, type CheckedQuotes } from './quotes.js';
import type { LlmInputVote, LlmVerdictDetails, LlmVote } from './types.js';
import { describeVotingRule } from './voting.js';

/**
 * Confidence of an LLM verdict: the Laplace estimate (support + 1) / (votes + 2) of the share of runs that back
 * the outcome (2 of 2 → 0.75, 4 of 5 → 0.71, 5 of 5 → 0.86), times the quote penalty (1 with every quote found,
 * down to 0.5 when none is). An abstaining verdict has confidence 0.
 */
export function computeLlmConfidence(vote: Pick<LlmVote, 'support' | 'votes'>, quotePenalty: number): number {
  const share = (vote.support + 1) / (vote.votes + 2);
  return Math.round(share * quotePenalty * 100) / 100;
}

export interface LlmVerdictFields {
  assessment: Assessment;
  proposedLabel: string | null;
  findings: Finding[];
  confidence: number;
  details: LlmVerdictDetails;
}

export function buildLlmVerdict(
  identity: VerifierIdentity,
  instance: Instance,
  fields: LlmVerdictFields,
): Verdict {
  return {
    verifier: identity.name,
    verifierVersion: identity.version,
    verifierConfigHash: identity.configHash,
    itemId: instance.id,
    assessment: fields.assessment,
    proposedLabel: fields.proposedLabel,
    categories: categoriesOf(fields.findings),
    findings: fields.findings,
    confidence: fields.confidence,
    details: { ...fields.details },
    usage: null,
  };
}

/** An empty vote: nothing was run (or nothing could be). */
export function describeNoVote(config: LlmVerifierConfig, stoppedBecause: string): LlmVote {
  return {
    rule: describeVotingRule(config.voting),
    outcome: 'insufficient',
    answer: null,
    support: 0,
    votes: 0,
    runs: 0,
    maxRuns: config.voting.maxRuns,
    clusters: [],
    callsSaved: 0,
    stoppedBecause,
  };
}

/** Who is judging: the verifier's identity and configuration, and whether it is blind to the label. */
export interface LlmVerdictSetup {
  identity: VerifierIdentity;
  config: LlmVerifierConfig;
  blind: boolean;
}

/** A verdict that abstains before or without voting, saying why. */
export function abstainBeforeVoting(setup: LlmVerdictSetup, instance: Instance, reason: string): Verdict {
  const { identity, config } = setup;
  return buildLlmVerdict(identity, instance, {
    assessment: 'abstains',
    proposedLabel: null,
    findings: [],
    confidence: 0,
    details: {
      kind: 'llm',
      blind: setup.blind,
      prompt: config.prompt,
      models: config.models,
      runs: [],
      vote: describeNoVote(config, reason),
      fabricatedQuotes: 0,
      reason,
    },
  });
}

/** The callers for the configured models, or the reason the verifier cannot run. */
export function resolveCallers(
  config: LlmVerifierConfig,
  dependencies: VerifierDependencies | undefined,
): { callers: ModelCaller[] } | { reason: string } {
  if (config.models.length === 0) {
    return {
      reason:
        'no model configured: pass --model <provider>/<model-id> or name models in the verifier configuration',
    };
  }
  const callers: ModelCaller[] = [];
  const missing: string[] = [];
  for (const model of config.models) {
    const caller = dependencies?.models?.get(model);
    if (caller === undefined) missing.push(model);
    else callers.push(caller);
  }
  if (missing.length > 0) {
    return {
      reason: `no model caller for ${missing.join(', ')}: the audit was not given ${missing.length === 1 ? 'this model' : 'these models'}`,
    };
  }
  return { callers };
}

/** Distinct spans, in note order. */
export function dedupeSpans(spans: readonly EvidenceSpan[]): EvidenceSpan[] {
  const seen = new Map<string, EvidenceSpan>();
  for (const span of spans) seen.set(`${span.start}:${span.end}`, span);
  return [...seen.values()].sort((left, right) => left.start - right.start || left.end - right.end);
}

const STOPPING_CODES: readonly string[] = ['LLM_OFFLINE_MISS', 'LLM_AUTH_FAILED', 'INTERRUPTED'];

/**
 * Runs a verification, turning any unexpected failure into an abstention that names it, except the errors that
 * stop the audit (`LLM_OFFLINE_MISS`, `LLM_AUTH_FAILED`, `INTERRUPTED`), which propagate.
 */
export async function guardVerify(
  setup: LlmVerdictSetup,
  instance: Instance,
  verify: () => Promise<Verdict>,
): Promise<Verdict> {
  try {
    return await verify();
  } catch (error) {
    if (error instanceof AppError && STOPPING_CODES.includes(error.code)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return abstainBeforeVoting(setup, instance, `verification failed: ${message}`);
  }
}

/**
 * What the three LLM verifiers' `verify` functions get besides the item and the context, once the checks every
 * one of them makes have passed: a note to read, a caller for each configured model, and (for the verifiers that
 * run our calculators) the item's calculator.
 */
export interface LlmVerifierSetup {
  config: LlmVerifierConfig;
  identity: VerifierIdentity;
  /** The model never saw the original label, entities or explanation. */
  blind: boolean;
  callers: ModelCaller[];
  /** Set when the verifier `usesCalculators`. */
  calculator: Calculator | undefined;
}

/**
 * Builds an LLM verifier factory: resolves and validates the configuration (adding the calculators' digest when
 * the verifier runs our calculators, so a fixed calculator means a new judgment), and wraps `verify` so that an
 * unexpected failure is an abstention while run-stopping errors (offline miss, rejected key, interrupt) propagate.
 */
export function defineLlmVerifier(definition: {
  name: string;
  version: string;
  description: string;
  prompt: { id: string; version: string };
  blind: boolean;
  usesCalculators: boolean;
  verify: (instance: Instance, context: VerifyContext, setup: LlmVerifierSetup) => Promise<Verdict>;
}): VerifierFactory {
  return (options, dependencies) => {
    const resolved = resolveLlmVerifierConfig({
      verifier: definition.name,
      prompt: definition.prompt,
      config: options,
      dependencies,
    });
    const config: LlmVerifierConfig = definition.usesCalculators
      ? { ...resolved, calculators: digestCalculators(CALCULATORS) }
      : resolved;
    const verifier: Verifier = {
      name: definition.name,
      version: definition.version,
      description: definition.description,
      config,
      verify: (instance, context) => {
        const identity = identityOf(verifier);
        const judge = { identity, config, blind: definition.blind };
        return guardVerify(judge, instance, async () => {
          const calculator = definition.usesCalculators
            ? findCalculator(instance.calculatorSlug, CALCULATORS)
            : undefined;
          if (definition.usesCalculators && calculator === undefined) {
            return abstainBeforeVoting(judge, instance, 'unknown calculator');
          }
          if (instance.note.trim() === '') {
            return abstainBeforeVoting(judge, instance, 'the row has no patient note');
          }
          const resolved = resolveCallers(config, dependencies);
          if ('reason' in resolved) return abstainBeforeVoting(judge, instance, resolved.reason);
          return definition.verify(instance, context, {
            config,
            identity,
            blind: definition.blind,
            callers: resolved.callers,
            calculator,
          });
        });
      },
    };
    return verifier;
  };
}

/** The item's calculator, for verifiers defined with `usesCalculators` (which abstain before `verify` without one). */
export function calculatorOf(setup: LlmVerifierSetup): Calculator {
  if (setup.calculator === undefined) {
    throw new AppError(
      'INTERNAL',
      `${setup.identity.name} runs calculators but was defined without usesCalculators`,
    );
  }
  return setup.calculator;
}

/**
 * The verdict of a finished vote: the assessment with its findings and the quote findings, a confidence from the
 * vote's support lowered by fabricated quotes (0 when abstaining), and the details every LLM verdict carries.
 */
export function buildVotedVerdict(
  setup: LlmVerifierSetup,
  instance: Instance,
  voted: {
    assessed: { assessment: Assessment; proposedLabel: string | null };
    findings: readonly Finding[];
    collected: Pick<CollectedRuns<unknown>, 'runs' | 'decision' | 'deferred'>;
    /** The quotes the runs gave (verifiers that ask for none leave it out). */
    quotes?: CheckedQuotes;
    inputVotes?: LlmInputVote[];
  },
): Verdict {
  const { assessed, collected, quotes } = voted;
  const vote = collected.decision.vote;
  const penalty = quotes === undefined ? 1 : computeQuotePenalty(quotes);
  return buildLlmVerdict(setup.identity, instance, {
    assessment: assessed.assessment,
    proposedLabel: assessed.proposedLabel,
    findings: [...voted.findings, ...(quotes?.findings ?? [])],
    confidence: assessed.assessment === 'abstains' ? 0 : computeLlmConfidence(vote, penalty),
    details: {
      kind: 'llm',
      blind: setup.blind,
      prompt: setup.config.prompt,
      models: setup.config.models,
      runs: collected.runs.map((run) => run.record),
      vote,
      ...(voted.inputVotes === undefined ? {} : { inputVotes: voted.inputVotes }),
      fabricatedQuotes: quotes?.fabricated ?? 0,
      ...(collected.deferred ? { reason: DEFERRED_TO_BATCH } : {}),
    },
  });
}
