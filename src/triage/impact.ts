import { AppError } from '../app-error.js';
import { labelsAgree, readLabel, relativeDifference } from './labels.js';
import type { ReadLabel } from './labels.js';
import { roleOf } from './policy.js';
import type { TriagePolicy } from './policy.js';
import type { TriageDecision, TriageInput } from './types.js';

/**
 * Expected impact of an item, for ordering physician review: how much the label would move, how unsure the
 * verifiers are, and how serious the kind of error is.
 *
 *   impact = severity × (weights.change × change + weights.uncertainty × uncertainty)
 *
 * - change ∈ [0, 1], between the original label and the candidate (the decision's proposedLabel, or N/A for a
 *   not-computable decision): numbers |a − b| / max(|a|, |b|), capped at 1, and 1 when the two values lie on
 *   different sides of one of the calculator's decision thresholds (at most sameBandChange when it has thresholds
 *   and none is crossed); dates and gestational ages |days| /
 *   dateScaleDays, capped at 1; a value against N/A (or labels of different kinds) 1. No candidate: unknownChange.
 * - uncertainty ∈ [0, 1]: the larger of the disagreement among the label verifiers' runs (2 × (1 − share of the
 *   largest group of equal assessments); 50/50 is 1, 4 of 5 is 0.4) and 1 − their mean confidence; 1 when no label
 *   verifier judged the item.
 * - severity ∈ [0, 1]: the largest categorySeverity among the decision's categories, or baseSeverity if none.
 */

function crossesThreshold(a: number, b: number, thresholds: readonly number[]): boolean {
  const [low, high] = a <= b ? [a, b] : [b, a];
  return thresholds.some((threshold) => low < threshold && threshold <= high);
}

function sizeOfChange(
  original: ReadLabel,
  candidate: ReadLabel,
  context: { policy: TriagePolicy; slug: string | undefined },
): number {
  const { impact } = context.policy;
  if (labelsAgree(original, candidate, 0)) return 0;
  if (original.kind === 'number' && candidate.kind === 'number') {
    const thresholds =
      context.slug !== undefined && Object.hasOwn(impact.decisionThresholds, context.slug)
        ? (impact.decisionThresholds[context.slug] ?? [])
        : [];
    if (crossesThreshold(original.value, candidate.value, thresholds)) return 1;
    const relative = Math.min(1, relativeDifference(original.value, candidate.value));
    // Within one clinical category (0 → 0.3% risk is a 100% relative change but changes no decision).
    return thresholds.length > 0 ? Math.min(relative, impact.sameBandChange) : relative;
  }
  if (original.kind === 'date' && candidate.kind === 'date') {
    return Math.min(1, Math.abs(original.dayNumber - candidate.dayNumber) / impact.dateScaleDays);
  }
  if (original.kind === 'days' && candidate.kind === 'days') {
    return Math.min(1, Math.abs(original.days - candidate.days) / impact.dateScaleDays);
  }
  return 1;
}

function uncertaintyOf(input: TriageInput, policy: TriagePolicy): number {
  const runs = input.verdicts.filter(
    (verdict) => verdict.assessment !== 'abstains' && roleOf(policy, verdict.verifier) === 'label',
  );
  if (runs.length === 0) return 1;
  const groups = new Map<string, number>();
  for (const verdict of runs) groups.set(verdict.assessment, (groups.get(verdict.assessment) ?? 0) + 1);
  const largest = Math.max(...groups.values());
  const disagreement = Math.min(1, 2 * (1 - largest / runs.length));
  const confidence = runs.reduce((sum, verdict) => sum + verdict.confidence, 0) / runs.length;
  return Math.max(disagreement, Math.min(1, Math.max(0, 1 - confidence)));
}

/** Expected impact ≥ 0 of the item's label being wrong (see above); higher = review first. */
export function expectedImpact(
  input: TriageInput,
  decision: Pick<TriageDecision, 'status' | 'proposedLabel' | 'categories'>,
  policy: TriagePolicy,
): number {
  const { impact } = policy;
  const candidateText = decision.proposedLabel ?? (decision.status === 'not-computable' ? 'N/A' : null);
  const change =
    candidateText === null
      ? impact.unknownChange
      : sizeOfChange(
          readLabel(input.originalLabel, input.outputType),
          readLabel(candidateText, input.outputType),
          {
            policy,
            slug: input.calculatorSlug,
          },
        );
  const severity = decision.categories.reduce(
    (largest, category) => Math.max(largest, impact.categorySeverity[category]),
    decision.categories.length === 0 ? impact.baseSeverity : 0,
  );
  const uncertainty = uncertaintyOf(input, policy);
  return severity * (impact.weights.change * change + impact.weights.uncertainty * uncertainty);
}

export interface ReviewCandidate {
  id: string;
  triage: Pick<TriageDecision, 'status' | 'impact'>;
}

export interface ReviewQueue<Item extends ReviewCandidate> {
  /** needs-physician items, highest impact first (ties by id), at most `budget` of them. */
  queue: Item[];
  /** needs-physician items beyond the budget, in the same order. */
  deferred: Item[];
  /** The budget applied; null = no budget. */
  budget: number | null;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The physician review queue: needs-physician items ordered by impact (highest first, ties by id in code-point
 * order, so the order never depends on input order or locale), cut at `budget`. Other statuses are left out.
 */
export function rankReviewQueue<Item extends ReviewCandidate>(
  items: readonly Item[],
  budget?: number,
): ReviewQueue<Item> {
  if (budget !== undefined && (!Number.isInteger(budget) || budget < 0)) {
    throw new AppError('ARGUMENT_INVALID', `review budget must be a whole number ≥ 0, got ${budget}`, {
      fix: 'Give the number of items physicians can review, e.g. 50.',
    });
  }
  const invalid = items.filter((item) => !Number.isFinite(item.triage.impact) || item.triage.impact < 0);
  if (invalid.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `items without a finite impact ≥ 0: ${invalid.map((item) => item.id).join(', ')}`,
      {
        fix: 'Compute impact with expectedImpact (decideTriage does) before ranking.',
        details: { ids: invalid.map((item) => item.id) },
      },
    );
  }
  const ranked = items
    .filter((item) => item.triage.status === 'needs-physician')
    .sort((a, b) => b.triage.impact - a.triage.impact || compareIds(a.id, b.id));
  const cut = budget ?? ranked.length;
  return { queue: ranked.slice(0, cut), deferred: ranked.slice(cut), budget: budget ?? null };
}
