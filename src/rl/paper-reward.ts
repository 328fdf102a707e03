import type { CalendarDate } from '../units/calendar.js';
import { findPaperAnswer } from './answer-tag.js';
import type { RewardLabel } from './label.js';
import { parsePaperDate } from './paper-date.js';
import type { RewardResult } from './reward-types.js';

/**
 * The `paper-compatible` reward: the verdicts of the published GRPO reward (docs: pipeline.md §8), reproduced
 * from its observed behaviour, except that every input gets a score (where the published code raises, on
 * timezone-aware date-times, this returns 0 as unparsable).
 */

export const PAPER_IN_RANGE = 1;
export const PAPER_OUT_OF_RANGE = 0.1;

type PaperValue =
  | { type: 'number'; value: number }
  | { type: 'date'; value: number }
  | { type: 'unknown' }
  | { type: 'timezone-aware' }
  | { type: 'unparsable' };

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const TUPLES = [
  /^\(\s*(\d+)\s*weeks?\s*,\s*(\d+)\s*days?\s*\)$/i,
  /^\(\s*'(\d+)\s*weeks?'\s*,\s*'(\d+)\s*days?'\s*\)$/i,
  /^\(\s*(\d+)\s*,\s*(\d+)\s*\)$/,
];
/** Longer answers are never a number, tuple, `unknown` or date; skipping them keeps the cost bounded. */
const LONGEST_VALUE = 64;

function readPaperValue(text: string, today: () => CalendarDate): PaperValue {
  if (text.length > LONGEST_VALUE) return { type: 'unparsable' };
  if (NUMBER.test(text)) return { type: 'number', value: Number(text) };
  for (const tuple of TUPLES) {
    const match = tuple.exec(text);
    if (match) return { type: 'number', value: Number(match[1]) * 7 + Number(match[2]) };
  }
  if (text.toLowerCase() === 'unknown') return { type: 'unknown' };
  const date = parsePaperDate(text, today);
  if (date === undefined) return { type: 'unparsable' };
  return date.kind === 'date' ? { type: 'date', value: date.dayNumber } : { type: 'timezone-aware' };
}

type Bounds =
  | { type: 'number' | 'date'; lower: number; upper: number }
  | { type: 'unknown' }
  | { type: 'invalid'; reason: string };

/** The label as `[lower, upper]`; without limits, ±5% of a numeric answer and the exact date for dates. */
function readBounds(label: RewardLabel, today: () => CalendarDate): Bounds {
  if (label.notComputable) return { type: 'unknown' };
  const answer = readPaperValue(label.answer, today);
  if (label.lower !== undefined && label.upper !== undefined) {
    const lower = readPaperValue(label.lower, today);
    const upper = readPaperValue(label.upper, today);
    if ((lower.type === 'number' || lower.type === 'date') && upper.type === lower.type)
      return { type: lower.type, lower: lower.value, upper: upper.value };
    return {
      type: 'invalid',
      reason: `limits [${label.lower}, ${label.upper}] are not a number or date pair`,
    };
  }
  if (answer.type === 'number') {
    const margin = 0.05 * Math.abs(answer.value);
    return { type: 'number', lower: answer.value - margin, upper: answer.value + margin };
  }
  if (answer.type === 'date') return { type: 'date', lower: answer.value, upper: answer.value };
  return { type: 'invalid', reason: `label "${label.answer}" is not a number, (weeks, days) or date` };
}

function formatBound(type: 'number' | 'date', value: number): string {
  if (type === 'number') return String(Number(value.toPrecision(12)));
  const date = new Date(value * 86_400_000);
  return date.toISOString().slice(0, 10);
}

export function computePaperReward(
  response: string,
  label: RewardLabel,
  today: () => CalendarDate,
): RewardResult {
  const bounds = readBounds(label, today);
  if (bounds.type === 'invalid')
    return { score: 0, verdict: 'label-invalid', reason: bounds.reason, extracted: null };
  const tag = findPaperAnswer(response);
  if (tag.kind !== 'found') {
    const reason = tag.kind === 'missing' ? 'no <answer> tag' : 'no closing </answer> tag';
    return { score: 0, verdict: 'no-answer', reason, extracted: null };
  }
  const answer = readPaperValue(tag.text, today);
  const extracted = tag.text;
  if (answer.type === 'unparsable')
    return { score: 0, verdict: 'unparsable', reason: 'not a number, tuple, unknown or date', extracted };
  if (answer.type === 'timezone-aware')
    return {
      score: 0,
      verdict: 'unparsable',
      reason: 'timezone-aware date-time (the published reward raises here)',
      extracted,
    };
  if (answer.type === 'unknown')
    return bounds.type === 'unknown'
      ? { score: PAPER_IN_RANGE, verdict: 'abstained-correctly', reason: 'unknown, label unknown', extracted }
      : { score: 0, verdict: 'abstained', reason: `unknown against a ${bounds.type} label`, extracted };
  if (bounds.type === 'unknown')
    return {
      score: 0,
      verdict: 'answered-not-computable',
      reason: `a ${answer.type} against an unknown label`,
      extracted,
    };
  if (answer.type !== bounds.type)
    return {
      score: 0,
      verdict: 'type-mismatch',
      reason: `a ${answer.type} against a ${bounds.type} label`,
      extracted,
    };
  const inside = answer.value >= bounds.lower && answer.value <= bounds.upper;
  const range = `[${formatBound(bounds.type, bounds.lower)}, ${formatBound(bounds.type, bounds.upper)}]`;
  return inside
    ? { score: PAPER_IN_RANGE, verdict: 'correct', reason: `within ${range}`, extracted }
    : { score: PAPER_OUT_OF_RANGE, verdict: 'incorrect', reason: `outside ${range}`, extracted };
}
