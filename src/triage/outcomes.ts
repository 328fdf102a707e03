import { assessExtraction, describeExtractionProblems } from './extraction.js';
import { checkJudgmentCalls, type JudgmentContext } from './judgment-calls.js';
import { readLabel, relativeDifference } from './labels.js';
import { describePosition, isBlindLlm } from './llm-rules.js';
import { checkRequired, closingRule } from './consensus.js';
import type { VerifierPosition } from './positions.js';
import { conclude, describeFinding, describeOutcome, findingsOf, hold } from './reasons.js';
import type { Rules } from './reasons.js';
import type { TriageInput, TriageStatus } from './types.js';

/** The three automatic outcomes of a consensus: confirm, relabel, not computable; each may still be held. */

export interface ConsensusContext extends JudgmentContext {
  input: TriageInput;
}

/**
 * A supported label is `confirmed` when its inputs were checked against the note: a blind LLM verifier that read
 * only the note is part of the consensus, or the inputs verifier verified every input (extraction.ts). Otherwise
 * the policy's `confirm.unverifiedExtraction` decides: its own status `extraction-unverified` (default), a
 * physician, or `confirmed` as before 1.4.0.
 */
export function decideConfirmation(rules: Rules, context: ConsensusContext): TriageStatus | undefined {
  const { input, policy, positions, judging } = context;
  const complete = checkRequired(rules, {
    positions,
    required: policy.confirm.requireVerifiers,
    outcome: 'supports',
    purpose: 'confirmation',
    policy,
  });
  if (!complete) return undefined;
  const supported = `${judging.map(describePosition).join('; ')} (${input.originalLabel})`;
  if (judging.some(isBlindLlm)) {
    conclude(rules, closingRule(judging, 'confirmed'), supported);
    return 'confirmed';
  }
  const extraction = assessExtraction(positions);
  if (extraction.verified) {
    const checked = `${extraction.verifiers.join(', ')} verified all ${extraction.inputs} stored input(s) against the note`;
    conclude(rules, 'confirmed', `${supported}; ${checked}`);
    return 'confirmed';
  }
  const unverified = `the extraction is not verified against the note: ${describeExtractionProblems(extraction.problems)}`;
  switch (policy.confirm.unverifiedExtraction) {
    case 'confirmed':
      conclude(rules, 'confirmed', `${supported}; ${unverified} (confirmed anyway under this policy)`);
      return 'confirmed';
    case 'needs-physician':
      hold(rules, 'extraction-unverified', `${supported}, but ${unverified}`);
      return 'needs-physician';
    case 'extraction-unverified':
      conclude(rules, 'extraction-unverified', `${supported}, but ${unverified}`);
      return 'extraction-unverified';
  }
}

export function decideDispute(
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
  checkJudgmentCalls(rules, context, { text: 'the proposed change', kind: 'relabel' });
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

export function decideNotComputable(rules: Rules, context: ConsensusContext): TriageStatus {
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
  checkJudgmentCalls(rules, context, { text: 'the not-computable finding', kind: 'not-computable' });
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
