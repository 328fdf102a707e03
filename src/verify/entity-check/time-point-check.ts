import type { PythonValue } from '../../dataset/python-literal.js';
import type { Finding } from '../types.js';
import type { NumericEntity } from './entity-values.js';
import { readOccurrenceContext } from './occurrence-context.js';
import { isSameSentence, spanOf, type NameHit, type NoteNumber } from './note-text.js';
import { FILLER, isPlausibleReading, type NoteContext } from './numeric-check.js';
import { matchNumber, readTokenQuantity } from './value-match.js';

/** Whether putting another value in the entity's place moves the answer beyond tolerance. */
export type AnswerShift = 'moves' | 'same' | 'unknown';

export interface TimePointInput {
  entity: NumericEntity;
  /** Where the note writes the stored value next to a name for it. */
  occurrences: readonly NoteNumber[];
  nameHits: readonly NameHit[];
  question: string;
  /** Recomputes the row with `raw` in place of the entity's stored value. */
  shiftAnswer(raw: PythonValue): AnswerShift;
}

/** Kinds whose several values are not time points of one analyte (ages of events; doses of several drugs). */
const SKIPPED_KINDS = new Set(['age', 'drug-mass', 'body-height']);
/** "HCT 30 to 23", "creatinine 1.2 → 2.4", "sodium 128, then 121": the later values of a trend. */
const TREND_STEP =
  /^\s*(?:mg\/dl|mmol\/l|meq\/l|g\/dl|%|k|\/µl|\/ul)?\s*(?:to|→|->|then|,\s*then|and then|increasing to|decreasing to|rising to|falling to)\s*$/i;
const TIME_POINT_QUESTION =
  /\b(?:on admission|at admission|admission|initial(?:ly)?|on arrival|at presentation|first|baseline|at discharge|on discharge|repeat|latest|most recent)\b/i;
const MAX_OTHERS = 3;
/** A word before the name that makes it another analyte or another patient state ("HDL cholesterol", "birth weight"). */
const OTHER_ANALYTE_BEFORE =
  /\b(?:HDL|LDL|VLDL|non-HDL|(?:high|low)[\s-]*density(?:[\s-]*lipoproteins?)?|urin\w*|CSF|fluid|ascitic|pleural|peritoneal|stool|ionized|ionised|free|direct|indirect|conjugated|partial pressure of|end-tidal|birth|systolic|diastolic|mean|venous|jugular|target|goal|ideal|dry)[\s-]*(?:\w+[\s-]+)?$/i;
/** A unit written after the number that is not the analyte's ("10 cm", "32 %" for a respiratory rate). */
const FOREIGN_UNIT =
  /^\s*(?:cm|mm(?!\s*hg)|m\b|kg|g\b|mg|µg|mcg|ml|mL|L\b|%|mm\s*hg|mmhg|cmh2o|cm of water|years?|days?|hours?|weeks?|months?|times|points?)/i;
const RESPECTIVELY = /^[^.;\n]*\brespectively\b/i;

/** Numbers the note states for the analyte: the first after each strong name, and the later steps of a trend. */
function findStatedValues(
  context: NoteContext,
  hits: readonly NameHit[],
  entity: NumericEntity,
): NoteNumber[] {
  const { note, numbers } = context;
  const stated = new Map<number, NoteNumber>();
  const diastolic = /diastolic/i.test(entity.key);
  const urine = /urin/i.test(entity.key);
  for (const hit of hits) {
    const modifier = OTHER_ANALYTE_BEFORE.exec(note.slice(Math.max(0, hit.start - 24), hit.start));
    if (hit.weak || (modifier !== null && !(urine && /urin/i.test(modifier[0])))) continue;
    // A urine analyte's name without "urine" nearby is the serum value's.
    if (urine && !/urin/i.test(note.slice(Math.max(0, hit.start - 40), hit.end))) continue;
    const index = numbers.findIndex(
      (candidate) => candidate.word !== true && candidate.start >= hit.end && candidate.start - hit.end <= 30,
    );
    let at = index;
    let token = numbers[at];
    if (token === undefined || !FILLER.test(note.slice(hit.end, token.start))) continue;
    // "BP 138/92": the diastolic pressure is the number after the slash; any other pair is not one value.
    if (/^\s*\/\s*\d/.test(token.after)) {
      if (!diastolic && entity.kind !== 'blood-pressure') continue;
      if (diastolic) token = numbers[++at];
    }
    if (token === undefined || RESPECTIVELY.test(note.slice(token.end, token.end + 80))) continue;
    for (const first = at; token !== undefined; token = numbers[++at]) {
      const foreign = readTokenQuantity(entity.kind, token) === undefined && FOREIGN_UNIT.test(token.after);
      if (!isPlausibleReading(entity, token) || (entity.kind !== undefined && foreign)) break;
      if (at > first) {
        const previous = numbers[at - 1]!;
        if (
          !TREND_STEP.test(note.slice(previous.end, token.start)) ||
          !isSameSentence(note, previous.end, token.start)
        )
          break;
      }
      stated.set(token.start, token);
    }
  }
  return [...stated.values()].sort((left, right) => left.start - right.start);
}

function readAlternative(entity: NumericEntity, token: NoteNumber): PythonValue {
  if (entity.kind === undefined) return token.value;
  const written = readTokenQuantity(entity.kind, token);
  return written === undefined ? [token.value, entity.unit] : [token.value, written.unitText];
}

function describeToken(note: string, token: NoteNumber): string {
  return `"${note.slice(token.start, token.end)}" at ${token.start}`;
}

/**
 * Several values for the entity's analyte (initial and repeat labs, a trend): names the occurrence the label used
 * and the others, with offsets. v1.0 questions name no time point, so the choice is a judgment call
 * (`underspecified-question`): a `warning` when putting another stated value in its place moves the answer beyond
 * tolerance, `info` when none does. When the question names a time point, that is said, and the finding stays a
 * warning (which occurrence the time point means is not read here).
 */
export function checkTimePoints(context: NoteContext, input: TimePointInput): Finding[] {
  const { entity, occurrences } = input;
  if (occurrences.length === 0 || (entity.kind !== undefined && SKIPPED_KINDS.has(entity.kind))) return [];
  const { note } = context;
  const others = findStatedValues(context, input.nameHits, entity).filter(
    (token) =>
      matchNumber(entity, token).kind === 'none' && readOccurrenceContext(note, token).kind === 'exact',
  );
  const distinct = new Map<number, NoteNumber>();
  for (const token of others) if (!distinct.has(token.value)) distinct.set(token.value, token);
  if (distinct.size === 0) return [];
  const shifts = [...distinct.values()].map((token) => input.shiftAnswer(readAlternative(entity, token)));
  const moves = shifts.includes('moves') || shifts.includes('unknown');
  const used = occurrences[0]!;
  const listed = [...distinct.values()].slice(0, MAX_OTHERS);
  const timePoint = TIME_POINT_QUESTION.exec(input.question)?.[0];
  const question =
    timePoint === undefined ? 'the question names no time point' : `the question says "${timePoint}"`;
  return [
    {
      category: 'underspecified-question',
      severity: moves || timePoint !== undefined ? 'warning' : 'info',
      entity: entity.key,
      message:
        `${entity.key} ${entity.display}: the note gives several values for it; the label used ${describeToken(note, used)}, ` +
        `the note also has ${listed.map((token) => describeToken(note, token)).join(', ')}; ${question}; ` +
        (shifts.includes('moves')
          ? 'another of these values changes the answer'
          : shifts.includes('unknown')
            ? 'whether another value changes the answer could not be computed'
            : 'none of them changes the answer'),
      evidence: [used, ...listed].map((token) => spanOf(note, token.start, token.end)),
    },
  ];
}
