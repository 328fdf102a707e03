import { CALCULATORS } from '../calculators/registry.js';
import { findCatalogEntryBySlug } from '../catalog/medcalc-bench.js';
import type { Instance } from '../dataset/instance.js';
import { validateLabel } from '../dataset/validate-label.js';
import { convertToCanonical, QUANTITY_KINDS, toUcumCode } from '../units/index.js';
import { splitSentences } from './divergence-text.js';
import { locateDivergence, type Divergence, type EntityQuantity } from './divergence.js';
import { recomputeInstance, type RecomputedRow } from './recompute.js';
import {
  categoriesOf,
  type Assessment,
  type EvidenceSpan,
  type Finding,
  type Verdict,
  type Verifier,
  type VerifyContext,
} from './types.js';

/**
 * Fixed calibration of the recompute verifier (it is deterministic, so confidence is a stated prior, not a
 * probability it estimates): a recomputation from the row's own entities that agrees is strong evidence (0.9);
 * one that disagrees with a located divergence point is slightly weaker (0.8), without one weaker still (0.7),
 * since the stored entities may themselves be wrong. Defaults applied to missing inputs lower either by 0.15.
 * Not computable: 0.7. Abstaining: 0.
 */
export const RECOMPUTE_CONFIDENCE = {
  supports: 0.9,
  disputesWithDivergence: 0.8,
  disputesWithoutDivergence: 0.7,
  assumptionPenalty: 0.15,
  notComputable: 0.7,
  abstains: 0,
} as const;

/**
 * Each quantity entity of the row (`[value, unit]`) with our exact value in its input's canonical unit, so the
 * divergence walk can tell a converted input when it meets one.
 */
export function readEntityQuantities(instance: Instance): EntityQuantity[] {
  if (instance.calculatorSlug === undefined || instance.entities === undefined) return [];
  const quantities: EntityQuantity[] = [];
  for (const spec of Object.values(CALCULATORS[instance.calculatorSlug].inputs)) {
    if (spec.type !== 'quantity') continue;
    for (const key of spec.entityKeys) {
      const raw = instance.entities[key];
      if (!Array.isArray(raw) || raw.length !== 2) continue;
      const [rawValue, rawUnit] = raw;
      if (typeof rawValue !== 'number' || typeof rawUnit !== 'string') continue;
      const conversion = convertToCanonical(spec.quantity, rawValue, rawUnit);
      if (!conversion.ok) continue;
      const converted = toUcumCode(rawUnit) !== QUANTITY_KINDS[spec.quantity].canonical;
      quantities.push({ entity: key, rawValue, rawUnit, value: conversion.value, converted });
    }
  }
  return quantities;
}

/** Where a number is written in the note (first occurrence, as a whole number token), for evidence. */
function findNumberInNote(note: string, value: number): EvidenceSpan[] {
  const written = [String(value), Number.isInteger(value) ? `${value}.0` : undefined].filter(
    (text): text is string => text !== undefined,
  );
  for (const text of written) {
    const match = new RegExp(`(?<![\\d.])${text.replace('.', '\\.')}(?![\\d])`).exec(note);
    if (match) return [{ start: match.index, end: match.index + text.length, text }];
  }
  return [];
}

function findFormatProblems(instance: Instance): Finding[] {
  const entry =
    instance.calculatorSlug === undefined ? undefined : findCatalogEntryBySlug(instance.calculatorSlug);
  if (entry === undefined) return [];
  return validateLabel({
    entry,
    outputType: instance.outputType,
    label: instance.label,
    lowerLimit: instance.lowerLimit,
    upperLimit: instance.upperLimit,
  }).map((issue) => ({
    category: 'format',
    severity: issue.severity,
    message: `${issue.column}: ${issue.message}`,
    evidence: [],
  }));
}

function describeAssumptions(row: RecomputedRow): Finding[] {
  return row.assumptions.map((assumption) => ({
    category: 'underspecified-question',
    severity: 'warning',
    message: `default applied: ${assumption}`,
    evidence: [],
  }));
}

/** Our calculator warnings: unit typos we read as meant are context; conflicting keys are extraction problems. */
function describeWarnings(row: RecomputedRow): Finding[] {
  return row.warnings.map((warning): Finding => {
    if (/misspelled unit|read as per mm³/.test(warning)) {
      return { category: 'unit-conversion', severity: 'info', message: warning, evidence: [] };
    }
    if (/entity keys disagree/.test(warning)) {
      return { category: 'extraction-error', severity: 'warning', message: warning, evidence: [] };
    }
    if (/is not an input of this calculator/.test(warning)) {
      return { category: 'extraction-error', severity: 'info', message: warning, evidence: [] };
    }
    return { category: 'implausible-input', severity: 'warning', message: warning, evidence: [] };
  });
}

function describeNotComputable(row: RecomputedRow): Finding[] {
  const problem = row.notComputable;
  if (problem === null) return [];
  const findings: Finding[] = [
    {
      category: 'not-computable',
      severity: 'error',
      message:
        problem.missing.length > 0
          ? `missing ${problem.missing.join(', ')}: ${problem.reason}`
          : `not computable: ${problem.reason}`,
      evidence: [],
    },
  ];
  for (const input of problem.invalid) {
    findings.push({
      category: /unit/i.test(problem.reason) ? 'unit-conversion' : 'implausible-input',
      severity: 'error',
      message: `unusable input ${input}: ${problem.reason}`,
      evidence: [],
    });
  }
  return findings;
}

function describeDisagreement(
  row: RecomputedRow,
  instance: Instance,
  divergence: Divergence | null,
): Finding {
  const answer = row.recomputed ?? '';
  if (divergence === null) {
    return {
      category: 'calculator-logic',
      severity: 'error',
      message: `recomputed ${answer} from the stored entities; the label ${instance.label} is outside tolerance (divergence not located)`,
      evidence: [],
    };
  }
  const quantity =
    divergence.entity === undefined
      ? undefined
      : readEntityQuantities(instance).find((candidate) => candidate.entity === divergence.entity);
  return {
    category: divergence.kind,
    severity: 'error',
    ...(divergence.entity === undefined ? {} : { entity: divergence.entity }),
    message:
      `recomputed ${answer}; label ${instance.label}. First divergence at our step ${divergence.ourStepIndex + 1} ` +
      `("${divergence.ourStep}"): ${divergence.reason}`,
    evidence: quantity === undefined ? [] : findNumberInNote(instance.note, quantity.rawValue),
  };
}

function buildVerdict(
  instance: Instance,
  fields: Pick<Verdict, 'assessment' | 'proposedLabel' | 'findings' | 'confidence' | 'details'>,
): Verdict {
  return {
    verifier: recomputeVerifier.name,
    verifierVersion: recomputeVerifier.version,
    itemId: instance.id,
    categories: categoriesOf(fields.findings),
    ...fields,
  };
}

function abstain(instance: Instance, reason: string): Verdict {
  return buildVerdict(instance, {
    assessment: 'abstains',
    proposedLabel: null,
    findings: [],
    confidence: RECOMPUTE_CONFIDENCE.abstains,
    details: { reason },
  });
}

function verifyByRecomputing(instance: Instance, context: VerifyContext): Verdict {
  if (instance.calculatorSlug === undefined) return abstain(instance, 'unknown calculator');
  if (instance.entities === undefined) return abstain(instance, 'the row has no parsable Relevant Entities');
  const row = recomputeInstance(instance, context.ruleSet);
  const formatFindings = findFormatProblems(instance);
  const contextFindings = [...describeAssumptions(row), ...describeWarnings(row)];
  const divergence =
    row.agrees === false
      ? locateDivergence({
          steps: row.steps,
          explanation: instance.explanation ?? '',
          label: instance.label,
          quantities: readEntityQuantities(instance),
        })
      : null;
  const details = {
    ours: { answer: row.recomputed, steps: row.steps, assumptions: row.assumptions, warnings: row.warnings },
    original: { label: instance.label, explanationSentences: splitSentences(instance.explanation ?? '') },
    divergence,
    ...(row.notComputable === null ? {} : { notComputable: row.notComputable }),
  };
  const penalty = row.assumptions.length > 0 ? RECOMPUTE_CONFIDENCE.assumptionPenalty : 0;
  let assessment: Assessment;
  let findings: Finding[];
  let confidence: number;
  if (row.recomputed === null) {
    assessment = 'not-computable';
    findings = [...describeNotComputable(row), ...contextFindings, ...formatFindings];
    confidence = RECOMPUTE_CONFIDENCE.notComputable;
  } else if (row.agrees === true) {
    assessment = 'supports';
    findings = [...contextFindings, ...formatFindings];
    confidence = RECOMPUTE_CONFIDENCE.supports - penalty;
  } else {
    assessment = 'disputes';
    findings = [describeDisagreement(row, instance, divergence), ...contextFindings, ...formatFindings];
    confidence =
      (divergence === null
        ? RECOMPUTE_CONFIDENCE.disputesWithoutDivergence
        : RECOMPUTE_CONFIDENCE.disputesWithDivergence) - penalty;
  }
  return buildVerdict(instance, {
    assessment,
    proposedLabel: row.recomputed,
    findings,
    confidence: Math.round(confidence * 100) / 100,
    details,
  });
}

/**
 * The `recompute` verifier: Steward's calculator applied to the row's stored `Relevant Entities`, judged against
 * the original label under the context's rule set. Agreement supports the label; disagreement disputes it with our
 * answer as the proposed label and the first point where the original explanation diverges from our derivation
 * (`unit-conversion` or `calculator-logic`). Defaults we applied are `underspecified-question` warnings, our
 * plausibility warnings `implausible-input` warnings, malformed labels/limits `format` findings. Rows without
 * entities or with an unknown calculator abstain. Never throws: an unexpected error abstains with its message.
 */
export const recomputeVerifier: Verifier = {
  name: 'recompute',
  version: '1.0.0',
  description:
    "Recomputes the label from the row's stored entities with Steward's calculator and locates where the original derivation diverges.",
  verify(instance: Instance, context: VerifyContext): Verdict {
    try {
      return verifyByRecomputing(instance, context);
    } catch (error) {
      return abstain(instance, `recompute failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  },
};
