import { getRuleSet } from '../answers/index.js';
import { AppError } from '../app-error.js';
import type { CalendarDate } from '../units/calendar.js';
import { computeAbstentionReward } from './abstention-reward.js';
import { parseRewardLabel, type LabelOverrides, type RewardLabel } from './label.js';
import { computePaperReward } from './paper-reward.js';
import {
  DEFAULT_ABSTENTION_WEIGHTS,
  type AbstentionWeights,
  type RewardMode,
  type RewardResult,
  type RewardSettings,
} from './reward-types.js';

export * from './reward-types.js';
export { parseRewardLabel, type RewardLabel, type LabelOverrides } from './label.js';

/** Today's date in UTC, for `paper-compatible` partial dates (the composition root passes it in). */
export function readUtcDate(now: Date): CalendarDate {
  return { year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() };
}

/**
 * Checks weights: each in [0, 1], and the order the mode promises: incorrect < abstaining on a computable
 * item < correct, and incorrect < answering an N/A item < correct. Returns every problem, empty when valid.
 */
export function validateAbstentionWeights(weights: AbstentionWeights): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(weights) as [string, number][])
    if (!(value >= 0 && value <= 1)) problems.push(`${name} must be within [0, 1] (got ${value})`);
  const { correct, abstainedOnComputable, answeredNotComputable, incorrect } = weights;
  if (!(incorrect < abstainedOnComputable && abstainedOnComputable < correct))
    problems.push('expected incorrect < abstainedOnComputable < correct');
  if (!(incorrect < answeredNotComputable && answeredNotComputable < correct))
    problems.push('expected incorrect < answeredNotComputable < correct');
  return problems;
}

export interface RewardOptions {
  mode: RewardMode;
  weights?: Partial<AbstentionWeights>;
  /** Rule set id for correctness in `abstention-aware` mode (default `relative-5pct`). */
  ruleSetId?: string;
  /** The clock partial dates are completed from in `paper-compatible` mode (default: the system clock). */
  now?: () => Date;
}

/** Resolves options into settings; throws AppError ARGUMENT_INVALID on an unknown rule set or bad weights. */
export function resolveRewardSettings(options: RewardOptions): RewardSettings {
  const weights = { ...DEFAULT_ABSTENTION_WEIGHTS, ...options.weights };
  const problems = validateAbstentionWeights(weights);
  if (problems.length > 0)
    throw new AppError('ARGUMENT_INVALID', `invalid reward weights: ${problems.join('; ')}`, {
      fix: 'See docs/rl.md for the weights of the abstention-aware reward and their order.',
    });
  const now = options.now ?? (() => new Date());
  return {
    mode: options.mode,
    weights,
    ruleSet: getRuleSet(options.ruleSetId ?? 'relative-5pct'),
    today: () => readUtcDate(now()),
  };
}

/**
 * Scores one response against a label already read by `parseRewardLabel`. Pure, never throws for any string,
 * and the score is always within [0, 1].
 */
export function computeReward(response: string, label: RewardLabel, settings: RewardSettings): RewardResult {
  return settings.mode === 'paper-compatible'
    ? computePaperReward(response, label, settings.today)
    : computeAbstentionReward(response, label, settings);
}

/** Reads the label (in any accepted shape) and scores; an unreadable label is verdict `label-invalid`, score 0. */
export function scoreResponse(
  response: string,
  label: unknown,
  settings: RewardSettings & { overrides?: LabelOverrides },
): RewardResult {
  const parsed = parseRewardLabel(label, settings.overrides);
  if (!parsed.ok) return { score: 0, verdict: 'label-invalid', reason: parsed.reason, extracted: null };
  return computeReward(response, parsed.label, settings);
}
