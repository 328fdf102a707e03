import { AppError } from '../app-error.js';
import { createEntityCheckVerifier, ENTITY_CHECK_VERIFIER_NAME } from './entity-check.js';
import { createLlmAnswerVerifier, LLM_ANSWER_VERIFIER_NAME } from './llm/llm-answer.js';
import { createLlmAuditVerifier, LLM_AUDIT_VERIFIER_NAME } from './llm/llm-audit.js';
import { createLlmRecomputeVerifier, LLM_RECOMPUTE_VERIFIER_NAME } from './llm/llm-recompute.js';
import { createRecomputeVerifier, RECOMPUTE_VERIFIER_NAME } from './recompute-verifier.js';
import type { Verifier, VerifierDependencies, VerifierFactory } from './types.js';

/** A factory for a verifier that takes no configuration: any key given is an argument error naming it. */
function withoutConfig(name: string, create: () => Verifier): VerifierFactory {
  return (config = {}) => {
    const keys = Object.keys(config);
    if (keys.length > 0) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `verifier "${name}" takes no configuration; got ${keys.join(', ')}`,
        {
          fix: `Run "${name}" without configuration.`,
          details: { verifier: name, keys },
        },
      );
    }
    return create();
  };
}

/** Every verifier the CLI can run, by name: each a factory that builds the verifier from its configuration. */
export const VERIFIER_FACTORIES: Readonly<Record<string, VerifierFactory>> = {
  [RECOMPUTE_VERIFIER_NAME]: withoutConfig(RECOMPUTE_VERIFIER_NAME, () => createRecomputeVerifier()),
  [ENTITY_CHECK_VERIFIER_NAME]: withoutConfig(ENTITY_CHECK_VERIFIER_NAME, createEntityCheckVerifier),
  // LLM verifiers: opt-in (they spend model calls), configured with models and a voting rule; see verify/llm/.
  [LLM_AUDIT_VERIFIER_NAME]: createLlmAuditVerifier,
  [LLM_RECOMPUTE_VERIFIER_NAME]: createLlmRecomputeVerifier,
  [LLM_ANSWER_VERIFIER_NAME]: createLlmAnswerVerifier,
};

export const DEFAULT_VERIFIER_NAMES = [RECOMPUTE_VERIFIER_NAME, ENTITY_CHECK_VERIFIER_NAME] as const;

/**
 * Builds verifiers by name, keeping the order given, each from its entry in `configs` (none: the verifier's
 * defaults) and the run-time `dependencies` (model callers). Unknown or repeated names, and configuration for a
 * verifier not named, are argument errors.
 */
export function resolveVerifiers(
  names: readonly string[],
  configs: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
  dependencies: VerifierDependencies = {},
): Verifier[] {
  const known = Object.keys(VERIFIER_FACTORIES);
  if (names.length === 0) {
    throw new AppError('ARGUMENT_INVALID', 'no verifier named', {
      fix: `Name at least one of ${known.join(', ')}, e.g. --verifiers ${known.join(',')}.`,
    });
  }
  const unused = Object.keys(configs).filter((name) => !names.includes(name));
  if (unused.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `configuration given for verifiers not named: ${unused.join(', ')}`,
      {
        fix: `Name them too, or drop their configuration (named: ${names.join(', ')}).`,
      },
    );
  }
  const seen = new Set<string>();
  return names.map((name) => {
    const create = VERIFIER_FACTORIES[name];
    if (create === undefined) {
      throw new AppError('ARGUMENT_INVALID', `unknown verifier "${name}"`, {
        fix: `Choose from ${known.join(', ')}.`,
        details: { known },
      });
    }
    if (seen.has(name)) {
      throw new AppError('ARGUMENT_INVALID', `verifier "${name}" is named twice`, {
        fix: 'Name each verifier once.',
      });
    }
    seen.add(name);
    return create(configs[name], dependencies);
  });
}
