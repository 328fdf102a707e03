import { labelsAgree, readLabel } from './labels.js';
import { findStandIn, isBlindLlm, describePosition } from './llm-rules.js';
import type { TriagePolicy } from './policy.js';
import type { VerifierPosition } from './positions.js';
import { describeOutcome, hold, note } from './reasons.js';
import type { Rules } from './reasons.js';
import type { TriageRuleId } from './rules.js';
import type { TriageInput } from './types.js';

/** How the label verifiers' positions combine: their consensus, the verifiers an outcome requires, the closing rule. */

/** Whether the label verifiers that judged the item agree on one outcome (labels compared within tolerance). */
export function findConsensus(
  judging: readonly VerifierPosition[],
  input: TriageInput,
  policy: TriagePolicy,
): VerifierPosition['outcome'] | undefined {
  const [first] = judging;
  if (first === undefined || first.outcome === 'split') return undefined;
  const agrees = (position: VerifierPosition) => {
    if (position.outcome !== first.outcome) return false;
    if (position.outcome !== 'disputes' || position.proposedLabel === null) return true;
    return judging.every(
      (other) =>
        other.proposedLabel === null ||
        labelsAgree(
          readLabel(other.proposedLabel, input.outputType),
          readLabel(position.proposedLabel as string, input.outputType),
          policy.voting.labelTolerance,
        ),
    );
  };
  return judging.every(agrees) ? first.outcome : undefined;
}

/**
 * Whether every verifier the outcome requires reached it; each one that did not holds the item, unless a blind
 * LLM agreement stands in for one that has no verdict or abstained.
 */
export function checkRequired(
  rules: Rules,
  context: {
    positions: readonly VerifierPosition[];
    required: readonly string[];
    outcome: VerifierPosition['outcome'];
    purpose: string;
    policy: TriagePolicy;
  },
): boolean {
  let complete = true;
  for (const name of context.required) {
    const position = context.positions.find((candidate) => candidate.verifier === name);
    if (position?.outcome === context.outcome) continue;
    const state =
      position === undefined ? 'has no verdict' : describeOutcome(position).replace(`${name} `, '');
    const absent = position === undefined || position.outcome === 'abstains';
    const standIn = absent ? findStandIn(context.positions, context.outcome, context.policy) : undefined;
    if (standIn !== undefined) {
      note(
        rules,
        'blind-stand-in',
        `${context.purpose} needs ${name}, which ${state}; ${describePosition(standIn)} stands in for it`,
      );
      continue;
    }
    complete = false;
    hold(rules, 'required-verifier-missing', `${context.purpose} needs ${name}, but ${name} ${state}`);
  }
  return complete;
}

/** The closing rule: its blind variant when a blind LLM agreement is part of the consensus. */
export function closingRule(
  judging: readonly VerifierPosition[],
  plain: 'confirmed' | 'relabel' | 'not-computable',
): TriageRuleId {
  if (!judging.some(isBlindLlm)) return plain;
  return plain === 'confirmed'
    ? 'blind-confirmed'
    : plain === 'relabel'
      ? 'blind-relabel'
      : 'blind-not-computable';
}

/** Position of a verifier in a policy list (unlisted ones last), to pick the preferred candidate label. */
export function rankIn(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}
