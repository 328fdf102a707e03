import { isAbstention, readStatedNumber, relative5pctRuleSet } from '../../answers/relative-5pct.js';
import { formatUsDate, parseCalendarDate } from '../../units/calendar.js';
import type { SameAnswer } from './voting.js';

/** The calculator id MedCalc-Bench gives gestational age (answers in weeks and days). */
const GESTATIONAL_AGE_CALCULATOR_ID = 69;

/**
 * Two answers fall in one cluster when the `relative-5pct` rules accept either as the other's label: ±5% of the
 * larger number (relative error |a − b| / max(|a|, |b|) ≤ 5%), the same calendar date, the same number of days
 * of gestational age. Symmetric by construction.
 */
export function createSameAnswer(calculatorId: number | undefined): SameAnswer {
  const judge = (answer: string, label: string): boolean =>
    relative5pctRuleSet.judgeAnswer(answer, { calculatorId, label }).correct;
  return (left, right) => judge(left, right) || judge(right, left);
}

/** What a model's answer text says: a label in the dataset's spelling, N/A, or nothing usable. */
export type ReadAnswer =
  { kind: 'answer'; answer: string } | { kind: 'not-computable' } | { kind: 'unreadable' };

function findDate(text: string): string | undefined {
  for (const match of text.matchAll(/\d{1,2}\/\d{1,2}\/\d{4}|\d{4}-\d{2}-\d{2}/g)) {
    const date = parseCalendarDate(match[0]);
    if (date !== undefined) return formatUsDate(date);
  }
  return undefined;
}

function findWeeksDays(text: string): string | undefined {
  const weeks = /(\d+)\s*(?:weeks?|wks?)\b/i.exec(text);
  const days = /(\d+)\s*(?:days?)\b/i.exec(text);
  if (weeks === null && days === null) return undefined;
  const total = Number(weeks?.[1] ?? 0) * 7 + Number(days?.[1] ?? 0);
  return `('${Math.floor(total / 7)} weeks', '${total % 7} days')`;
}

/**
 * Reads an answer the model isolated (inside `<answer>` tags) with the `relative-5pct` conventions: an abstention
 * (`N/A`, `unknown`, …) is not-computable; a date becomes `MM/DD/YYYY`; weeks and days become the dataset's
 * `('W weeks', 'D days')`; otherwise the stated number. Nothing is computed from it.
 */
export function readAnswerText(text: string, calculatorId: number | undefined): ReadAnswer {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'unreadable' };
  if (isAbstention(trimmed)) return { kind: 'not-computable' };
  const date = findDate(trimmed);
  if (date !== undefined) return { kind: 'answer', answer: date };
  const weeksDays = findWeeksDays(trimmed);
  if (weeksDays !== undefined) return { kind: 'answer', answer: weeksDays };
  if (calculatorId === GESTATIONAL_AGE_CALCULATOR_ID) return { kind: 'unreadable' };
  const number = readStatedNumber(trimmed);
  return number === undefined ? { kind: 'unreadable' } : { kind: 'answer', answer: String(number) };
}
