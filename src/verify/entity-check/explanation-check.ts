import type { Finding } from '../types.js';
import type { NumericEntity } from './entity-values.js';
import { findNames, spanOf, type NoteNumber } from './note-text.js';
import { isNearName, type NoteContext } from './numeric-check.js';
import { namesForQuantity } from './quantity-names.js';
import { matchNumber } from './value-match.js';

/** "The concentration of creatinine is 1.4 mg/dL.", "The patient's heart rate is 110 beats per minute." */
const STATEMENT =
  /\b(?:The concentration of|The patient's concentration of|The patient's|The)\s+([A-Za-z][A-Za-z0-9₂ '’()/-]{0,60}?)\s+(?:is|was)\s+(\d+(?:,\d{3})*(?:\.\d+)?)(?![\d.]*\s*[/*+×])/g;
const AGE_STATEMENT = /\bThe patient is (\d+(?:\.\d+)?) (years?|months?) old/g;
/** Statements about derived quantities, conversions and intermediate results, not about an entity. */
const DERIVED =
  /\b(?:normal|mass|corrected|mean|anion gap|delta|adjusted|ideal|score|RR interval|clearance|GFR|osmolality|deficit|mme|current total)\b/i;

interface StatedValue {
  name: string;
  token: NoteNumber;
}

function readStatements(explanation: string): StatedValue[] {
  const stated: StatedValue[] = [];
  const toToken = (text: string, index: number): NoteNumber => {
    const end = index + text.length;
    return {
      start: index,
      end,
      text,
      value: Number(text.replace(/,/g, '')),
      decimals: text.includes('.') ? text.length - text.indexOf('.') - 1 : 0,
      after: explanation.slice(end, end + 32),
      ageLike: false,
    };
  };
  for (const match of explanation.matchAll(STATEMENT)) {
    const [whole, name = '', value = ''] = match;
    if (DERIVED.test(name)) continue;
    stated.push({ name, token: toToken(value, match.index + whole.lastIndexOf(value)) });
  }
  for (const match of explanation.matchAll(AGE_STATEMENT)) {
    const value = match[1] ?? '';
    stated.push({ name: 'age', token: { ...toToken(value, match.index + 15), ageLike: true } });
  }
  return stated.sort((left, right) => left.token.start - right.token.start);
}

/** The entity a statement is about: the one with the longest name inside the statement's subject; ties skip. */
function pickEntity(name: string, entities: readonly NumericEntity[]): NumericEntity | undefined {
  let best: NumericEntity | undefined;
  let bestLength = 0;
  let tied = false;
  for (const entity of entities) {
    const length = Math.max(
      0,
      ...findNames(name, namesForQuantity(entity.key, entity.kind))
        .filter((hit) => !hit.weak)
        .map((hit) => hit.text.length),
    );
    if (length > bestLength) [best, bestLength, tied] = [entity, length, false];
    else if (length === bestLength && length > 0 && best?.key !== entity.key) tied = true;
  }
  return tied ? undefined : best;
}

/**
 * Compares the value the explanation states first for each numeric entity with the stored entity: a difference
 * means the label was derived from something else (entities edited afterwards, or a different reading).
 */
export function checkExplanation(
  { note, numbers: noteNumbers }: NoteContext,
  explanation: string,
  entities: readonly NumericEntity[],
): { findings: Finding[]; statements: number } {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  let statements = 0;
  for (const statement of readStatements(explanation)) {
    const entity =
      statement.name === 'age'
        ? entities.find((candidate) => candidate.kind === 'age')
        : pickEntity(
            statement.name,
            entities.filter((candidate) => candidate.kind !== 'age'),
          );
    if (entity === undefined || seen.has(entity.key)) continue;
    seen.add(entity.key);
    statements++;
    if (matchNumber(entity, statement.token).kind === 'match') continue;
    const hits = findNames(note, namesForQuantity(entity.key, entity.kind));
    const inNote = noteNumbers.filter(
      (token) => Math.abs(token.value - statement.token.value) < 1e-9 && isNearName(note, token, hits),
    );
    const statedText = `${statement.token.text}${statement.token.after.split(/[.,;\n]/)[0] ?? ''}`.trim();
    findings.push({
      category: 'extraction-error',
      severity: 'warning',
      entity: entity.key,
      message:
        `${entity.key}: the explanation uses ${statedText}, but the stored entity is ${entity.display}` +
        (inNote.length > 0 ? " (the note has the explanation's value)" : ''),
      evidence: inNote.slice(0, 3).map((token) => spanOf(note, token.start, token.end)),
    });
  }
  return { findings, statements };
}
