import { createHash } from 'node:crypto';
import type { Provenance } from '../contracts/review-api.js';
import type { TriageDecision } from '../triage/types.js';
import type { Verdict } from '../verify/types.js';
import { findLabelKind, normaliseLabel } from './labels.js';
import { NOT_AVAILABLE_LABEL } from './types.js';
import type { DecidedBy, LabelDecision, ReleaseStatus } from './types.js';

/** One audited item as the latest completed audit left it. */
export interface AuditedItem {
  itemId: string;
  originalLabel: string;
  calculatorId: number | null;
  outputType: string | null;
  triage: TriageDecision;
  verdicts: readonly Verdict[];
  /** When triage decided it (ISO 8601), if known. */
  triageDecidedAt: string | null;
}

/** The state of one item in one review batch (an item may be in several batches, oldest first). */
export interface ReviewOutcome {
  itemId: string;
  batchId: string;
  status: 'open' | 'escalated' | 'resolved';
  finalOutcome: 'answer' | 'not-computable' | null;
  finalLabel: string | null;
  provenance: Provenance | null;
  decidedAt: string | null;
  /** The error category of the adjudication in force, if adjudicated. */
  errorCategory: string | null;
  /** The adjudicator's rationale, if adjudicated. */
  rationale: string | null;
}

export interface DecideOptions {
  adjudicatorIdentity: 'as-recorded' | 'hashed';
}

/** Findings worth quoting as evidence: errors and warnings, each with its verifier. */
const MAX_FINDINGS = 12;

/**
 * The review state that counts for an item: the latest batch's, except that a batch still open (nobody has
 * labelled it there yet) does not undo a decision reached in an earlier batch. A later escalation does: physicians
 * now disagree.
 */
export function pickReviewOutcome(outcomes: readonly ReviewOutcome[]): ReviewOutcome | null {
  let picked: ReviewOutcome | null = null;
  for (const outcome of outcomes) {
    if (outcome.status === 'open' && picked?.status === 'resolved') continue;
    picked = outcome;
  }
  return picked;
}

function hashText(text: string): string {
  return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}

function describeEvidence(item: AuditedItem): string[] {
  const reasons = item.triage.reasons.map((reason) => `[${reason.rule}] ${reason.text}`);
  const findings = item.verdicts
    .flatMap((verdict) =>
      verdict.findings
        .filter((finding) => finding.severity !== 'info')
        .map((finding) => `${verdict.verifier}: ${finding.category}: ${finding.message}`),
    )
    .slice(0, MAX_FINDINGS);
  return [...reasons, ...findings];
}

function decideByTriage(item: AuditedItem): DecidedBy {
  const decisive =
    item.triage.reasons.find((reason) => reason.effect === 'holds') ??
    item.triage.reasons.find((reason) => reason.effect === 'decides') ??
    item.triage.reasons[0];
  const verifiers = [
    ...new Set(item.verdicts.filter((verdict) => verdict.assessment !== 'abstains').map((v) => v.verifier)),
  ];
  return { kind: 'triage', rule: decisive?.rule ?? item.triage.status, verifiers };
}

function decideByPhysicians(provenance: Provenance | null, options: DecideOptions): DecidedBy {
  if (provenance?.method === 'adjudicated') {
    return {
      kind: 'adjudicated',
      adjudicator:
        options.adjudicatorIdentity === 'hashed' ? hashText(provenance.adjudicator) : provenance.adjudicator,
      reviewers: provenance.reviewers,
    };
  }
  if (provenance?.method === 'physician-agreement') {
    return {
      kind: 'physician-agreement',
      reviewers: provenance.reviewers,
      reviewerIdsHashed: provenance.reviewerIdsHashed,
    };
  }
  // A resolved item always carries physician provenance; anything else is recorded as an agreement of unknown size.
  return { kind: 'physician-agreement', reviewers: 0, reviewerIdsHashed: [] };
}

/**
 * The release status and label of one item (docs/releases.md § Statuses). A physician's decision outranks the
 * audit; a pending escalation withholds the item; otherwise the triage status maps onto a release status, and
 * only `confirmed` (inputs and arithmetic checked, or a blind reading agreeing) becomes `consensus`.
 */
export function decideLabel(
  item: AuditedItem,
  outcomes: readonly ReviewOutcome[],
  options: DecideOptions,
): LabelDecision {
  const review = pickReviewOutcome(outcomes);
  const kind = findLabelKind(item.calculatorId, item.outputType);
  const evidence = describeEvidence(item);
  const base = {
    itemId: item.itemId,
    originalLabel: item.originalLabel,
    triageStatus: item.triage.status,
    review: review === null ? null : { batchId: review.batchId, status: review.status },
  };
  const firstCategory = item.triage.categories[0] ?? null;
  const withheld = (why: string, decidedBy: DecidedBy = decideByTriage(item)): LabelDecision => ({
    ...base,
    status: 'withheld',
    newLabel: null,
    errorCategory: null,
    categories: [...item.triage.categories],
    evidence: [why, ...evidence],
    decidedBy,
    decidedAt: item.triageDecidedAt,
  });

  if (review?.status === 'resolved' && review.finalOutcome !== null) {
    const physicianEvidence = [
      ...(review.rationale === null ? [] : [`adjudicator: ${review.rationale}`]),
      ...evidence,
    ];
    const decidedBy = decideByPhysicians(review.provenance, options);
    const categories = review.errorCategory === null ? [...item.triage.categories] : [review.errorCategory];
    if (review.finalOutcome === 'not-computable') {
      return {
        ...base,
        status: 'not-computable',
        newLabel: NOT_AVAILABLE_LABEL,
        errorCategory: review.errorCategory ?? 'not-computable',
        categories,
        evidence: physicianEvidence,
        decidedBy,
        decidedAt: review.decidedAt,
      };
    }
    const normalised = normaliseLabel(review.finalLabel ?? '', kind);
    if (!normalised.ok) return withheld(`physicians' final label unusable: ${normalised.problem}`, decidedBy);
    const changed = normalised.label !== item.originalLabel;
    return {
      ...base,
      status: normalised.label === NOT_AVAILABLE_LABEL ? 'not-computable' : 'verified',
      newLabel: normalised.label,
      errorCategory: changed ? (review.errorCategory ?? firstCategory) : null,
      categories: changed ? categories : [],
      evidence: physicianEvidence,
      decidedBy,
      decidedAt: review.decidedAt,
    };
  }
  if (review?.status === 'escalated') {
    return withheld('physicians disagree: awaiting adjudication');
  }

  const fromTriage = (status: ReleaseStatus, newLabel: string, changed: boolean): LabelDecision => ({
    ...base,
    status,
    newLabel,
    errorCategory: changed ? firstCategory : null,
    categories: changed ? [...item.triage.categories] : [],
    evidence,
    decidedBy: decideByTriage(item),
    decidedAt: item.triageDecidedAt,
  });
  switch (item.triage.status) {
    case 'confirmed': {
      const alreadyNa = normaliseLabel(item.originalLabel, kind);
      return alreadyNa.ok && alreadyNa.label === NOT_AVAILABLE_LABEL
        ? fromTriage('not-computable', NOT_AVAILABLE_LABEL, false)
        : fromTriage('consensus', item.originalLabel, false);
    }
    case 'relabel-proposed': {
      if (item.triage.proposedLabel === null) return withheld('relabel proposed without a label');
      const normalised = normaliseLabel(item.triage.proposedLabel, kind);
      if (!normalised.ok) return withheld(`proposed label unusable: ${normalised.problem}`);
      if (normalised.label === NOT_AVAILABLE_LABEL)
        return fromTriage('not-computable', NOT_AVAILABLE_LABEL, true);
      return fromTriage('revised', normalised.label, normalised.label !== item.originalLabel);
    }
    case 'not-computable':
      return fromTriage('not-computable', NOT_AVAILABLE_LABEL, true);
    case 'extraction-unverified':
      return withheld('inputs not verified against the note: the label is consistent, not checked');
    case 'needs-physician':
      return withheld(
        review === null ? 'needs a physician; not reviewed yet' : 'needs a physician; review not decided yet',
      );
  }
}

/** Decides every item, in the audit's order. */
export function decideLabels(
  items: readonly AuditedItem[],
  outcomes: readonly ReviewOutcome[],
  options: DecideOptions,
): LabelDecision[] {
  const byItem = new Map<string, ReviewOutcome[]>();
  for (const outcome of outcomes) {
    const list = byItem.get(outcome.itemId) ?? [];
    list.push(outcome);
    byItem.set(outcome.itemId, list);
  }
  return items.map((item) => decideLabel(item, byItem.get(item.itemId) ?? [], options));
}
