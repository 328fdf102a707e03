import type { EvidenceSpan } from '../types.js';

/**
 * The `details` of every LLM verifier's verdict (`llm-audit`, `llm-recompute`, `llm-answer`): what each run said,
 * how the runs were voted, and, for `llm-recompute`, the vote on each input. Triage, `audit show` and the report
 * read this shape; change it only with a verifier version bump.
 */
export interface LlmVerdictDetails {
  kind: 'llm';
  /** True when the model never saw the original label, entities or explanation (phase 2). */
  blind: boolean;
  prompt: { id: string; version: string };
  /** Model spec texts, in the order runs were assigned to them. */
  models: string[];
  runs: LlmRunRecord[];
  vote: LlmVote;
  /** `llm-recompute` only: one vote per calculator input. */
  inputVotes?: LlmInputVote[];
  /** Quotes the model gave that are not in the note (each is also a finding). */
  fabricatedQuotes: number;
  /** Why the verdict abstains without a vote (no model caller, no note, runs deferred to a batch). */
  reason?: string;
}

/** One model call's contribution to the vote. */
export interface LlmRunRecord {
  model: string;
  runIndex: number;
  /** Served from the response cache (no call made now). */
  cached: boolean;
  /**
   * `answer`: a label (`answer` set); `not-computable`: the run says the note lacks what the question needs;
   * `abstain`: the call failed or the reply was unusable (`reason` says why); abstentions do not vote.
   */
  outcome: 'answer' | 'not-computable' | 'abstain';
  /** The run's label, rendered as the dataset writes labels (a number, `MM/DD/YYYY`, `(W weeks, D days)`). */
  answer: string | null;
  /** `llm-audit`: the run's judgment of the original label. */
  judgment?: 'agree' | 'disagree' | 'cannot-tell';
  reason?: string;
}

/** How the runs were voted: answers clustered with the answer rules' tolerance. */
export interface LlmVote {
  /** The stopping rule's name and parameters, e.g. `adaptive(min=2,max=5,supermajority=4/5)`. */
  rule: string;
  /**
   * `agreed`: a cluster reached the rule's support (`answer` is its label); `agreed-not-computable`: the runs
   * agree that the note lacks a required input; `split`: no cluster reached support when the rule stopped;
   * `insufficient`: too few usable runs (abstentions) to vote.
   */
  outcome: 'agreed' | 'agreed-not-computable' | 'split' | 'insufficient';
  answer: string | null;
  /** Votes for the winning cluster (or the largest cluster when split). */
  support: number;
  /** Runs that voted (abstentions excluded) and runs made in all. */
  votes: number;
  runs: number;
  maxRuns: number;
  clusters: { answer: string | null; votes: number }[];
  /** Calls not made thanks to early stopping, against the fixed 5-run supermajority. */
  callsSaved: number;
  /** Why the rule stopped, in words. */
  stoppedBecause: string;
}

/** `llm-recompute`: the vote on one calculator input across runs. */
export interface LlmInputVote {
  input: string;
  /** `agreed`: the runs read the same value (within tolerance); `missing`: they agree the note lacks it. */
  outcome: 'agreed' | 'missing' | 'split';
  /** The agreed value as text with its unit (`1.2 mg/dL`, `true`, `female`), when agreed. */
  value: string | null;
  support: number;
  votes: number;
  /** The time point the runs named for the value (`on admission`, `day 3`), when they named one. */
  timePoint?: string;
  /** Where the agreed value's quotes are in the note. */
  evidence: EvidenceSpan[];
}
