import { decideTriage } from '../triage/decide.js';
import { DEFAULT_POLICY, loadPolicy, policyHash } from '../triage/policy.js';
import type { TriagePolicy } from '../triage/policy.js';
import type { AuditPolicy } from './run-audit.js';

/** The policy file at `path`, or Steward's default policy. */
export async function loadTriagePolicy(path: string | undefined): Promise<TriagePolicy> {
  return path === undefined ? DEFAULT_POLICY : loadPolicy(path);
}

/** Binds a triage policy to the audit: its name, its content hash (part of the run key) and its decisions. */
export function auditPolicyOf(policy: TriagePolicy): AuditPolicy {
  return {
    name: `${policy.name}@${policy.version}`,
    hash: policyHash(policy),
    decide: (input) => decideTriage(input, policy),
  };
}
