import {
  CALCULATORS,
  digestCalculators,
  findCalculator,
  type CalculatorRegistry,
} from '../calculators/registry.js';
import type { InvalidInputCode, WarningCode } from '../calculators/warnings.js';
import { findCatalogEntryBySlug } from '../catalog/medcalc-bench.js';
import type { Instance } from '../dataset/instance.js';
import { validateLabel } from '../dataset/validate-label.js';
import { convertToCanonical, QUANTITY_KINDS, toUcumCode } from '../units/index.js';
import { splitSentences } from './divergence-text.js';
import { locateDivergences, type Divergence, type EntityQuantity } from './divergence.js';
import { identityOf } from './identity.js';
import { recomputeInstance, type RecomputedRow } from './recompute.js';
import { checkLabelRange } from './score-range.js';
import {
  describeSensitivity,
  testDefaultSensitivity,
  type DefaultSensitivity,
} from './default-sensitivity.js';
import {
  categoriesOf,
  type Assessment,
  type ErrorCategory,
  type EvidenceSpan,
  type Finding,
  type Verdict,
  type Verifier,
  type VerifierIdentity,
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
export function readEntityQuantities(
  instance: Instance,
  calculators: CalculatorRegistry = CALCULATORS,
): EntityQuantity[] {
  const calculator = findCalculator(instance.calculatorSlug, calculators);
  if (calculator === undefined || instance.entities === undefined) return [];
  const quantities: EntityQuantity[] = [];
  for (const spec of Object.values(calculator.inputs)) {
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

/**
 * One `underspecified-question` finding per defaulted input: a `warning` when another plausible value of the
 * input moves the answer beyond tolerance or that was not tested, `info` when none does (the default cannot
 * change the answer). `details.defaults` carries the alternatives tried.
 */
function describeAssumptions(row: RecomputedRow, defaults: readonly DefaultSensitivity[]): Finding[] {
  return defaults.map((entry) => ({
    category: 'underspecified-question',
    severity: entry.effect === 'immaterial' ? 'info' : 'warning',
    message: `default applied: ${entry.assumptions.join('; ')}; ${describeSensitivity(entry, row.recomputed)}`,
    evidence: [],
  }));
}

/**
 * What each calculator warning means for the label: a unit typo we read as meant is context (`info`); keys that
 * disagree are an extraction problem, an entity the calculator does not take only context; every value-level
 * warning (implausible, contradictory, outside the formula's population or range) is an `implausible-input`
 * warning. A `Record` over the closed code set, so a new code does not compile until it is placed here.
 */
export const WARNING_FINDINGS: Readonly<
  Record<WarningCode, Readonly<Pick<Finding, 'category' | 'severity'>>>
> = {
  'unit-typo-read-as-meant': { category: 'unit-conversion', severity: 'info' },
  'unit-not-how-measured': { category: 'implausible-input', severity: 'warning' },
  'implausible-value': { category: 'implausible-input', severity: 'warning' },
  'implausible-result': { category: 'implausible-input', severity: 'warning' },
  'inputs-contradict': { category: 'implausible-input', severity: 'warning' },
  'outside-population': { category: 'implausible-input', severity: 'warning' },
  'formula-does-not-apply': { category: 'implausible-input', severity: 'warning' },
  'input-read-one-way': { category: 'implausible-input', severity: 'warning' },
  'entity-keys-disagree': { category: 'extraction-error', severity: 'warning' },
  'entity-value-ignored': { category: 'implausible-input', severity: 'warning' },
  'unknown-entity-ignored': { category: 'extraction-error', severity: 'info' },
};

/** The category of an input we could not use: a unit no converter knows, or a value we cannot read. */
export const INVALID_INPUT_CATEGORIES: Readonly<Record<InvalidInputCode, ErrorCategory>> = {
  'unit-unknown': 'unit-conversion',
  'value-unreadable': 'implausible-input',
  'value-impossible': 'implausible-input',
};

function describeWarnings(row: RecomputedRow): Finding[] {
  return row.warnings.map((warning): Finding => ({
    ...WARNING_FINDINGS[warning.code],
    message: warning.text,
    evidence: [],
  }));
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
      category: INVALID_INPUT_CATEGORIES[input.code],
      severity: 'error',
      message: `unusable input ${input.text}: ${problem.reason}`,
      evidence: [],
    });
  }
  return findings;
}

interface LocatedDivergence {
  divergence: Divergence | null;
  /** Every independent divergence, the first one included. */
  divergences: readonly Divergence[];
  quantities: readonly EntityQuantity[];
}

function describeDisagreement(row: RecomputedRow, instance: Instance, located: LocatedDivergence): Finding {
  const answer = row.recomputed ?? '';
  const { divergence, divergences } = located;
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
      : located.quantities.find((candidate) => candidate.entity === divergence.entity);
  return {
    category: divergence.kind,
    severity: 'error',
    ...(divergence.entity === undefined ? {} : { entity: divergence.entity }),
    message:
      `recomputed ${answer}; label ${instance.label}. First divergence at our step ${divergence.ourStepIndex + 1} ` +
      `("${divergence.ourStep}"): ${divergence.reason}` +
      (divergences.length > 1
        ? `. ${divergences.length} independent divergences: ${divergences
            .map(
              (each, index) => `(${index + 1}) step ${each.ourStepIndex + 1}, ${each.kind}: ${each.reason}`,
            )
            .join('; ')}`
        : ''),
    evidence: quantity === undefined ? [] : findNumberInNote(instance.note, quantity.rawValue),
  };
}

/** What one recompute verifier instance was built with. */
interface RecomputeSetup {
  identity: VerifierIdentity;
  calculators: CalculatorRegistry;
}

function buildVerdict(
  instance: Instance,
  identity: VerifierIdentity,
  fields: Pick<Verdict, 'assessment' | 'proposedLabel' | 'findings' | 'confidence' | 'details'>,
): Verdict {
  return {
    verifier: identity.name,
    verifierVersion: identity.version,
    verifierConfigHash: identity.configHash,
    itemId: instance.id,
    categories: categoriesOf(fields.findings),
    ...fields,
    usage: null,
  };
}

function abstain(instance: Instance, identity: VerifierIdentity, reason: string): Verdict {
  return buildVerdict(instance, identity, {
    assessment: 'abstains',
    proposedLabel: null,
    findings: [],
    confidence: RECOMPUTE_CONFIDENCE.abstains,
    details: { reason },
  });
}

function verifyByRecomputing(instance: Instance, context: VerifyContext, setup: RecomputeSetup): Verdict {
  const { identity, calculators } = setup;
  // A slug outside the registry (a hand-built or hostile row) is as unknown as a missing one.
  const calculator = findCalculator(instance.calculatorSlug, calculators);
  if (calculator === undefined) return abstain(instance, identity, 'unknown calculator');
  if (instance.entities === undefined)
    return abstain(instance, identity, 'the row has no parsable Relevant Entities');
  const row = recomputeInstance(instance, context.ruleSet, calculators);
  const defaults = testDefaultSensitivity({
    instance,
    calculator,
    ruleSet: context.ruleSet,
    baseline: { answer: row.recomputed, assumptions: row.assumptions },
  });
  const formatFindings = [...checkLabelRange(instance), ...findFormatProblems(instance)];
  const contextFindings = [...describeAssumptions(row, defaults), ...describeWarnings(row)];
  const quantities = row.agrees === false ? readEntityQuantities(instance, calculators) : [];
  const divergences =
    row.agrees === false
      ? locateDivergences({
          steps: row.steps,
          explanation: instance.explanation ?? '',
          label: instance.label,
          quantities,
        })
      : [];
  const divergence = divergences[0] ?? null;
  const details = {
    ours: { answer: row.recomputed, steps: row.steps, assumptions: row.assumptions, warnings: row.warnings },
    defaults,
    original: { label: instance.label, explanationSentences: splitSentences(instance.explanation ?? '') },
    divergence,
    divergences,
    ...(row.notComputable === null ? {} : { notComputable: row.notComputable }),
  };
  const penalty = defaults.some((entry) => entry.effect !== 'immaterial')
    ? RECOMPUTE_CONFIDENCE.assumptionPenalty
    : 0;
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
    findings = [
      describeDisagreement(row, instance, { divergence, divergences, quantities }),
      ...contextFindings,
      ...formatFindings,
    ];
    confidence =
      (divergence === null
        ? RECOMPUTE_CONFIDENCE.disputesWithoutDivergence
        : RECOMPUTE_CONFIDENCE.disputesWithDivergence) - penalty;
  }
  return buildVerdict(instance, identity, {
    assessment,
    proposedLabel: row.recomputed,
    findings,
    confidence: Math.round(confidence * 100) / 100,
    details,
  });
}

export const RECOMPUTE_VERIFIER_NAME = 'recompute';

/**
 * 1.3.0: each default applied to a missing input is recomputed with the input's other plausible values
 * (`details.defaults`, default-sensitivity.ts): one finding per defaulted input, `info` when no alternative moves
 * the answer beyond tolerance, `warning` otherwise; the confidence penalty applies only to defaults that matter.
 * 1.2.0: a label outside its score's possible range is a `calculator-logic` error; the disagreement names every
 * independent divergence (`details.divergences`), not only the first. 1.1.0: the identity covers the calculators (their versions' digest is the configuration); calculator warnings
 * and unusable inputs are placed by code instead of by wording.
 */
export const RECOMPUTE_VERIFIER_VERSION = '1.3.0';
export interface RecomputeVerifierOptions {
  /** The calculators to recompute with; `CALCULATORS` unless a test passes a variant. */
  calculators?: CalculatorRegistry;
}

/**
 * The `recompute` verifier: Steward's calculator applied to the row's stored `Relevant Entities`, judged against
 * the original label under the context's rule set. Agreement supports the label; disagreement disputes it with our
 * answer as the proposed label and the first point where the original explanation diverges from our derivation
 * (`unit-conversion` or `calculator-logic`). Defaults we applied are `underspecified-question` warnings, calculator
 * warnings are placed by their code (`WARNING_FINDINGS`), malformed labels/limits are `format` findings. Rows
 * without entities or with an unknown calculator abstain. Never throws: an unexpected error abstains with its
 * message. Its configuration is the digest of its calculators' versions (`digestCalculators`), so a fixed
 * calculator gives it a new identity.
 */
export function createRecomputeVerifier(options: RecomputeVerifierOptions = {}): Verifier {
  const calculators = options.calculators ?? CALCULATORS;
  const config = { calculators: digestCalculators(calculators) };
  const identity = identityOf({ name: RECOMPUTE_VERIFIER_NAME, version: RECOMPUTE_VERIFIER_VERSION, config });
  const setup: RecomputeSetup = { identity, calculators };
  return {
    name: identity.name,
    version: identity.version,
    description:
      "Recomputes the label from the row's stored entities with Steward's calculator and locates where the original derivation diverges.",
    config,
    verify(instance: Instance, context: VerifyContext): Verdict {
      try {
        return verifyByRecomputing(instance, context, setup);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return abstain(instance, identity, `recompute failed: ${reason}`);
      }
    },
  };
}
