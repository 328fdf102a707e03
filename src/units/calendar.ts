/**
 * Calendar dates as plain year/month/day values (no time zone), with day arithmetic done on UTC day numbers so
 * that daylight-saving changes can never shift a date.
 */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const MS_PER_DAY = 86_400_000;

export function isValidCalendarDate(date: CalendarDate): boolean {
  if (!Number.isInteger(date.year) || !Number.isInteger(date.month) || !Number.isInteger(date.day))
    return false;
  if (date.month < 1 || date.month > 12 || date.day < 1) return false;
  return date.day <= daysInMonth(date.year, date.month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses MM/DD/YYYY (1- or 2-digit month/day) or ISO YYYY-MM-DD; undefined if not a real date. */
export function parseCalendarDate(text: string): CalendarDate | undefined {
  const trimmed = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  let date: CalendarDate | undefined;
  if (us) date = { year: Number(us[3]), month: Number(us[1]), day: Number(us[2]) };
  else if (iso) date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  return date !== undefined && isValidCalendarDate(date) ? date : undefined;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: CalendarDate): number {
  return Math.round(Date.UTC(date.year, date.month - 1, date.day) / MS_PER_DAY);
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  const value = new Date(dayNumber * MS_PER_DAY);
  return { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, day: value.getUTCDate() };
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Adds calendar months, clamping the day to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const monthIndex = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = monthIndex - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function formatUsDate(date: CalendarDate): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.month)}/${pad(date.day)}/${String(date.year).padStart(4, '0')}`;
}

/** The months in English, lower-case, January first (index = month − 1). */
export const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
] as const;
