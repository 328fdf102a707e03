import { convertToCanonical, toUcumCode, type QuantityKind } from '../../units/index.js';

/**
 * Reads the unit written after a number in free text (notes and explanations) for one quantity kind. Notes
 * spell units many ways ("mg/dl", "beats/min", "× 109/L" where the superscript 9 was lost, "count/µL",
 * "-year-old"); this normalises the common spellings onto the ones `units/unit-text.ts` knows and then lets
 * `convertToCanonical` decide whether the unit fits the kind.
 */

const NOTE_ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^(?:years?|yrs?|y)(?:[\s-]*old)?$|^(?:yo|y\/o|y\.o\.?)$/, 'years'],
  [/^(?:months?|mos?)(?:[\s-]*old)?$/, 'months'],
  [/^(?:weeks?|wks?)(?:[\s-]*old)?$/, 'weeks'],
  [/^(?:days?)(?:[\s-]*old)?$/, 'days'],
  [/^(?:beats?|breaths?|respirations?|b)?\s*(?:\/|per)\s*(?:min|minute)$|^bpm$|^beats$|^breaths$/, '/min'],
  [/^(?:°|degrees?\s*)?\s*(?:c|celsius|centigrade)$/, 'celsius'],
  [/^(?:°|degrees?\s*)?\s*(?:f|fahrenheit)$/, 'fahrenheit'],
  [/^mm\s*(?:of\s*)?hg$/, 'mmhg'],
  [/^(?:ms|msec|milliseconds?)$/, 'ms'],
  [/^(?:kgs?|kilograms?)$/, 'kg'],
  [/^(?:grams?|gm)$/, 'g'],
  [/^(?:centimet(?:er|re)s?)$/, 'cm'],
  [/^(?:met(?:er|re)s?)$/, 'm'],
  [/^(?:"|″|”|'')$/, 'in'],
  [/^(?:'|′|’)$/, 'ft'],
  [/^(?:mg%|mg\s*\/\s*dl)$/, 'mg/dl'],
  [/^(?:meq|mmol)\s*\/\s*l$/, ''],
  [/^(?:[x×*]\s*)?10\s*(?:\^|\*|e)?\s*\(?9\)?\s*\/\s*l$|^[x×*]\s*109\s*\/\s*l$/, '10^9/l'],
  [
    /^(?:[x×*]\s*)?10\s*(?:\^|\*|e)?\s*\(?3\)?\s*\/\s*(?:ul|mm3|mm\^3|cumm|cu mm)$|^[x×*]\s*103\s*\/\s*(?:ul|mm3)$|^(?:k|thou)\s*\/\s*(?:ul|mm3)$/,
    '10^3/ul',
  ],
  [/^(?:cells?|counts?|cell count)?\s*(?:\/|per)\s*(?:ul|microlit(?:er|re))$/, '/ul'],
  [/^(?:cells?|counts?)?\s*(?:\/|per)\s*(?:mm3|mm\^3|cumm|cu mm|cubic mm|mm³)$/, '/mm3'],
  [/^(?:ug|mcg)\s*\/\s*kg\s*\/\s*(?:min|minute)$/, 'ug/kg/min'],
  [/^ml\s*(?:\/|per)\s*(?:day|24\s*h(?:ours?|rs?)?|d)$/, 'ml/day'],
  [/^(?:times?|x)\s*(?:a|per|\/)\s*day$|^(?:times?|x)\s*daily$/, 'per day'],
  [/^kg\s*\/\s*m(?:\^?2|²)$/, 'kg/m2'],
];

/** Units written as a multiple of one we know: "16.5 × 10⁴/µL" (often printed "× 104/µL") is 165 × 10³/µL. */
const SCALED_UNITS: readonly (readonly [RegExp, string, number])[] = [
  [
    /^[x×*]\s*10\s*(?:\^|\*|e)?\s*\(?4\)?\s*\/\s*(?:ul|mm3|mm\^3)$|^[x×*]\s*104\s*\/\s*(?:ul|mm3)$/,
    '10^3/ul',
    10,
  ],
];

function normaliseNoteUnit(text: string): string {
  const lower = text
    .trim()
    .toLowerCase()
    .replace(/[µμ]/g, 'u')
    .replace(/[º˚]/g, '°')
    .replace(/mcg/g, 'ug')
    .replace(/\s+/g, ' ');
  for (const [pattern, replacement] of NOTE_ALIASES) {
    if (pattern.test(lower)) return replacement === '' ? lower.replace(/\s/g, '') : replacement;
  }
  return lower;
}

/** Candidate unit strings after a number, longest first: "mg/dL,", "× 10^9/L", "-year-old man". */
function unitCandidates(after: string): string[] {
  const trimmed = after.replace(/^\s*-?\s*/, '');
  if (/^[°º˚]/.test(trimmed)) {
    const degree = /^[°º˚]\s?[CFcf]/.exec(trimmed);
    if (degree !== null) return [degree[0]];
  }
  const tokens = trimmed.split(/\s+/).slice(0, 4);
  const candidates: string[] = [];
  for (let count = tokens.length; count >= 1; count--) {
    const joined = tokens
      .slice(0, count)
      .join(' ')
      .replace(/[.,;:)\]]+$/, '');
    if (joined.length > 0) candidates.push(joined);
  }
  const first = tokens[0] ?? '';
  // "87-year-old": the hyphen joins the unit to "old"; "34.9C" / "120bpm": no space before the unit.
  const hyphenated = first.split('-')[0] ?? '';
  if (hyphenated.length > 0 && hyphenated !== first) candidates.push(hyphenated);
  return candidates;
}

interface ResolvedCandidate {
  candidate: string;
  resolved: string;
  /** Multiply the written number by this before converting from `resolved`. */
  factor: number;
}

const candidateCache = new Map<string, ResolvedCandidate[]>();
const CANDIDATE_CACHE_LIMIT = 100_000;

/** The unit candidates after a number, normalised; cached because every entity of a row asks for them. */
function resolveCandidate(candidate: string): ResolvedCandidate {
  const lower = candidate.trim().toLowerCase().replace(/[µμ]/g, 'u');
  for (const [pattern, unit, factor] of SCALED_UNITS) {
    if (pattern.test(lower)) return { candidate, resolved: unit, factor };
  }
  return { candidate, resolved: normaliseNoteUnit(candidate), factor: 1 };
}

function resolvedCandidates(after: string): ResolvedCandidate[] {
  const cached = candidateCache.get(after);
  if (cached !== undefined) return cached;
  const resolved = unitCandidates(after)
    .map(resolveCandidate)
    .filter((entry) => toUcumCode(entry.resolved) !== undefined || /^m\^?3$/.test(entry.resolved));
  if (candidateCache.size >= CANDIDATE_CACHE_LIMIT) candidateCache.clear();
  candidateCache.set(after, resolved);
  return resolved;
}

export interface NoteQuantity {
  /** The value in the kind's canonical unit. */
  canonical: number;
  /** The unit text as written (empty when the number carries no unit for this kind). */
  unitText: string;
  /** The unit text resolved to the form convertToCanonical accepted. */
  resolvedUnit: string;
  /** The written number was multiplied by this before the conversion (scaled units such as × 10⁴/µL). */
  factor: number;
}

/** Converts a number written with the unit text after it; undefined when no known unit of this kind follows. */
export function readWrittenQuantity(
  kind: QuantityKind,
  value: number,
  after: string,
): NoteQuantity | undefined {
  for (const { candidate, resolved, factor } of resolvedCandidates(after)) {
    const map = affineMapFor(kind, resolved);
    if (map !== null) {
      // A scaled unit is reported as its base unit with the value scaled, so rounding compares on one scale.
      return {
        canonical: map.offset + map.scale * value * factor,
        unitText: candidate,
        resolvedUnit: resolved,
        factor,
      };
    }
  }
  return undefined;
}

/** Every unit conversion is affine (temperatures) or linear, so one is learnt from two points and then cached. */
interface AffineMap {
  scale: number;
  offset: number;
}

const affineMaps = new Map<string, AffineMap | null>();

function affineMapFor(kind: QuantityKind, unitText: string): AffineMap | null {
  const cacheKey = `${kind}\u0000${unitText}`;
  const cached = affineMaps.get(cacheKey);
  if (cached !== undefined) return cached;
  const atZero = convertToCanonical(kind, 0, unitText);
  const atHundred = convertToCanonical(kind, 100, unitText);
  const map =
    atZero.ok && atHundred.ok
      ? { offset: atZero.value, scale: (atHundred.value - atZero.value) / 100 }
      : null;
  affineMaps.set(cacheKey, map);
  return map;
}

/** The canonical value of `value unitText` for a kind, or undefined when the unit does not fit the kind. */
export function toCanonical(kind: QuantityKind, value: number, unitText: string): number | undefined {
  const cacheKey = `${kind}\u0001${unitText}`;
  let map = affineMaps.get(cacheKey);
  if (map === undefined) {
    map = affineMapFor(kind, normaliseNoteUnit(unitText)) ?? affineMapFor(kind, unitText);
    affineMaps.set(cacheKey, map);
  }
  if (map === null) return undefined;
  // Strip the binary noise of the two-point fit, as units/convert.ts does for its own conversions.
  return Number((map.offset + map.scale * value).toPrecision(14));
}
