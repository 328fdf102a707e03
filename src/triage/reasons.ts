import type { Finding, FindingSeverity, Verdict } from '../verify/types.js';
import type { VerifierPosition } from './positions.js';
import { isTriageRuleId } from './rules.js';
import type { TriageRuleId } from './rules.js';
import type { ReasonEffect, TriageReason } from './types.js';

/** The reasons of a triage decision: each rule that fires adds a reason naming the verifier and finding. */

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, error: 2 };

export interface Rules {
  reasons: TriageReason[];
  needsPhysician: boolean;
}

/** Records a rule that fired without deciding anything. */
export function note(rules: Rules, rule: TriageRuleId, text: string): void {
  rules.reasons.push({ rule, effect: 'context', text });
}

/**
 * Records the consensus outcome. When an earlier rule already sent the item to a physician it still appears, as
 * what the automatic decision would have been, and says so.
 */
export function conclude(rules: Rules, rule: TriageRuleId, text: string): void {
  const held = rules.needsPhysician ? '; held for a physician by the rules above' : '';
  rules.reasons.push({ rule, effect: 'decides', text: `${text}${held}` });
}

/** Records a rule that sends the item to a physician. */
export function hold(rules: Rules, rule: TriageRuleId, text: string): void {
  rules.reasons.push({ rule, effect: 'holds', text });
  rules.needsPhysician = true;
}

const EFFECT_RANK: Record<ReasonEffect, number> = { holds: 0, decides: 0, context: 1 };

/**
 * The decisive reasons (`holds`, `decides`) before the context ones, each group in the order the rules fired.
 * The conclusion fires last, so it follows the holds that overrule it.
 */
export function orderReasons(reasons: readonly TriageReason[]): TriageReason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort((a, b) => EFFECT_RANK[a.reason.effect] - EFFECT_RANK[b.reason.effect] || a.index - b.index)
    .map(({ reason }) => reason);
}

/** One reason as a line of text: `[rule-id] text`, the form docs/triage-policy.md uses. */
export function formatReason(reason: TriageReason): string {
  return `[${reason.rule}] ${reason.text}`;
}

/**
 * A reason stored as a `"[rule-id] text"` string (decisions made before reasons were objects), or undefined when
 * the string names no known rule. Its effect is unknown, so it is read as `context`.
 */
export function readLegacyReason(line: string): TriageReason | undefined {
  const match = /^\[([a-z-]+)\] ([\s\S]*)$/.exec(line);
  const rule = match?.[1];
  if (match === null || !isTriageRuleId(rule)) return undefined;
  return { rule, effect: 'context', text: match[2] ?? '' };
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
