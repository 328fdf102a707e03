import { createHash } from 'node:crypto';
import { canonicalJson } from '../contracts/canonical-json.js';
import type { Verifier, VerifierIdentity } from './types.js';

/** The identity stored with every verdict: name, version and the hash of the configuration. */
export function identityOf(verifier: Pick<Verifier, 'name' | 'version' | 'config'>): VerifierIdentity {
  return {
    name: verifier.name,
    version: verifier.version,
    configHash: createHash('sha256').update(canonicalJson(verifier.config)).digest('hex'),
  };
}
