import type { InputSpec } from '../../calculators/types.js';
import type { PythonValue } from '../../dataset/python-literal.js';
import type { Finding } from '../types.js';
import { findAffirmedMentions, statementTermsFor } from './criterion-statements.js';
import { matchOption } from './option-check.js';
import { spanOf } from './note-text.js';

const MAX_EVIDENCE = 3;
/** Options that mean the criterion is not there (Child-Pugh ascites, CCI tumour/diabetes/liver/CKD). */
const ABSENT_OPTIONS = new Set(['absent', 'none']);
const DIET_CONTROLLED = /diet[\s-]*controlled|controlled (?:with|by|on) (?:a )?diet/i;

export interface FalseCriterionOutcome {
  /** Whether the entity was a False/absent criterion this check covers. */
  checked: boolean;
  findings: Finding[];
}

/** True when the stored value says the criterion is absent: False, or an enum at its absent/none option. */
export function isStoredAbsent(raw: PythonValue, spec: InputSpec | undefined): boolean {
  if (raw === false) return true;
  if (typeof raw !== 'string' || spec?.type !== 'enum') return false;
  const option = matchOption(raw, spec);
  return option !== undefined && ABSENT_OPTIONS.has(option);
}

/**
 * Checks a criterion stored False (or at its absent option) against the note: an affirmed, un-hypothetical
 * statement of it, in words that name the condition itself, means the extraction may have missed it. A warning,
 * never an error: a case report can mention a condition that arose after the time point the calculator scores.
 */
export function checkAbsentCriterion(
  note: string,
  key: string,
  { entities, spec }: { entities: Readonly<Record<string, PythonValue>>; spec: InputSpec | undefined },
): FalseCriterionOutcome {
  const raw = entities[key];
  if (raw === undefined || !isStoredAbsent(raw, spec)) return { checked: false, findings: [] };
  // Another key of the same input holds the criterion (RCRI's two cerebrovascular keys): nothing was missed here.
  const siblings = spec?.entityKeys.filter((other) => other !== key) ?? [];
  if (siblings.some((other) => entities[other] !== undefined && !isStoredAbsent(entities[other], spec)))
    return { checked: false, findings: [] };
  const terms = statementTermsFor(key);
  if (terms === null) return { checked: false, findings: [] };
  let mentions = findAffirmedMentions(note, terms);
  // "Diet-controlled diabetes" is what CCI's 'none or diet-controlled' option means, not a contradiction of it.
  if (key === 'Diabetes mellitus criteria for CCI rule' && DIET_CONTROLLED.test(note)) mentions = [];
  if (mentions.length === 0) return { checked: true, findings: [] };
  const stored = typeof raw === 'string' ? `'${raw}'` : 'False';
  return {
    checked: true,
    findings: [
      {
        category: 'extraction-error',
        severity: 'warning',
        entity: key,
        message: `${key} is ${stored}, but the note states it (${mentions
          .slice(0, MAX_EVIDENCE)
          .map((hit) => `"${hit.text}"`)
          .join(', ')}): the extraction may have missed the criterion`,
        evidence: mentions.slice(0, MAX_EVIDENCE).map((hit) => spanOf(note, hit.start, hit.end)),
      },
    ],
  };
}
