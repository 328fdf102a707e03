/**
 * Simulation of LLM voting (issue 13): adaptive voting against a fixed 5-run ≥ 4/5 supermajority on items with a
 * per-item error process, measuring calls per item, the share of items accepted automatically (an agreed vote) and
 * the accuracy of the accepted labels. Seeded (src/triage/prng.ts), so the figures are reproducible.
 *
 * Item classes (each item draws its own error rate within its class):
 * - easy: rare independent errors (rate 0–10%), each error a different wrong answer;
 * - medium: frequent independent errors (25–45%), wrong answers spread over 8 values;
 * - hard: a systematic misreading (50–80%): every error is the same wrong answer.
 * Every run also abstains with probability 2% (a failed call). N/A plays no special role here.
 */
import { createRandom, hashSeed } from '../src/triage/prng.js';
import {
  ADAPTIVE_VOTING_RULE,
  countNextRuns,
  decideVote,
  FIXED_VOTING_RULE,
  type Ballot,
  type VotingRule,
} from '../src/verify/llm/voting.js';

export type ItemClass = 'easy' | 'medium' | 'hard';

interface SimulatedItem {
  itemClass: ItemClass;
  errorRate: number;
}

const CLASS_SHARES: Readonly<Record<ItemClass, number>> = { easy: 0.6, medium: 0.25, hard: 0.15 };
const ABSTAIN_RATE = 0.02;
const TRUTH = 'truth';

function drawItems(count: number, random: () => number): SimulatedItem[] {
  const items: SimulatedItem[] = [];
  for (let index = 0; index < count; index++) {
    const draw = random();
    const itemClass: ItemClass =
      draw < CLASS_SHARES.easy ? 'easy' : draw < CLASS_SHARES.easy + CLASS_SHARES.medium ? 'medium' : 'hard';
    const [low, high] = itemClass === 'easy' ? [0, 0.1] : itemClass === 'medium' ? [0.25, 0.45] : [0.5, 0.8];
    items.push({ itemClass, errorRate: low + (high - low) * random() });
  }
  return items;
}

function drawBallot(item: SimulatedItem, random: () => number): Ballot {
  if (random() < ABSTAIN_RATE) return { outcome: 'abstain', answer: null };
  if (random() >= item.errorRate) return { outcome: 'answer', answer: TRUTH };
  if (item.itemClass === 'hard') return { outcome: 'answer', answer: 'systematic-error' };
  const spread = item.itemClass === 'medium' ? 8 : 1000;
  return { outcome: 'answer', answer: `error-${Math.floor(random() * spread)}` };
}

const sameAnswer = (left: string, right: string): boolean => left === right;

function voteOnItem(
  item: SimulatedItem,
  rule: VotingRule,
  random: () => number,
): { calls: number; accepted: string | null } {
  const ballots: Ballot[] = [];
  while (ballots.length < rule.maxRuns) {
    const count = Math.min(countNextRuns(rule, ballots.length), rule.maxRuns - ballots.length);
    for (let run = 0; run < count; run++) ballots.push(drawBallot(item, random));
    const decision = decideVote(ballots, rule, sameAnswer);
    if (decision.stop) {
      return {
        calls: ballots.length,
        accepted: decision.vote.outcome === 'agreed' ? decision.vote.answer : null,
      };
    }
  }
  return { calls: ballots.length, accepted: null };
}

export interface RuleFigures {
  items: number;
  callsPerItem: number;
  /** Share of items whose label is accepted automatically (an agreed vote). */
  acceptedShare: number;
  /** Share of accepted labels that are right. */
  acceptedAccuracy: number;
}

export interface VotingSimulation {
  seed: string;
  items: number;
  rules: Record<string, { overall: RuleFigures; byClass: Record<ItemClass, RuleFigures> }>;
  /** The target: adaptive ≤ 2.5 calls per item at the supermajority's accuracy (not below it). */
  target: { callsPerItem: number; met: boolean };
}

function summarize(outcomes: readonly { calls: number; accepted: string | null }[]): RuleFigures {
  const accepted = outcomes.filter((outcome) => outcome.accepted !== null);
  return {
    items: outcomes.length,
    callsPerItem: outcomes.reduce((sum, outcome) => sum + outcome.calls, 0) / Math.max(1, outcomes.length),
    acceptedShare: accepted.length / Math.max(1, outcomes.length),
    acceptedAccuracy:
      accepted.filter((outcome) => outcome.accepted === TRUTH).length / Math.max(1, accepted.length),
  };
}

/** Runs both rules on the same items (each rule with its own stream of runs from the same seed). */
export function simulateVoting(options: { items?: number; seed?: string } = {}): VotingSimulation {
  const seed = options.seed ?? 'voting-simulation-v1';
  const items = drawItems(options.items ?? 20_000, createRandom(hashSeed(`${seed}:items`)));
  const rules: VotingSimulation['rules'] = {};
  for (const [name, rule] of [
    ['adaptive', ADAPTIVE_VOTING_RULE],
    // The same rule with a 3-vote early window: the price of more caution, for comparison.
    ['adaptive-3', { ...ADAPTIVE_VOTING_RULE, earlyAgreement: 3 }],
    ['fixed-4-of-5', FIXED_VOTING_RULE],
  ] as const) {
    const random = createRandom(hashSeed(`${seed}:runs`));
    const outcomes = items.map((item) => ({ item, ...voteOnItem(item, rule, random) }));
    const byClass = Object.fromEntries(
      (['easy', 'medium', 'hard'] as const).map((itemClass) => [
        itemClass,
        summarize(outcomes.filter((outcome) => outcome.item.itemClass === itemClass)),
      ]),
    ) as Record<ItemClass, RuleFigures>;
    rules[name] = { overall: summarize(outcomes), byClass };
  }
  const adaptive = rules['adaptive']?.overall;
  const fixed = rules['fixed-4-of-5']?.overall;
  const met =
    adaptive !== undefined &&
    fixed !== undefined &&
    adaptive.callsPerItem <= 2.5 &&
    adaptive.acceptedAccuracy >= fixed.acceptedAccuracy - 0.005;
  return { seed, items: items.length, rules, target: { callsPerItem: 2.5, met } };
}

/** The simulation as a table for the console. */
export function formatVotingSimulation(simulation: VotingSimulation): string {
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const lines = [
    `voting simulation (${simulation.items.toLocaleString('en-US')} items, seed ${simulation.seed}):`,
    'rule          class    calls/item  accepted  accuracy of accepted',
  ];
  for (const [name, figures] of Object.entries(simulation.rules)) {
    const rows: [string, RuleFigures][] = [['all', figures.overall], ...Object.entries(figures.byClass)];
    for (const [itemClass, row] of rows) {
      lines.push(
        `${name.padEnd(13)} ${itemClass.padEnd(8)} ${row.callsPerItem.toFixed(2).padStart(10)}  ${percent(row.acceptedShare).padStart(8)}  ${percent(row.acceptedAccuracy).padStart(8)}`,
      );
    }
  }
  lines.push(
    `target (adaptive ≤ ${simulation.target.callsPerItem} calls/item at the supermajority's accuracy): ${simulation.target.met ? 'met' : 'NOT met'}`,
  );
  return lines.join('\n');
}
