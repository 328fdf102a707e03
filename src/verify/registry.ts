import { AppError } from '../app-error.js';
import { entityCheckVerifier } from './entity-check.js';
import { recomputeVerifier } from './recompute-verifier.js';
import type { Verifier } from './types.js';

/** Every verifier the CLI can run, by name. */
export const VERIFIERS: Readonly<Record<string, Verifier>> = {
  [recomputeVerifier.name]: recomputeVerifier,
  [entityCheckVerifier.name]: entityCheckVerifier,
};

export const DEFAULT_VERIFIER_NAMES = [recomputeVerifier.name, entityCheckVerifier.name] as const;

/** Looks verifiers up by name, keeping the order given; unknown or repeated names are an argument error. */
export function resolveVerifiers(names: readonly string[]): Verifier[] {
  const known = Object.keys(VERIFIERS);
  if (names.length === 0) {
    throw new AppError('ARGUMENT_INVALID', 'no verifier named', {
      fix: `Name at least one of ${known.join(', ')}, e.g. --verifiers ${known.join(',')}.`,
    });
  }
  const seen = new Set<string>();
  return names.map((name) => {
    const verifier = VERIFIERS[name];
    if (verifier === undefined) {
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
    return verifier;
  });
}
