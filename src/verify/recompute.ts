import { medcalcV1RuleSet } from '../answers/medcalc-v1.js';
import type { RuleSet } from '../answers/types.js';
import { CALCULATORS, findCalculator, type CalculatorRegistry } from '../calculators/registry.js';
import type { Step } from '../calculators/types.js';
import type { CalculatorWarning, InvalidInput } from '../calculators/warnings.js';
import type { Instance } from '../dataset/instance.js';

/** One row recomputed from its stored entities by Steward's (correct) calculator. */
export interface RecomputedRow {
  id: string;
  calculatorId: number | undefined;
  calculator: string | undefined;
  original: string;
  /** Our answer, or null when not computable. */
  recomputed: string | null;
  /** Whether our answer matches the original label under the rule set (null when not computable). */
  agrees: boolean | null;
  steps: Step[];
  assumptions: string[];
  warnings: CalculatorWarning[];
  /** Present when the row could not be computed: missing/invalid inputs and the reason. */
  notComputable: { reason: string; missing: string[]; invalid: InvalidInput[] } | null;
}

export interface RecomputeSummary {
  calculatorId: number | undefined;
  calculator: string;
  rows: number;
  computed: number;
  notComputable: number;
  agree: number;
  disagree: number;
}

/**
 * Applies each row's calculator to the row's stored `Relevant Entities` and judges agreement with the original
 * label. Never throws for a row: rows without entities, with an unknown calculator, or with unusable inputs come
 * back not-computable with the reason. `calculators` is the table to use (tests pass variants).
 */
export function recomputeInstance(
  instance: Instance,
  ruleSet: RuleSet = medcalcV1RuleSet,
  calculators: CalculatorRegistry = CALCULATORS,
): RecomputedRow {
  const base = {
    id: instance.id,
    calculatorId: instance.calculatorId,
    calculator: instance.calculatorSlug,
    original: instance.label,
  };
  const notComputable = (reason: string, extra: Partial<RecomputedRow> = {}): RecomputedRow => ({
    ...base,
    recomputed: null,
    agrees: null,
    steps: [],
    assumptions: [],
    warnings: [],
    notComputable: { reason, missing: [], invalid: [] },
    ...extra,
  });
  const calculator = findCalculator(instance.calculatorSlug, calculators);
  if (calculator === undefined) return notComputable('unknown calculator');
  if (instance.entities === undefined) return notComputable('the row has no parsable Relevant Entities');
  const result = calculator.run(instance.entities, { origin: 'entities' });
  if (result.status === 'not-computable') {
    return {
      ...notComputable(result.reason),
      steps: result.steps,
      assumptions: result.assumptions,
      warnings: result.warnings,
      notComputable: { reason: result.reason, missing: result.missing, invalid: result.invalid },
    };
  }
  const verdict = ruleSet.judgeAnswer(result.answer, instance);
  return {
    ...base,
    recomputed: result.answer,
    agrees: verdict.correct,
    steps: result.steps,
    assumptions: result.assumptions,
    warnings: result.warnings,
    notComputable: null,
  };
}

export function summariseRecompute(
  rows: readonly RecomputedRow[],
  instances: readonly Instance[],
): RecomputeSummary[] {
  const summaries = new Map<string, RecomputeSummary>();
  rows.forEach((row, index) => {
    const name = instances[index]?.calculatorName ?? row.calculator ?? 'unknown';
    const summary = summaries.get(name) ?? {
      calculatorId: row.calculatorId,
      calculator: name,
      rows: 0,
      computed: 0,
      notComputable: 0,
      agree: 0,
      disagree: 0,
    };
    summary.rows++;
    if (row.recomputed === null) summary.notComputable++;
    else summary.computed++;
    if (row.agrees === true) summary.agree++;
    if (row.agrees === false) summary.disagree++;
    summaries.set(name, summary);
  });
  return [...summaries.values()].sort((a, b) => (a.calculatorId ?? 1e9) - (b.calculatorId ?? 1e9));
}
