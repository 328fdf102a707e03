import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { readCsvRows } from '../../dataset/read-rows.js';
import {
  buildReviewBatch,
  DEFAULT_LEASE_HOURS,
  DEFAULT_REVIEWERS_PER_ITEM,
} from '../../review/build-batch.js';
import { sampleFromRows } from '../../triage/sample-file.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { reviewBatchSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const REVIEW_BATCH_SCHEMA_VERSION = 1;

function parseShare(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new AppError('ARGUMENT_INVALID', `${flag} must be a number, got "${text}"`, {
      fix: `e.g. ${flag} 0.2`,
    });
  }
  return value;
}

function readSample(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `cannot read the sample ${path}`, {
      fix: 'Give the CSV `steward triage sample --out` wrote.',
      cause: error,
    });
  }
  return sampleFromRows(readCsvRows(text, path), path).items.map((item) => ({
    id: item.itemId,
    stratum: item.stratum,
    weight: item.weight,
  }));
}

/** `steward review batch`: builds a batch from the latest audit's physician queue or a sample file. */
export async function reviewBatchCommand(
  options: CommandInput<typeof reviewBatchSpec>,
): Promise<CommandResult> {
  const { io } = options;
  const now = new Date();
  const sample = options.sample === undefined ? undefined : readSample(resolve(io.cwd, options.sample));
  const store = await openCliStore(io, options.db, true);
  try {
    const { batch, deferred } = await buildReviewBatch(store, {
      name: options.name ?? `batch ${now.toISOString().slice(0, 16).replace('T', ' ')}`,
      budget: options.budget,
      reviewersPerItem: options.reviewers ?? DEFAULT_REVIEWERS_PER_ITEM,
      extraReviewerRate: parseShare(options.extraRate, '--extra-rate', 0),
      leaseHours: parseShare(options.leaseHours, '--lease-hours', DEFAULT_LEASE_HOURS),
      sample,
      dataset: options.dataset,
      cwd: io.cwd,
      actor: 'cli',
      now,
      newId: randomUUID,
    });
    const text = [
      `review batch "${batch.name}" (${batch.id}): ${batch.items} items from ${batch.source === 'sample' ? 'the sample' : "the latest audit's physician queue"}${deferred > 0 ? ` (${deferred} left out by the budget)` : ''}`,
      `${batch.reviewersPerItem} physicians per item${batch.extraReviewerRate > 0 ? `, one more on ${(batch.extraReviewerRate * 100).toFixed(0)}% of items` : ''}: ${batch.labelsRequired} labels to collect; assignments expire after ${(batch.leaseMinutes / 60).toFixed(1)} h`,
      'next: `steward serve`, then physicians sign in and take items from their queue',
    ].join('\n');
    return {
      text,
      json: {
        schemaVersion: REVIEW_BATCH_SCHEMA_VERSION,
        batch: { ...batch, createdAt: batch.createdAt.toISOString() },
        deferred,
      },
    };
  } finally {
    await store.close();
  }
}
