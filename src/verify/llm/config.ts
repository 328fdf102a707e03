import { z } from 'zod';
import { AppError } from '../../app-error.js';
import { parseModelSpec } from '../../llm/model-spec.js';
import type { VerifierDependencies } from '../types.js';
import { ADAPTIVE_VOTING_RULE, FIXED_VOTING_RULE, isSupermajority, type VotingRule } from './voting.js';

/**
 * What a user may configure for an LLM verifier (`--verifier-config`, the config file). Everything here, plus the
 * prompt id and version, goes into the verifier's `config` and so into its identity hash.
 */
const llmVerifierOptionsSchema = z
  .object({
    /** Model spec texts; runs are assigned to them round-robin. Default: every model the audit was given. */
    models: z.array(z.string()).min(1).optional(),
    /** `adaptive` (default) or `fixed` (exactly `maxRuns` runs, supermajority of `required`). */
    stopping: z.enum(['adaptive', 'fixed']).optional(),
    maxRuns: z.number().int().min(1).max(15).optional(),
    required: z.number().int().min(1).max(15).optional(),
    earlyAgreement: z.number().int().min(0).max(15).optional(),
    /** Sampling temperature; above 0 so that runs are independent samples. */
    temperature: z.number().min(0).max(2).optional(),
  })
  .strict();

/** The resolved configuration of one LLM verifier (JSON-serialisable; hashed into its identity). */
export interface LlmVerifierConfig {
  prompt: { id: string; version: string };
  models: string[];
  voting: VotingRule;
  temperature: number;
  [key: string]: unknown;
}

export const DEFAULT_TEMPERATURE = 0.7;

/**
 * Validates a verifier's configuration and resolves its defaults: model specs canonicalised (`parseModelSpec`),
 * the voting rule checked (a supermajority is more than half of the runs and at most all of them). Invalid
 * configuration is an `ARGUMENT_INVALID` error naming the verifier.
 */
export function resolveLlmVerifierConfig({
  verifier,
  prompt,
  config,
  dependencies,
}: {
  verifier: string;
  prompt: { id: string; version: string };
  config: Readonly<Record<string, unknown>> | undefined;
  dependencies: VerifierDependencies | undefined;
}): LlmVerifierConfig {
  const parsed = llmVerifierOptionsSchema.safeParse(config ?? {});
  if (!parsed.success) {
    throw new AppError('ARGUMENT_INVALID', `invalid configuration for verifier "${verifier}"`, {
      fix: 'Allowed keys: models (["openai/<model>"]), stopping ("adaptive" | "fixed"), maxRuns, required, earlyAgreement, temperature.',
      details: {
        verifier,
        issues: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
      },
    });
  }
  const options = parsed.data;
  const models = (options.models ?? [...(dependencies?.models?.keys() ?? [])]).map(
    (model) => parseModelSpec(model).text,
  );
  const base = options.stopping === 'fixed' ? FIXED_VOTING_RULE : ADAPTIVE_VOTING_RULE;
  const maxRuns = options.maxRuns ?? base.maxRuns;
  const voting: VotingRule = {
    mode: base.mode,
    maxRuns,
    required: options.required ?? Math.min(base.required, maxRuns),
    earlyAgreement:
      base.mode === 'fixed' ? 0 : Math.min(options.earlyAgreement ?? base.earlyAgreement, maxRuns),
  };
  if (!isSupermajority(voting.required, maxRuns)) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `verifier "${verifier}": a supermajority of ${voting.required} of ${maxRuns} runs is not a majority`,
      {
        fix: 'Choose required between half the runs (exclusive) and maxRuns, e.g. 4 of 5.',
        details: { verifier },
      },
    );
  }
  return { prompt: { ...prompt }, models, voting, temperature: options.temperature ?? DEFAULT_TEMPERATURE };
}
