import { compareText } from '../compare-text.js';
import { checkConventions, findConvention } from './conventions.js';
import type { Convention } from './conventions.js';
import { decideLabels } from './decide-labels.js';
import type { AuditedItem, ReviewOutcome } from './decide-labels.js';
import { computeLimits, findLabelKind } from './labels.js';
import { hashReleasePolicy } from './policy.js';
import type { ReleasePolicy } from './policy.js';
import { renderChangelogEntry } from './changelog.js';
import { NOT_AVAILABLE_LABEL, RELEASE_STATUSES } from './types.js';
import type { DecidedBy, LabelDecision, ReleaseStatus, SourceRow } from './types.js';

export const RELEASE_SCHEMA_VERSION = 1;

/** What the previous release (`--from`) said about each item. */
export interface PreviousRelease {
  version: string;
  rows: ReadonlyMap<string, { status: string; label: string; labelVersion: string }>;
  /** Its CHANGELOG.md, whose entries the new one keeps below its own. */
  changelog: string;
}

export interface ReleaseInput {
  version: string;
  createdAt: string;
  stewardVersion: string;
  policy: ReleasePolicy;
  dataset: { id: string; source: string; layout: string; provenance: unknown };
  audit: {
    runId: string;
    ruleSet: string;
    ruleSetVersion: string;
    policyHash: string;
    verifiers: { name: string; version: string; configHash: string }[];
  };
  reviewBatchIds: string[];
  /** Every row of the source dataset, in file order. */
  rows: readonly SourceRow[];
  items: readonly AuditedItem[];
  reviews: readonly ReviewOutcome[];
  previous: PreviousRelease | null;
  /** The default of a calculator option (what the verifiers computed with), for checking conventions. */
  defaultOptionOf: (calculator: string, name: string) => string | undefined;
}

/** One row of the release: the source row, its decision and what the data files write. */
export interface ReleaseRow {
  source: SourceRow;
  decision: LabelDecision;
  label: string;
  lowerLimit: string;
  upperLimit: string;
  labelVersion: string;
  /** False when the policy omits withheld items from the data files. */
  included: boolean;
  /** The written label differs from the original, or the row is omitted. */
  changed: boolean;
}

export interface CalculatorCounts {
  calculatorId: number | null;
  calculatorName: string;
  items: number;
  changed: number;
  byStatus: Record<ReleaseStatus, number>;
}

export interface ReleaseCounts {
  items: number;
  included: number;
  changed: number;
  byStatus: Record<ReleaseStatus, number>;
  byCalculator: CalculatorCounts[];
  /** Against the `--from` release: items whose written label or status differs. */
  sincePrevious: { version: string; labelChanged: number; statusChanged: number } | null;
}

export interface ReleasePlan {
  schemaVersion: typeof RELEASE_SCHEMA_VERSION;
  version: string;
  createdAt: string;
  stewardVersion: string;
  policy: ReleasePolicy;
  policyHash: string;
  conventions: Convention[];
  dataset: ReleaseInput['dataset'];
  audit: ReleaseInput['audit'];
  reviewBatchIds: string[];
  previousVersion: string | null;
  rows: ReleaseRow[];
  counts: ReleaseCounts;
  /** This version's changelog entry (Markdown). */
  changelogEntry: string;
  /** The whole CHANGELOG.md: this entry above the previous release's entries. */
  changelog: string;
  /** Reasons the release cannot be published (bad conventions, a source without the v1.0 columns). */
  problems: string[];
}

function emptyStatusCounts(): Record<ReleaseStatus, number> {
  return Object.fromEntries(RELEASE_STATUSES.map((status) => [status, 0])) as Record<ReleaseStatus, number>;
}

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

function notAudited(row: SourceRow): LabelDecision {
  const decidedBy: DecidedBy = { kind: 'triage', rule: 'no-label-verdict', verifiers: [] };
  return {
    itemId: row.itemId,
    status: 'withheld',
    originalLabel: row.label,
    newLabel: null,
    errorCategory: null,
    categories: [],
    evidence: ['not in the audit'],
    decidedBy,
    decidedAt: null,
    triageStatus: 'none',
    review: null,
  };
}

function writeRow(row: SourceRow, decision: LabelDecision, input: ReleaseInput): ReleaseRow {
  const { policy, previous } = input;
  const kind = findLabelKind(row.calculatorId, row.outputType);
  const original = { label: row.label, lower: row.lowerLimit ?? '', upper: row.upperLimit ?? '' };
  let written = original;
  let included = true;
  if (decision.newLabel !== null && decision.newLabel !== row.label) {
    const limits = computeLimits(decision.newLabel, kind, policy.tolerance);
    written = { label: decision.newLabel, ...limits };
  } else if (decision.status === 'withheld') {
    if (policy.withheld === 'omit') included = false;
    if (policy.withheld === 'na')
      written = { label: NOT_AVAILABLE_LABEL, lower: NOT_AVAILABLE_LABEL, upper: NOT_AVAILABLE_LABEL };
  }
  const changed = !included || written.label !== row.label;
  const before = previous?.rows.get(row.itemId);
  const labelVersion = !changed
    ? policy.sourceVersion
    : before !== undefined && before.label === written.label && before.labelVersion !== ''
      ? before.labelVersion
      : input.version;
  return {
    source: row,
    decision,
    label: written.label,
    lowerLimit: written.lower,
    upperLimit: written.upper,
    labelVersion,
    included,
    changed,
  };
}

function countRows(rows: readonly ReleaseRow[], previous: PreviousRelease | null): ReleaseCounts {
  const byStatus = emptyStatusCounts();
  const calculators = new Map<string, CalculatorCounts>();
  let labelChanged = 0;
  let statusChanged = 0;
  for (const row of rows) {
    byStatus[row.decision.status] += 1;
    const key = `${row.source.calculatorId ?? ''}\u0000${row.source.calculatorName}`;
    const entry = calculators.get(key) ?? {
      calculatorId: row.source.calculatorId,
      calculatorName: row.source.calculatorName,
      items: 0,
      changed: 0,
      byStatus: emptyStatusCounts(),
    };
    entry.items += 1;
    entry.changed += row.changed ? 1 : 0;
    entry.byStatus[row.decision.status] += 1;
    calculators.set(key, entry);
    const before = previous?.rows.get(row.source.itemId);
    if (previous !== null) {
      if (before === undefined ? row.included : before.label !== row.label || !row.included)
        labelChanged += 1;
      if (before?.status !== row.decision.status) statusChanged += 1;
    }
  }
  return {
    items: rows.length,
    included: rows.filter((row) => row.included).length,
    changed: rows.filter((row) => row.changed).length,
    byStatus,
    byCalculator: [...calculators.values()].sort(
      (a, b) =>
        (a.calculatorId ?? Number.MAX_SAFE_INTEGER) - (b.calculatorId ?? Number.MAX_SAFE_INTEGER) ||
        compareText(a.calculatorName, b.calculatorName),
    ),
    sincePrevious: previous === null ? null : { version: previous.version, labelChanged, statusChanged },
  };
}

const V1_LAYOUTS: readonly string[] = ['medcalc-v1.0', 'medcalc-unique-id'];

/**
 * Plans a release (pure): one row per source row in file order, each with its status and the label, limits and
 * `Label Version` the files will carry; counts per status and calculator; the changelog. Writes nothing.
 */
export function planRelease(input: ReleaseInput): ReleasePlan {
  const { policy } = input;
  const problems: string[] = [];
  if (!isSemver(input.version)) problems.push(`"${input.version}" is not a semantic version (e.g. 1.1.0)`);
  if (!V1_LAYOUTS.includes(input.dataset.layout))
    problems.push(`the source dataset's layout "${input.dataset.layout}" lacks the v1.0 columns`);
  const conventionIds = [policy.tolerance, ...policy.conventions];
  problems.push(...checkConventions(conventionIds, input.defaultOptionOf));
  const decisions = new Map(
    decideLabels(input.items, input.reviews, { adjudicatorIdentity: policy.adjudicatorIdentity }).map(
      (decision) => [decision.itemId, decision],
    ),
  );
  const rows = input.rows.map((row) => writeRow(row, decisions.get(row.itemId) ?? notAudited(row), input));
  const counts = countRows(rows, input.previous);
  const plan: Omit<ReleasePlan, 'changelogEntry' | 'changelog'> = {
    schemaVersion: RELEASE_SCHEMA_VERSION,
    version: input.version,
    createdAt: input.createdAt,
    stewardVersion: input.stewardVersion,
    policy,
    policyHash: hashReleasePolicy(policy),
    conventions: conventionIds.flatMap((id) => findConvention(id) ?? []),
    dataset: input.dataset,
    audit: input.audit,
    reviewBatchIds: input.reviewBatchIds,
    previousVersion: input.previous?.version ?? null,
    rows,
    counts,
    problems,
  };
  const changelogEntry = renderChangelogEntry(plan);
  const olderEntries = (input.previous?.changelog ?? '').replace(/^# Changelog\s*/, '').trim();
  const changelog = `# Changelog\n\n${changelogEntry.trim()}\n${olderEntries === '' ? '' : `\n${olderEntries}\n`}`;
  return { ...plan, changelogEntry, changelog };
}
