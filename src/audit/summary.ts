import { compareText } from '../compare-text.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import type { TriageStatus } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { ErrorCategory } from '../verify/types.js';
import type { AuditItem, AuditSummary, CalculatorAuditSummary } from './types.js';

function zeroStatuses(): Record<TriageStatus, number> {
  return Object.fromEntries(TRIAGE_STATUSES.map((status) => [status, 0])) as Record<TriageStatus, number>;
}

/**
 * Whether a status says the label is suspect: a relabel, a physician's call, or N/A. Neither `confirmed` nor
 * `extraction-unverified` is (the latter's arithmetic agrees; only its extraction is unchecked).
 */
export function isSuspect(status: TriageStatus): boolean {
  return status === 'relabel-proposed' || status === 'needs-physician' || status === 'not-computable';
}

/** Totals per triage status, per error category (items, not findings) and per calculator. */
export function summariseAudit(items: readonly AuditItem[]): AuditSummary {
  const byStatus = zeroStatuses();
  const byCategory = Object.fromEntries(ERROR_CATEGORIES.map((category) => [category, 0])) as Record<
    ErrorCategory,
    number
  >;
  const calculators = new Map<string, CalculatorAuditSummary>();
  for (const item of items) {
    byStatus[item.triage.status]++;
    const categories = new Set(item.verdicts.flatMap((verdict) => verdict.categories));
    for (const category of categories) byCategory[category]++;
    const entry = calculators.get(item.calculatorName) ?? {
      calculatorId: item.calculatorId,
      calculatorName: item.calculatorName,
      items: 0,
      suspect: 0,
      byStatus: zeroStatuses(),
    };
    entry.items++;
    entry.byStatus[item.triage.status]++;
    if (isSuspect(item.triage.status)) entry.suspect++;
    calculators.set(item.calculatorName, entry);
  }
  const byCalculator = [...calculators.values()].sort(
    (a, b) => (a.calculatorId ?? Number.MAX_SAFE_INTEGER) - (b.calculatorId ?? Number.MAX_SAFE_INTEGER),
  );
  return { items: items.length, byStatus, byCategory, byCalculator };
}

/** The share of a calculator's items whose status is suspect (`isSuspect`; 0 when it has none). */
export function suspectRate(calculator: CalculatorAuditSummary): number {
  return calculator.items === 0 ? 0 : calculator.suspect / calculator.items;
}

/**
 * Calculators by suspect-label rate, highest first; ties by more items, then by name, so the order is total and
 * the report's chart and the CLI's table always agree.
 */
export function sortCalculatorsBySuspectRate(
  calculators: readonly CalculatorAuditSummary[],
): CalculatorAuditSummary[] {
  return [...calculators].sort(
    (a, b) =>
      suspectRate(b) - suspectRate(a) || b.items - a.items || compareText(a.calculatorName, b.calculatorName),
  );
}
