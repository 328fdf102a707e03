import { isAbstention, readStatedNumber } from '../answers/relative-5pct.js';
import { parseCalendarDate, toDayNumber } from '../units/calendar.js';

/**
 * A label read for comparison: N/A, a calendar date (as a UTC day number), a gestational age (in days), a number,
 * or text that is none of these. Triage only compares labels with each other; scoring a model answer against a
 * label is the rule sets' job (src/answers).
 */
export type ReadLabel =
  | { kind: 'not-available' }
  | { kind: 'date'; dayNumber: number }
  | { kind: 'days'; days: number }
  | { kind: 'number'; value: number }
  | { kind: 'text'; text: string };

function readGestationalDays(text: string): number | undefined {
  const cleaned = text.replace(/['"()[\]]/g, ' ');
  const weeks = /(\d+)\s*(?:weeks?|wks?)\b/i.exec(cleaned);
  const days = /(\d+)\s*days?\b/i.exec(cleaned);
  if (weeks || days) return Number(weeks?.[1] ?? 0) * 7 + Number(days?.[1] ?? 0);
  const pair = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(cleaned);
  return pair ? Number(pair[1]) * 7 + Number(pair[2]) : undefined;
}

/** Reads a label; `outputType` 'weeks-days' reads a bare pair "(4, 2)" as weeks and days. */
export function readLabel(label: string, outputType?: string): ReadLabel {
  const text = label.trim();
  if (text === '' || isAbstention(text) || /^n\/?a$/i.test(text)) return { kind: 'not-available' };
  const date = parseCalendarDate(text);
  if (date !== undefined) return { kind: 'date', dayNumber: toDayNumber(date) };
  if (outputType === 'weeks-days' || (/weeks?/i.test(text) && /days?/i.test(text))) {
    const days = readGestationalDays(text);
    if (days !== undefined) return { kind: 'days', days };
  }
  const value = readStatedNumber(text);
  // A label that starts with a number is that number ("12.5", "12.5 mL/min"); anything else is text.
  if (value !== undefined && /^[-−+]?\.?\d/.test(text)) return { kind: 'number', value };
  return { kind: 'text', text: text.toLowerCase() };
}

/** |a − b| / max(|a|, |b|), 0 when both are 0. Symmetric, in [0, 2]. */
export function relativeDifference(a: number, b: number): number {
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return scale === 0 ? 0 : Math.abs(a - b) / scale;
}

/**
 * Whether two labels are the same answer: both N/A; the same date or day count; numbers within `tolerance`
 * relative difference; or equal text (case-insensitive). Labels of different kinds never agree.
 */
export function labelsAgree(a: ReadLabel, b: ReadLabel, tolerance: number): boolean {
  switch (a.kind) {
    case 'not-available':
      return b.kind === 'not-available';
    case 'date':
      return b.kind === 'date' && a.dayNumber === b.dayNumber;
    case 'days':
      return b.kind === 'days' && a.days === b.days;
    case 'number':
      return b.kind === 'number' && relativeDifference(a.value, b.value) <= tolerance * (1 + 1e-12);
    case 'text':
      return b.kind === 'text' && a.text === b.text;
  }
}
