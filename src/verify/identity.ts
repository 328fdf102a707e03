import { createHash } from 'node:crypto';
import type { Verifier, VerifierIdentity } from './types.js';

/** JSON with object keys sorted at every level, so equal configurations hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((entry) => canonicalJson(entry ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The identity stored with every verdict: name, version and the hash of the configuration. */
export function identityOf(verifier: Pick<Verifier, 'name' | 'version' | 'config'>): VerifierIdentity {
  return {
    name: verifier.name,
    version: verifier.version,
    configHash: createHash('sha256').update(canonicalJson(verifier.config)).digest('hex'),
  };
}
