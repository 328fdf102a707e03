import type { Instance } from '../../dataset/instance.js';
import type { Assessment, Finding, VerifyContext } from '../types.js';
import type { LlmVote } from './types.js';

export interface VoteAssessment {
  assessment: Assessment;
  proposedLabel: string | null;
  findings: Finding[];
}

/**
 * What a blind vote (`llm-recompute`, `llm-answer`) says about the original label, under the row's rule set:
 * an agreed answer within tolerance supports it; an agreed answer outside disputes it (the answer is proposed);
 * agreed N/A supports an N/A label and otherwise makes the verdict not-computable; a split or too few usable runs
 * abstains. `cause` names the category of a dispute (what the verifier can say about where the error is).
 */
export function assessBlindVote({
  vote,
  instance,
  context,
  cause,
}: {
  vote: LlmVote;
  instance: Instance;
  context: VerifyContext;
  cause: { category: Finding['category']; source: string };
}): VoteAssessment {
  const tally = `${vote.support} of ${vote.votes} votes (${vote.runs} runs)`;
  if (vote.outcome === 'agreed' && vote.answer !== null) {
    const judged = context.ruleSet.judgeAnswer(vote.answer, instance);
    if (judged.correct) return { assessment: 'supports', proposedLabel: vote.answer, findings: [] };
    return {
      assessment: 'disputes',
      proposedLabel: vote.answer,
      findings: [
        {
          category: cause.category,
          severity: 'error',
          message: `${cause.source} agrees on ${vote.answer} (${tally}); the label ${instance.label} is outside tolerance (${judged.reason})`,
          evidence: [],
        },
      ],
    };
  }
  if (vote.outcome === 'agreed-not-computable') {
    if (context.ruleSet.judgeAnswer('N/A', instance).correct) {
      return { assessment: 'supports', proposedLabel: 'N/A', findings: [] };
    }
    return {
      assessment: 'not-computable',
      proposedLabel: null,
      findings: [
        {
          category: 'not-computable',
          severity: 'error',
          message: `${cause.source} agrees the note lacks a required input (${tally}); the label ${instance.label} cannot be computed from the note`,
          evidence: [],
        },
      ],
    };
  }
  return { assessment: 'abstains', proposedLabel: null, findings: [] };
}
