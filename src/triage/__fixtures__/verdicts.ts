import { categoriesOf } from '../../verify/types.js';
import type { Assessment, ErrorCategory, Finding, FindingSeverity, Verdict } from '../../verify/types.js';
import type { TriageInput } from '../types.js';

/** Test builders for verdicts and triage inputs. */

export function makeFinding(
  category: ErrorCategory,
  message: string,
  extra: { severity?: FindingSeverity; entity?: string } = {},
): Finding {
  return {
    category,
    severity: extra.severity ?? 'error',
    ...(extra.entity === undefined ? {} : { entity: extra.entity }),
    message,
    evidence: [],
  };
}

export function makeVerdict(
  verifier: string,
  assessment: Assessment,
  extra: {
    proposedLabel?: string;
    findings?: Finding[];
    confidence?: number;
    itemId?: string;
    details?: Record<string, unknown>;
  } = {},
): Verdict {
  const findings = extra.findings ?? [];
  return {
    verifier,
    verifierVersion: '1.0.0',
    verifierConfigHash: 'config-hash',
    itemId: extra.itemId ?? 'item-1',
    assessment,
    proposedLabel: extra.proposedLabel ?? null,
    categories: categoriesOf(findings),
    findings,
    confidence: extra.confidence ?? 0.95,
    // entity-check verdicts verify their one input unless a test says otherwise (its `details.extraction`).
    details:
      extra.details ??
      (verifier === 'entity-check' ? { extraction: { verified: ['creatinine'], unverified: [] } } : {}),
    usage: null,
  };
}

export function makeInput(verdicts: Verdict[], extra: Partial<TriageInput> = {}): TriageInput {
  return {
    itemId: 'item-1',
    calculatorId: 2,
    calculatorSlug: 'creatinine-clearance-cockcroft-gault',
    outputType: 'decimal',
    originalLabel: '50.0',
    verdicts,
    ...extra,
  };
}

export const logicFinding = makeFinding(
  'calculator-logic',
  'the original used total body weight; the formula uses adjusted weight',
);
export const unitFinding = makeFinding('unit-conversion', 'creatinine µmol/L was read as mg/dL');
export const extractionFinding = makeFinding('extraction-error', 'the note gives creatinine 1.4, not 4.1', {
  entity: 'creatinine',
});
export const assumptionFinding = makeFinding('underspecified-question', 'assumed the admission weight', {
  severity: 'warning',
});
export const missingFinding = makeFinding('not-computable', 'missing: weight');
export const implausibleFinding = makeFinding('implausible-input', 'heart rate 600 bpm', {
  severity: 'warning',
  entity: 'heart rate',
});
