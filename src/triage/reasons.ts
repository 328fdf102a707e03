import type { Finding, FindingSeverity, Verdict } from '../verify/types.js';
import type { VerifierPosition } from './positions.js';

/** The reasons of a triage decision: each rule that fires adds "[rule-id] text" naming verifier and finding. */

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

export interface Rules {
  reasons: string[];
  needsPhysician: boolean;
}

/** Records a rule that fired without deciding anything. */
export function note(rules: Rules, rule: string, text: string): void {
  rules.reasons.push(`[${rule}] ${text}`);
}

/** Records the consensus outcome; says so when an earlier rule already sent the item to a physician. */
export function conclude(rules: Rules, rule: string, text: string): void {
  note(rules, rule, rules.needsPhysician ? `${text}; held for a physician by the rules above` : text);
}

/** Records a rule that sends the item to a physician. */
export function hold(rules: Rules, rule: string, text: string): void {
  note(rules, rule, text);
  rules.needsPhysician = true;
}

export function describeFinding(verifier: string, finding: Finding): string {
  const entity = finding.entity === undefined ? '' : ` on "${finding.entity}"`;
  return `${verifier} reports ${finding.category} (${finding.severity})${entity}: ${finding.message}`;
}

export function findingsOf(position: VerifierPosition, minimum: FindingSeverity): Finding[] {
  return position.backing
    .flatMap((verdict) => verdict.findings)
    .filter((finding) => SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[minimum])
    .filter(
      (finding, index, all) =>
        all.findIndex((other) => other.category === finding.category && other.message === finding.message) ===
        index,
    );
}

export function describeOutcome(position: VerifierPosition): string {
  switch (position.outcome) {
    case 'supports':
      return `${position.verifier} supports the original label`;
    case 'not-computable':
      return `${position.verifier} finds the label not computable`;
    case 'disputes':
      return position.proposedLabel === null
        ? `${position.verifier} disputes the original label without an agreed label`
        : `${position.verifier} disputes the original label and proposes ${position.proposedLabel}`;
    case 'abstains':
      return `${position.verifier} abstains`;
    case 'split':
      return `${position.verifier} is split`;
  }
}

export function describeTally(position: VerifierPosition): string {
  return Object.entries(position.tally)
    .filter(([, count]) => count > 0)
    .map(([assessment, count]) => `${count} ${assessment}`)
    .join(', ');
}

export function abstentionReason(position: VerifierPosition): string {
  const verdict: Verdict | undefined = position.backing[0];
  const reason = verdict?.details['reason'];
  if (typeof reason === 'string') return reason;
  return verdict?.findings[0]?.message ?? 'no reason given';
}
