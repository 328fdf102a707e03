import type { Calculator } from '../../calculators/define.js';
import type { InputSpec } from '../../calculators/types.js';
import { formatUsDate, type CalendarDate } from '../../units/calendar.js';
import { formatNumber, QUANTITY_KINDS } from '../../units/index.js';
import type { EvidenceSpan } from '../types.js';
import type { LlmInputVote } from './types.js';
import { clusterBallots, type Ballot } from './voting.js';

/** One input as one run read it, after our conversion to the input's canonical form. */
export interface RunInput {
  status: 'present' | 'missing';
  /** The canonical value (quantities in the kind's canonical unit), when present and readable. */
  value: unknown;
  timePoint: string | null;
  /** Where the run's quote is in the note, when it was found. */
  span: EvidenceSpan | null;
}

const RELATIVE_TOLERANCE = 0.05;

/** A canonical value as a ballot text (numbers as numbers, everything else as JSON). */
function encodeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** Numbers agree within ±5% of the larger; anything else must be equal. */
function sameValue(left: string, right: string): boolean {
  const a = Number(left);
  const b = Number(right);
  if (left.trim() !== '' && right.trim() !== '' && Number.isFinite(a) && Number.isFinite(b)) {
    return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b)) * (1 + 1e-12);
  }
  return left === right;
}

/** A canonical value for people: `1.2 mg/dL`, `true`, `female`, `03/01/2024`. */
export function describeInputValue(spec: InputSpec, value: unknown): string {
  if (typeof value === 'number') {
    const unit =
      spec.type === 'quantity'
        ? ` ${QUANTITY_KINDS[spec.quantity].display}`
        : spec.type === 'number' && spec.unit !== undefined
          ? ` ${spec.unit}`
          : '';
    return `${formatNumber(value)}${unit}`;
  }
  if (spec.type === 'date' && typeof value === 'object' && value !== null)
    return formatUsDate(value as CalendarDate);
  if (spec.type === 'drug-dose' && typeof value === 'object' && value !== null) {
    const dose = value as { drug: string; doseMg: number };
    return `${dose.drug} ${formatNumber(dose.doseMg)} mg`;
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts)
    if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

/**
 * Votes each calculator input across the runs that read the note (runs that abstained are left out): values are
 * clustered (numbers within ±5%, other values equal; "missing" is its own cluster), and an input is `agreed` (or
 * `missing`) when its largest cluster holds at least 4/5 of the votes, rounded up (2 of 2, 3 of 3, 4 of 4 or 5).
 * A split input shows where the runs read the note differently (value or time point).
 */
export function voteInputs(
  calculator: Calculator,
  runs: readonly ReadonlyMap<string, RunInput>[],
): LlmInputVote[] {
  return Object.entries(calculator.inputs).map(([name, spec]) => {
    const readings = runs.map(
      (run) => run.get(name) ?? { status: 'missing' as const, value: undefined, timePoint: null, span: null },
    );
    const ballots: Ballot[] = readings.map((reading) =>
      reading.status === 'missing' || reading.value === undefined
        ? { outcome: 'not-computable', answer: null }
        : { outcome: 'answer', answer: encodeValue(reading.value) },
    );
    const clusters = clusterBallots(ballots, sameValue);
    const leader = clusters[0];
    const votes = readings.length;
    const support = leader?.votes ?? 0;
    const agreed = leader !== undefined && support >= Math.ceil(0.8 * votes);
    const members = (leader?.members ?? [])
      .map((index) => readings[index])
      .filter((reading) => reading !== undefined);
    const first = members[0];
    const timePoint = mostCommon(
      members.flatMap((reading) => (reading.timePoint === null ? [] : [reading.timePoint])),
    );
    return {
      input: name,
      outcome: !agreed ? 'split' : leader.answer === null ? 'missing' : 'agreed',
      value:
        agreed && leader.answer !== null && first !== undefined
          ? describeInputValue(spec, first.value)
          : null,
      support,
      votes,
      ...(timePoint === undefined ? {} : { timePoint }),
      evidence: members
        .flatMap((reading) => (reading.span === null ? [] : [reading.span]))
        .filter(
          (span, index, spans) =>
            spans.findIndex((other) => other.start === span.start && other.end === span.end) === index,
        ),
    };
  });
}

/**
 * The agreed inputs whose value differs from the row's stored entity (our reading of both, canonical units):
 * where a blind recomputation and the original label part ways.
 */
export function compareWithStored(
  calculator: Calculator,
  votes: readonly LlmInputVote[],
  {
    agreedValues,
    stored,
  }: { agreedValues: ReadonlyMap<string, unknown>; stored: Readonly<Record<string, unknown>> },
): string[] {
  const differences: string[] = [];
  for (const vote of votes) {
    const spec = calculator.inputs[vote.input];
    if (spec === undefined || vote.outcome === 'split') continue;
    const note = agreedValues.get(vote.input);
    const original = stored[vote.input];
    if (vote.outcome === 'missing') {
      if (original !== undefined)
        differences.push(`${vote.input} (not in the note; stored ${describeInputValue(spec, original)})`);
      continue;
    }
    if (original === undefined) {
      differences.push(`${vote.input} (note ${vote.value ?? '?'}; not stored)`);
    } else if (!sameValue(encodeValue(note), encodeValue(original))) {
      differences.push(
        `${vote.input} (note ${vote.value ?? '?'}; stored ${describeInputValue(spec, original)})`,
      );
    }
  }
  return differences;
}
