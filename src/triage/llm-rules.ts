import { labelsAgree, readLabel } from './labels.js';
import { describeClusters, describeVote } from './llm-details.js';
import type { TriagePolicy } from './policy.js';
import type { PositionOutcome, VerifierPosition } from './positions.js';
import { describeOutcome, hold, note } from './reasons.js';
import type { Rules } from './reasons.js';
import type { TriageRuleId } from './rules.js';
import type { TriageInput } from './types.js';

/**
 * The triage rules that read LLM verdicts (docs/triage-policy.md, "LLM verdicts"). A blind LLM verifier
 * (`llm-recompute`, `llm-answer`) never saw the original label, so its agreed vote is independent evidence and
 * joins the label verifiers' consensus. `llm-audit` saw the label, its entities and explanation: its agreement is
 * not independent, so it never decides; when it agrees on another outcome than the automatic one, it holds the
 * decision back (or is noted, under `llm.auditDisagreement: "context"`).
 */

/** An LLM position whose vote agreed (on an answer or on N/A), not split and not abstaining. */
function hasAgreedVote(position: VerifierPosition): boolean {
  return (
    position.llm !== undefined &&
    (position.outcome === 'supports' ||
      position.outcome === 'disputes' ||
      position.outcome === 'not-computable')
  );
}

export function isBlindLlm(position: VerifierPosition): boolean {
  return position.llm?.blind === true;
}

/** Whether a position may vote on the label: anything but an LLM verifier that saw the label. */
export function isIndependent(position: VerifierPosition): boolean {
  return position.llm === undefined || position.llm.blind;
}

/** The position in words, with the vote behind it for an LLM verdict. */
export function describePosition(position: VerifierPosition): string {
  const outcome = describeOutcome(position);
  const { llm } = position;
  if (llm === undefined) return outcome;
  return `${outcome} (${llm.blind ? 'blind' : 'saw the label'}; ${llm.vote.support} of ${llm.vote.votes} run(s) agree under ${llm.vote.rule})`;
}

/** The reason an LLM position abstains, in words (too few usable runs, or the verdict's own reason). */
export function describeLlmAbstention(position: VerifierPosition): string | undefined {
  const { llm } = position;
  if (llm === undefined) return undefined;
  if (llm.reason !== undefined) return llm.reason;
  if (llm.vote.outcome !== 'insufficient') return undefined;
  const reasons = [
    ...new Set(
      llm.runs.flatMap((run) => (run.outcome === 'abstain' ? [run.reason ?? 'no reason given'] : [])),
    ),
  ];
  return `too few usable runs to vote: ${describeVote(llm)}${reasons.length > 0 ? ` (runs abstained: ${reasons.join('; ')})` : ''}`;
}

/** Split votes, votes weaker than the policy's minimum support, and verdicts that quote text not in the note. */
export function checkLlmVotes(
  rules: Rules,
  positions: readonly VerifierPosition[],
  policy: TriagePolicy,
): void {
  for (const position of positions) {
    const { llm } = position;
    if (llm === undefined) continue;
    if (position.outcome === 'split') {
      hold(
        rules,
        'llm-split-vote',
        `${position.verifier}'s runs are split (${describeClusters(llm)}): ${describeVote(llm)}`,
      );
    }
    if (hasAgreedVote(position) && llm.vote.support < policy.llm.minimumSupport) {
      hold(
        rules,
        'llm-weak-vote',
        `${describeOutcome(position)} with the support of ${llm.vote.support} run(s), below the policy's minimum of ${policy.llm.minimumSupport}`,
      );
    }
    if (llm.fabricatedQuotes > policy.llm.maxFabricatedQuotes) {
      hold(
        rules,
        'llm-fabricated-quote',
        `${position.verifier} quoted ${llm.fabricatedQuotes} passage(s) that are not in the note (the policy allows ${policy.llm.maxFabricatedQuotes}), so its reading of the note cannot be trusted`,
      );
    }
  }
}

interface Said {
  outcome: PositionOutcome;
  proposedLabel: string | null;
}

/** The same outcome, and for disputes labels that agree within the tolerance (a missing label agrees with any). */
function saySame(a: Said, b: Said, context: { input: TriageInput; policy: TriagePolicy }): boolean {
  if (a.outcome !== b.outcome) return false;
  if (a.outcome !== 'disputes' || a.proposedLabel === null || b.proposedLabel === null) return true;
  return labelsAgree(
    readLabel(a.proposedLabel, context.input.outputType),
    readLabel(b.proposedLabel, context.input.outputType),
    context.policy.voting.labelTolerance,
  );
}

/**
 * Which rule names a disagreement among the label verifiers: blind LLM verifiers that agree on different answers,
 * a blind LLM agreement against a deterministic verifier (recompute), or, with no LLM verdict among them, the
 * v1.0 `verifier-disagreement`.
 */
export function classifyDisagreement(
  judging: readonly VerifierPosition[],
  input: TriageInput,
  policy: TriagePolicy,
): TriageRuleId {
  const blind = judging.filter(isBlindLlm);
  const deterministic = judging.filter((position) => position.llm === undefined);
  const differ = (group: readonly VerifierPosition[], others: readonly VerifierPosition[]) =>
    group.some((one) => others.some((other) => !saySame(one, other, { input, policy })));
  if (differ(blind, blind)) return 'llm-blind-disagreement';
  if (differ(blind, deterministic)) return 'blind-vs-recompute';
  return 'verifier-disagreement';
}

/** The text of a disagreement rule: every position, and why a blind reading against recompute matters. */
export function describeDisagreement(rule: TriageRuleId, judging: readonly VerifierPosition[]): string {
  const positions = judging.map(describePosition).join('; ');
  if (rule === 'blind-vs-recompute') {
    return `${positions}: recompute computes from the stored entities, the blind runs read the note, so an input may have been read wrongly`;
  }
  return positions;
}

/**
 * `llm-audit` (an LLM verdict that saw the label) against the automatic outcome: when its agreed vote says
 * something else (it disputes a confirmation, supports a relabel, proposes another value…), the item is held for
 * a physician, or the disagreement is noted under `llm.auditDisagreement: "context"`.
 */
export function checkAuditPositions(
  rules: Rules,
  context: {
    positions: readonly VerifierPosition[];
    consensus: PositionOutcome | undefined;
    candidate: string | null;
    input: TriageInput;
    policy: TriagePolicy;
  },
): void {
  const { consensus, policy } = context;
  if (consensus === undefined || consensus === 'split' || consensus === 'abstains') return;
  for (const audit of context.positions) {
    if (audit.role !== 'label' || isIndependent(audit) || !hasAgreedVote(audit)) continue;
    if (saySame(audit, { outcome: consensus, proposedLabel: context.candidate }, context)) continue;
    const sends = policy.llm.auditDisagreement === 'needs-physician';
    const automatic =
      consensus === 'supports'
        ? 'the original label is confirmed'
        : consensus === 'not-computable'
          ? 'the item is not computable'
          : `the label becomes ${context.candidate ?? 'another value'}`;
    (sends ? hold : note)(
      rules,
      'llm-audit-disagreement',
      `${describePosition(audit)}, while otherwise ${automatic}${sends ? '' : ' (noted only under this policy)'}`,
    );
  }
}

/**
 * A blind LLM position that can stand in for a required verifier that has no verdict or abstained: one with the
 * outcome the decision needs, when the policy allows it.
 */
export function findStandIn(
  positions: readonly VerifierPosition[],
  outcome: PositionOutcome,
  policy: TriagePolicy,
): VerifierPosition | undefined {
  if (!policy.llm.blindAgreementStandsIn) return undefined;
  return positions.find(
    (position) => position.role === 'label' && isBlindLlm(position) && position.outcome === outcome,
  );
}
