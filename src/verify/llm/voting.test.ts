import { describe, expect, it } from 'vitest';
import { createSameAnswer } from './answer-text.js';
import {
  ADAPTIVE_VOTING_RULE,
  clusterBallots,
  countNextRuns,
  decideVote,
  FIXED_VOTING_RULE,
  type Ballot,
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
  const decide = (ballots: Ballot[]) => decideVote(ballots, ADAPTIVE_VOTING_RULE, same);

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
    expect(decideVote([answer('93'), answer('93'), answer('93')], rule, same).stop).toBe(false);
    const decision = decideVote([answer('93'), answer('93'), answer('93'), answer('93')], rule, same);
    expect(decision.vote).toMatchObject({ outcome: 'agreed', runs: 4, callsSaved: 1 });
    expect(countNextRuns(rule, 0)).toBe(4);
  });
});

describe('decideVote, fixed (5 runs, ≥ 4/5)', () => {
  it('never stops before 5 runs, then requires 4 votes', () => {
    expect(decideVote([answer('1'), answer('1')], FIXED_VOTING_RULE, same).stop).toBe(false);
    const agreed = decideVote(
      [answer('10'), answer('10'), answer('10'), answer('10'), answer('20')],
      FIXED_VOTING_RULE,
      same,
    );
    expect(agreed.vote).toMatchObject({ outcome: 'agreed', answer: '10', callsSaved: 0 });
    const split = decideVote(
      [answer('10'), answer('10'), answer('10'), answer('20'), answer('20')],
      FIXED_VOTING_RULE,
      same,
    );
    expect(split.vote.outcome).toBe('split');
    expect(countNextRuns(FIXED_VOTING_RULE, 0)).toBe(5);
  });
});
