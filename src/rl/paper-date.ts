import { isValidCalendarDate, MONTH_NAMES, toDayNumber, type CalendarDate } from '../units/calendar.js';

/**
 * An approximation of the lenient date reading (python-dateutil's default parser) in the published reward, for
 * the `paper-compatible` mode. It covers what models write for dates: US and ISO numeric dates, month names,
 * ISO date-times, and fragments that dateutil completes from the current date (`.5`, `5 m`, `12:30`, `1,234.5`).
 * Timezone-aware date-times are reported separately: the published function crashes on them.
 */
export type PaperDate = { kind: 'date'; dayNumber: number } | { kind: 'timezone-aware' };

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s*(z|utc|gmt|[+-]\d{2}(?::?\d{2})?)?$/i;
const NUMERIC = /^(\d{1,4})([/.-])(\d{1,2})\2(\d{1,4})$/;
const MONTH_DAY = /^(\d{1,2})[/-](\d{1,2})$/;
const WEEKDAY = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i;
const NAMED =
  /^(?:(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?([a-z]{3,9})\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(\d{4}))?$/i;
const TIME = /^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?$/i;
/** Digits and separators with at most a short trailing word: dateutil completes these from today's date. */
const FRAGMENT = /^[\d.,:/ -]*\d[\d.,:/ -]*(?:\s?[a-z]{1,2})?$/i;

/** A full month name or an abbreviation of at least three letters: "marching" is not March. */
function resolveMonth(name: string): number | undefined {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((month) => month.startsWith(lower));
  return lower.length >= 3 && index >= 0 ? index + 1 : undefined;
}

/** dateutil's two-digit year rule: the century that puts the year within 50 years of today. */
function expandYear(year: number, digits: number, today: CalendarDate): number {
  if (digits > 2) return year;
  let expanded = year + Math.floor(today.year / 100) * 100;
  if (expanded >= today.year + 50) expanded -= 100;
  else if (expanded < today.year - 50) expanded += 100;
  return expanded;
}

function toResult(date: CalendarDate): PaperDate | undefined {
  return isValidCalendarDate(date) ? { kind: 'date', dayNumber: toDayNumber(date) } : undefined;
}

function parseNumeric(match: RegExpExecArray, today: CalendarDate): PaperDate | undefined {
  const [, first = '', , second = '', third = ''] = match;
  if (first.length >= 3) return toResult({ year: Number(first), month: Number(second), day: Number(third) });
  let month = Number(first);
  let day = Number(second);
  // Month first unless that cannot be a date and the swap can (dateutil's behaviour).
  if (month > 12 && day <= 12) [month, day] = [day, month];
  return toResult({ year: expandYear(Number(third), third.length, today), month, day });
}

/** Reads `text` (already trimmed) as the published reward would; undefined when it is not a date at all. */
export function parsePaperDate(text: string, today: () => CalendarDate): PaperDate | undefined {
  if (text.length === 0 || text.length > 64) return undefined;
  const iso = ISO.exec(text);
  if (iso) {
    if (iso[7] !== undefined) return { kind: 'timezone-aware' };
    return toResult({ year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) });
  }
  const numeric = NUMERIC.exec(text);
  if (numeric) return parseNumeric(numeric, today());
  const monthDay = MONTH_DAY.exec(text);
  if (monthDay) return toResult({ year: today().year, month: Number(monthDay[1]), day: Number(monthDay[2]) });
  const named = NAMED.exec(text.replace(WEEKDAY, ''));
  if (named) {
    const month = resolveMonth(named[2] ?? '');
    if (month === undefined || (named[1] !== undefined && named[3] !== undefined)) return undefined;
    const now = today();
    const day = Number(named[1] ?? named[3] ?? now.day);
    return toResult({ year: named[4] === undefined ? now.year : Number(named[4]), month, day });
  }
  if (TIME.test(text) || FRAGMENT.test(text)) return toResult(today());
  return undefined;
}
