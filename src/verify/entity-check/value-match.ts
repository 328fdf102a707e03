import { QUANTITY_KINDS, type QuantityKind } from '../../units/index.js';
import type { NumericEntity } from './entity-values.js';
import { readWrittenQuantity, toCanonical, type NoteQuantity } from './note-units.js';
import type { NoteNumber } from './note-text.js';

/**
 * Does a number in the note carry the entity's value? Rounding is allowed either way (the entity 1.4 matches the
 * note's 1.43 and 1.40); a value in another unit is compared in the canonical unit with the rounding of both
 * numbers carried through the conversion, plus 0.5 % for differing molar masses and conversion chains.
 */
export type TokenMatch =
  { kind: 'match'; noteUnit: string } | { kind: 'unit-differs'; noteUnit: string } | { kind: 'none' };

const CROSS_UNIT_SLACK = 0.005;
const EPSILON = 1e-9;

function halfStep(decimals: number): number {
  return 0.5 * 10 ** -decimals;
}

interface Written {
  value: number;
  decimals: number;
}

/** Equal up to the rounding of the less precise of the two numbers. */
function agreesWritten(note: Written, entity: Written): boolean {
  return (
    Math.abs(note.value - entity.value) <=
    Math.max(halfStep(note.decimals), halfStep(entity.decimals)) + EPSILON
  );
}

const COUNT_KINDS: ReadonlySet<QuantityKind> = new Set(['white-cell-count', 'platelet-count']);

/** How much one unit of the written value moves the canonical value (1 for the canonical unit, 1.8⁻¹ for °F). */
function slopeOf(kind: QuantityKind, value: number, unit: string): number {
  const here = toCanonical(kind, value, unit);
  const next = toCanonical(kind, value + 1, unit);
  return here === undefined || next === undefined ? 1 : Math.abs(next - here);
}

function sameScale(kind: QuantityKind, left: string, right: string): boolean {
  for (const probe of [1, 100]) {
    const a = toCanonical(kind, probe, left);
    const b = toCanonical(kind, probe, right);
    if (a === undefined || b === undefined || Math.abs(a - b) > EPSILON * Math.max(1, Math.abs(a)))
      return false;
  }
  return true;
}

function agreesCanonical(entity: NumericEntity, token: NoteNumber, written: NoteQuantity): boolean {
  const kind = entity.kind;
  if (kind === undefined || entity.canonical === undefined) return false;
  const entityUnit = entity.unit === '' ? QUANTITY_KINDS[kind].canonical : entity.unit;
  if (written.factor === 1 && sameScale(kind, written.resolvedUnit, entityUnit)) {
    return agreesWritten(token, entity);
  }
  const tolerance =
    Math.max(
      halfStep(token.decimals) * written.factor * slopeOf(kind, token.value, written.resolvedUnit),
      halfStep(entity.decimals) * slopeOf(kind, entity.value, entityUnit),
    ) +
    CROSS_UNIT_SLACK * Math.abs(entity.canonical) +
    EPSILON;
  return Math.abs(written.canonical - entity.canonical) <= tolerance;
}

/** The token's quantity when a unit of the entity's kind is written after it. */
export function readTokenQuantity(
  kind: QuantityKind | undefined,
  token: NoteNumber,
): NoteQuantity | undefined {
  if (kind === undefined) return undefined;
  if (token.unit !== undefined) {
    const canonical = toCanonical(kind, token.value, token.unit);
    return canonical === undefined
      ? undefined
      : { canonical, unitText: token.unit, resolvedUnit: token.unit, factor: 1 };
  }
  return readWrittenQuantity(kind, token.value, token.after);
}

export function matchNumber(entity: NumericEntity, token: NoteNumber): TokenMatch {
  const written = readTokenQuantity(entity.kind, token);
  if (written !== undefined) {
    if (agreesCanonical(entity, token, written)) return { kind: 'match', noteUnit: written.unitText };
    if (agreesWritten(token, entity)) {
      return { kind: 'unit-differs', noteUnit: written.unitText };
    }
    return { kind: 'none' };
  }
  // No unit of this kind after the number: the note may leave the unit implicit ("Cr 1.4", "WBC 13.1").
  if (agreesWritten(token, entity)) return { kind: 'match', noteUnit: '' };
  if (
    entity.canonical !== undefined &&
    agreesWritten(token, { value: entity.canonical, decimals: entity.decimals })
  ) {
    return { kind: 'match', noteUnit: '' };
  }
  if (entity.kind !== undefined && COUNT_KINDS.has(entity.kind) && entity.canonical !== undefined) {
    // Counts per µL written bare ("WBC 13100") against a canonical ×10⁹/L entity, or the reverse.
    if (
      agreesWritten(
        { value: token.value / 1000, decimals: token.decimals + 3 },
        { value: entity.canonical, decimals: 3 },
      )
    )
      return { kind: 'match', noteUnit: '' };
  }
  return { kind: 'none' };
}
