import { formatNumber } from './format-number.js';
import { QUANTITY_KINDS, type QuantityKind } from './quantities.js';
import { convertUcum } from './ucum.js';
import { isMisspelledUnit, normaliseUnitText, toUcumCode } from './unit-text.js';

/**
 * Insulin: 1 µIU/mL = 6.00 pmol/L (the conversion recommended for harmonised assays; Knopp JL et al.,
 * "Insulin units and conversion factors", J Diabetes Sci Technol 2019;13:597-600). UCUM cannot relate
 * international units to moles, so this is the one hand-written factor.
 */
export const INSULIN_PMOL_PER_MICRO_IU = 6.0;

/** Why a converted value deserves a look; calculators' `WARNING_CODES` include these and say what each means. */
export type ConversionWarningCode = 'unit-typo-read-as-meant' | 'unit-not-how-measured' | 'implausible-value';

export interface ConversionWarning {
  code: ConversionWarningCode;
  text: string;
}

/** Why a value could not be converted: its unit (unknown, or not convertible to the kind's unit) or its value. */
export type ConversionFailureCode = 'unit-unknown' | 'value-unreadable';

export type Conversion =
  | { ok: true; value: number; unit: string; warnings: ConversionWarning[] }
  | { ok: false; code: ConversionFailureCode; reason: string };

const CELL_COUNT_KINDS: ReadonlySet<QuantityKind> = new Set(['white-cell-count', 'platelet-count']);

function resolveUnitCode(
  kind: QuantityKind,
  unitText: string,
  warnings: ConversionWarning[],
): string | undefined {
  if (unitText === QUANTITY_KINDS[kind].canonical) return unitText;
  const normalised = normaliseUnitText(unitText);
  // The benchmark writes cell counts per mm³ as "m^3"; a count per cubic metre is never meant.
  if (CELL_COUNT_KINDS.has(kind) && (normalised === 'm^3' || normalised === 'm3')) {
    warnings.push({
      code: 'unit-typo-read-as-meant',
      text: `unit "${unitText}" read as per mm³ (a count per cubic metre is not a clinical unit)`,
    });
    return '/mm3';
  }
  const code = toUcumCode(unitText);
  if (code !== undefined && isMisspelledUnit(unitText)) {
    warnings.push({ code: 'unit-typo-read-as-meant', text: `misspelled unit "${unitText}" read as ${code}` });
  }
  return code;
}

/**
 * Converts a value with a free-text unit into the canonical unit of its quantity kind, exactly (no
 * intermediate rounding). Implausible results are returned with a warning, never altered.
 */
export function convertToCanonical(kind: QuantityKind, value: number, unitText: string): Conversion {
  const spec = QUANTITY_KINDS[kind];
  const warnings: ConversionWarning[] = [];
  if (!Number.isFinite(value))
    return {
      ok: false,
      code: 'value-unreadable',
      reason: `${kind} value ${String(value)} is not a finite number`,
    };
  const fromCode = resolveUnitCode(kind, unitText, warnings);
  if (fromCode === undefined) {
    return {
      ok: false,
      code: 'unit-unknown',
      reason: `unknown unit "${unitText}" for ${kind} (expected e.g. ${spec.display})`,
    };
  }
  let converted: number | undefined;
  if (kind === 'insulin' && fromCode === 'pmol/L') {
    converted = value / INSULIN_PMOL_PER_MICRO_IU;
  } else {
    converted = convertUcum(
      value,
      { from: fromCode, to: spec.canonical },
      {
        ...('molecularWeight' in spec ? { molecularWeight: spec.molecularWeight } : {}),
        ...('charge' in spec ? { charge: spec.charge } : {}),
      },
    );
  }
  if (converted === undefined) {
    return {
      ok: false,
      code: 'unit-unknown',
      reason: `cannot convert ${kind} from "${unitText}" to ${spec.display}`,
    };
  }
  // UCUM converts through base units in several floating-point steps, which leaves binary noise (100.4 °F ->
  // 38.00000000000006 °C) that would flip strict clinical thresholds. 14 significant digits removes the noise
  // and nothing a measurement could carry.
  if (fromCode !== spec.canonical) converted = Number(converted.toPrecision(14));
  const suspicious: readonly string[] = 'suspiciousUnits' in spec ? spec.suspiciousUnits : [];
  if (suspicious.includes(fromCode)) {
    warnings.push({
      code: 'unit-not-how-measured',
      text:
        `${kind} reported in ${unitText}, which is not how it is measured; converted literally ` +
        `to ${formatNumber(converted, 6)} ${spec.display} (the unit is probably wrong)`,
    });
  }
  const plausibility = checkPlausible(kind, converted);
  if (plausibility !== undefined) {
    const given = fromCode === spec.canonical ? '' : ` (given as ${formatNumber(value, 6)} ${unitText})`;
    warnings.push({ code: 'implausible-value', text: `${plausibility}${given}` });
  }
  return { ok: true, value: converted, unit: spec.canonical, warnings };
}

/** A warning sentence if the canonical value lies outside the plausible range of its kind. */
export function checkPlausible(kind: QuantityKind, value: number): string | undefined {
  const spec = QUANTITY_KINDS[kind];
  const [low, high] = spec.plausible;
  if (value >= low && value <= high) return undefined;
  return `implausible ${kind} ${formatNumber(value, 6)} ${spec.display}: outside ${low}–${high} ${spec.display}`;
}
