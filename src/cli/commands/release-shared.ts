import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { gatherReleaseInput } from '../../release/gather.js';
import { isSemver, planRelease } from '../../release/plan-release.js';
import type { ReleasePlan } from '../../release/plan-release.js';
import { DEFAULT_RELEASE_POLICY, parseReleasePolicy } from '../../release/policy.js';
import { readPreviousRelease } from '../../release/read-release.js';
import { RELEASE_STATUSES } from '../../release/types.js';
import type { Store } from '../../store/open.js';
import { formatTable } from '../io.js';
import type { CliIo } from '../io.js';
import { readPackageVersion } from '../program.js';

export const RELEASE_SCHEMA_VERSION = 1;

export interface ReleaseOptions {
  version: string;
  from: string | undefined;
  policy: string | undefined;
  dataset: string | undefined;
}

export function requireSemver(version: string): void {
  if (!isSemver(version)) {
    throw new AppError('ARGUMENT_INVALID', `"${version}" is not a semantic version`, {
      fix: 'Give MAJOR.MINOR.PATCH, e.g. 1.1.0 (a pre-release such as 1.1.0-rc.1 is fine).',
    });
  }
}

function readPolicyFile(io: CliIo, file: string | undefined) {
  if (file === undefined) return DEFAULT_RELEASE_POLICY;
  const path = resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `cannot read the release policy ${path}`, {
      fix: 'Check the --policy path.',
      cause: error,
    });
  }
  return parseReleasePolicy(text, path);
}

/** Plans a release from the store (nothing written). */
export async function planReleaseFromStore(
  store: Store,
  io: CliIo,
  options: ReleaseOptions & { now: Date },
): Promise<ReleasePlan> {
  requireSemver(options.version);
  const policy = readPolicyFile(io, options.policy);
  const previous = options.from === undefined ? null : readPreviousRelease(resolve(io.cwd, options.from));
  const input = await gatherReleaseInput(store, {
    dataset: options.dataset,
    cwd: io.cwd,
    version: options.version,
    policy,
    previous,
    stewardVersion: readPackageVersion(),
    now: options.now,
  });
  return planRelease(input);
}

/** Counts per status and per calculator, as text tables. */
export function formatReleaseCounts(plan: ReleasePlan): string {
  const statusTable = formatTable(
    ['status', 'items'],
    RELEASE_STATUSES.map((status) => [status, String(plan.counts.byStatus[status])]),
  );
  const calculatorTable = formatTable(
    ['id', 'calculator', 'items', 'changed', ...RELEASE_STATUSES],
    plan.counts.byCalculator.map((entry) => [
      entry.calculatorId === null ? '–' : String(entry.calculatorId),
      entry.calculatorName,
      String(entry.items),
      String(entry.changed),
      ...RELEASE_STATUSES.map((status) => String(entry.byStatus[status])),
    ]),
  );
  return `${statusTable}\n\n${calculatorTable}`;
}

/** Every changed row with why, for `plan`'s text output. */
export function formatReleaseChanges(plan: ReleasePlan): string {
  const changed = plan.rows.filter((row) => row.changed);
  if (changed.length === 0) return 'no label changes';
  return formatTable(
    ['id', 'calculator', 'from', 'to', 'status', 'category', 'why'],
    changed.map((row) => [
      row.source.itemId,
      row.source.calculatorName.slice(0, 40),
      row.source.label,
      row.included ? row.label : '(omitted)',
      row.decision.status,
      row.decision.errorCategory ?? '–',
      (row.decision.evidence[0] ?? '').slice(0, 100),
    ]),
  );
}

/** The plan as JSON: everything but the source rows' long texts. */
export function toPlanJson(plan: ReleasePlan): Record<string, unknown> {
  return {
    version: plan.version,
    createdAt: plan.createdAt,
    previousVersion: plan.previousVersion,
    dataset: plan.dataset,
    audit: plan.audit,
    reviewBatchIds: plan.reviewBatchIds,
    policy: plan.policy,
    policyHash: plan.policyHash,
    conventions: plan.conventions,
    counts: plan.counts,
    problems: plan.problems,
    rows: plan.rows.map((row) => ({
      id: row.source.itemId,
      calculatorId: row.source.calculatorId,
      calculatorName: row.source.calculatorName,
      included: row.included,
      changed: row.changed,
      label: row.label,
      lowerLimit: row.lowerLimit,
      upperLimit: row.upperLimit,
      labelVersion: row.labelVersion,
      decision: row.decision,
    })),
    changelog: plan.changelogEntry,
  };
}
