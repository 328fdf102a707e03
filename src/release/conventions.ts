/**
 * Named, versioned conventions a release can declare. Where one maps onto a calculator option (`steward calc list
 * --json`), `calculatorOption` names it: the audit's verifiers compute with each calculator's default, so a release
 * may only declare the option value that is that default (`checkConventions`). A convention's `group` is what it is
 * an answer to; a release picks at most one per group.
 */
export interface Convention {
  id: string;
  version: string;
  group:
    | 'tolerance'
    | 'integer-scoring'
    | 'decimal-format'
    | 'date-format'
    | 'gestational-age-format'
    | 'not-computable-label'
    | 'due-date-counting'
    | 'conception-date'
    | 'meld-definition';
  description: string;
  source: string;
  calculatorOption?: { calculator: string; name: string; value: string };
  /** Whether rows written under it still score with the unchanged v1.0 harness. */
  v1HarnessCompatible: boolean;
}

export const CONVENTIONS = [
  {
    id: 'tolerance-relative-5pct',
    version: '1',
    group: 'tolerance',
    description:
      'Decimal outputs: Lower/Upper Limit = label × 0.95 and × 1.05 in exact decimal arithmetic (min, max for negative labels; 0 gives [0, 0]), written without trailing zeros as v1.0 does. Integer, date and (weeks, days) outputs: Lower = Upper = label.',
    source: 'MedCalc-Bench v1.0 test_data.csv (all 627 decimal rows follow it); medcalc-reference.md §3.2',
    v1HarnessCompatible: true,
  },
  {
    id: 'tolerance-relative-5pct-all-numeric',
    version: '1',
    group: 'tolerance',
    description:
      'As tolerance-relative-5pct, but integer scores get ±5% limits too (the v1.0 harness ignores integer limits, so only other harnesses see the difference).',
    source: 'medcalc-reference.md §3.2 (the convention reported for the physician-overseen relabelling)',
    v1HarnessCompatible: true,
  },
  {
    id: 'tolerance-exact',
    version: '1',
    group: 'tolerance',
    description: 'Every output: Lower = Upper = label (a decimal answer must equal the label).',
    source: 'Steward',
    v1HarnessCompatible: true,
  },
  {
    id: 'integer-score-exact',
    version: '1',
    group: 'integer-scoring',
    description:
      'Integer scores are whole numbers and are scored by exact equality after rounding the answer.',
    source: 'MedCalc-Bench v1.0 evaluate.py check_correctness; medcalc-reference.md §3.4',
    v1HarnessCompatible: true,
  },
  {
    id: 'decimal-3dp',
    version: '1',
    group: 'decimal-format',
    description:
      'New decimal labels are rounded to 3 decimal places (half away from zero) and written without trailing zeros.',
    source: 'MedCalc-Bench v1.0 labels (decimals rounded to 3 dp); medcalc-reference.md §2',
    v1HarnessCompatible: true,
  },
  {
    id: 'date-mm-dd-yyyy',
    version: '1',
    group: 'date-format',
    description: 'Date labels are written MM/DD/YYYY with leading zeros.',
    source: 'MedCalc-Bench v1.0 labels of calculators 13 and 68',
    v1HarnessCompatible: true,
  },
  {
    id: 'gestational-age-weeks-days',
    version: '1',
    group: 'gestational-age-format',
    description:
      "Gestational age is written as the tuple ('W weeks', 'D days') with 0 ≤ D ≤ 6, as v1.0 writes it; scored as an exact (weeks, days) pair.",
    source: 'MedCalc-Bench v1.0 labels of calculator 69; medcalc-reference.md §3.3–3.4',
    v1HarnessCompatible: true,
  },
  {
    id: 'gestational-age-days',
    version: '1',
    group: 'gestational-age-format',
    description: 'Gestational age as a whole number of days.',
    source: 'Steward',
    v1HarnessCompatible: false,
  },
  {
    id: 'not-computable-na',
    version: '1',
    group: 'not-computable-label',
    description:
      'An item whose note lacks an input with no clinical default is labelled N/A, with N/A limits; the v1.0 harness scores every answer to it incorrect.',
    source: 'medcalc-reference.md §3.2 (N/A for abstentions)',
    v1HarnessCompatible: true,
  },
  {
    id: 'naegele-280-days',
    version: '1',
    group: 'due-date-counting',
    description: 'Estimated due date = LMP + 280 days (adjusted by cycle length − 28).',
    source: 'ACOG Committee Opinion 700; MDCalc Pregnancy Due Dates Calculator',
    calculatorOption: { calculator: 'estimated-due-date', name: 'naegele', value: '280-days' },
    v1HarnessCompatible: true,
  },
  {
    id: 'naegele-calendar-months',
    version: '1',
    group: 'due-date-counting',
    description:
      "Naegele's calendar rule: LMP + 1 year − 3 months + 7 days (0–3 days from the 280-day count).",
    source: 'Naegele (1836), as the calendar rule',
    calculatorOption: { calculator: 'estimated-due-date', name: 'naegele', value: 'calendar' },
    v1HarnessCompatible: true,
  },
  {
    id: 'conception-cycle-adjusted',
    version: '1',
    group: 'conception-date',
    description: 'Estimated conception = LMP + (cycle length − 14) days.',
    source: 'ACOG Committee Opinion 700 dating physiology; MDCalc',
    calculatorOption: { calculator: 'estimated-conception-date', name: 'cycleAdjustment', value: 'adjust' },
    v1HarnessCompatible: true,
  },
  {
    id: 'conception-fixed-14-days',
    version: '1',
    group: 'conception-date',
    description: 'Estimated conception = LMP + 14 days whatever the cycle length.',
    source: 'MedCalc-Bench v1.0 label code',
    calculatorOption: { calculator: 'estimated-conception-date', name: 'cycleAdjustment', value: 'none' },
    v1HarnessCompatible: true,
  },
  {
    id: 'meld-na',
    version: '1',
    group: 'meld-definition',
    description: 'MELD Na (UNOS/OPTN 2016), the score calculator 23 names; not MELD 3.0.',
    source: 'Kim et al. NEJM 2008; OPTN policy 2016',
    v1HarnessCompatible: true,
  },
  {
    id: 'meld-3.0',
    version: '1',
    group: 'meld-definition',
    description:
      'MELD 3.0 (Kim et al. 2021): adds sex and albumin terms. Steward has no MELD 3.0 calculator.',
    source: 'Kim et al. Gastroenterology 2021',
    v1HarnessCompatible: true,
  },
] as const satisfies readonly Convention[];

export type ConventionId = (typeof CONVENTIONS)[number]['id'];
export const CONVENTION_IDS = CONVENTIONS.map((convention) => convention.id) as [
  ConventionId,
  ...ConventionId[],
];
export type ToleranceConventionId = Extract<(typeof CONVENTIONS)[number], { group: 'tolerance' }>['id'];
export const TOLERANCE_CONVENTION_IDS = CONVENTIONS.filter(
  (convention) => convention.group === 'tolerance',
).map((convention) => convention.id) as [ToleranceConventionId, ...ToleranceConventionId[]];

export function findConvention(id: string): Convention | undefined {
  return (CONVENTIONS as readonly Convention[]).find((convention) => convention.id === id);
}

/** Conventions without a calculator implementation in Steward: a release computed by Steward cannot claim them. */
const UNIMPLEMENTED: readonly string[] = ['meld-3.0'];

/**
 * Problems with a set of declared conventions: unknown ids, two of one group, an option value that is not the
 * calculator default (what the verifiers computed with), or a convention the v1.0 harness cannot score.
 */
export function checkConventions(
  ids: readonly string[],
  defaultOptionOf: (calculator: string, name: string) => string | undefined,
): string[] {
  const problems: string[] = [];
  const groups = new Map<string, string>();
  for (const id of ids) {
    const convention = findConvention(id);
    if (convention === undefined) {
      problems.push(`unknown convention "${id}"`);
      continue;
    }
    const taken = groups.get(convention.group);
    if (taken !== undefined) problems.push(`"${taken}" and "${id}" both answer ${convention.group}`);
    groups.set(convention.group, id);
    if (UNIMPLEMENTED.includes(id)) problems.push(`"${id}" is not implemented by Steward's calculators`);
    if (!convention.v1HarnessCompatible)
      problems.push(`"${id}" writes labels the v1.0 harness cannot score (test_data.csv must be drop-in)`);
    const option = convention.calculatorOption;
    if (option !== undefined) {
      const used = defaultOptionOf(option.calculator, option.name);
      if (used !== option.value)
        problems.push(
          `"${id}" needs ${option.calculator} --option ${option.name}=${option.value}, but the audit computed with ${option.name}=${used ?? '(none)'}`,
        );
    }
  }
  return problems;
}
