import { MONTH_NAMES } from '../../units/calendar.js';
import type { Finding } from '../types.js';

/** The ways a note may write the date MM/DD/YYYY: as is, without leading zeros, ISO, or with the month's name. */
function spellings(month: number, day: number, year: number): RegExp[] {
  const pad = (value: number): string => String(value).padStart(2, '0');
  const name = MONTH_NAMES[month - 1] ?? '';
  return [
    new RegExp(`(?<!\\d)0?${month}[/.-]0?${day}[/.-]${year}(?!\\d)`),
    new RegExp(`(?<!\\d)${year}-${pad(month)}-${pad(day)}(?!\\d)`),
    new RegExp(`\\b${name.slice(0, 3)}[a-z]*\\.?\\s+${day}(?:st|nd|rd|th)?,?\\s+${year}\\b`, 'i'),
    new RegExp(`\\b${day}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${name.slice(0, 3)}[a-z]*\\.?,?\\s+${year}\\b`, 'i'),
  ];
}

/** Checks that a date entity ('MM/DD/YYYY') is written in the note; returns whether it was, and any finding. */
export function checkDateEntity(
  note: string,
  key: string,
  text: string,
): { found: boolean; findings: Finding[] } {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (match === null) return { found: false, findings: [] };
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (spellings(month, day, year).some((pattern) => pattern.test(note))) return { found: true, findings: [] };
  return {
    found: false,
    findings: [
      {
        category: 'extraction-error',
        severity: 'warning',
        entity: key,
        message: `${key} ${text}: the date is not written in the note`,
        evidence: [],
      },
    ],
  };
}
