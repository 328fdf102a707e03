import type { ErrorCategory, Verdict } from '../verify/types.js';
import type { TriageRuleId } from './rules.js';

/**
 * What happens to an item after the audit (docs/triage-policy.md § Statuses is the contract releases rely on):
 * - `confirmed`: the original label stands, and its inputs were checked against the note: every input the
 *   calculation used was verified by an inputs verifier (entity-check) and the arithmetic agrees (recompute), or
 *   a blind LLM verifier, which read only the note, agrees;
 * - `extraction-unverified`: the arithmetic agrees with the stored inputs, but at least one input was not
 *   verified against the note (not found near its name, censored, another time point that matters, a criterion
 *   without support) or the inputs verifier has no verdict: the label is consistent, not checked;
 * - `relabel-proposed`: a new label is proposed automatically (with the label and why);
 * - `needs-physician`: contentious (verifiers disagree, or a change rests on a judgment call);
 * - `not-computable`: the note lacks what the calculator needs; the honest label is N/A.
 */
export const TRIAGE_STATUSES = [
  'confirmed',
  'extraction-unverified',
  'relabel-proposed',
  'needs-physician',
  'not-computable',
] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

/**
 * How a fired rule bears on the decision:
 * - `context`: recorded for the reader, decides nothing (an ignored verifier, a finding worth knowing);
 * - `decides`: the consensus outcome that sets the status (confirm, relabel, not computable);
 * - `holds`: sends the item to a physician whatever the consensus says.
 */
export const REASON_EFFECTS = ['context', 'decides', 'holds'] as const;
export type ReasonEffect = (typeof REASON_EFFECTS)[number];

/**
 * One rule that fired. `rule` is one of the closed `TRIAGE_RULE_IDS` (`rules.ts`), each documented in
 * `docs/triage-policy.md`; `text` says, in plain words, which verifier and finding made it fire.
 */
export interface TriageReason {
  rule: TriageRuleId;
  effect: ReasonEffect;
  text: string;
}

export interface TriageDecision {
  status: TriageStatus;
  /** Set for `relabel-proposed`, and for `needs-physician` when a verifier computed a candidate. */
  proposedLabel: string | null;
  /** Every rule that fired, the decisive one first, each naming the verifier and finding behind it. */
  reasons: TriageReason[];
  /** The categories behind the decision (union over the verdicts that counted). */
  categories: ErrorCategory[];
  /**
   * Expected consequence of the item's label being wrong, ≥ 0: higher = review first. Only meaningful for
   * ranking within one audit.
   */
  impact: number;
}

/** What triage reads about one item. */
export interface TriageInput {
  itemId: string;
  calculatorId: number | undefined;
  calculatorSlug: string | undefined;
  outputType: string | undefined;
  originalLabel: string;
  verdicts: readonly Verdict[];
}
