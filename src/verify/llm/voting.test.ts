import { describe, expect, it } from 'vitest';
import { createSameAnswer } from './answer-text.js';
import { readReference } from './collect-runs.js';
import {
  ADAPTIVE_VOTING_RULE,
  clusterBallots,
  countMaxRuns,
  countNextRuns,
  decideVote,
  describeVotingRule,
  FIXED_VOTING_RULE,
  resolveReferenceRule,
  type Ballot,
  type Reference,
} from './voting.js';

const same = createSameAnswer(5);
const answer = (value: string): Ballot => ({ outcome: 'answer', answer: value });
const notComputable: Ballot = { outcome: 'not-computable', answer: null };
const abstain: Ballot = { outcome: 'abstain', answer: null };

describe('clusterBallots', () => {
  it('clusters within ±5% of the larger answer, keeps N/A apart and leaves abstentions out', () => {
    // 100 and 104 are 3.8% apart; 100 and 106 are 5.7% apart.
    const clusters = clusterBallots(
      [answer('100'), answer('104'), answer('106'), notComputable, abstain],
      same,
    );
    expect(clusters).toEqual([
      { answer: '100', votes: 2, members: [0, 1] },
      { answer: '106', votes: 1, members: [2] },
      { answer: null, votes: 1, members: [3] },
    ]);
  });

  it('treats dates as equal only on the same day', () => {
    const dates = createSameAnswer(13);
    expect(clusterBallots([answer('09/23/2014'), answer('09/24/2014')], dates)).toHaveLength(2);
    expect(clusterBallots([answer('09/23/2014'), answer('2014-09-23')], dates)).toHaveLength(1);
  });
});

describe('decideVote, adaptive (early 2, max 5, supermajority 4/5)', () => {
  const decide = (ballots: Ballot[]) => decideVote(ballots, ADAPTIVE_VOTING_RULE, { sameAnswer: same });

  it('stops at 2 when the first two runs agree', () => {
    const decision = decide([answer('93.3'), answer('93.4')]);
    expect(decision.stop).toBe(true);
    expect(decision.vote).toMatchObject({
      outcome: 'agreed',
      answer: '93.3',
      support: 2,
      runs: 2,
      callsSaved: 3,
    });
  });

  it('continues after a 1-1 split', () => {
    const decision = decide([answer('93.3'), answer('120')]);
    expect(decision.stop).toBe(false);
  });

  it('needs 4 of 5 once a vote dissents, stopping at 5 when reached there', () => {
    expect(decide([answer('93'), answer('120'), answer('93'), answer('93')]).stop).toBe(false);
    const decision = decide([answer('93'), answer('120'), answer('93'), answer('93'), answer('93')]);
    expect(decision.vote).toMatchObject({
      outcome: 'agreed',
      answer: '93',
      support: 4,
      votes: 5,
      callsSaved: 0,
    });
  });

  it('stops early when the supermajority becomes unreachable', () => {
    // Leader 1 with 2 runs left cannot reach 4.
    const three = decide([answer('93'), answer('120'), answer('60')]);
    expect(three.stop).toBe(true);
    expect(three.vote).toMatchObject({ outcome: 'split', runs: 3, callsSaved: 2 });
    // 2-2 after 4 runs: 2 + 1 < 4.
    const four = decide([answer('93'), answer('120'), answer('93'), answer('120')]);
    expect(four.stop).toBe(true);
    expect(four.vote.outcome).toBe('split');
  });

  it('agreed N/A is agreed-not-computable; abstentions do not vote', () => {
    expect(decide([notComputable, notComputable]).vote).toMatchObject({
      outcome: 'agreed-not-computable',
      answer: null,
    });
    const withAbstention = decide([answer('93'), abstain]);
    expect(withAbstention.stop).toBe(false);
    expect(decide([answer('93'), abstain, answer('94')]).vote).toMatchObject({
      outcome: 'agreed',
      votes: 2,
      runs: 3,
    });
  });

  it('is insufficient when the runs abstain', () => {
    const decision = decide([abstain, abstain, abstain, abstain, abstain]);
    expect(decision.stop).toBe(true);
    expect(decision.vote.outcome).toBe('insufficient');
  });

  it('without the early stop, stops at run 4 once 4 of 5 is reached', () => {
    const rule = { ...ADAPTIVE_VOTING_RULE, earlyAgreement: 0 };
    expect(decideVote([answer('93'), answer('93'), answer('93')], rule, { sameAnswer: same }).stop).toBe(
      false,
    );
    const decision = decideVote([answer('93'), answer('93'), answer('93'), answer('93')], rule, {
      sameAnswer: same,
    });
    expect(decision.vote).toMatchObject({ outcome: 'agreed', runs: 4, callsSaved: 1 });
    expect(countNextRuns(rule, 0)).toBe(4);
  });
});

describe('decideVote, adaptive with a reference, 3 of 4 (--runs 4 --supermajority 3: lead 2, at most 3 runs)', () => {
  const rule = { ...ADAPTIVE_VOTING_RULE, maxRuns: 4, required: 3 };
  const label: Reference = { outcome: 'answer', answer: '93' };
  const decide = (ballots: Ballot[]) => decideVote(ballots, rule, { sameAnswer: same, reference: label });

  it('confirms at 2 runs, relabels at 3 unanimous runs, and escalates any dissent', () => {
    expect(describeVotingRule(rule, label)).toBe('adaptive-reference(weight=1,lead=2,max=3+reference)');
    expect(decide([answer('93'), answer('93.4')]).vote).toMatchObject({
      outcome: 'agreed',
      answer: '93',
      runs: 2,
    });
    expect(decide([answer('120'), answer('120')]).stop).toBe(false);
    expect(decide([answer('120'), answer('120'), answer('120')]).vote).toMatchObject({
      outcome: 'agreed',
      answer: '120',
      runs: 3,
    });
    expect(decide([answer('120'), answer('120'), answer('93')]).vote).toMatchObject({
      outcome: 'split',
      runs: 3,
    });
    // With the label, then against it: 2 + 1 vs 1 after a third run is a lead of 2.
    expect(decide([answer('93'), answer('120'), answer('93')]).vote).toMatchObject({
      outcome: 'agreed',
      answer: '93',
      runs: 3,
    });
  });
});

describe('decideVote, adaptive with a reference (weight 1, lead 3, at most 4 runs)', () => {
  const label: Reference = { outcome: 'answer', answer: '93' };
  const decide = (ballots: Ballot[], reference: Ballot | undefined = label) =>
    decideVote(ballots, ADAPTIVE_VOTING_RULE, { sameAnswer: same, reference });

  it('derives its parameters from the rule and names them in the vote', () => {
    expect(resolveReferenceRule(ADAPTIVE_VOTING_RULE)).toEqual({ weight: 1, lead: 3, maxRuns: 4 });
    expect(resolveReferenceRule(FIXED_VOTING_RULE)).toBeUndefined();
    expect(resolveReferenceRule({ ...ADAPTIVE_VOTING_RULE, maxRuns: 2, required: 2 })).toBeUndefined();
    expect(describeVotingRule(ADAPTIVE_VOTING_RULE, label)).toBe(
      'adaptive-reference(weight=1,lead=3,max=4+reference)',
    );
    expect(countMaxRuns(ADAPTIVE_VOTING_RULE, label)).toBe(4);
    expect(countNextRuns(ADAPTIVE_VOTING_RULE, 0, label)).toBe(2);
    expect(countNextRuns(ADAPTIVE_VOTING_RULE, 2, label)).toBe(1);
  });

  it('stops at 2 when two runs agree with each other and with the reference (lead 3)', () => {
    const decision = decide([answer('93.3'), answer('92.5')]);
    expect(decision.stop).toBe(true);
    expect(decision.vote).toMatchObject({
      rule: 'adaptive-reference(weight=1,lead=3,max=4+reference)',
      outcome: 'agreed',
      answer: '93.3',
      support: 2,
      runs: 2,
      maxRuns: 4,
      callsSaved: 3,
    });
    expect(decision.vote.stoppedBecause).toMatch(/with the reference \(lead 3/);
  });

  it('a relabel (runs agreeing on another value) needs 4 of 4 runs', () => {
    expect(decide([answer('120'), answer('121')]).stop).toBe(false);
    expect(decide([answer('120'), answer('121'), answer('120')]).stop).toBe(false);
    const decision = decide([answer('120'), answer('121'), answer('120'), answer('119')]);
    expect(decision.vote).toMatchObject({ outcome: 'agreed', answer: '120', support: 4, runs: 4 });
    expect(decision.vote.stoppedBecause).toMatch(/against the reference/);
    // One dissent among 4: 3 − 1 = 2 < 3 with no run left.
    const dissent = decide([answer('120'), answer('121'), answer('120'), answer('60')]);
    expect(dissent.vote).toMatchObject({ outcome: 'split', runs: 4 });
  });

  it('one run with the reference and one against: 2 more agreeing runs accept (3 + 1 vs 1)', () => {
    expect(decide([answer('93'), answer('120')]).stop).toBe(false);
    expect(decide([answer('93'), answer('120'), answer('93')]).stop).toBe(false);
    expect(decide([answer('93'), answer('120'), answer('93'), answer('93')]).vote).toMatchObject({
      outcome: 'agreed',
      answer: '93',
      support: 3,
      runs: 4,
    });
  });

  it('escalates (split) as soon as a lead of 3 is out of reach', () => {
    // Two runs on two values, neither the label's: every lead is 0, and 2 runs left add at most 2.
    const two = decide([answer('120'), answer('60')]);
    expect(two.stop).toBe(true);
    expect(two.vote).toMatchObject({ outcome: 'split', runs: 2, callsSaved: 3 });
    expect(two.vote.stoppedBecause).toMatch(/became unreachable after 2 runs/);
    // 93 (with the label) has lead 1 after 3 runs, 1 run left.
    expect(decide([answer('93'), answer('120'), answer('60')]).vote).toMatchObject({
      outcome: 'split',
      runs: 3,
    });
  });

  it('an N/A label is a reference: agreed N/A stops at 2; runs that cannot vote are insufficient', () => {
    const notApplicable: Reference = { outcome: 'not-computable', answer: null };
    expect(decide([notComputable, notComputable], notApplicable).vote).toMatchObject({
      outcome: 'agreed-not-computable',
      runs: 2,
    });
    // N/A against a numeric label is a relabel like any other: 2 runs are not enough.
    expect(decide([notComputable, notComputable]).stop).toBe(false);
    const abstained = decide([abstain, abstain, abstain]);
    expect(abstained.stop).toBe(true);
    expect(abstained.vote.outcome).toBe('insufficient');
    expect(decide([abstain, abstain]).stop).toBe(false);
  });

  it('an abstention leaves the run count, not the threshold: 93, abstain, 93 accepts at 3', () => {
    expect(decide([answer('93'), abstain]).stop).toBe(false);
    expect(decide([answer('93'), abstain, answer('93')]).vote).toMatchObject({
      outcome: 'agreed',
      votes: 2,
      runs: 3,
    });
  });

  it('without a usable reference, and in fixed mode, the rules are unchanged', () => {
    const unreadable: Ballot = { outcome: 'abstain', answer: null };
    expect(decide([answer('120'), answer('121')], unreadable).vote).toMatchObject({
      rule: 'adaptive(early=2,max=5,supermajority=4/5)',
      outcome: 'agreed',
      maxRuns: 5,
    });
    expect(
      decideVote([answer('93'), answer('93')], FIXED_VOTING_RULE, { sameAnswer: same, reference: label })
        .stop,
    ).toBe(false);
    expect(countMaxRuns(FIXED_VOTING_RULE, label)).toBe(5);
  });
});

describe('readReference', () => {
  it('reads the label in the answer form the runs vote on; N/A is not computable; unreadable is none', () => {
    expect(readReference('93.33', 5)).toEqual({ outcome: 'answer', answer: '93.33' });
    expect(readReference('N/A', 5)).toEqual({ outcome: 'not-computable', answer: null });
    expect(readReference('09/23/2014', 13)).toEqual({ outcome: 'answer', answer: '09/23/2014' });
    expect(readReference("('35 weeks', '4 days')", 69)).toEqual({
      outcome: 'answer',
      answer: "('35 weeks', '4 days')",
    });
    expect(readReference('', 5)).toBeUndefined();
  });
});

describe('decideVote, fixed (5 runs, ≥ 4/5)', () => {
  it('never stops before 5 runs, then requires 4 votes', () => {
    expect(decideVote([answer('1'), answer('1')], FIXED_VOTING_RULE, { sameAnswer: same }).stop).toBe(false);
    const agreed = decideVote(
      [answer('10'), answer('10'), answer('10'), answer('10'), answer('20')],
      FIXED_VOTING_RULE,
      { sameAnswer: same },
    );
    expect(agreed.vote).toMatchObject({ outcome: 'agreed', answer: '10', callsSaved: 0 });
    const split = decideVote(
      [answer('10'), answer('10'), answer('10'), answer('20'), answer('20')],
      FIXED_VOTING_RULE,
      { sameAnswer: same },
    );
    expect(split.vote.outcome).toBe('split');
    expect(countNextRuns(FIXED_VOTING_RULE, 0)).toBe(5);
  });
});
