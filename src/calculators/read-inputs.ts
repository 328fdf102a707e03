import {
  convertToCanonical,
  formatNumber,
  parseCalendarDate,
  possibleRange,
  QUANTITY_KINDS,
  type CalendarDate,
  type ConversionWarning,
} from '../units/index.js';
import type {
  DrugDose,
  DrugDoseInputSpec,
  EnumInputSpec,
  InputSchema,
  InputSpec,
  NumberInputSpec,
  QuantityInputSpec,
  Sex,
} from './types.js';
import type { CalculatorWarning, InvalidInput, InvalidInputCode } from './warnings.js';

/**
 * Where input values come from: `entities` are MedCalc-Bench `Relevant Entities` (display-name keys, unknown
 * keys ignored with a warning); `clean` is a user's JSON keyed by our input names (unknown keys are errors).
 */
export type InputOrigin = 'entities' | 'clean';

export interface ReadInputsResult {
  values: Record<string, unknown>;
  warnings: CalculatorWarning[];
  assumptions: string[];
  /** Present but unusable inputs, each with its code and the text "name: reason". */
  invalid: InvalidInput[];
  /** Keys in the source that no input claims. */
  unknownKeys: string[];
}

type Parsed =
  | { ok: true; value: unknown; warnings?: (ConversionWarning | CalculatorWarning)[]; assumption?: string }
  | { ok: false; code: InvalidInputCode; reason: string };

/** A value in the wrong shape or out of the input's vocabulary. */
function unreadable(reason: string): Parsed {
  return { ok: false, code: 'value-unreadable', reason };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** A quantity in its canonical unit, rejected when no such value can exist (a negative weight). */
function parseQuantity(spec: QuantityInputSpec, raw: unknown): Parsed {
  const parsed = convertQuantity(spec, raw);
  if (!parsed.ok || typeof parsed.value !== 'number') return parsed;
  const [low, high] = possibleRange(spec.quantity);
  if (parsed.value < low || parsed.value > high) {
    const display = QUANTITY_KINDS[spec.quantity].display;
    const range =
      high === Number.POSITIVE_INFINITY ? `at least ${low} ${display}` : `${low}–${high} ${display}`;
    return {
      ok: false,
      code: 'value-impossible',
      reason: `${formatNumber(parsed.value)} ${display} is impossible for ${spec.label} (valid: ${range})`,
    };
  }
  return parsed;
}

function convertQuantity(spec: QuantityInputSpec, raw: unknown): Parsed {
  const canonical = QUANTITY_KINDS[spec.quantity];
  const bare = toNumber(raw);
  if (bare !== undefined) {
    const conversion = convertToCanonical(spec.quantity, bare, canonical.canonical);
    if (!conversion.ok) return conversion;
    return {
      ok: true,
      value: conversion.value,
      warnings: conversion.warnings,
      assumption: `${spec.label} given without a unit: read as ${canonical.display}`,
    };
  }
  // [value, unit] or [ft, 'ft', in, 'in'] (compound heights) or {value, unit}
  let parts: { value: number; unit: string }[] | undefined;
  if (Array.isArray(raw) && raw.length % 2 === 0 && raw.length > 0) {
    parts = [];
    for (let index = 0; index < raw.length; index += 2) {
      const value = toNumber(raw[index]);
      const unit: unknown = raw[index + 1];
      if (value === undefined || typeof unit !== 'string')
        return unreadable(`expected [number, unit], got ${describe(raw)}`);
      parts.push({ value, unit });
    }
  } else if (isRecord(raw)) {
    const value = toNumber(raw['value']);
    const unit = raw['unit'];
    if (value === undefined || typeof unit !== 'string')
      return unreadable(`expected {value, unit}, got ${describe(raw)}`);
    parts = [{ value, unit }];
  }
  if (parts === undefined) return unreadable(`expected [number, unit], got ${describe(raw)}`);
  let total = 0;
  const warnings: ConversionWarning[] = [];
  for (const part of parts) {
    const conversion = convertToCanonical(spec.quantity, part.value, part.unit);
    if (!conversion.ok) return conversion;
    total += conversion.value;
    warnings.push(...conversion.warnings);
  }
  return { ok: true, value: total, warnings };
}

function parseBoolean(raw: unknown): Parsed {
  if (typeof raw === 'boolean') return { ok: true, value: raw };
  if (raw === 1 || raw === 0) return { ok: true, value: raw === 1 };
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase();
    if (['true', 'yes', 'present', 'y'].includes(text)) return { ok: true, value: true };
    if (['false', 'no', 'absent', 'n'].includes(text)) return { ok: true, value: false };
  }
  return unreadable(`expected true or false, got ${describe(raw)}`);
}

function matchOption<Option extends string>(
  text: string,
  options: readonly Option[],
  aliases: Readonly<Record<string, Option>> | undefined,
): Option | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return options.find((option) => option.toLowerCase() === key) ?? aliases?.[key];
}

function parseEnum(spec: EnumInputSpec, raw: unknown): Parsed {
  if (typeof raw === 'boolean' && spec.fromBoolean) {
    return { ok: true, value: raw ? spec.fromBoolean.true : spec.fromBoolean.false };
  }
  if (typeof raw === 'string') {
    const option = matchOption(raw, spec.options, spec.aliases);
    if (option !== undefined) return { ok: true, value: option };
  }
  return unreadable(
    `expected one of ${spec.options.map((option) => `"${option}"`).join(', ')}, got ${describe(raw)}`,
  );
}

function parseNumber(spec: NumberInputSpec, raw: unknown): Parsed {
  const value = toNumber(raw) ?? (Array.isArray(raw) ? toNumber(raw[0]) : undefined);
  if (value === undefined) return unreadable(`expected a number, got ${describe(raw)}`);
  if (spec.integer === true && !Number.isInteger(value))
    return unreadable(`expected a whole number, got ${value}`);
  const warnings: CalculatorWarning[] = [];
  if (spec.plausible && (value < spec.plausible[0] || value > spec.plausible[1])) {
    warnings.push({
      code: 'implausible-value',
      text: `implausible ${spec.label} ${value}: outside ${spec.plausible[0]}–${spec.plausible[1]}`,
    });
  }
  return { ok: true, value, warnings };
}

function parseSex(raw: unknown): Parsed {
  if (typeof raw === 'string') {
    const text = raw.trim().toLowerCase();
    const sex: Sex | undefined = ['male', 'm', 'man'].includes(text)
      ? 'male'
      : ['female', 'f', 'woman'].includes(text)
        ? 'female'
        : undefined;
    if (sex !== undefined) return { ok: true, value: sex };
  }
  return unreadable(`expected "Male" or "Female", got ${describe(raw)}`);
}

function parseDate(raw: unknown): Parsed {
  const date: CalendarDate | undefined = typeof raw === 'string' ? parseCalendarDate(raw) : undefined;
  if (date !== undefined) return { ok: true, value: date };
  return unreadable(`expected a date MM/DD/YYYY, got ${describe(raw)}`);
}

function parseDrugDose(spec: DrugDoseInputSpec, raw: unknown): Parsed {
  let drugText: unknown, doseRaw: unknown, unitRaw: unknown;
  if (Array.isArray(raw) && raw.length === 3) [drugText, doseRaw, unitRaw] = raw as unknown[];
  else if (isRecord(raw)) [drugText, doseRaw, unitRaw] = [raw['drug'], raw['dose'], raw['unit'] ?? 'mg'];
  const dose = toNumber(doseRaw);
  if (typeof drugText !== 'string' || dose === undefined || typeof unitRaw !== 'string') {
    return unreadable(`expected [drug, dose, unit], got ${describe(raw)}`);
  }
  const drug = matchOption(drugText, spec.drugs, spec.aliases);
  if (drug === undefined) return unreadable(`unknown drug "${drugText}" (known: ${spec.drugs.join(', ')})`);
  const conversion = convertToCanonical('drug-mass', dose, unitRaw);
  if (!conversion.ok) return conversion;
  const value: DrugDose = { drug, doseMg: conversion.value };
  return { ok: true, value, warnings: conversion.warnings };
}

function parseInput(spec: InputSpec, raw: unknown): Parsed {
  switch (spec.type) {
    case 'quantity':
      return parseQuantity(spec, raw);
    case 'boolean':
      return parseBoolean(raw);
    case 'enum':
      return parseEnum(spec, raw);
    case 'number':
      return parseNumber(spec, raw);
    case 'sex':
      return parseSex(raw);
    case 'date':
      return parseDate(raw);
    case 'drug-dose':
      return parseDrugDose(spec, raw);
  }
}

/**
 * Reads a calculator's inputs from an entity dict or a clean JSON object. Quantities are converted to their
 * canonical unit; missing inputs stay undefined (each calculator decides whether a default applies). When
 * several entity keys carry one input (RCRI has two cerebrovascular keys), a boolean is true if any key is true
 * and other types take the first key present; disagreement is reported as a warning.
 */
export function readInputs(
  schema: InputSchema,
  source: Readonly<Record<string, unknown>>,
  origin: InputOrigin,
): ReadInputsResult {
  const result: ReadInputsResult = {
    values: {},
    warnings: [],
    assumptions: [],
    invalid: [],
    unknownKeys: [],
  };
  const claimed = new Set<string>();
  for (const [name, spec] of Object.entries(schema)) {
    const keys = origin === 'clean' ? [name] : spec.entityKeys;
    const present = keys.filter((key) => source[key] !== undefined && source[key] !== null);
    keys.forEach((key) => claimed.add(key));
    if (present.length === 0) continue;
    const parsed = present.map((key) => ({ key, parsed: parseInput(spec, source[key]) }));
    const failures = parsed.filter((entry) => !entry.parsed.ok);
    const successes = parsed.flatMap((entry) =>
      entry.parsed.ok ? [{ key: entry.key, parsed: entry.parsed }] : [],
    );
    if (successes.length === 0) {
      const first = failures[0]?.parsed;
      result.invalid.push(
        first && !first.ok
          ? { input: name, code: first.code, text: `${name}: ${first.reason}` }
          : { input: name, code: 'value-unreadable', text: `${name}: unreadable` },
      );
      continue;
    }
    for (const failure of failures) {
      if (!failure.parsed.ok)
        result.warnings.push({
          code: 'entity-value-ignored',
          text: `${name}: ignored "${failure.key}": ${failure.parsed.reason}`,
        });
    }
    const chosen =
      spec.type === 'boolean'
        ? (successes.find((entry) => entry.parsed.value === true) ?? successes[0])
        : successes[0];
    if (chosen === undefined) continue;
    const distinct = new Set(successes.map((entry) => JSON.stringify(entry.parsed.value)));
    if (distinct.size > 1) {
      result.warnings.push({
        code: 'entity-keys-disagree',
        text: `${name}: entity keys disagree (${successes.map((entry) => `"${entry.key}" = ${JSON.stringify(entry.parsed.value)}`).join(', ')}); used "${chosen.key}"`,
      });
    }
    result.values[name] = chosen.parsed.value;
    result.warnings.push(
      ...(chosen.parsed.warnings ?? []).map((warning) => ({
        code: warning.code,
        text: `${spec.label}: ${warning.text}`,
      })),
    );
    // A bare number is the documented contract for clean inputs; only in benchmark entities is it an assumption.
    if (chosen.parsed.assumption !== undefined && origin === 'entities')
      result.assumptions.push(chosen.parsed.assumption);
  }
  for (const key of Object.keys(source)) {
    if (!claimed.has(key)) result.unknownKeys.push(key);
  }
  if (origin === 'entities') {
    for (const key of result.unknownKeys)
      result.warnings.push({
        code: 'unknown-entity-ignored',
        text: `entity "${key}" is not an input of this calculator; ignored`,
      });
  }
  return result;
}
