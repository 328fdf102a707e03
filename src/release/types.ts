import type { BenchmarkOutputType } from '../catalog/medcalc-bench.js';

/**
 * What a release says about one item's label (docs/releases.md § Statuses):
 * - `consensus`: the original label stands and was independently confirmed by the audit (triage `confirmed`);
 * - `revised`: the audit's verifiers agreed the label is wrong and on a new one (triage `relabel-proposed`);
 * - `verified`: physicians decided the label (agreement of reviewers, or an adjudicator);
 * - `withheld`: no trustworthy label yet (held for a physician, inputs unverified, or a review undecided);
 * - `not-computable`: the note lacks what the calculator needs; the honest label is N/A.
 */
export const RELEASE_STATUSES = ['consensus', 'revised', 'verified', 'withheld', 'not-computable'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

/** The label written for items that are not computable. */
export const NOT_AVAILABLE_LABEL = 'N/A';

/** Who or what decided an item's label, as recorded (never a reviewer's e-mail; see `adjudicator`). */
export type DecidedBy =
  | { kind: 'triage'; rule: string; verifiers: string[] }
  | { kind: 'physician-agreement'; reviewers: number; reviewerIdsHashed: string[] }
  | { kind: 'adjudicated'; adjudicator: string; reviewers: number };

/** The label decision of one item. */
export interface LabelDecision {
  itemId: string;
  status: ReleaseStatus;
  originalLabel: string;
  /** The label the release stands behind (normalised); null when withheld. */
  newLabel: string | null;
  /** The primary error category behind a change (adjudicator's, or the first triage category); null if none. */
  errorCategory: string | null;
  /** Every category the decision rests on. */
  categories: string[];
  /** Plain-text evidence: triage reasons as `[rule] text`, error/warning findings, the adjudicator's rationale. */
  evidence: string[];
  decidedBy: DecidedBy;
  /** ISO 8601; null when unknown. */
  decidedAt: string | null;
  /** The triage status the audit gave, and the review state when the item was in a review batch. */
  triageStatus: string;
  review: { batchId: string; status: 'open' | 'escalated' | 'resolved' } | null;
}

/** One row of the source dataset: every v1.0 field, as stored. */
export interface SourceRow {
  itemId: string;
  row: number;
  calculatorId: number | null;
  calculatorName: string;
  category: string | null;
  outputType: string | null;
  noteId: string | null;
  noteType: string | null;
  note: string;
  question: string;
  entitiesText: string | null;
  label: string;
  lowerLimit: string | null;
  upperLimit: string | null;
  explanation: string | null;
}

/** The output type that decides label format and limits (catalog first, then the row's own column). */
export type LabelKind = BenchmarkOutputType | 'unknown';
