/**
 * Simulation of LLM voting (issue 13): adaptive voting against a fixed 5-run ≥ 4/5 supermajority on items with a
 * per-item error process, measuring calls per item, the share of items accepted automatically (an agreed vote) and
 * the accuracy of the accepted labels. Seeded (src/triage/prng.ts), so the figures are reproducible.
 *
 * The error model (its parameters are stated here and were not tuned to the target):
 * - Item classes, each item drawing its own run error rate within its class:
 *   easy: rare independent errors (rate 0–10%), each error a different wrong answer (1,000 values);
 *   medium: frequent independent errors (25–45%), wrong answers spread over 8 values;
 *   hard: a systematic misreading (50–80%): every error is the same wrong answer.
 *   Class mix 60/25/15% by default; 40/30/30% as a harder setting.
 * - Every run also abstains with probability 2% (a failed call). N/A plays no special role here.
 * - The original label (the reference, made by another model with its own errors) is right with probability
 *   95% (easy), 70% (medium), 40% (hard). A wrong easy label is a value of its own; a wrong medium label is one
 *   of the same 8 wrong values the runs draw from (it may coincide with a run's error by chance); a wrong hard
 *   label is the runs' systematic error with probability `shared` (0, 0.5 or 1: how much the labelling model
 *   shares the verifier's misreading), else a value of its own.
 * Rules compared on the same items: `adaptive` with the reference (the blind verifiers' default), the same
 * adaptive rule without a reference (`llm-audit`'s), `fixed-4-of-5`, and `adaptive-3-of-4` (the blind verifiers
 * with `--runs 4 --supermajority 3`).
 */
import { createRandom, hashSeed } from '../src/triage/prng.js';
import {
  ADAPTIVE_VOTING_RULE,
  countMaxRuns,
  countNextRuns,
  decideVote,
  describeVotingRule,
  FIXED_VOTING_RULE,
  type Ballot,
  type Reference,
  type VotingRule,
} from '../src/verify/llm/voting.js';

export type ItemClass = 'easy' | 'medium' | 'hard';

const ITEM_CLASSES: readonly ItemClass[] = ['easy', 'medium', 'hard'];

export interface SimulatedItem {
  itemClass: ItemClass;
  errorRate: number;
  label: string;
}

export interface SimulationSetting {
  name: string;
  /** Shares of easy, medium and hard items. */
  classShares: Readonly<Record<ItemClass, number>>;
  /** Probability that a hard item's wrong label is the runs' systematic error. */
  shared: number;
}

const DEFAULT_SHARES: Readonly<Record<ItemClass, number>> = { easy: 0.6, medium: 0.25, hard: 0.15 };
const HARDER_SHARES: Readonly<Record<ItemClass, number>> = { easy: 0.4, medium: 0.3, hard: 0.3 };

export const SIMULATION_SETTINGS: readonly SimulationSetting[] = [
  { name: 'mix 60/25/15, shared 0', classShares: DEFAULT_SHARES, shared: 0 },
  { name: 'mix 60/25/15, shared 0.5', classShares: DEFAULT_SHARES, shared: 0.5 },
  { name: 'mix 60/25/15, shared 1', classShares: DEFAULT_SHARES, shared: 1 },
  { name: 'mix 40/30/30, shared 0.5', classShares: HARDER_SHARES, shared: 0.5 },
];

const ERROR_RATES: Readonly<Record<ItemClass, readonly [number, number]>> = {
  easy: [0, 0.1],
  medium: [0.25, 0.45],
  hard: [0.5, 0.8],
};
const LABEL_ACCURACY: Readonly<Record<ItemClass, number>> = { easy: 0.95, medium: 0.7, hard: 0.4 };
const MEDIUM_WRONG_VALUES = 8;
const EASY_WRONG_VALUES = 1000;
const ABSTAIN_RATE = 0.02;
export const TRUTH = 'truth';
const SYSTEMATIC_ERROR = 'systematic-error';

function drawClass(shares: Readonly<Record<ItemClass, number>>, draw: number): ItemClass {
  if (draw < shares.easy) return 'easy';
  return draw < shares.easy + shares.medium ? 'medium' : 'hard';
}

function drawLabel(itemClass: ItemClass, shared: number, random: () => number): string {
  if (random() < LABEL_ACCURACY[itemClass]) return TRUTH;
  if (itemClass === 'hard') return random() < shared ? SYSTEMATIC_ERROR : 'label-error';
  if (itemClass === 'medium') return `error-${Math.floor(random() * MEDIUM_WRONG_VALUES)}`;
  return 'label-error';
}

export function drawItems(count: number, setting: SimulationSetting, seed: string): SimulatedItem[] {
  const random = createRandom(hashSeed(`${seed}:items`));
  // Labels draw from their own stream, so the items (classes, error rates) are the same in every setting of a mix.
  const labels = createRandom(hashSeed(`${seed}:labels`));
  const items: SimulatedItem[] = [];
  for (let index = 0; index < count; index++) {
    const itemClass = drawClass(setting.classShares, random());
    const [low, high] = ERROR_RATES[itemClass];
    const errorRate = low + (high - low) * random();
    items.push({ itemClass, errorRate, label: drawLabel(itemClass, setting.shared, labels) });
  }
  return items;
}

export function drawBallot(item: SimulatedItem, random: () => number): Ballot {
  if (random() < ABSTAIN_RATE) return { outcome: 'abstain', answer: null };
  if (random() >= item.errorRate) return { outcome: 'answer', answer: TRUTH };
  if (item.itemClass === 'hard') return { outcome: 'answer', answer: SYSTEMATIC_ERROR };
  const spread = item.itemClass === 'medium' ? MEDIUM_WRONG_VALUES : EASY_WRONG_VALUES;
  return { outcome: 'answer', answer: `error-${Math.floor(random() * spread)}` };
}

const sameAnswer = (left: string, right: string): boolean => left === right;

function voteOnItem(
  item: SimulatedItem,
  { rule, reference }: { rule: VotingRule; reference: Reference | undefined },
  random: () => number,
): { calls: number; accepted: string | null } {
  const ballots: Ballot[] = [];
  const maxRuns = countMaxRuns(rule, reference);
  while (ballots.length < maxRuns) {
    const count = Math.min(countNextRuns(rule, ballots.length, reference), maxRuns - ballots.length);
    for (let run = 0; run < count; run++) ballots.push(drawBallot(item, random));
    const decision = decideVote(ballots, rule, { sameAnswer, reference });
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
  /** Half-width of the normal 95% confidence interval of `callsPerItem` (its sampling error over the items). */
  callsPerItemMargin: number;
  /** Share of items whose label is accepted automatically (an agreed vote). */
  acceptedShare: number;
  /** Share of accepted labels that are right. */
  acceptedAccuracy: number;
}

export interface SettingResult {
  setting: SimulationSetting;
  rules: Record<string, { rule: string; overall: RuleFigures; byClass: Record<ItemClass, RuleFigures> }>;
  /** The issue's target for `adaptive`: ≤ 2.5 calls per item, accuracy not below the supermajority's − 0.5 point. */
  targetMet: boolean;
}

export interface VotingSimulation {
  seed: string;
  items: number;
  settings: SettingResult[];
  /** The issue's target: adaptive ≤ 2.5 calls per item at the supermajority's accuracy, in every setting. */
  target: { callsPerItem: number; accuracyTolerance: number; met: boolean };
}

function summarize(outcomes: readonly { calls: number; accepted: string | null }[]): RuleFigures {
  const accepted = outcomes.filter((outcome) => outcome.accepted !== null);
  const count = Math.max(1, outcomes.length);
  const callsPerItem = outcomes.reduce((sum, outcome) => sum + outcome.calls, 0) / count;
  const variance =
    outcomes.reduce((sum, outcome) => sum + (outcome.calls - callsPerItem) ** 2, 0) / Math.max(1, count - 1);
  return {
    items: outcomes.length,
    callsPerItem,
    callsPerItemMargin: 1.96 * Math.sqrt(variance / count),
    acceptedShare: accepted.length / Math.max(1, outcomes.length),
    acceptedAccuracy:
      accepted.filter((outcome) => outcome.accepted === TRUTH).length / Math.max(1, accepted.length),
  };
}

const THREE_OF_FOUR_RULE: VotingRule = { ...ADAPTIVE_VOTING_RULE, maxRuns: 4, required: 3 };

const TARGET_CALLS = 2.5;
const ACCURACY_TOLERANCE = 0.005;

function simulateSetting(setting: SimulationSetting, count: number, seed: string): SettingResult {
  const items = drawItems(count, setting, seed);
  const rules: SettingResult['rules'] = {};
  for (const [name, rule, withReference] of [
    ['adaptive', ADAPTIVE_VOTING_RULE, true],
    ['adaptive-no-reference', ADAPTIVE_VOTING_RULE, false],
    ['fixed-4-of-5', FIXED_VOTING_RULE, false],
    // The blind verifiers' rule with `{"maxRuns": 4, "required": 3}` in their configuration: a lead of 2 (3 of 4
    // voters, the label one of them), at most 3 runs. Reported beside the default because it meets the call target
    // in exchange for accuracy where the label shares the runs' misreading (docs/decisions/2026-12-03-voting.md).
    ['adaptive-3-of-4', THREE_OF_FOUR_RULE, true],
  ] as const) {
    // Each rule gets its own stream of runs from the same seed.
    const random = createRandom(hashSeed(`${seed}:runs`));
    const outcomes = items.map((item) => {
      const reference: Reference | undefined = withReference
        ? { outcome: 'answer', answer: item.label }
        : undefined;
      return { item, ...voteOnItem(item, { rule, reference }, random) };
    });
    const byClass = Object.fromEntries(
      ITEM_CLASSES.map((itemClass) => [
        itemClass,
        summarize(outcomes.filter((outcome) => outcome.item.itemClass === itemClass)),
      ]),
    ) as Record<ItemClass, RuleFigures>;
    const reference: Reference | undefined = withReference ? { outcome: 'answer', answer: TRUTH } : undefined;
    rules[name] = { rule: describeVotingRule(rule, reference), overall: summarize(outcomes), byClass };
  }
  const adaptive = rules['adaptive']?.overall;
  const fixed = rules['fixed-4-of-5']?.overall;
  const targetMet =
    adaptive !== undefined &&
    fixed !== undefined &&
    adaptive.callsPerItem <= TARGET_CALLS &&
    adaptive.acceptedAccuracy >= fixed.acceptedAccuracy - ACCURACY_TOLERANCE;
  return { setting, rules, targetMet };
}

/** Runs the rules on the same items in every setting (each rule with its own stream of runs from the same seed). */
export function simulateVoting(options: { items?: number; seed?: string } = {}): VotingSimulation {
  const seed = options.seed ?? 'voting-simulation-v1';
  const items = options.items ?? 20_000;
  const settings = SIMULATION_SETTINGS.map((setting) => simulateSetting(setting, items, seed));
  return {
    seed,
    items,
    settings,
    target: {
      callsPerItem: TARGET_CALLS,
      accuracyTolerance: ACCURACY_TOLERANCE,
      met: settings.every((result) => result.targetMet),
    },
  };
}

/** The simulation as a table for the console. */
export function formatVotingSimulation(simulation: VotingSimulation): string {
  const percent = (value: number) => `${(100 * value).toFixed(1)}%`;
  const lines = [
    `voting simulation (${simulation.items.toLocaleString('en-US')} items per setting, seed ${simulation.seed}):`,
  ];
  for (const result of simulation.settings) {
    lines.push(
      `${result.setting.name}:`,
      '  rule                   class    calls/item (95% CI)  accepted  accuracy of accepted',
    );
    for (const [name, figures] of Object.entries(result.rules)) {
      const rows: [string, RuleFigures][] = [['all', figures.overall], ...Object.entries(figures.byClass)];
      for (const [itemClass, row] of rows) {
        lines.push(
          `  ${name.padEnd(22)} ${itemClass.padEnd(8)} ${`${row.callsPerItem.toFixed(3)} ± ${row.callsPerItemMargin.toFixed(3)}`.padStart(19)}  ${percent(row.acceptedShare).padStart(8)}  ${percent(row.acceptedAccuracy).padStart(8)}`,
        );
      }
    }
    lines.push(`  target ${result.targetMet ? 'met' : 'NOT met'} (${result.rules['adaptive']?.rule ?? ''})`);
  }
  lines.push(
    `target (adaptive ≤ ${simulation.target.callsPerItem} calls/item, accuracy of accepted ≥ the supermajority's − ${100 * simulation.target.accuracyTolerance} point, every setting): ${simulation.target.met ? 'met' : 'NOT met'}`,
  );
  return lines.join('\n');
}
