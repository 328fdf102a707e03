import { readAuditReport } from '../../audit/run-audit.js';
import type { AuditReport } from '../../audit/types.js';
import type { VerifierRef } from '../../store/audit-repository.js';
import type { Store } from '../../store/open.js';
import { rankReviewQueue } from '../../triage/impact.js';
import { resolveAuditContext } from '../audit-context.js';
import { formatLabel, formatTable } from '../io.js';
import type { CliIo, CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';

export const TRIAGE_QUEUE_SCHEMA_VERSION = 1;

/** The report of the latest audit (or of --dataset), read back from the store. */
export interface LatestReport {
  report: AuditReport;
  run: { id: string; datasetId: string; verifiers: VerifierRef[]; ruleSet: string };
}

export async function readLatestReport(
  store: Store,
  options: { dataset: string | undefined; cwd: string },
): Promise<LatestReport> {
  const context = await resolveAuditContext(store, { ...options, requireCompleted: true });
  const verifiers = context.run.verifiers as VerifierRef[];
  const report = await readAuditReport(store.db, {
    runId: context.run.id,
    datasetId: context.datasetId,
    ruleSet: context.run.ruleSet,
    verifiers,
    policy: { name: context.run.policyName, hash: context.run.policyHash },
  });
  return {
    report,
    run: { id: context.run.id, datasetId: context.datasetId, verifiers, ruleSet: context.run.ruleSet },
  };
}

export async function triageQueueCommand(options: {
  budget?: number;
  db?: string;
  dataset?: string;
  io: CliIo;
}): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const { report, run } = await readLatestReport(store, { dataset: options.dataset, cwd: options.io.cwd });
    const queue = rankReviewQueue(report.items, options.budget);
    const total = queue.queue.length + queue.deferred.length;
    const text = [
      `${report.dataset.source}: ${total} items need a physician; ${queue.budget === null ? 'all listed' : `the ${queue.queue.length} most consequential within budget ${queue.budget}`} (policy ${report.policy.name}; run ${run.id.slice(0, 8)}: ${run.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}, ${run.ruleSet} rules)`,
      '',
      formatTable(
        ['rank', 'id', 'calculator', 'original', 'candidate', 'impact', 'reasons'],
        queue.queue.map((item, index) => [
          String(index + 1),
          item.id,
          item.calculatorName,
          item.original.label,
          formatLabel(item.triage.proposedLabel),
          item.triage.impact.toFixed(3),
          String(item.triage.reasons.length),
        ]),
      ),
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
        queue: queue.queue.map((item, index) => ({
          rank: index + 1,
          id: item.id,
          calculatorId: item.calculatorId,
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
