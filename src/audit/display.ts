import { findCatalogEntryByMedcalcId, type BenchmarkOutputType } from '../catalog/medcalc-bench.js';

/** Integers within this of a whole number are shown whole (a recomputed score of 2.9999999999 is 3). */
const WHOLE_TOLERANCE = 1e-6;

/** Decimal places shown for decimal outputs of 1 or more; smaller values keep 3 significant digits instead. */
const DECIMAL_PLACES = 3;

function formatDecimal(label: string): string {
  if (!/^-?\d+\.\d{4,}$/.test(label)) return label;
  const value = Number(label);
  // 0.000123456 to 3 places would read as 0: keep 3 significant digits below 1.
  if (value !== 0 && Math.abs(value) < 1) return String(Number(value.toPrecision(DECIMAL_PLACES)));
  return String(Number(value.toFixed(DECIMAL_PLACES)));
}

/**
 * A label as people read it in tables and reports, with the precision the calculator's output type implies:
 * an `integer` calculator's whole numbers without decimals (`3.0` → `3`), a `decimal` calculator's long values
 * to 3 places (3 significant digits below 1). Recomputed values are stored unrounded (the release step decides
 * rounding); the stored and JSON values stay exact. A non-whole value of an integer calculator is shown as a
 * decimal (it is a finding, not noise), and dates, (weeks, days) and texts are shown as written. Without an
 * output type only long decimals are shortened.
 */
export function formatLabelForDisplay(label: string, outputType?: BenchmarkOutputType): string {
  if (outputType === 'integer' && /^-?\d+(?:\.\d+)?$/.test(label)) {
    const value = Number(label);
    const whole = Math.round(value);
    if (Math.abs(value - whole) <= WHOLE_TOLERANCE) return String(whole === 0 ? 0 : whole);
  }
  if (outputType === 'date' || outputType === 'weeks-days') return label;
  return formatDecimal(label);
}

/** The output type of a MedCalc-Bench calculator id; undefined for an unknown or missing id. */
export function findOutputType(calculatorId: number | undefined): BenchmarkOutputType | undefined {
  return calculatorId === undefined ? undefined : findCatalogEntryByMedcalcId(calculatorId)?.outputType;
}
