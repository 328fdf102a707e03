import { AppError } from '../app-error.js';
import type { AuditItem } from '../audit/types.js';
import { rankReviewQueue } from '../triage/impact.js';
import type { NewReviewItem } from '../store/review-batches.js';
import { countRequiredReviewers } from './resolve.js';

/**
 * Plans a review batch (pure): from the latest audit's `needs-physician` items, ranked by expected impact and cut
 * at the budget exactly as `steward triage queue` does, or from a `triage sample` file's items (in file order).
 * Each item needs the batch's number of physicians, plus one on the sampled share for agreement figures.
 */

export interface BatchSettings {
  id: string;
  name: string;
  reviewersPerItem: number;
  extraReviewerRate: number;
  leaseMinutes: number;
}

/** A planned item is what the review store takes for a new batch. */
export type PlannedItem = NewReviewItem;

export interface BatchPlan {
  source: 'queue' | 'sample';
  items: PlannedItem[];
  /** Queue items left out by the budget. */
  deferred: number;
}

export interface SampleEntry {
  id: string;
  stratum?: string | undefined;
  weight?: number | undefined;
}

export function checkBatchSettings(settings: BatchSettings): void {
  const problems: string[] = [];
  if (
    !Number.isInteger(settings.reviewersPerItem) ||
    settings.reviewersPerItem < 1 ||
    settings.reviewersPerItem > 10
  )
    problems.push(`reviewers per item must be a whole number from 1 to 10, got ${settings.reviewersPerItem}`);
  if (!(settings.extraReviewerRate >= 0 && settings.extraReviewerRate <= 1))
    problems.push(`the extra-reviewer rate must be within 0–1, got ${settings.extraReviewerRate}`);
  if (!Number.isInteger(settings.leaseMinutes) || settings.leaseMinutes < 1)
    problems.push(`the lease must be at least 1 minute, got ${settings.leaseMinutes}`);
  if (settings.name.trim() === '') problems.push('the batch needs a name');
  if (problems.length > 0) {
    throw new AppError('ARGUMENT_INVALID', problems.join('; '), {
      fix: 'Defaults: 2 reviewers per item, no extra reviewer, a 48-hour lease.',
    });
  }
}

export function planQueueBatch(
  items: readonly AuditItem[],
  settings: BatchSettings,
  budget: number | undefined,
): BatchPlan {
  checkBatchSettings(settings);
  const { queue, deferred } = rankReviewQueue(items, budget);
  return {
    source: 'queue',
    deferred: deferred.length,
    items: queue.map((item, index) => ({
      itemId: item.id,
      rank: index + 1,
      requiredReviewers: countRequiredReviewers(settings, item.id),
      triageStatus: item.triage.status,
      impact: item.triage.impact,
      stratum: null,
      weight: null,
    })),
  };
}

export function planSampleBatch(
  sample: readonly SampleEntry[],
  settings: BatchSettings,
  options: { triage: ReadonlyMap<string, { status: string; impact: number }>; budget: number | undefined },
): BatchPlan {
  const { triage, budget } = options;
  checkBatchSettings(settings);
  const seen = new Set<string>();
  const duplicates = sample.filter((entry) => (seen.has(entry.id) ? true : (seen.add(entry.id), false)));
  if (duplicates.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `the sample lists item ${duplicates[0]?.id ?? ''} more than once`,
      {
        fix: 'Use the file `steward triage sample --out` wrote: one row per item.',
      },
    );
  }
  const kept = budget === undefined ? sample : sample.slice(0, budget);
  return {
    source: 'sample',
    deferred: sample.length - kept.length,
    items: kept.map((entry, index) => ({
      itemId: entry.id,
      rank: index + 1,
      requiredReviewers: countRequiredReviewers(settings, entry.id),
      triageStatus: triage.get(entry.id)?.status ?? null,
      impact: triage.get(entry.id)?.impact ?? null,
      stratum: entry.stratum ?? null,
      weight: entry.weight ?? null,
    })),
  };
}
