import type { LlmVerdictDetails } from '../verify/llm/types.js';
import type { Assessment, Verdict } from '../verify/types.js';
import { labelsAgree, readLabel } from './labels.js';
import { readLlmDetails } from './llm-details.js';
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
 *
 * An LLM verifier stores one verdict per item whose `details` (`LlmVerdictDetails`) already vote its runs; its
 * position follows that vote: `split` is split, `insufficient` abstains, an agreed vote takes the verdict's
 * assessment (a dispute proposes the agreed answer). A verdict whose LLM details are malformed counts as an
 * abstention and is listed in `malformed`.
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
  /** The checked details when the position is one LLM verdict's own vote; undefined otherwise. */
  llm: LlmVerdictDetails | undefined;
}

/** An LLM verdict whose details do not match `LlmVerdictDetails`: counted as an abstention. */
export interface MalformedLlmVerdict {
  verdict: Verdict;
  problem: string;
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
    llm: undefined,
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

/** The position of one LLM verdict, from the vote its details record. */
function llmPositionOf(
  verdict: Verdict,
  details: LlmVerdictDetails,
  context: { policy: TriagePolicy },
): VerifierPosition {
  const { vote } = details;
  const outcome: PositionOutcome =
    vote.outcome === 'split' ? 'split' : vote.outcome === 'insufficient' ? 'abstains' : verdict.assessment;
  const proposedLabel = outcome === 'disputes' ? (verdict.proposedLabel ?? vote.answer) : null;
  return {
    verifier: verdict.verifier,
    role: roleOf(context.policy, verdict.verifier) ?? 'label',
    runs: vote.runs,
    tally: tallyOf([verdict]),
    required: context.policy.llm.minimumSupport,
    outcome,
    proposedLabel,
    backing: [verdict],
    confidence: verdict.confidence,
    llm: details,
  };
}

function abstentionOf(verdict: Verdict, problem: string): Verdict {
  return {
    ...verdict,
    assessment: 'abstains',
    proposedLabel: null,
    details: { reason: `its LLM details are malformed (${problem})` },
  };
}

/**
 * One position per counted verifier (in name order), the verdicts of verifiers the policy does not count, and the
 * LLM verdicts whose details are malformed (counted as abstentions). Verdicts of one verifier are its runs,
 * whatever their order; a verifier with one valid LLM verdict takes that verdict's own vote.
 */
export function collectPositions(
  verdicts: readonly Verdict[],
  context: { policy: TriagePolicy; outputType: string | undefined },
): { positions: VerifierPosition[]; ignored: Verdict[]; malformed: MalformedLlmVerdict[] } {
  const byVerifier = new Map<string, Verdict[]>();
  const ignored: Verdict[] = [];
  const malformed: MalformedLlmVerdict[] = [];
  const llm = new Map<Verdict, LlmVerdictDetails>();
  for (const original of verdicts) {
    if (roleOf(context.policy, original.verifier) === undefined) {
      ignored.push(original);
      continue;
    }
    let verdict = original;
    const read = readLlmDetails(original);
    if (read.kind === 'malformed') {
      malformed.push({ verdict: original, problem: read.problem });
      verdict = abstentionOf(original, read.problem);
    } else if (read.kind === 'llm') {
      llm.set(verdict, read.details);
    }
    byVerifier.set(verdict.verifier, [...(byVerifier.get(verdict.verifier) ?? []), verdict]);
  }
  const positions = [...byVerifier.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((verifier) => {
      const runs = byVerifier.get(verifier) ?? [];
      const [only] = runs;
      const details = only === undefined ? undefined : llm.get(only);
      return runs.length === 1 && only !== undefined && details !== undefined
        ? llmPositionOf(only, details, context)
        : positionOf(verifier, runs, context);
    });
  return { positions, ignored, malformed };
}
