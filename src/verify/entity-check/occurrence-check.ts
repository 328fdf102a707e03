import type { Finding } from '../types.js';
import type { NumericEntity } from './entity-values.js';
import { NOT_THE_PATIENT, readOccurrenceContext, type OccurrenceContext } from './occurrence-context.js';
import { spanOf, type NoteNumber } from './note-text.js';

const MAX_EVIDENCE = 3;

function describe(context: OccurrenceContext): string {
  switch (context.kind) {
    case 'exact':
      return 'exact';
    case 'censored':
      return `censored ("${context.qualifier}")`;
    case 'range':
      return `a range ("${context.range}")`;
    case 'reference':
      return `a reference range or threshold ("${context.cue}")`;
    case 'dose':
      return `a dose ("${context.cue}")`;
    case 'object':
      return `an object's weight ("${context.cue}")`;
    case 'relative':
      return `about a relative ("${context.cue}")`;
    case 'change':
      return `a change, not a level ("${context.cue}")`;
  }
}

/** Drug doses are the measurement for dose entities (steroid conversion, MME); they are not excluded there. */
function readContexts(note: string, entity: NumericEntity, occurrences: readonly NoteNumber[]) {
  return occurrences.map((token) => {
    const context = readOccurrenceContext(note, token);
    const isDoseEntity =
      entity.kind === 'drug-mass' || entity.drug !== undefined || /\bdose\b/i.test(entity.key);
    return { token, context: context.kind === 'dose' && isDoseEntity ? { kind: 'exact' as const } : context };
  });
}

/**
 * Checks how the note writes the stored value where it writes it next to a name for it. When no occurrence is a
 * plain measurement: every occurrence being someone else's or something else's number (a reference range, a
 * quoted threshold, a dose, an object's weight, a relative, a change) is an `error` (the label used a number
 * that is not the patient's); an occurrence that is censored ("<10", "above 5000", "undetectable") or one end of
 * a range ("10-12") is a `warning` (the label took a bound as exact; whether that moves the answer is not
 * judged here). Silent when some occurrence is a plain measurement.
 */
export function checkOccurrences(
  note: string,
  entity: NumericEntity,
  occurrences: readonly NoteNumber[],
): Finding[] {
  if (occurrences.length === 0) return [];
  const read = readContexts(note, entity, occurrences);
  if (read.some(({ context }) => context.kind === 'exact')) return [];
  const evidence = read.slice(0, MAX_EVIDENCE).map(({ token }) => spanOf(note, token.start, token.end));
  const kinds = [...new Set(read.map(({ context }) => describe(context)))].join('; ');
  if (read.every(({ context }) => NOT_THE_PATIENT.has(context.kind))) {
    return [
      {
        category: 'extraction-error',
        severity: 'error',
        entity: entity.key,
        message: `${entity.key} ${entity.display}: the note writes this value only as ${kinds}, not as the patient's measurement`,
        evidence,
      },
    ];
  }
  return [
    {
      category: 'extraction-error',
      severity: 'warning',
      entity: entity.key,
      message: `${entity.key} ${entity.display}: stored as exact, but the note writes it only as ${kinds}`,
      evidence,
    },
  ];
}
