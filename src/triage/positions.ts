import type { Assessment, Verdict } from '../verify/types.js';
import { labelsAgree, readLabel } from './labels.js';
import { roleOf } from './policy.js';
import type { TriagePolicy, VerifierRole } from './policy.js';

/**
 * What one verifier concluded about an item once its runs are voted. A deterministic verifier has one run, which
 * is its position. Several runs (LLM recompute) are voted by supermajority:
 *
 * - `required` = ⌈supermajority × runs⌉ (runs without the abstaining ones when `abstentionsCount` is false);
 * - `supports`, `not-computable`, `abstains` win when at least `required` runs say so;
 * - `disputes` wins when at least `required` runs dispute; its `proposedLabel` is the label of the largest group
 *   of disputing runs whose labels agree (within `labelTolerance`), only when that group also reaches `required`
 *   (otherwise the runs agree the label is wrong but not on what it should be, and `proposedLabel` is null);
 * - otherwise the position is `split`.
 *
 * Because the supermajority is above one half, at most one outcome can win.
 */
export type PositionOutcome = Assessment | 'split';

export interface VerifierPosition {
  verifier: string;
  role: VerifierRole;
  runs: number;
  tally: Record<Assessment, number>;
  /** Runs needed for a supermajority. */
  required: number;
  outcome: PositionOutcome;
  proposedLabel: string | null;
  /** The runs behind the outcome (all runs for `split`): their findings are the position's findings. */
  backing: Verdict[];
  /** Mean confidence of the backing runs. */
  confidence: number;
}

function tallyOf(verdicts: readonly Verdict[]): Record<Assessment, number> {
  const tally: Record<Assessment, number> = { supports: 0, disputes: 0, 'not-computable': 0, abstains: 0 };
  for (const verdict of verdicts) tally[verdict.assessment]++;
  return tally;
}

function meanConfidence(verdicts: readonly Verdict[]): number {
  if (verdicts.length === 0) return 0;
  return verdicts.reduce((sum, verdict) => sum + verdict.confidence, 0) / verdicts.length;
}

/** Groups disputing runs whose labels agree; groups ordered largest first, ties by label text. */
function groupLabels(verdicts: readonly Verdict[], tolerance: number, outputType?: string): Verdict[][] {
  const labelled = verdicts.filter((verdict) => verdict.proposedLabel !== null);
  const counts = new Map<string, number>();
  for (const verdict of labelled) {
    const label = verdict.proposedLabel as string;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const distinct = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const groups: { representative: string; members: Verdict[] }[] = [];
  for (const label of distinct) {
    const read = readLabel(label, outputType);
    const members = labelled.filter((verdict) => verdict.proposedLabel === label);
    const group = groups.find((candidate) =>
      labelsAgree(readLabel(candidate.representative, outputType), read, tolerance),
    );
    if (group) group.members.push(...members);
    else groups.push({ representative: label, members });
  }
  return groups
    .sort(
      (a, b) =>
        b.members.length - a.members.length ||
        (a.representative < b.representative ? -1 : a.representative > b.representative ? 1 : 0),
    )
    .map((group) => group.members);
}

function positionOf(
  verifier: string,
  verdicts: readonly Verdict[],
  context: { policy: TriagePolicy; outputType: string | undefined },
): VerifierPosition {
  const { voting } = context.policy;
  const role = roleOf(context.policy, verifier) ?? 'label';
  const tally = tallyOf(verdicts);
  const voters = voting.abstentionsCount ? verdicts.length : verdicts.length - tally.abstains;
  const required = Math.max(1, Math.ceil(voting.supermajority * voters - 1e-9));
  const base = { verifier, role, runs: verdicts.length, tally, required };
  const settle = (outcome: PositionOutcome, backing: Verdict[], proposedLabel: string | null = null) => ({
    ...base,
    outcome,
    proposedLabel,
    backing,
    confidence: meanConfidence(backing),
  });
  if (voters === 0) return settle('abstains', [...verdicts]);
  for (const assessment of ['supports', 'not-computable', 'abstains'] as const) {
    if (tally[assessment] >= required) {
      return settle(
        assessment,
        verdicts.filter((verdict) => verdict.assessment === assessment),
      );
    }
  }
  if (tally.disputes >= required) {
    const disputing = verdicts.filter((verdict) => verdict.assessment === 'disputes');
    if (role === 'inputs') return settle('disputes', disputing);
    const [largest] = groupLabels(disputing, voting.labelTolerance, context.outputType);
    if (largest !== undefined && largest.length >= required) {
      return settle('disputes', largest, largest[0]?.proposedLabel ?? null);
    }
    return settle('disputes', disputing);
  }
  return settle('split', [...verdicts]);
}

/**
 * One position per counted verifier (in name order), and the verdicts of verifiers the policy does not count.
 * Verdicts of one verifier are its runs, whatever their order.
 */
export function collectPositions(
  verdicts: readonly Verdict[],
  context: { policy: TriagePolicy; outputType: string | undefined },
): { positions: VerifierPosition[]; ignored: Verdict[] } {
  const byVerifier = new Map<string, Verdict[]>();
  const ignored: Verdict[] = [];
  for (const verdict of verdicts) {
    if (roleOf(context.policy, verdict.verifier) === undefined) {
      ignored.push(verdict);
      continue;
    }
    byVerifier.set(verdict.verifier, [...(byVerifier.get(verdict.verifier) ?? []), verdict]);
  }
  const positions = [...byVerifier.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((verifier) => positionOf(verifier, byVerifier.get(verifier) ?? [], context));
  return { positions, ignored };
}
