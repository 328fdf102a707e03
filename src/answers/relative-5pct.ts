import { parseCalendarDate } from '../units/calendar.js';
import { extractJsonAnswerLenient, extractTagAnswer } from './extract-raw.js';
import { stripRuns } from './text-scan.js';
import type { AnswerStyle, RuleSet, ScoringItem, Verdict } from './types.js';

/**
 * Rule set `relative-5pct`: the corrected-labels convention. Every numeric label (decimal or integer score) is
 * matched within ±5 % of the label (exactly when the label is 0); dates must be the same calendar date;
 * gestational ages must be the same number of days, given as (weeks, days) or total days; a label of N/A
 * is matched only by an abstention, and an abstention never matches a real label.
 */

export const RELATIVE_TOLERANCE = 0.05;

const ABSTENTION =
  /^(n\/?a|none|null|unknown|not (computable|applicable|available|calculable|determinable)|cannot be (determined|computed|calculated)|insufficient (data|information))\.?$/i;

const NOT_AVAILABLE_LABEL = /^(n\/a|na|none|not computable)$/i;

export function isAbstention(text: string): boolean {
  return ABSTENTION.test(stripRuns(text.trim(), '"\'`'));
}

/**
 * The number an answer states: the value after the last "=" if there is one, else the first number. Thousands
 * separators ("1,005") and exponents are read; a trailing "%" is kept as the number written.
 */
export function readStatedNumber(text: string): number | undefined {
  const equals = text.lastIndexOf('=');
  const scope = equals >= 0 ? text.slice(equals + 1) : text;
  const match = /[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?|[-−]?\.\d+/.exec(scope);
  if (!match) return undefined;
  const value = Number(match[0].replace(/,/g, '').replace('−', '-'));
  return Number.isFinite(value) ? value : undefined;
}

/*
 * Linear forms of the obvious patterns: `(?<!\d)` keeps a match from being retried at every digit of a long run
 * (it could only start at the run's first digit), and `\s*(?:[([]\s*)?` is `\s*[([]?\s*` without two adjacent
 * whitespace runs whose every split was retried.
 */
const WEEKS = /(?<!\d)(\d+)\s*(?:weeks?|wks?|w)\b/i;
const DAYS = /(?<!\d)(\d+)\s*(?:days?|d)\b/i;
const PAIR = /^\s*(?:[([]\s*)?(\d+)\s*,\s*(\d+)\s*(?:[)\]]\s*)?$/;

function readDays(text: string): number | undefined {
  const weeks = WEEKS.exec(text);
  const days = DAYS.exec(text);
  if (weeks || days) return Number(weeks?.[1] ?? 0) * 7 + Number(days?.[1] ?? 0);
  const pair = PAIR.exec(text.replace(/['"]/g, ''));
  if (pair) return Number(pair[1]) * 7 + Number(pair[2]);
  const total = /^\s*(\d+)\s*$/.exec(text);
  return total ? Number(total[1]) : undefined;
}

function findDate(text: string): string | undefined {
  const match = /(\d{1,2}\/\d{1,2}\/\d{4})|(\d{4}-\d{2}-\d{2})/.exec(text);
  const date = match ? parseCalendarDate(match[0]) : undefined;
  return date === undefined ? undefined : `${date.year}-${date.month}-${date.day}`;
}

function isWeeksDaysLabel(label: string): boolean {
  return /weeks?/i.test(label) && /days?/i.test(label);
}

function judge(raw: string | undefined, item: ScoringItem): Verdict {
  if (raw === undefined) return { extracted: null, correct: false, reason: 'no answer found' };
  const answer = raw.trim();
  const labelIsNA = NOT_AVAILABLE_LABEL.test(item.label.trim());
  if (isAbstention(answer)) {
    return {
      extracted: 'N/A',
      correct: labelIsNA,
      reason: labelIsNA ? 'abstained, label is N/A' : 'abstained',
    };
  }
  if (labelIsNA)
    return { extracted: answer, correct: false, reason: 'label is N/A; only an abstention matches' };
  const labelDate = findDate(item.label);
  if (labelDate !== undefined) {
    const given = findDate(answer);
    if (given === undefined) return { extracted: answer, correct: false, reason: 'no date in the answer' };
    return {
      extracted: given,
      correct: given === labelDate,
      reason: given === labelDate ? 'same date' : 'different date',
    };
  }
  if (isWeeksDaysLabel(item.label) || item.calculatorId === 69) {
    const expected = readDays(item.label.replace(/['"()]/g, ' '));
    const given = readDays(answer);
    if (expected === undefined)
      return { extracted: answer, correct: false, reason: `label "${item.label}" is not a gestational age` };
    if (given === undefined)
      return { extracted: answer, correct: false, reason: 'no weeks/days in the answer' };
    return {
      extracted: `${given} days`,
      correct: given === expected,
      reason: given === expected ? 'same number of days' : `${given} days, label ${expected} days`,
    };
  }
  const expected = readStatedNumber(item.label);
  if (expected === undefined)
    return { extracted: answer, correct: false, reason: `label "${item.label}" is not a number` };
  const given = readStatedNumber(answer);
  if (given === undefined) return { extracted: answer, correct: false, reason: 'no number in the answer' };
  const tolerance = RELATIVE_TOLERANCE * Math.abs(expected);
  const correct = Math.abs(given - expected) <= tolerance * (1 + 1e-12);
  return {
    extracted: String(given),
    correct,
    reason: `${correct ? 'within' : 'outside'} ±5% of ${expected}`,
  };
}

export const relative5pctRuleSet: RuleSet = {
  id: 'relative-5pct',
  version: '1.0.0',
  description:
    'Corrected-labels convention: ±5% of the label for every numeric answer (integers included), exact calendar dates, gestational age in days, N/A matched only by an abstention.',
  defaultStyle: 'auto',
  scoreResponse(response: string, item: ScoringItem, style: AnswerStyle = 'auto'): Verdict {
    const raw =
      style === 'tag'
        ? extractTagAnswer(response)
        : style === 'json'
          ? extractJsonAnswerLenient(response)
          : (extractTagAnswer(response) ?? extractJsonAnswerLenient(response));
    return judge(raw, item);
  },
  judgeAnswer(answer: string, item: ScoringItem): Verdict {
    return judge(answer, item);
  },
};
