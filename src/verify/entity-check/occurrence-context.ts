import { readMentionContext } from './negation.js';
import type { NoteNumber } from './note-text.js';

/**
 * What one written number is, as a reading of the patient: an exact measurement, a censored one ("<10",
 * "above 5000", "undetectable"), one end of a range ("10-12"), or not the patient's measurement at all (a
 * reference range or quoted threshold, a drug dose, an object's weight, a relative's age or value, a change such
 * as "lost 5 kg"). Read from the text right around the number, within its clause.
 */
export type OccurrenceContext =
  | { kind: 'exact' }
  | { kind: 'censored'; qualifier: string }
  | { kind: 'range'; range: string }
  | { kind: 'reference'; cue: string }
  | { kind: 'dose'; cue: string }
  | { kind: 'object'; cue: string }
  | { kind: 'relative'; cue: string }
  | { kind: 'change'; cue: string };

export type OccurrenceKind = OccurrenceContext['kind'];

/** Kinds that say the number is not a measurement of this patient at this time. */
export const NOT_THE_PATIENT: ReadonlySet<OccurrenceKind> = new Set([
  'reference',
  'dose',
  'object',
  'relative',
  'change',
]);

// Qualifiers end right before the number ("< 10", "below 10", "greater than 5,000").
const QUALIFIER_BEFORE =
  /(?:[<>≤≥]=?|=<|=>|\b(?:below|above|less than|lower than|greater than|higher than|more than|in excess of|exceeding|up to|under|over|at least|at most|as (?:low|high) as|as much as))\s*(?:~\s*)?$/i;
const QUALIFIER_AFTER = /^\s*(?:\+(?![\d])|or (?:more|less|greater|higher|lower|above|below)\b)/i;
const CENSORED_WORDS = /\b(?:undetectable|non-?detectable|not detectable|below (?:the )?detection|trace)\b/i;
// A range: "10-12", "10 – 12", "10 to 12", "between 10 and 12" (not a date, not a pressure pair "120/80").
const RANGE_AFTER = /^\s*(?:-|–|—|to)\s*\d/;
const RANGE_BEFORE =
  /(?:(?<![A-Za-z])\d+(?:\.\d+)?\s*(?:-|–|—)\s*|(?<![A-Za-z])\d+(?:\.\d+)?\s+to\s+|between\s+)$/i;
const BETWEEN_AND = /between\s+[\d.,]+\s*[a-zA-Zµ/%^0-9]*\s*and\s*$/i;
const REFERENCE_CUE =
  /\b(?:normal|reference|ref\.?|range|nl|ULN|LLN|upper limit|lower limit|cut-?off|threshold|target|goal|defined as|criteri(?:on|a)|diagnostic of|should be|maintain|keep|if)\b[^.;\n]{0,25}$/i;
// A range or bound in a parenthesis opened right after another value: "K 3.2 (3.5–5.0)", "troponin 0.16 ng/mL
// (<0.010 ng/mL)". A parenthesis that gives a value plainly ("woman (180 cm, 60 kg)") is not one.
const PARENTHESISED_BOUND = /\d[^()\d]{0,25}\(\s*[<>≤≥]\s*$/;
const PARENTHESISED_RANGE_START = /\d[^()\d]{0,25}\(\s*$/;
const PARENTHESISED_RANGE_END = /\d[^()\d]{0,25}\(\s*[\d.,]+\s*(?:-|–|—|to)\s*$/;
const DOSE_UNIT =
  /^\s*(?:mg|mcg|µg|μg|ug|g|grams?|milligrams?|units?|IU|mEq|mmol)\b(?!\s*\/\s*(?:dL|L|l|dl|min|h|hr|kg|m2|d|day|24))/;
const DOSE_CUE =
  /\b(?:dose[sd]?|dosage|given|administered|received|receiving|started|treated|prescribed|taking|takes|took|bolus|infusion|infused|tablets?|capsules?|injection|injected|of (?:oral |iv |intravenous )?[a-z]+(?:ine|ol|ide|ate|one|pam|lam|cin|mab|pril|sartan|statin|olol|azole|mycin|cillin)|daily|twice|once|b\.?i\.?d|t\.?i\.?d|q\.?d|q\d+h|per day|\/day|PO|IV|IM|SC|orally|intravenous(?:ly)?)\b/i;
const OBJECT_AFTER =
  /^\s*(?:kg|kilograms?|lbs?|pounds?)\s*(?:\w+\s+)?(?:dumbbells?|barbells?|kettlebells?|objects?|bags?|box(?:es)?|loads?|packages?|sacks?|suitcases?|buckets?)\b/i;
// "a 2.3 kg weight": an article before, "weight" right after the unit and no "loss/gain/of/was" after that.
const OBJECT_WEIGHT_AFTER =
  /^\s*(?:kg|kilograms?|lbs?|pounds?)\s+weights?\b(?!\s*(?:loss|gain|of|was|is|at|on|in)\b)/i;
const ARTICLE_BEFORE = /\b(?:an?|the)\s+$/i;
const OBJECT_BEFORE =
  /\b(?:lift(?:s|ed|ing)?|carr(?:y|ies|ied|ying)|pull(?:s|ed|ing)?|push(?:es|ed|ing)?|hold(?:s|ing)?|held)\s+(?:an?|the|up)?\s*(?:approximately |about )?$/i;
const CHANGE_BEFORE =
  /\b(?:lost|losing|loss of|gained|gaining|gain of|drop(?:ped)? (?:of|by)|decrease(?:d)? (?:of|by)|increase(?:d)? (?:of|by)|rise (?:of|by)|rose by|fell by|fall of|reduction of|change of|delta of)\s*(?:approximately |about |nearly |over |almost )?$/i;
const CHANGE_AFTER =
  /^\s*(?:kg|kilograms?|lbs?|pounds?|%)?\s*(?:weight\s+)?(?:loss|gain|decrease|increase|reduction|drop)\b/i;
const RELATIVE_NEAR =
  /\b(?:mother|father|brother|sister|sibling|son|daughter|parent|grand(?:mother|father|parent)|aunt|uncle|cousin|wife|husband|spouse|twin)(?:'s)?\b/i;

function sliceClauseBefore(note: string, start: number, length: number): string {
  const before = note.slice(Math.max(0, start - length), start);
  const clauseBreak = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('; '));
  return clauseBreak < 0 ? before : before.slice(clauseBreak + 1);
}

/** Reads what the number at `token` is (see `OccurrenceContext`). */
export function readOccurrenceContext(note: string, token: NoteNumber): OccurrenceContext {
  const before = sliceClauseBefore(note, token.start, 60);
  const near = before.slice(-25);
  const after = token.after;
  const opening = note.slice(Math.max(0, token.start - 40), token.start);
  if (
    PARENTHESISED_BOUND.test(opening) ||
    PARENTHESISED_RANGE_END.test(opening) ||
    (PARENTHESISED_RANGE_START.test(opening) && RANGE_AFTER.test(after))
  )
    return { kind: 'reference', cue: 'a parenthesised range or bound after another value' };
  const reference = REFERENCE_CUE.exec(before);
  if (
    reference !== null &&
    (QUALIFIER_BEFORE.test(near) || RANGE_BEFORE.test(near) || RANGE_AFTER.test(after))
  )
    return { kind: 'reference', cue: reference[0].trim() };
  const change = CHANGE_BEFORE.exec(near) ?? CHANGE_AFTER.exec(after);
  if (change !== null) return { kind: 'change', cue: change[0].trim() };
  const object =
    OBJECT_BEFORE.exec(near) ??
    OBJECT_AFTER.exec(after) ??
    (ARTICLE_BEFORE.test(near) ? OBJECT_WEIGHT_AFTER.exec(after) : null);
  if (object !== null) return { kind: 'object', cue: object[0].trim() };
  if (DOSE_UNIT.test(after)) {
    const cue = DOSE_CUE.exec(before.slice(-40)) ?? DOSE_CUE.exec(after);
    if (cue !== null) return { kind: 'dose', cue: cue[0].trim() };
  }
  const relative = RELATIVE_NEAR.exec(before.slice(-50));
  if (relative !== null && readMentionContext(note, token.start, token.end) === 'other-person')
    return { kind: 'relative', cue: relative[0] };
  const qualifier = QUALIFIER_BEFORE.exec(near) ?? QUALIFIER_AFTER.exec(after);
  if (qualifier !== null) return { kind: 'censored', qualifier: qualifier[0].trim() };
  const censoredWord =
    CENSORED_WORDS.exec(note.slice(token.end, token.end + 20)) ?? CENSORED_WORDS.exec(near);
  if (censoredWord !== null) return { kind: 'censored', qualifier: censoredWord[0] };
  if (BETWEEN_AND.test(before)) return { kind: 'range', range: 'between … and' };
  if (RANGE_AFTER.test(after) || RANGE_BEFORE.test(near)) {
    const start = RANGE_BEFORE.test(near)
      ? token.start - (RANGE_BEFORE.exec(near)?.[0].length ?? 0)
      : token.start;
    const afterRange = RANGE_AFTER.exec(after);
    const end =
      afterRange === null
        ? token.end
        : token.end + afterRange[0].length + /^[\d.,]*/.exec(after.slice(afterRange[0].length))![0].length;
    return { kind: 'range', range: note.slice(Math.max(0, start - 1), end).trim() };
  }
  return { kind: 'exact' };
}
