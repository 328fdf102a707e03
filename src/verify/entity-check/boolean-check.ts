import type { Finding } from '../types.js';
import { termsForCriterion } from './criterion-terms.js';
import { readMentionContext } from './negation.js';
import { findNames, spanOf } from './note-text.js';

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
