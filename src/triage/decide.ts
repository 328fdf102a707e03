import { AppError } from '../app-error.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { ErrorCategory, Verdict } from '../verify/types.js';
import { findConsensus, rankIn } from './consensus.js';
import { checkFindings } from './finding-rules.js';
import { expectedImpact } from './impact.js';
import {
  checkAuditPositions,
  checkLlmVotes,
  classifyDisagreement,
  describeDisagreement,
  describeLlmAbstention,
  isIndependent,
} from './llm-rules.js';
import { decideConfirmation, decideDispute, decideNotComputable } from './outcomes.js';
import type { TriagePolicy } from './policy.js';
import { collectPositions } from './positions.js';
import type { VerifierPosition } from './positions.js';
import { abstentionReason, describeTally, hold, note, orderReasons } from './reasons.js';
import type { Rules } from './reasons.js';
import type { TriageDecision, TriageInput, TriageStatus } from './types.js';

/**
 * Triage of one item: the verdicts are voted per verifier (positions.ts), then every rule of the policy is checked
 * and each one that fires adds a reason (its id from `TRIAGE_RULE_IDS`, its effect, and a text naming the verifier
 * and finding). The item needs a physician when any rule holds it; otherwise the label verifiers' consensus decides
 * (confirmed, extraction-unverified, relabel-proposed or not-computable). The rules are documented in
 * docs/triage-policy.md. The rules live by concern: consensus.ts (agreement, required verifiers), finding-rules.ts
 * (findings that hold any decision), outcomes.ts (confirm, relabel, not computable), judgment-calls.ts (suspect
 * extractions and defaults behind a change), extraction.ts (whether a confirmation's inputs were checked),
 * llm-rules.ts (LLM verdicts).
 */

/** Maps an item's verdicts to a triage decision under the policy. Pure; throws only for verdicts of another item. */
export function decideTriage(input: TriageInput, policy: TriagePolicy): TriageDecision {
  const foreign = input.verdicts.filter((verdict) => verdict.itemId !== input.itemId);
  if (foreign.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `triage of item ${input.itemId} was given verdicts of another item`,
      {
        fix: 'Group verdicts by itemId before triage.',
        details: {
          itemId: input.itemId,
          foreign: foreign.map((verdict) => `${verdict.verifier}:${verdict.itemId}`),
        },
      },
    );
  }
  const rules: Rules = { reasons: [], needsPhysician: false };
  const { positions, ignored, malformed } = collectPositions(input.verdicts, {
    policy,
    outputType: input.outputType,
  });
  for (const verifier of [...new Set(ignored.map((verdict) => verdict.verifier))].sort()) {
    const count = ignored.filter((verdict) => verdict.verifier === verifier).length;
    note(
      rules,
      'ignored-verifier',
      `${count} verdict(s) of ${verifier} not counted: the policy does not list ${verifier}`,
    );
  }
  for (const { verdict, problem } of malformed) {
    note(
      rules,
      'llm-details-invalid',
      `${verdict.verifier}'s verdict does not carry valid LLM details (${problem}), so it counts as an abstention`,
    );
  }
  for (const position of positions.filter((candidate) => candidate.outcome === 'abstains')) {
    const reason = describeLlmAbstention(position) ?? abstentionReason(position);
    note(rules, 'abstained', `${position.verifier} abstained: ${reason}`);
  }
  checkLlmVotes(rules, positions, policy);
  for (const position of positions.filter(
    (candidate) => candidate.outcome === 'split' && candidate.llm === undefined,
  )) {
    hold(
      rules,
      'split-vote',
      `${position.verifier}'s ${position.runs} runs reach no supermajority of ${position.required} (${describeTally(position)})`,
    );
  }
  // An LLM verifier that saw the label (llm-audit) is not independent: it never votes, it can only hold back.
  const judging = positions.filter(
    (position) => position.role === 'label' && position.outcome !== 'abstains' && isIndependent(position),
  );
  if (judging.length === 0) {
    hold(
      rules,
      'no-label-verdict',
      'no counted label verifier judged the item, so nothing confirms or replaces its label',
    );
  }
  const consensus = findConsensus(judging, input, policy);
  if (
    consensus === undefined &&
    judging.length > 1 &&
    judging.every((position) => position.outcome !== 'split')
  ) {
    const rule = classifyDisagreement(judging, input, policy);
    hold(rules, rule, describeDisagreement(rule, judging));
  }

  const named = checkFindings(rules, { positions, consensus, policy });

  let status: TriageStatus = 'needs-physician';
  let proposedLabel: string | null = null;
  const candidate = [...judging]
    .sort(
      (a, b) =>
        rankIn(policy.autoRelabel.requireVerifiers, a.verifier) -
        rankIn(policy.autoRelabel.requireVerifiers, b.verifier),
    )
    .find((position) => position.outcome === 'disputes' && position.proposedLabel !== null);
  checkAuditPositions(rules, {
    positions,
    consensus,
    candidate: candidate?.proposedLabel ?? null,
    input,
    policy,
  });

  const context = { input, policy, positions, judging, named };
  if (consensus === 'supports') {
    status = decideConfirmation(rules, context) ?? status;
  } else if (consensus === 'disputes') {
    status = decideDispute(rules, { ...context, candidate });
  } else if (consensus === 'not-computable') {
    status = decideNotComputable(rules, context);
  }
  if (rules.needsPhysician) status = 'needs-physician';
  if (status === 'relabel-proposed' || status === 'needs-physician') {
    proposedLabel = candidate?.proposedLabel ?? (consensus === 'not-computable' ? 'N/A' : null);
  }
  if (status === 'needs-physician' && proposedLabel === null) proposedLabel = llmCandidateOf(positions);
  const categories = categoriesOfVerdicts(input.verdicts.filter((verdict) => !ignored.includes(verdict)));
  const decision = { status, proposedLabel, reasons: orderReasons(rules.reasons), categories };
  return { ...decision, impact: expectedImpact(input, decision, policy) };
}

/**
 * For a physician, when no label verifier proposed a value: the first LLM position (by name) that agreed on N/A
 * or on another value, llm-audit included. Only LLM verdicts, so decisions without them stay as they were.
 */
function llmCandidateOf(positions: readonly VerifierPosition[]): string | null {
  for (const position of positions) {
    if (position.llm === undefined || position.role !== 'label') continue;
    if (position.outcome === 'not-computable') return 'N/A';
    if (position.outcome === 'disputes' && position.proposedLabel !== null) return position.proposedLabel;
  }
  return null;
}

function categoriesOfVerdicts(verdicts: readonly Verdict[]): ErrorCategory[] {
  const present = new Set(verdicts.flatMap((verdict) => verdict.categories));
  return ERROR_CATEGORIES.filter((category) => present.has(category));
}
