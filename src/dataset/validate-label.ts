import type { CatalogEntry } from '../catalog/medcalc-bench.js';
import { parseCalendarDate } from '../units/calendar.js';
import type { ColumnField } from './columns.js';
import { safeParsePythonLiteral } from './python-literal.js';

interface LabelIssue {
  column: ColumnField;
  message: string;
  severity: 'error' | 'warning';
}

const NOT_AVAILABLE = /^(n\/a|na|none|not computable)$/i;

function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Parses a gestational-age label: "('14 weeks', '1 days')" or "(14, 1)". */
export function parseWeeksDaysLabel(text: string): { weeks: number; days: number } | undefined {
  const parsed = safeParsePythonLiteral(text);
  if (!parsed.ok || !Array.isArray(parsed.value) || parsed.value.length !== 2) return undefined;
  const numbers = parsed.value.map((part) => {
    if (typeof part === 'number') return part;
    const match = typeof part === 'string' ? /^\s*(\d+)\s*(weeks?|days?)?\s*$/.exec(part) : null;
    return match ? Number(match[1]) : Number.NaN;
  });
  const [weeks, days] = numbers;
  if (weeks === undefined || days === undefined || !Number.isInteger(weeks) || !Number.isInteger(days))
    return undefined;
  return { weeks, days };
}

/**
 * Checks a row's label and limits against its calculator's output type: numbers parse, integers are whole,
 * dates are real MM/DD/YYYY dates, gestational ages are (weeks, days), and the label lies within its limits.
 */
export function validateLabel(row: {
  entry: CatalogEntry;
  outputType: string | undefined;
  label: string;
  lowerLimit: string | undefined;
  upperLimit: string | undefined;
}): LabelIssue[] {
  const issues: LabelIssue[] = [];
  const { entry, label } = row;
  const expectedType = entry.outputType === 'weeks-days' ? 'integer' : entry.outputType;
  if (
    row.outputType !== undefined &&
    row.outputType !== expectedType &&
    row.outputType !== entry.outputType
  ) {
    issues.push({
      column: 'outputType',
      severity: 'warning',
      message: `"${row.outputType}" but calculator ${entry.medcalcId} outputs ${entry.outputType}`,
    });
  }
  if (label === '') return [...issues, { column: 'label', severity: 'error', message: 'empty label' }];
  if (NOT_AVAILABLE.test(label)) return issues;
  switch (entry.outputType) {
    case 'date':
      if (parseCalendarDate(label) === undefined) {
        issues.push({ column: 'label', severity: 'error', message: `"${label}" is not a date MM/DD/YYYY` });
      }
      return issues;
    case 'weeks-days':
      if (parseWeeksDaysLabel(label) === undefined && !/^\d+$/.test(label)) {
        issues.push({
          column: 'label',
          severity: 'error',
          message: `"${label}" is not a (weeks, days) pair or a day count`,
        });
      }
      return issues;
    case 'decimal':
    case 'integer': {
      const value = parseDecimal(label);
      if (value === undefined) {
        issues.push({ column: 'label', severity: 'error', message: `"${label}" is not a number` });
        return issues;
      }
      if (entry.outputType === 'integer' && !Number.isInteger(value)) {
        issues.push({
          column: 'label',
          severity: 'warning',
          message: `"${label}" is not a whole number for an integer score`,
        });
      }
      const lower = parseDecimal(row.lowerLimit);
      const upper = parseDecimal(row.upperLimit);
      if (lower === undefined)
        issues.push({
          column: 'lowerLimit',
          severity: 'error',
          message: `"${row.lowerLimit ?? ''}" is not a number`,
        });
      if (upper === undefined)
        issues.push({
          column: 'upperLimit',
          severity: 'error',
          message: `"${row.upperLimit ?? ''}" is not a number`,
        });
      if (lower !== undefined && upper !== undefined) {
        if (lower > upper)
          issues.push({
            column: 'lowerLimit',
            severity: 'error',
            message: `lower limit ${lower} exceeds upper limit ${upper}`,
          });
        else if (value < lower || value > upper) {
          issues.push({
            column: 'label',
            severity: 'error',
            message: `label ${value} lies outside its limits [${lower}, ${upper}]`,
          });
        }
      }
      return issues;
    }
  }
}
