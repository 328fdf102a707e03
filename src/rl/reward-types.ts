import type { RuleSet } from '../answers/index.js';
import type { CalendarDate } from '../units/calendar.js';

export const REWARD_MODES = ['paper-compatible', 'abstention-aware'] as const;
export type RewardMode = (typeof REWARD_MODES)[number];

/** What happened, in a closed set shared by both modes (the score depends on the mode). */
export const REWARD_VERDICTS = [
  'correct',
  'incorrect',
  'abstained-correctly',
  'abstained',
  'answered-not-computable',
  'type-mismatch',
  'unparsable',
  'no-answer',
  'label-invalid',
] as const;
export type RewardVerdict = (typeof REWARD_VERDICTS)[number];

export interface RewardResult {
  /** In [0, 1]. */
  score: number;
  verdict: RewardVerdict;
  /** A few words on why ("outside [22.3, 24.7]", "no <answer> tag"). */
  reason: string;
  /** The answer text read out of the response; null when none was found. */
  extracted: string | null;
}

/** The `abstention-aware` scores per outcome; see docs/rl.md for the reasoning behind the defaults. */
export interface AbstentionWeights {
  /** A correct answer, and a correct abstention on an item whose label is N/A. */
  correct: number;
  /** Abstaining on an item that has an answer. */
  abstainedOnComputable: number;
  /** Giving a value on an item whose label is N/A. */
  answeredNotComputable: number;
  /** A confident wrong value (also a value the rules cannot read). */
  incorrect: number;
  /** No complete `<answer>…</answer>`, or an answer longer than the rules read. */
  noAnswer: number;
}

export const DEFAULT_ABSTENTION_WEIGHTS: AbstentionWeights = {
  correct: 1,
  abstainedOnComputable: 0.25,
  answeredNotComputable: 0.1,
  incorrect: 0,
  noAnswer: 0,
};

/** Everything a reward function needs besides the response and the label. */
export interface RewardSettings {
  mode: RewardMode;
  weights: AbstentionWeights;
  /** The answer rules that decide correctness in `abstention-aware` mode (default `relative-5pct`). */
  ruleSet: RuleSet;
  /** The date partial dates are completed from in `paper-compatible` mode (the published code uses today). */
  today: () => CalendarDate;
}
