import type { QuantityKind } from '../../units/index.js';
import type { Finding } from '../types.js';
import type { NumericEntity } from './entity-values.js';
import {
  compileTerm,
  findNames,
  isSameSentence,
  spanOf,
  type NameHit,
  type NoteNumber,
} from './note-text.js';
import { readMentionContext } from './negation.js';
import { hasDistinctiveUnit, namesForQuantity } from './quantity-names.js';
import { toCanonical } from './note-units.js';
import { matchNumber, readTokenQuantity } from './value-match.js';

/** How far a name may stand from its value: before it ("creatinine was 1.4") or after it ("1.4 mg/dL creatinine"). */
const NAME_BEFORE = 80;
const NAME_AFTER = 25;
/** What may stand between a name and the value it states, for the value to count as that name's. */
export const FILLER =
  /^[\s:=,(\-–]*(?:(?:level|levels|value|values|concentration|count|was|were|is|are|of|at|serum|plasma|blood|total|initial|admission|on|elevated|increased|decreased|low|high|raised|reduced|measured|rate|\([A-Za-z₂]+\)|to)[\s:=,(\-–]*){0,4}$/i;
const MAX_EVIDENCE = 3;
const DIASTOLIC = /diastolic/i;
/** Units an entity's number may have been meant in: counts stored "per L" that the note gives per µL. */
const MEANT_UNITS: Partial<Record<QuantityKind, readonly string[]>> = {
  'white-cell-count': ['µL', '10^3/µL'],
  'platelet-count': ['µL', '10^3/µL'],
  albumin: ['g/dL'],
};

/** The note with its numbers scanned once per row. */
export interface NoteContext {
  note: string;
  numbers: readonly NoteNumber[];
}

export interface NumericOutcome {
  findings: Finding[];
  found: boolean;
  nearName: boolean;
  /** Where the note writes the stored value next to a name for it (the label's candidate readings). */
  occurrences: readonly NoteNumber[];
  /** Where the note names the entity's analyte. */
  nameHits: readonly NameHit[];
}

function drugNames(drug: string | undefined): string[] {
  if (drug === undefined) return [];
  return drug
    .toLowerCase()
    .replace(/\b(?:po|iv|im|sc|oral|patch|buccal)\b/g, ' ')
    .split(/\s+/)
    .filter((word) => word.length >= 4);
}

export function isNearName(note: string, token: NoteNumber, hits: readonly NameHit[]): boolean {
  return hits.some(
    (hit) =>
      (hit.end <= token.start &&
        token.start - hit.end <= NAME_BEFORE &&
        isSameSentence(note, hit.end, token.start)) ||
      (hit.start >= token.end &&
        hit.start - token.end <= NAME_AFTER &&
        isSameSentence(note, token.end, hit.start)),
  );
}

export function isPlausibleReading(entity: NumericEntity, token: NoteNumber): boolean {
  const range = entity.plausible;
  if (range === undefined) return true;
  const inRange = (value: number | undefined): boolean =>
    value !== undefined && value >= range[0] && value <= range[1];
  const written = readTokenQuantity(entity.kind, token);
  if (written !== undefined) return inRange(written.canonical);
  if (entity.kind === undefined) return inRange(token.value);
  const asEntityUnit = entity.unit === '' ? token.value : toCanonical(entity.kind, token.value, entity.unit);
  const asCount =
    entity.kind === 'white-cell-count' || entity.kind === 'platelet-count' ? token.value / 1000 : undefined;
  return inRange(asEntityUnit) || inRange(token.value) || inRange(asCount);
}

/** Values the note states for this entity's name that differ from the entity ("creatinine of 2.3"). */
function findConflicts(
  { note, numbers }: NoteContext,
  hits: readonly NameHit[],
  entity: NumericEntity,
): { start: number; end: number }[] {
  const conflicts: { start: number; end: number }[] = [];
  if (entity.kind === 'age') {
    for (const token of numbers)
      if (token.ageLike && isPlausibleReading(entity, token)) conflicts.push(token);
    return conflicts;
  }
  for (const hit of hits) {
    if (hit.weak) continue;
    const first = numbers.find(
      (candidate) => candidate.word !== true && candidate.start >= hit.end && candidate.start - hit.end <= 30,
    );
    if (first === undefined || !FILLER.test(note.slice(hit.end, first.start))) continue;
    // "BP 122/84": a diastolic pressure is the number after the slash.
    const token =
      DIASTOLIC.test(entity.key) && /^\s*\/\s*\d/.test(first.after)
        ? numbers.find((candidate) => candidate.start > first.end)
        : first;
    if (token === undefined) continue;
    if (isPlausibleReading(entity, token)) conflicts.push({ start: hit.start, end: token.end });
  }
  return conflicts;
}

interface Observation {
  severity: Finding['severity'];
  message: string;
  spans: readonly { start: number; end: number }[];
}

function finding(entity: NumericEntity, note: string, observation: Observation): Finding {
  return {
    category: 'extraction-error',
    severity: observation.severity,
    entity: entity.key,
    message: observation.message,
    evidence: observation.spans.slice(0, MAX_EVIDENCE).map((span) => spanOf(note, span.start, span.end)),
  };
}

/** A length in the range of adult heights, written with a length unit ("156 cm", "5'7\""), is a height. */
function isBodyHeight(entity: NumericEntity, token: NoteNumber): boolean {
  if (entity.kind !== 'body-height') return false;
  const written = readTokenQuantity('body-height', token);
  return written !== undefined && written.canonical >= 100 && written.canonical <= 230;
}

/** "80/40 mmHg": either number of a pressure pair written with mmHg is a blood pressure. */
function isPressurePair(note: string, entity: NumericEntity, token: NoteNumber): boolean {
  if (entity.kind !== 'blood-pressure') return false;
  const before = note.slice(Math.max(0, token.start - 6), token.start);
  return (
    /^\s*\/\s*\d{2,3}\s*mm\s*hg/i.test(token.after) ||
    (/\d{2,3}\s*\/\s*$/.test(before) && /^\s*mm\s*hg/i.test(token.after))
  );
}

/** The entity read in the units it was probably meant in, when its own unit makes it implausible. */
function readMeantUnits(entity: NumericEntity): NumericEntity[] {
  const range = entity.plausible;
  const kind = entity.kind;
  if (kind === undefined || range === undefined || entity.canonical === undefined) return [];
  if (entity.canonical >= range[0] && entity.canonical <= range[1]) return [];
  return (MEANT_UNITS[kind] ?? []).flatMap((unit) => {
    const canonical = unit === entity.unit ? undefined : toCanonical(kind, entity.value, unit);
    return canonical === undefined
      ? []
      : [{ ...entity, unit, canonical, display: `${entity.value} ${unit}` }];
  });
}

/** Checks that a numeric entity's value occurs in the note, in any unit, next to a name for it. */
export function checkNumericEntity(context: NoteContext, entity: NumericEntity): NumericOutcome {
  const { note, numbers } = context;
  const names = [...namesForQuantity(entity.key, entity.kind), ...drugNames(entity.drug).map(compileTerm)];
  const hits = findNames(note, names);
  const matched: NoteNumber[] = [];
  const unitDiffers: { token: NoteNumber; noteUnit: string }[] = [];
  for (const token of numbers) {
    const match = matchNumber(entity, token);
    if (match.kind === 'match') matched.push(token);
    else if (match.kind === 'unit-differs') unitDiffers.push({ token, noteUnit: match.noteUnit });
  }
  const placed = (token: NoteNumber): boolean =>
    (entity.kind === 'age' && token.ageLike) ||
    hasDistinctiveUnit(entity.kind, token.after) ||
    isBodyHeight(entity, token) ||
    isPressurePair(note, entity, token) ||
    isNearName(note, token, hits);
  const located = { occurrences: matched.filter(placed), nameHits: hits };
  if (located.occurrences.length > 0) return { findings: [], found: true, nearName: true, ...located };
  if (matched.length > 0) {
    const message = `${entity.key} ${entity.display}: the value occurs in the note, but not next to any name for it`;
    return {
      findings: [finding(entity, note, { severity: 'warning', message, spans: matched })],
      found: true,
      nearName: false,
      ...located,
    };
  }
  const differing = unitDiffers.filter(({ token }) => placed(token));
  if (differing.length > 0) {
    const first = differing[0];
    const noteReading = first === undefined ? undefined : readTokenQuantity(entity.kind, first.token);
    const range = entity.plausible;
    const entityImplausible =
      range !== undefined &&
      entity.canonical !== undefined &&
      (entity.canonical < range[0] || entity.canonical > range[1]);
    const noteImplausible =
      range !== undefined &&
      noteReading !== undefined &&
      (noteReading.canonical < range[0] || noteReading.canonical > range[1]);
    return {
      findings: [
        {
          category: 'unit-conversion',
          // The entity may have repaired a unit typo in the note ("sodium 132 mg/dl"): then it is context only.
          severity:
            entityImplausible && !noteImplausible
              ? 'error'
              : noteImplausible && !entityImplausible
                ? 'info'
                : 'warning',
          entity: entity.key,
          message:
            `${entity.key} ${entity.display}: the note writes the same number with the unit "${first?.noteUnit ?? ''}", ` +
            "so the stored unit is not the note's",
          evidence: differing.slice(0, MAX_EVIDENCE).map(({ token }) => spanOf(note, token.start, token.end)),
        },
      ],
      found: false,
      nearName: false,
      ...located,
    };
  }
  for (const meant of readMeantUnits(entity)) {
    const meantMatches = numbers.filter(
      (token) => matchNumber(meant, token).kind === 'match' && placed(token),
    );
    if (meantMatches.length === 0) continue;
    return {
      findings: [
        {
          category: 'unit-conversion',
          severity: 'error',
          entity: entity.key,
          message: `${entity.key} ${entity.display}: the note's value is ${meant.display}; the stored unit "${entity.unit}" is wrong`,
          evidence: meantMatches.slice(0, MAX_EVIDENCE).map((token) => spanOf(note, token.start, token.end)),
        },
      ],
      found: false,
      nearName: false,
      ...located,
    };
  }
  // A zero is usually stated as an absence: "abstains from alcohol", "no drinks".
  if (entity.value === 0 && hits.some((hit) => readMentionContext(note, hit.start, hit.end) === 'negated')) {
    return { findings: [], found: true, nearName: true, ...located };
  }
  const conflicts = findConflicts(context, hits, entity);
  if (conflicts.length > 0) {
    const message = `${entity.key} ${entity.display}: not in the note, which states a different value for it`;
    return {
      findings: [finding(entity, note, { severity: 'error', message, spans: conflicts })],
      found: false,
      nearName: false,
      ...located,
    };
  }
  const message = `${entity.key} ${entity.display}: the value is not found in the note in any unit`;
  return {
    findings: [finding(entity, note, { severity: 'warning', message, spans: [] })],
    found: false,
    nearName: false,
    ...located,
  };
}
