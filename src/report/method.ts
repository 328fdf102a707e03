import type { TriageStatus } from '../triage/types.js';
import type { ErrorCategory, FindingSeverity } from '../verify/types.js';

/** What each triage status means, as the report's method section states it (see `src/triage/types.ts`). */
export const STATUS_MEANINGS: Record<TriageStatus, string> = {
  confirmed:
    'The original label stands: every input it used was checked against the note and the arithmetic agrees (or a blind LLM verifier, reading only the note, agrees).',
  'extraction-unverified':
    'The arithmetic agrees with the stored inputs, but at least one input could not be verified against the note; the label is consistent, not checked.',
  'relabel-proposed':
    'A new label is proposed automatically; the proposed label and the rules that produced it are shown with the item.',
  'needs-physician':
    'Contentious: the verifiers disagree, or a change would rest on a clinical judgment call. A physician decides.',
  'not-computable': 'The note lacks an input the calculator needs, so the honest label is N/A.',
};

/** What each error category means (the closed set documented on `ERROR_CATEGORIES` in `src/verify/types.ts`). */
export const CATEGORY_MEANINGS: Record<ErrorCategory, string> = {
  'extraction-error':
    'An extracted entity does not match the note: a wrong value, the wrong analyte, or a criterion the note does not support.',
  'calculator-logic': 'The original aggregation applied the formula or the scoring criteria wrongly.',
  'unit-conversion': 'A value was converted between units wrongly, or a unit typo was taken literally.',
  'underspecified-question':
    'The note or question leaves a judgment call open, such as which time point to use or a missing input that was defaulted.',
  'not-computable': 'The note lacks a required input; the honest label is N/A.',
  'implausible-input': 'A value no living patient can have, or a unit that cannot be right.',
  format:
    'The label or its limits are malformed: not a number or date, or limits that do not contain the label.',
};

/** What each finding severity means. */
export const SEVERITY_MEANINGS: Record<FindingSeverity, string> = {
  error: 'The label is likely wrong because of this finding.',
  warning: 'Worth a look; the label may still be right.',
  info: 'Context only; not counted in the category totals.',
};

/** Human-readable names for the statuses (the identifier is shown beside them in the method section). */
export const STATUS_TITLES: Record<TriageStatus, string> = {
  confirmed: 'Confirmed',
  'extraction-unverified': 'Extraction unverified',
  'relabel-proposed': 'Relabel proposed',
  'needs-physician': 'Needs physician',
  'not-computable': 'Not computable',
};
