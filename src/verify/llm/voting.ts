import type { LlmVote } from './types.js';

/**
 * Voting over independent LLM runs (pure). Each run casts a ballot: an answer, "not computable" (N/A, its own
 * cluster) or nothing (an abstaining run does not vote). Answers are clustered with a `sameAnswer` predicate
 * (the answer rules' tolerance for labels; equality for judgments).
 *
 * **Adaptive rule without a reference (default; `llm-audit`, which saw the label)**, with `earlyAgreement` e = 2,
 * `maxRuns` m = 5, `required` r = 4 — `adaptive(early=2,max=5,supermajority=4/5)`:
 * 1. Start with e runs. If every vote so far falls in one cluster and it has at least e votes, stop: agreed.
 * 2. Once any vote dissents, only a supermajority can settle the item: stop as soon as a cluster has r votes
 *    (agreed), or as soon as no cluster can reach r votes in the runs left (split); otherwise make one more run.
 * 3. Never more than m runs; if neither path can still be reached, stop (split, or insufficient with < 2 votes).
 *
 * **Adaptive rule with a reference (blind verifiers: `llm-recompute`, `llm-answer`)** —
 * `adaptive-reference(weight=1,lead=3,max=4+reference)`. The reference is the original label, which the MODEL never
 * sees; it only decides how many runs to make. It is one more voter with weight w = 1 (as reliable as one run),
 * in a poll of at most m voters: at most m − 1 = 4 runs plus the reference. A cluster's score is its run votes,
 * plus w when the reference falls in it (the reference alone forms a cluster of score w when no run matches it).
 * The *lead* of a cluster is its score minus the largest score of any other cluster. A sequential probability
 * ratio test between the two strongest clusters under the worst-case error model (every wrong source repeats one
 * wrong answer, each source right with the same probability p > ½): the log-likelihood ratio is
 * lead × log(p / (1 − p)), so a threshold on the lead is a threshold on the evidence.
 * 1. Start with 2 runs (acceptance needs at least 2 runs' votes).
 * 2. Stop, agreed, as soon as a cluster has at least 2 run votes and a lead of at least L = 2r − m = 3 (the
 *    smallest lead a 4-of-5 supermajority can have). So 2 runs that agree with each other and with the label
 *    stop at 2 runs (lead 3); 2 runs that agree on another value (a relabel) have lead 1 and need 2 more
 *    agreeing runs (4 of 4 against the label: lead 3).
 * 3. Stop, split (a physician looks), as soon as L is out of reach: no cluster, nor a new one, can gain a lead of
 *    L with the runs left (at most 4 runs); insufficient instead of split when fewer than 2 runs voted.
 * A reference that could not be read (an unreadable label) is no reference. Used only when m ≥ 3.
 *
 * With several models, runs are assigned round-robin, so the first two votes come from different models. The
 * early stops are where calls are traded for accuracy (two agreeing runs share a systematic misreading more often
 * than four of five do): see the simulation in `bench/voting-simulation.ts`.
 *
 * **Fixed rule**: exactly m runs, agreed when a cluster has at least r votes (the published 4-of-5 supermajority);
 * the reference is ignored.
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

/** Whether `required` votes of `runs` make a supermajority: more than half of them, and at most all. */
export function isSupermajority(required: number, runs: number): boolean {
  return required <= runs && required * 2 > runs;
}

/** The run count `callsSaved` is measured against: the fixed 5-run supermajority. */
export const REFERENCE_RUNS = 5;

/** One run's ballot: `answer` set when `outcome` is `answer`. */
export interface Ballot {
  outcome: 'answer' | 'not-computable' | 'abstain';
  answer: string | null;
}

export type SameAnswer = (left: string, right: string) => boolean;

/** How ballots are compared: the clustering predicate, and the optional reference (the original label). */
export interface VoteComparison {
  sameAnswer: SameAnswer;
  reference?: Ballot | undefined;
}

export interface BallotCluster {
  /** The first answer of the cluster (its representative); null for the N/A cluster. */
  answer: string | null;
  votes: number;
  /** Indexes of the ballots in the cluster, in run order. */
  members: number[];
}

/** The weight of the reference (the original label) in the adaptive rule with a reference: one run's vote. */
export const REFERENCE_WEIGHT = 1;

/** The parameters of the adaptive rule with a reference, derived from the rule (see the module comment). */
export interface ReferenceRule {
  weight: number;
  /** The lead over the strongest other cluster that stops the vote (2r − m). */
  lead: number;
  /** The most runs (m − 1: the reference is the m-th voter). */
  maxRuns: number;
}

/** A reference that can be voted with: a readable label (an answer or N/A). */
export type Reference = Ballot & { outcome: 'answer' | 'not-computable' };

/** The adaptive rule with a reference for `rule`, or undefined when it does not apply (fixed mode, m < 3). */
export function resolveReferenceRule(rule: VotingRule): ReferenceRule | undefined {
  if (rule.mode !== 'adaptive' || rule.maxRuns < 3) return undefined;
  return { weight: REFERENCE_WEIGHT, lead: 2 * rule.required - rule.maxRuns, maxRuns: rule.maxRuns - 1 };
}

function usableReference(rule: VotingRule, reference: Ballot | undefined): ReferenceRule | undefined {
  return reference === undefined || reference.outcome === 'abstain' ? undefined : resolveReferenceRule(rule);
}

/** The most runs `rule` makes on an item, given whether a reference is passed. */
export function countMaxRuns(rule: VotingRule, reference?: Ballot): number {
  return usableReference(rule, reference)?.maxRuns ?? rule.maxRuns;
}

/**
 * The rule in words, as stored in every vote: `adaptive(early=2,max=5,supermajority=4/5)`, or with a reference
 * `adaptive-reference(weight=1,lead=3,max=4+reference)`.
 */
export function describeVotingRule(rule: VotingRule, reference?: Ballot): string {
  const supermajority = `supermajority=${rule.required}/${rule.maxRuns}`;
  if (rule.mode === 'fixed') return `fixed(runs=${rule.maxRuns},${supermajority})`;
  const withReference = usableReference(rule, reference);
  if (withReference !== undefined) {
    return `adaptive-reference(weight=${withReference.weight},lead=${withReference.lead},max=${withReference.maxRuns}+reference)`;
  }
  return `adaptive(early=${rule.earlyAgreement},max=${rule.maxRuns},${supermajority})`;
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

/** A cluster in the vote with a reference: its run votes and its score (run votes + the reference's weight). */
interface ScoredCluster {
  cluster: BallotCluster | undefined;
  votes: number;
  score: number;
}

interface Scoring {
  /** Run clusters (and the reference alone when no run matches it) by score, highest first. */
  scored: ScoredCluster[];
  referenceCluster: BallotCluster | undefined;
}

function scoreClusters(
  clusters: readonly BallotCluster[],
  referenceRule: ReferenceRule,
  { sameAnswer, reference }: { sameAnswer: SameAnswer; reference: Reference },
): Scoring {
  const referenceCluster = clusters.find((cluster) =>
    cluster.answer === null || reference.answer === null || reference.outcome === 'not-computable'
      ? cluster.answer === null && reference.outcome === 'not-computable'
      : sameAnswer(cluster.answer, reference.answer),
  );
  const scored: ScoredCluster[] = clusters.map((cluster) => ({
    cluster,
    votes: cluster.votes,
    score: cluster.votes + (cluster === referenceCluster ? referenceRule.weight : 0),
  }));
  if (referenceCluster === undefined)
    scored.push({ cluster: undefined, votes: 0, score: referenceRule.weight });
  // Stable: equal scores keep the clusters' order (votes, then first run); the reference alone comes last.
  scored.sort((left, right) => right.score - left.score);
  return { scored, referenceCluster };
}

function leadOf(scored: readonly ScoredCluster[], entry: ScoredCluster): number {
  const others = scored.filter((other) => other !== entry).map((other) => other.score);
  return entry.score - Math.max(0, ...others);
}

function settleWithReference(
  referenceRule: ReferenceRule,
  { scored, referenceCluster }: Scoring,
  { runs, votes }: Counts,
): Settled | undefined {
  const remaining = referenceRule.maxRuns - runs;
  const leader = scored.find((entry) => entry.cluster !== undefined);
  if (leader !== undefined && leader.votes >= 2 && leadOf(scored, leader) >= referenceRule.lead) {
    const side = leader.cluster === referenceCluster ? 'with' : 'against';
    return {
      outcome: 'agreed',
      stoppedBecause: `${leader.votes} of ${runs} runs agree, ${side} the reference (lead ${leadOf(scored, leader)} ≥ ${referenceRule.lead})`,
    };
  }
  const fresh: ScoredCluster = { cluster: undefined, votes: 0, score: 0 };
  const reachable = [...scored, fresh].some(
    (entry) =>
      entry.votes + remaining >= 2 &&
      entry.score +
        remaining -
        Math.max(0, ...scored.filter((other) => other !== entry).map((other) => other.score)) >=
        referenceRule.lead,
  );
  if (reachable) return undefined;
  if (votes < 2) {
    return { outcome: 'insufficient', stoppedBecause: `only ${votes} of ${runs} runs gave a usable answer` };
  }
  const lead = leader === undefined ? 0 : leadOf(scored, leader);
  return {
    outcome: 'split',
    stoppedBecause: `a lead of ${referenceRule.lead} (the reference counting as ${referenceRule.weight} vote) became unreachable after ${runs} runs (largest cluster ${leader?.votes ?? 0}, lead ${lead})`,
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

function settleVote({
  ballots,
  clusters,
  rule,
  sameAnswer,
  reference,
}: {
  ballots: Counts;
  clusters: readonly BallotCluster[];
  rule: VotingRule;
  sameAnswer: SameAnswer;
  reference: Ballot | undefined;
}): { settled: Settled | undefined; leader: BallotCluster | undefined } {
  if (rule.mode === 'fixed') return { settled: settleFixed(rule, clusters, ballots), leader: clusters[0] };
  const referenceRule = usableReference(rule, reference);
  if (referenceRule === undefined || reference === undefined || reference.outcome === 'abstain') {
    return { settled: settleAdaptive(rule, clusters, ballots), leader: clusters[0] };
  }
  const scoring = scoreClusters(clusters, referenceRule, {
    sameAnswer,
    reference: { outcome: reference.outcome, answer: reference.answer },
  });
  return {
    settled: settleWithReference(referenceRule, scoring, ballots),
    leader: scoring.scored.find((entry) => entry.cluster !== undefined)?.cluster,
  };
}

/**
 * Decides, after the runs made so far, whether to stop and what the vote says. `reference` (optional) is the
 * original label as a ballot, for the blind verifiers: it changes only when to stop (see the module comment),
 * never which answer the runs agreed on. Pure: the same ballots, rule and reference always give the same decision.
 */
export function decideVote(
  ballots: readonly Ballot[],
  rule: VotingRule,
  { sameAnswer, reference }: VoteComparison,
): VoteDecision {
  const clusters = clusterBallots(ballots, sameAnswer);
  const runs = ballots.length;
  const votes = clusters.reduce((sum, cluster) => sum + cluster.votes, 0);
  const { settled, leader } = settleVote({ ballots: { runs, votes }, clusters, rule, sameAnswer, reference });
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
      rule: describeVotingRule(rule, reference),
      outcome,
      answer: agreed ? leader.answer : null,
      support: leader?.votes ?? 0,
      votes,
      runs,
      maxRuns: countMaxRuns(rule, reference),
      clusters: clusters.map((cluster) => ({ answer: cluster.answer, votes: cluster.votes })),
      callsSaved: Math.max(0, REFERENCE_RUNS - runs),
      stoppedBecause: settled?.stoppedBecause ?? 'still voting',
    },
  };
}

/**
 * How many runs to start at once before the next decision: the first window (its runs are needed whatever they
 * say: the early-agreement window, or 2 runs with a reference), then one at a time; the fixed rule starts all its
 * runs together.
 */
export function countNextRuns(rule: VotingRule, runsMade: number, reference?: Ballot): number {
  if (rule.mode === 'fixed') return rule.maxRuns - runsMade;
  const referenceRule = usableReference(rule, reference);
  if (runsMade > 0) return 1;
  if (referenceRule !== undefined) return Math.min(referenceRule.maxRuns, 2);
  return Math.min(rule.maxRuns, Math.max(1, rule.earlyAgreement || rule.required));
}
