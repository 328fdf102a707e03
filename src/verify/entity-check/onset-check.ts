import type { EvidenceSpan } from '../types.js';
import { NUMBER_WORDS } from '../number-words.js';
import { spanOf } from './note-text.js';

/** FeverPAIN's "attend rapidly": symptom onset 3 days or less before the visit (Little 2013). */
export const ONSET_KEY = 'Symptom onset ≤3 days';
const ONSET_LIMIT_DAYS = 3;

/** Counts written as words: the shared number words, and "a"/"an" for one ("a 3-day…" is read as a digit). */
const COUNT_WORDS: Readonly<Record<string, number>> = { a: 1, an: 1, ...NUMBER_WORDS };
const UNIT_DAYS: Readonly<Record<string, number>> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
const COUNT = `(\\d+(?:\\.\\d+)?|${Object.keys(COUNT_WORDS).join('|')})`;
const UNIT = '(hour|day|week|month|year)s?';
/**
 * How long a complaint has lasted: "a 3-day history", "2 days' duration", "for the past two days", "over the
 * last 48 hours", "since yesterday". Dates, ages and gestations are not durations; "a few days" gives no number.
 */
const DURATION = new RegExp(
  `\\b${COUNT}[- ]${UNIT}[- ](?:history|duration)\\b|\\b${COUNT}[- ]${UNIT}'? (?:of )?duration\\b|` +
    `\\b(?:for|over|during|in|within)(?: the)?(?: (?:past|last|previous|preceding|prior))? ${COUNT}[- ]${UNIT}\\b`,
  'gi',
);
const SHORT_PHRASE =
  /\bsince (?:yesterday|last night|this morning|the (?:previous|prior) (?:day|night|evening)|waking)|\b(?:began|started|developed|onset)\s+(?:yesterday|last night|this morning|earlier today|overnight)\b/gi;
/** A treatment course or dose, not the complaint's duration ("for 10 days" of antibiotics, "300 mg/day"). */
const TREATMENT_NEARBY =
  /\b(?:mg|mcg|µg|g|ml|mL|course|dose|doses|daily|twice|tablets?|therapy|treated|regimen|antibiotics?|given|prescribed|received|started on|discharged|admission|admitted|hospitali[sz]\w*|gestation)\b/i;

export interface OnsetDuration {
  days: number;
  evidence: EvidenceSpan;
}

function readCount(text: string): number {
  const word = COUNT_WORDS[text.toLowerCase()];
  return word ?? Number(text);
}

/** The complaint durations a note states, in days. */
export function readOnsetDurations(note: string): OnsetDuration[] {
  const durations: OnsetDuration[] = [];
  for (const match of note.matchAll(DURATION)) {
    const count = match[1] ?? match[3] ?? match[5];
    const unit = match[2] ?? match[4] ?? match[6];
    if (count === undefined || unit === undefined) continue;
    const end = match.index + match[0].length;
    const around = note.slice(Math.max(0, match.index - 30), Math.min(note.length, end + 25));
    if (TREATMENT_NEARBY.test(around)) continue;
    const perUnit = UNIT_DAYS[unit.toLowerCase()];
    if (perUnit === undefined) continue;
    durations.push({ days: readCount(count) * perUnit, evidence: spanOf(note, match.index, end) });
  }
  for (const match of note.matchAll(SHORT_PHRASE)) {
    durations.push({ days: 1, evidence: spanOf(note, match.index, match.index + match[0].length) });
  }
  return durations.sort((left, right) => left.evidence.start - right.evidence.start);
}

export type OnsetReading = 'short' | 'long' | 'mixed' | 'none';

/** Whether the note's complaint durations are all within 3 days, all longer, both, or absent. */
export function readOnset(note: string): { reading: OnsetReading; durations: OnsetDuration[] } {
  const durations = readOnsetDurations(note);
  const short = durations.some((duration) => duration.days <= ONSET_LIMIT_DAYS);
  const long = durations.some((duration) => duration.days > ONSET_LIMIT_DAYS);
  const reading = short && long ? 'mixed' : short ? 'short' : long ? 'long' : 'none';
  return { reading, durations };
}
