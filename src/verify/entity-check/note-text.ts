import { NUMBER_WORDS, TENS_WORDS } from '../number-words.js';
import type { EvidenceSpan } from '../types.js';

/** A number written in the note, with the text right after it (where a unit would be). */
export interface NoteNumber {
  start: number;
  end: number;
  /** The number as written ("1.40", "149,000", "5'7\""). */
  text: string;
  value: number;
  /** Decimal places written, for rounding tolerance. */
  decimals: number;
  /** Up to 32 characters after the number, where its unit (if any) is written. */
  after: string;
  /** A unit the scanner already knows (compound heights, ages in words); otherwise read from `after`. */
  unit?: string;
  /** Written as an age ("87-year-old", "87 yo", "aged 87"). */
  ageLike: boolean;
  /** Written in words ("four"): it can confirm a value, never contradict one. */
  word?: boolean;
}

const NUMBER_PATTERN =
  /(?<![A-Za-z0-9.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?!\d|\.\d)|\d+)(?:\.\d+)?(?![\d])/g;
const FEET_INCHES_PATTERN =
  /(?<![\d.])([3-7])\s*(?:'|′|’|ft\.?|feet|foot)\s*(?:and\s*)?(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|''|in\b\.?|inches\b|inch\b)?/gi;
const DECIMAL_COMMA_PATTERN = /(?<![A-Za-z0-9.,])(\d{1,3}), ?(\d{1,2})(?![\d,])(?=\s?(?:[a-zA-Zµ%°]|\/))/g;
const DOT_THOUSANDS_PATTERN = /(?<![\d.,])(\d{1,3})\.(\d{3})(?=\s*(?:\/|per|cells)\s*(?:[µμu]l|mm))/gi;
const AGE_AFTER =
  /^\s*-?\s*(?:years?|yrs?|months?|mos?|weeks?|days?)[\s-]*old|^\s*-?\s*(?:yo|y\/o|y\.o\.?)(?![a-z])/i;
const AGE_BEFORE = /\baged?\s*(?:of\s*)?$/i;

/** one to nineteen: the words an age in words can end with ("sixty-two", "nineteen"). */
const UNITS_WORDS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(NUMBER_WORDS).filter(([, value]) => value > 0),
);
const WORD_AGE_PATTERN = new RegExp(
  `\\b(?:(${Object.keys(TENS_WORDS).join('|')})(?:[- ](${Object.keys(UNITS_WORDS).slice(0, 9).join('|')}))?|(${Object.keys(UNITS_WORDS).join('|')}))(?=[- ](?:years?|months?)[- ]old)`,
  'gi',
);

function countDecimals(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Every number in the note, with compound heights (5'7") and ages in words ("sixty-year-old") added. */
export function scanNumbers(note: string): NoteNumber[] {
  const numbers: NoteNumber[] = [];
  for (const match of note.matchAll(NUMBER_PATTERN)) {
    const text = match[0];
    const start = match.index;
    const end = start + text.length;
    const value = Number(text.replace(/[, ]/g, ''));
    if (!Number.isFinite(value)) continue;
    const after = note.slice(end, end + 32);
    const before = note.slice(Math.max(0, start - 12), start);
    numbers.push({
      start,
      end,
      text,
      value,
      decimals: countDecimals(text),
      after,
      ageLike: AGE_AFTER.test(after) || AGE_BEFORE.test(before),
    });
  }
  for (const match of note.matchAll(DECIMAL_COMMA_PATTERN)) {
    // "1,65 m" / "1, 65 m": a decimal comma before a unit. Added beside the plain numbers, never instead.
    const [text, whole = '', fraction = ''] = match;
    const end = match.index + text.length;
    numbers.push({
      start: match.index,
      end,
      text,
      value: Number(`${whole}.${fraction}`),
      decimals: fraction.length,
      after: note.slice(end, end + 32),
      ageLike: false,
    });
  }
  for (const match of note.matchAll(DOT_THOUSANDS_PATTERN)) {
    // "127.000/µL": a dot as the thousands separator before a count unit. Added beside the plain numbers.
    const [text, thousands = '', rest = ''] = match;
    const end = match.index + text.length;
    numbers.push({
      start: match.index,
      end,
      text,
      value: Number(thousands) * 1000 + Number(rest),
      decimals: 0,
      after: note.slice(end, end + 32),
      ageLike: false,
    });
  }
  for (const match of note.matchAll(FEET_INCHES_PATTERN)) {
    const feet = Number(match[1]);
    const inchesText = match[2] ?? '0';
    const text = match[0].trimEnd();
    const start = match.index;
    numbers.push({
      start,
      end: start + text.length,
      text,
      value: feet * 12 + Number(inchesText),
      decimals: countDecimals(inchesText),
      after: note.slice(start + text.length, start + text.length + 32),
      unit: 'in',
      ageLike: false,
    });
  }
  for (const match of note.matchAll(WORD_AGE_PATTERN)) {
    const [text, tens, ones, single] = match;
    const value =
      single !== undefined
        ? (UNITS_WORDS[single.toLowerCase()] ?? 0)
        : (TENS_WORDS[(tens ?? '').toLowerCase()] ?? 0) + (UNITS_WORDS[(ones ?? '').toLowerCase()] ?? 0);
    const end = match.index + text.length;
    const after = note.slice(end, end + 32);
    numbers.push({
      start: match.index,
      end,
      text,
      value,
      decimals: 0,
      after,
      unit: /^[- ]months?/i.test(after) ? 'months' : 'years',
      ageLike: true,
    });
  }
  for (const match of note.matchAll(WORD_NUMBER_PATTERN)) {
    const word = match[0];
    const value = SMALL_WORDS[word.toLowerCase()];
    if (value === undefined) continue;
    const end = match.index + word.length;
    numbers.push({
      start: match.index,
      end,
      text: word,
      value,
      decimals: 0,
      after: note.slice(end, end + 32),
      ageLike: false,
      word: true,
    });
  }
  return numbers.sort((left, right) => left.start - right.start);
}

/** A compiled name: a regular expression over the note plus whether it is strong enough to accuse a value. */
export interface NamePattern {
  source: string;
  pattern: RegExp;
  /** Weak names (one-letter abbreviations such as "T", "P") only place a value; they never accuse one. */
  weak: boolean;
}

const SMALL_WORDS: Readonly<Record<string, number>> = { ...NUMBER_WORDS, twenty: 20, thirty: 30 };
/** Small counts written in words ("four drinks a week", "twice daily" is left to the unit reader). */
const WORD_NUMBER_PATTERN = new RegExp(
  `\\b(?:${Object.keys(SMALL_WORDS).join('|')})\\b(?![- ](?:years?|months?)[- ]old)`,
  'gi',
);

const ESCAPE = /[.*+?^${}()|[\]\\]/g;

/**
 * Compiles a vocabulary term: lower-case terms match case-insensitively at word boundaries (a trailing `*`
 * makes a stem), terms with capitals are abbreviations and match case-sensitively, `re:` gives a raw pattern.
 */
export function compileTerm(term: string): NamePattern {
  if (term.startsWith('re:')) {
    return { source: term, pattern: new RegExp(term.slice(3), 'gi'), weak: false };
  }
  const stem = term.endsWith('*');
  const body = (stem ? term.slice(0, -1) : term).replace(ESCAPE, '\\$&').replace(/ /g, '[\\s-]+');
  const caseSensitive = /[A-Z]/.test(term);
  const tail = stem ? '[A-Za-z]*' : caseSensitive ? '(?![A-Za-z])' : '(?:e?s)?(?![A-Za-z])';
  const pattern = new RegExp(`(?<![A-Za-z0-9])${body}${tail}`, caseSensitive ? 'g' : 'gi');
  return { source: term, pattern, weak: caseSensitive && term.replace(/[^A-Za-z]/g, '').length < 2 };
}

export interface NameHit extends EvidenceSpan {
  weak: boolean;
}

export function findNames(text: string, names: readonly NamePattern[]): NameHit[] {
  const hits: NameHit[] = [];
  for (const name of names) {
    for (const match of text.matchAll(name.pattern)) {
      if (match[0].length === 0) continue;
      hits.push({ start: match.index, end: match.index + match[0].length, text: match[0], weak: name.weak });
    }
  }
  return hits.sort((left, right) => left.start - right.start);
}

const SENTENCE_BREAK = /[.!?;]\s+(?=[A-Z(])|\n/;

/** True when the stretch between two offsets stays inside one sentence (a decimal point is no break). */
export function isSameSentence(note: string, from: number, to: number): boolean {
  // One character past the end, so a break right before the later offset is seen with what follows it.
  return !SENTENCE_BREAK.test(note.slice(Math.min(from, to), Math.max(from, to) + 1));
}

export function spanOf(note: string, start: number, end: number): EvidenceSpan {
  return { start, end, text: note.slice(start, end) };
}
