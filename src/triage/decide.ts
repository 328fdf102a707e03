import { AppError } from '../app-error.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { ErrorCategory, Finding, Verdict } from '../verify/types.js';
import { expectedImpact } from './impact.js';
import { labelsAgree, readLabel, relativeDifference } from './labels.js';
import {
  checkAuditPositions,
  checkLlmVotes,
  classifyDisagreement,
  describeDisagreement,
  describeLlmAbstention,
  describePosition,
  findStandIn,
  isBlindLlm,
  isIndependent,
} from './llm-rules.js';
import type { TriagePolicy } from './policy.js';
import { collectPositions } from './positions.js';
import type { VerifierPosition } from './positions.js';
import {
  abstentionReason,
  conclude,
  describeFinding,
  describeOutcome,
  describeTally,
  findingsOf,
  hold,
  note,
  orderReasons,
} from './reasons.js';
import type { Rules } from './reasons.js';
import type { TriageRuleId } from './rules.js';
import type { TriageDecision, TriageInput, TriageStatus } from './types.js';

/**
 * Triage of one item: the verdicts are voted per verifier (positions.ts), then every rule of the policy is checked
 * and each one that fires adds a reason (its id from `TRIAGE_RULE_IDS`, its effect, and a text naming the verifier
 * and finding). The item needs a physician when any rule holds it; otherwise the label verifiers' consensus decides
 * (confirmed, relabel-proposed or not-computable). The rules are documented in docs/triage-policy.md; the rules
 * that read LLM verdicts are in llm-rules.ts. Without LLM verdicts every decision is the one policy 1.2.0 made.
 */

/** Whether the label verifiers that judged the item agree on one outcome (labels compared within tolerance). */
function findConsensus(judging: readonly VerifierPosition[], input: TriageInput, policy: TriagePolicy) {
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

function checkRequired(
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
function closingRule(
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

  // Findings that hold any automatic decision back, whatever the consensus.
  const named = new Set<Finding>();
  for (const position of positions) {
    for (const finding of findingsOf(position, policy.blockingSeverity)) {
      // A blind verifier's extraction finding is its dispute itself, weighed by the consensus rules; it does not
      // make the stored inputs suspect, since the blind runs never read them.
      if (!policy.blockingCategories.includes(finding.category) || isBlindLlm(position)) continue;
      named.add(finding);
      const consequence =
        consensus === 'supports'
          ? '; the supporting verifiers computed from the same, possibly wrong, inputs'
          : consensus === 'not-computable'
            ? '; the inputs reported missing may be in the note'
            : '';
      hold(rules, 'blocking-finding', `${describeFinding(position.verifier, finding)}${consequence}`);
    }
    for (const finding of findingsOf(position, 'warning')) {
      if (finding.category !== 'implausible-input' || named.has(finding)) continue;
      named.add(finding);
      const sends = policy.implausibleInput === 'needs-physician';
      const suffix = sends ? '' : ' (ignored under this policy)';
      (sends ? hold : note)(
        rules,
        'implausible-input',
        `${describeFinding(position.verifier, finding)}${suffix}`,
      );
    }
  }
  for (const position of positions.filter(
    (candidate) => candidate.role === 'inputs' && candidate.outcome === 'disputes',
  )) {
    const others = findingsOf(position, 'warning').filter((finding) => !named.has(finding));
    const detail =
      others.length === 0
        ? ''
        : `: ${others.map((finding) => describeFinding(position.verifier, finding)).join('; ')}`;
    hold(rules, 'inputs-disputed', `${position.verifier} disputes the stored inputs${detail}`);
  }

  let status: TriageStatus = 'needs-physician';
  let proposedLabel: string | null = null;
  const candidate = [...judging]
    .sort(
      (a, b) =>
        rank(policy.autoRelabel.requireVerifiers, a.verifier) -
        rank(policy.autoRelabel.requireVerifiers, b.verifier),
    )
    .find((position) => position.outcome === 'disputes' && position.proposedLabel !== null);
  checkAuditPositions(rules, {
    positions,
    consensus,
    candidate: candidate?.proposedLabel ?? null,
    input,
    policy,
  });

  if (consensus === 'supports') {
    if (
      checkRequired(rules, {
        positions,
        required: policy.confirm.requireVerifiers,
        outcome: 'supports',
        purpose: 'confirmation',
        policy,
      })
    ) {
      conclude(
        rules,
        closingRule(judging, 'confirmed'),
        `${judging.map(describePosition).join('; ')} (${input.originalLabel})`,
      );
      status = 'confirmed';
    }
  } else if (consensus === 'disputes') {
    status = decideDispute(rules, { input, policy, positions, judging, candidate, named });
  } else if (consensus === 'not-computable') {
    status = decideNotComputable(rules, { input, policy, positions, judging, named });
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

function rank(order: readonly string[], name: string): number {
  const index = order.indexOf(name);
  return index === -1 ? order.length : index;
}

function categoriesOfVerdicts(verdicts: readonly Verdict[]): ErrorCategory[] {
  const present = new Set(verdicts.flatMap((verdict) => verdict.categories));
  return ERROR_CATEGORIES.filter((category) => present.has(category));
}

interface ConsensusContext {
  input: TriageInput;
  policy: TriagePolicy;
  positions: readonly VerifierPosition[];
  judging: readonly VerifierPosition[];
  /** Findings already reported by the blocking and implausible-input rules. */
  named: ReadonlySet<Finding>;
}

/**
 * A change (a relabel or N/A) that rests on a judgment call: an assumption (underspecified-question) of a label
 * verifier, when the policy says so, or a suspect extraction (a blocking-category finding too mild to block on its
 * own, e.g. an extraction-error warning) from any counted verifier.
 */
function checkJudgmentCalls(rules: Rules, context: ConsensusContext, change: string): void {
  const { policy } = context;
  for (const position of context.judging) {
    for (const finding of findingsOf(position, 'warning')) {
      if (finding.category !== 'underspecified-question') continue;
      const sends = policy.assumptionsAreJudgmentCalls;
      const suffix = sends ? '' : ' (not a judgment call under this policy)';
      (sends ? hold : note)(
        rules,
        'judgment-call',
        `${change} rests on an assumption: ${describeFinding(position.verifier, finding)}${suffix}`,
      );
    }
  }
  for (const position of context.positions) {
    for (const finding of findingsOf(position, 'warning')) {
      if (!policy.blockingCategories.includes(finding.category) || context.named.has(finding)) continue;
      if (isBlindLlm(position)) continue;
      hold(
        rules,
        'judgment-call',
        `${change} rests on a suspect extraction: ${describeFinding(position.verifier, finding)}`,
      );
    }
  }
}

function decideDispute(
  rules: Rules,
  context: ConsensusContext & { candidate: VerifierPosition | undefined },
): TriageStatus {
  const { input, policy, judging, candidate } = context;
  const { autoRelabel } = policy;
  checkRequired(rules, {
    positions: context.positions,
    required: autoRelabel.requireVerifiers,
    outcome: 'disputes',
    purpose: 'an automatic relabel',
    policy,
  });
  if (candidate === undefined) {
    hold(rules, 'no-candidate-label', `${judging.map(describeOutcome).join('; ')}: no label to propose`);
    return 'needs-physician';
  }
  checkJudgmentCalls(rules, context, 'the proposed change');
  for (const position of judging) {
    const grounds = findingsOf(position, 'warning').filter((finding) =>
      autoRelabel.allowedCategories.includes(finding.category),
    );
    if (autoRelabel.requireVerifiers.includes(position.verifier) && grounds.length === 0) {
      const allowed = autoRelabel.allowedCategories.join(' or ');
      hold(
        rules,
        'no-allowed-ground',
        `${position.verifier} disputes the label without a ${allowed} finding`,
      );
    }
  }
  const original = readLabel(input.originalLabel, input.outputType);
  const proposed = readLabel(candidate.proposedLabel as string, input.outputType);
  if (autoRelabel.maxRelativeChange !== null && original.kind === 'number' && proposed.kind === 'number') {
    const change = relativeDifference(original.value, proposed.value);
    if (change > autoRelabel.maxRelativeChange) {
      hold(
        rules,
        'change-too-large',
        `${candidate.verifier} changes ${input.originalLabel} to ${candidate.proposedLabel} (relative change ${change.toFixed(3)} > ${autoRelabel.maxRelativeChange})`,
      );
    }
  }
  const grounds = findingsOf(candidate, 'warning')
    .filter((finding) => autoRelabel.allowedCategories.includes(finding.category))
    .map((finding) => describeFinding(candidate.verifier, finding));
  conclude(
    rules,
    closingRule(judging, 'relabel'),
    `${judging.map(describePosition).join('; ')} (original ${input.originalLabel})${grounds.length > 0 ? `: ${grounds.join('; ')}` : ''}`,
  );
  return 'relabel-proposed';
}

function decideNotComputable(rules: Rules, context: ConsensusContext): TriageStatus {
  const { input, policy, judging } = context;
  if (readLabel(input.originalLabel, input.outputType).kind === 'not-available') {
    conclude(
      rules,
      'already-not-available',
      `${judging.map(describeOutcome).join('; ')}, and the original label is already ${input.originalLabel}`,
    );
    return 'confirmed';
  }
  checkRequired(rules, {
    positions: context.positions,
    required: policy.notComputable.requireVerifiers,
    outcome: 'not-computable',
    purpose: 'a not-computable decision',
    policy,
  });
  checkJudgmentCalls(rules, context, 'the not-computable finding');
  const missing = judging.flatMap((position) =>
    findingsOf(position, 'warning')
      .filter((finding) => finding.category === 'not-computable')
      .map((finding) => describeFinding(position.verifier, finding)),
  );
  const sends = policy.notComputable.status === 'needs-physician';
  const text = `${judging.map(describePosition).join('; ')}${missing.length > 0 ? `: ${missing.join('; ')}` : ''}`;
  (sends ? hold : conclude)(
    rules,
    closingRule(judging, 'not-computable'),
    `${text}${sends ? ' (this policy sends not-computable items to a physician)' : ''}`,
  );
  return policy.notComputable.status;
}
