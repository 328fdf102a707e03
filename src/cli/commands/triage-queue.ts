import { readLatestTriage } from '../../audit/latest.js';
import { rankReviewQueue } from '../../triage/impact.js';
import { findDecisiveReason, formatReviewQueueTable } from '../review-queue-table.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { triageQueueSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const TRIAGE_QUEUE_SCHEMA_VERSION = 1;

export async function triageQueueCommand(
  options: CommandInput<typeof triageQueueSpec>,
): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const report = await readLatestTriage(store, {
      dataset: options.dataset,
      cwd: options.io.cwd,
      status: 'needs-physician',
    });
    const { run } = report;
    const queue = rankReviewQueue(report.items, options.budget);
    const total = queue.queue.length + queue.deferred.length;
    const text = [
      `${report.dataset.source}: ${total} items need a physician; ${queue.budget === null ? 'all listed' : `the ${queue.queue.length} most consequential within budget ${queue.budget}`} (policy ${report.policy.name}; run ${run.id.slice(0, 8)}: ${run.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}, ${run.ruleSet} rules)`,
      '',
      formatReviewQueueTable(queue.queue),
    ].join('\n');
    return {
      text,
      json: {
        schemaVersion: TRIAGE_QUEUE_SCHEMA_VERSION,
        dataset: report.dataset,
        run,
        policy: report.policy,
        budget: queue.budget,
        needsPhysician: total,
        // `id` is the item id (Row Number, Unique ID or uid, as `audit show <id>` takes it); `calculatorId` is the
        // MedCalc-Bench calculator id.
        queue: queue.queue.map((item, index) => ({
          rank: index + 1,
          id: item.id,
          row: item.row,
          calculatorId: item.calculatorId,
          calculatorName: item.calculatorName,
          decisiveReason: findDecisiveReason(item.triage) ?? null,
          original: item.original,
          triage: item.triage,
        })),
        deferred: queue.deferred.map((item) => item.id),
      },
    };
  } finally {
    await store.close();
  }
}
