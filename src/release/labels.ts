import { findCatalogEntryByMedcalcId } from '../catalog/medcalc-bench.js';
import { parseWeeksDaysLabel } from '../dataset/validate-label.js';
import { formatUsDate, parseCalendarDate } from '../units/calendar.js';
import type { ToleranceConventionId } from './conventions.js';
import { NOT_AVAILABLE_LABEL } from './types.js';
import type { LabelKind } from './types.js';

const NOT_AVAILABLE = /^(n\/a|na|none|not computable|not-computable)$/i;

/** The output type that governs an item's label: the catalog's, else the row's `Output Type`. */
export function findLabelKind(calculatorId: number | null, outputType: string | null): LabelKind {
  const entry = calculatorId === null ? undefined : findCatalogEntryByMedcalcId(calculatorId);
  if (entry !== undefined) return entry.outputType;
  if (outputType === 'decimal' || outputType === 'integer' || outputType === 'date') return outputType;
  return 'unknown';
}

export function isNotAvailable(label: string): boolean {
  return NOT_AVAILABLE.test(label.trim());
}

/** A label written as v1.0 writes labels of its kind, or the problem with it. */
export type NormalisedLabel = { ok: true; label: string } | { ok: false; problem: string };

/** Rounds to 3 decimals, half away from zero, without trailing zeros (`-0` → `0`). */
export function formatDecimal3(value: number): string {
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * 1000 + 1e-9)) / 1000;
  const text = String(rounded === 0 ? 0 : rounded);
  return text.includes('e') ? rounded.toFixed(3).replace(/\.?0+$/, '') : text;
}

/**
 * Writes a new label (a verifier's or physician's answer) in the v1.0 format of its kind: decimals to 3 dp,
 * integers whole, dates MM/DD/YYYY, gestational age `('W weeks', 'D days')`; N/A spellings become `N/A`.
 */
export function normaliseLabel(label: string, kind: LabelKind): NormalisedLabel {
  const text = label.trim();
  if (isNotAvailable(text)) return { ok: true, label: NOT_AVAILABLE_LABEL };
  switch (kind) {
    case 'decimal':
    case 'integer': {
      const value = text === '' ? Number.NaN : Number(text);
      if (!Number.isFinite(value)) return { ok: false, problem: `"${label}" is not a number` };
      if (kind === 'decimal') return { ok: true, label: formatDecimal3(value) };
      if (!Number.isInteger(value)) return { ok: false, problem: `"${label}" is not a whole number` };
      return { ok: true, label: String(value === 0 ? 0 : value) };
    }
    case 'date': {
      const date = parseCalendarDate(text);
      return date === undefined
        ? { ok: false, problem: `"${label}" is not a date MM/DD/YYYY` }
        : { ok: true, label: formatUsDate(date) };
    }
    case 'weeks-days': {
      const pair = parseWeeksDaysLabel(text) ?? (/^\d+$/.test(text) ? daysToPair(Number(text)) : undefined);
      if (pair === undefined) return { ok: false, problem: `"${label}" is not a (weeks, days) pair` };
      const total = pair.weeks * 7 + pair.days;
      const { weeks, days } = daysToPair(total);
      return { ok: true, label: `('${weeks} weeks', '${days} days')` };
    }
    case 'unknown':
      return { ok: true, label: text };
  }
}

function daysToPair(total: number): { weeks: number; days: number } {
  return { weeks: Math.floor(total / 7), days: total % 7 };
}

// ------------------------------------------------------------------ exact decimal arithmetic for the limits

interface Decimal {
  digits: bigint;
  scale: number;
}

function parseDecimal(text: string): Decimal | undefined {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (match === null) return undefined;
  const fraction = match[3] ?? '';
  const digits = BigInt(`${match[2] ?? '0'}${fraction}`);
  return { digits: match[1] === '-' ? -digits : digits, scale: fraction.length };
}

function formatExact(value: Decimal): string {
  const negative = value.digits < 0n;
  let text = (negative ? -value.digits : value.digits).toString().padStart(value.scale + 1, '0');
  if (value.scale > 0) {
    text = `${text.slice(0, text.length - value.scale)}.${text.slice(text.length - value.scale)}`;
    text = text.replace(/\.?0+$/, '');
  }
  return text === '0' ? '0' : `${negative ? '-' : ''}${text}`;
}

/** `value × percent / 100`, exactly. */
function scaleByPercent(value: Decimal, percent: bigint): Decimal {
  return { digits: value.digits * percent, scale: value.scale + 2 };
}

/**
 * Lower and Upper Limit of a label, in v1.0's textual format. Under the ±5% conventions a decimal label gets
 * label × 0.95 and × 1.05 computed exactly (this reproduces all 627 decimal rows of v1.0), as [min, max]; every
 * other kind gets Lower = Upper = label; N/A gets N/A.
 */
export function computeLimits(
  label: string,
  kind: LabelKind,
  tolerance: ToleranceConventionId,
): { lower: string; upper: string } {
  if (label === NOT_AVAILABLE_LABEL) return { lower: NOT_AVAILABLE_LABEL, upper: NOT_AVAILABLE_LABEL };
  const relative =
    (tolerance === 'tolerance-relative-5pct' && kind === 'decimal') ||
    (tolerance === 'tolerance-relative-5pct-all-numeric' && (kind === 'decimal' || kind === 'integer'));
  const value = relative ? parseDecimal(label) : undefined;
  if (value === undefined) return { lower: label, upper: label };
  const low = formatExact(scaleByPercent(value, 95n));
  const high = formatExact(scaleByPercent(value, 105n));
  return value.digits < 0n ? { lower: high, upper: low } : { lower: low, upper: high };
}
