import type { Finding } from '../types.js';
import { findAffirmedMentions } from './criterion-statements.js';
import { termsForAbsenceCriterion, termsForCriterion } from './criterion-terms.js';
import { readMentionContext } from './negation.js';
import { findNames, spanOf, type NamePattern } from './note-text.js';
import { ONSET_KEY, readOnset } from './onset-check.js';

export type CriterionSupport = 'supported' | 'negated-only' | 'relative-only' | 'unsupported' | 'unchecked';

export interface BooleanOutcome {
  support: CriterionSupport;
  findings: Finding[];
}

const MAX_EVIDENCE = 3;
const ABOUT_RELATIVES = /family|parent|sibling/i;

/**
 * Checks a criterion stored as True against the note: some mention of it must stand outside a negation. Only
 * negated mentions is an error (the note says the opposite); no mention at all is a warning, since notes state
 * criteria in words no list anticipates.
 */
export function checkTrueCriterion(note: string, key: string): BooleanOutcome {
  const absenceTerms = termsForAbsenceCriterion(key);
  if (absenceTerms !== undefined) return checkTrueAbsence(note, key, absenceTerms);
  if (key === ONSET_KEY) return checkTrueOnset(note, key);
  const terms = termsForCriterion(key);
  if (terms === null) return { support: 'unchecked', findings: [] };
  const hits = findNames(note, terms);
  const contexts = hits.map((hit) => ({ hit, context: readMentionContext(note, hit.start, hit.end) }));
  const aboutRelatives = ABOUT_RELATIVES.test(key);
  if (
    contexts.some(({ context }) => context === 'affirmed' || (aboutRelatives && context === 'other-person'))
  ) {
    return { support: 'supported', findings: [] };
  }
  const negated = contexts.filter(({ context }) => context === 'negated');
  if (negated.length > 0) {
    return {
      support: 'negated-only',
      findings: [
        {
          category: 'extraction-error',
          severity: 'error',
          entity: key,
          message: `${key} is True, but the note mentions it only in a negated context`,
          evidence: negated.slice(0, MAX_EVIDENCE).map(({ hit }) => spanOf(note, hit.start, hit.end)),
        },
      ],
    };
  }
  if (contexts.length > 0) {
    return {
      support: 'relative-only',
      findings: [
        {
          category: 'extraction-error',
          severity: 'warning',
          entity: key,
          message: `${key} is True, but the note mentions it only for a relative`,
          evidence: contexts.slice(0, MAX_EVIDENCE).map(({ hit }) => spanOf(note, hit.start, hit.end)),
        },
      ],
    };
  }
  return {
    support: 'unsupported',
    findings: [
      {
        category: 'extraction-error',
        severity: 'warning',
        entity: key,
        message: `${key} is True, but nothing in the note supports it`,
        evidence: [],
      },
    ],
  };
}

function warnUnsupported(key: string, message: string, evidence: Finding['evidence'] = []): Finding {
  return { category: 'extraction-error', severity: 'warning', entity: key, message, evidence };
}

/**
 * A criterion that states an absence ("Absence of cough or coryza") stored True: supported by a negated mention of
 * the symptom ("no cough"); an affirmed statement of the symptom contradicts it (a warning: a symptom of the later
 * course reads the same); no mention at all leaves it unsupported.
 */
function checkTrueAbsence(note: string, key: string, terms: readonly NamePattern[]): BooleanOutcome {
  const affirmed = findAffirmedMentions(note, terms);
  if (affirmed.length > 0) {
    const quoted = affirmed
      .slice(0, MAX_EVIDENCE)
      .map((hit) => `"${hit.text}"`)
      .join(', ');
    return {
      support: 'unsupported',
      findings: [
        warnUnsupported(
          key,
          `${key} is True, but the note states the symptom (${quoted})`,
          affirmed.slice(0, MAX_EVIDENCE).map((hit) => spanOf(note, hit.start, hit.end)),
        ),
      ],
    };
  }
  const denied = findNames(note, terms).some(
    (hit) => readMentionContext(note, hit.start, hit.end) === 'negated',
  );
  if (denied) return { support: 'supported', findings: [] };
  return {
    support: 'unsupported',
    findings: [warnUnsupported(key, `${key} is True, but the note never says the symptoms are absent`)],
  };
}

/** FeverPAIN's onset ≤3 days stored True: every stated complaint duration must be 3 days or less. */
function checkTrueOnset(note: string, key: string): BooleanOutcome {
  const { reading, durations } = readOnset(note);
  if (reading === 'short') return { support: 'supported', findings: [] };
  if (reading === 'mixed') {
    return {
      support: 'unsupported',
      findings: [
        warnUnsupported(
          key,
          `${key} is True, but the note gives durations both within and beyond 3 days`,
          durations.slice(0, MAX_EVIDENCE).map((duration) => duration.evidence),
        ),
      ],
    };
  }
  if (reading === 'long') {
    const shown = durations.slice(0, MAX_EVIDENCE);
    return {
      support: 'unsupported',
      findings: [
        warnUnsupported(
          key,
          `${key} is True, but the note gives only longer durations (${shown.map((duration) => `"${duration.evidence.text}"`).join(', ')})`,
          shown.map((duration) => duration.evidence),
        ),
      ],
    };
  }
  return {
    support: 'unsupported',
    findings: [warnUnsupported(key, `${key} is True, but the note states no duration of the complaint`)],
  };
}

/**
 * The same readings for such a criterion stored False: undefined when the key is not an absence or onset
 * criterion; null when the note verifies False; otherwise why it does not.
 */
export function doubtFalseSpecialCriterion(note: string, key: string): string | null | undefined {
  const absenceTerms = termsForAbsenceCriterion(key);
  if (absenceTerms !== undefined) {
    return findAffirmedMentions(note, absenceTerms).length > 0
      ? null
      : 'stored False (the symptoms are present), but the note never states them';
  }
  if (key === ONSET_KEY) {
    const { reading } = readOnset(note);
    return reading === 'long'
      ? null
      : reading === 'none'
        ? 'stored False, but the note states no duration of the complaint'
        : 'stored False, but the note states a duration of 3 days or less';
  }
  return undefined;
}
