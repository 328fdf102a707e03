import type { LlmVote } from './types.js';

/**
 * Voting over independent LLM runs (pure). Each run casts a ballot: an answer, "not computable" (N/A, its own
 * cluster) or nothing (an abstaining run does not vote). Answers are clustered with a `sameAnswer` predicate
 * (the answer rules' tolerance for labels; equality for judgments).
 *
 * **Adaptive rule (default)**, with `earlyAgreement` e = 2, `maxRuns` m = 5, `required` r = 4:
 * 1. Start with e runs. If every vote so far falls in one cluster and it has at least e votes, stop: agreed.
 * 2. Once any vote dissents, only a supermajority can settle the item: stop as soon as a cluster has r votes
 *    (agreed), or as soon as no cluster can reach r votes in the runs left (split); otherwise make one more run.
 * 3. Never more than m runs; if neither path can still be reached, stop (split, or insufficient with < 2 votes).
 * The rule is sequential and decided after each run; the outcome equals what the fixed r-of-m rule would have
 * said whenever the early stop in step 1 is not taken, and step 1 is the only place accuracy is traded for calls
 * (two agreeing independent runs rarely share a wrong answer unless the item is "hard": see the simulation in
 * `bench/voting-simulation.ts`). With several models, runs are assigned round-robin, so the first two votes come
 * from different models and step 1 needs agreement across models.
 *
 * **Fixed rule**: exactly m runs, agreed when a cluster has at least r votes (the published 4-of-5 supermajority).
 *
 * `callsSaved` counts the runs not made against a fixed 5-run supermajority.
 */
export type VotingMode = 'adaptive' | 'fixed';

export interface VotingRule {
  mode: VotingMode;
  /** The most runs an item may get. */
  maxRuns: number;
  /** Votes a cluster needs for a supermajority (4 of 5). */
  required: number;
  /** Adaptive: this many unanimous votes stop early (0 turns the early stop off). */
  earlyAgreement: number;
}

export const ADAPTIVE_VOTING_RULE: VotingRule = {
  mode: 'adaptive',
  maxRuns: 5,
  required: 4,
  earlyAgreement: 2,
};
export const FIXED_VOTING_RULE: VotingRule = { mode: 'fixed', maxRuns: 5, required: 4, earlyAgreement: 0 };

/** The run count `callsSaved` is measured against: the fixed 5-run supermajority. */
export const REFERENCE_RUNS = 5;

/** One run's ballot: `answer` set when `outcome` is `answer`. */
export interface Ballot {
  outcome: 'answer' | 'not-computable' | 'abstain';
  answer: string | null;
}

export type SameAnswer = (left: string, right: string) => boolean;

export interface BallotCluster {
  /** The first answer of the cluster (its representative); null for the N/A cluster. */
  answer: string | null;
  votes: number;
  /** Indexes of the ballots in the cluster, in run order. */
  members: number[];
}

/** The rule in words, as stored in every vote: `adaptive(early=2,max=5,supermajority=4/5)`. */
export function describeVotingRule(rule: VotingRule): string {
  const supermajority = `supermajority=${rule.required}/${rule.maxRuns}`;
  return rule.mode === 'fixed'
    ? `fixed(runs=${rule.maxRuns},${supermajority})`
    : `adaptive(early=${rule.earlyAgreement},max=${rule.maxRuns},${supermajority})`;
}

/**
 * Clusters the voting ballots: each answer joins the first cluster whose representative it matches (N/A ballots
 * form one cluster of their own). Clusters are ordered by votes, then by their first run.
 */
export function clusterBallots(ballots: readonly Ballot[], sameAnswer: SameAnswer): BallotCluster[] {
  const clusters: BallotCluster[] = [];
  ballots.forEach((ballot, index) => {
    if (ballot.outcome === 'abstain') return;
    const answer = ballot.outcome === 'not-computable' ? null : ballot.answer;
    const home = clusters.find((cluster) =>
      cluster.answer === null || answer === null
        ? cluster.answer === answer
        : sameAnswer(cluster.answer, answer),
    );
    if (home === undefined) clusters.push({ answer, votes: 1, members: [index] });
    else {
      home.votes += 1;
      home.members.push(index);
    }
  });
  return clusters
    .map((cluster, order) => ({ cluster, order }))
    .sort((left, right) => right.cluster.votes - left.cluster.votes || left.order - right.order)
    .map(({ cluster }) => cluster);
}

export interface VoteDecision {
  /** True when no more runs should be made. */
  stop: boolean;
  /** The vote as it stands (final when `stop`). */
  vote: LlmVote;
  /** Ballot indexes of the winning (or largest) cluster. */
  winners: number[];
}

type Settled = Pick<LlmVote, 'outcome' | 'stoppedBecause'>;

interface Counts {
  runs: number;
  votes: number;
}

function settleAdaptive(
  rule: VotingRule,
  clusters: readonly BallotCluster[],
  { runs, votes }: Counts,
): Settled | undefined {
  const leader = clusters[0];
  const leading = leader?.votes ?? 0;
  const remaining = rule.maxRuns - runs;
  const unanimous = clusters.length === 1;
  if (rule.earlyAgreement > 0 && unanimous && leading >= rule.earlyAgreement) {
    return { outcome: 'agreed', stoppedBecause: `the first ${leading} votes agree` };
  }
  if (leading >= rule.required) {
    return { outcome: 'agreed', stoppedBecause: `supermajority reached (${leading} of ${runs} runs)` };
  }
  const earlyReachable =
    rule.earlyAgreement > 0 && clusters.length <= 1 && leading + remaining >= rule.earlyAgreement;
  const supermajorityReachable = leading + remaining >= rule.required;
  if (earlyReachable || supermajorityReachable) return undefined;
  if (votes < 2) {
    return { outcome: 'insufficient', stoppedBecause: `only ${votes} of ${runs} runs gave a usable answer` };
  }
  return {
    outcome: 'split',
    stoppedBecause:
      runs === rule.maxRuns
        ? `no supermajority after ${runs} runs (largest cluster ${leading})`
        : `a supermajority of ${rule.required} became unreachable after ${runs} runs (largest cluster ${leading})`,
  };
}

function settleFixed(
  rule: VotingRule,
  clusters: readonly BallotCluster[],
  { runs, votes }: Counts,
): Settled | undefined {
  if (runs < rule.maxRuns) return undefined;
  const leading = clusters[0]?.votes ?? 0;
  if (leading >= rule.required) {
    return { outcome: 'agreed', stoppedBecause: `supermajority reached (${leading} of ${runs} runs)` };
  }
  if (votes < 2) {
    return { outcome: 'insufficient', stoppedBecause: `only ${votes} of ${runs} runs gave a usable answer` };
  }
  return {
    outcome: 'split',
    stoppedBecause: `no supermajority after ${runs} runs (largest cluster ${leading})`,
  };
}

/**
 * Decides, after the runs made so far, whether to stop and what the vote says. Pure: the same ballots and rule
 * always give the same decision.
 */
export function decideVote(
  ballots: readonly Ballot[],
  rule: VotingRule,
  sameAnswer: SameAnswer,
): VoteDecision {
  const clusters = clusterBallots(ballots, sameAnswer);
  const runs = ballots.length;
  const votes = clusters.reduce((sum, cluster) => sum + cluster.votes, 0);
  const settled =
    rule.mode === 'fixed'
      ? settleFixed(rule, clusters, { runs, votes })
      : settleAdaptive(rule, clusters, { runs, votes });
  const leader = clusters[0];
  const agreed = settled?.outcome === 'agreed' && leader !== undefined;
  const outcome: LlmVote['outcome'] =
    settled === undefined
      ? 'split'
      : agreed && leader.answer === null
        ? 'agreed-not-computable'
        : settled.outcome;
  return {
    stop: settled !== undefined,
    winners: leader?.members ?? [],
    vote: {
      rule: describeVotingRule(rule),
      outcome,
      answer: agreed ? leader.answer : null,
      support: leader?.votes ?? 0,
      votes,
      runs,
      maxRuns: rule.maxRuns,
      clusters: clusters.map((cluster) => ({ answer: cluster.answer, votes: cluster.votes })),
      callsSaved: Math.max(0, REFERENCE_RUNS - runs),
      stoppedBecause: settled?.stoppedBecause ?? 'still voting',
    },
  };
}

/**
 * How many runs to start at once before the next decision: the early-agreement window first (its runs are
 * needed whatever they say), then one at a time; the fixed rule starts all its runs together.
 */
export function countNextRuns(rule: VotingRule, runsMade: number): number {
  if (rule.mode === 'fixed') return rule.maxRuns - runsMade;
  if (runsMade === 0) return Math.min(rule.maxRuns, Math.max(1, rule.earlyAgreement || rule.required));
  return 1;
}
