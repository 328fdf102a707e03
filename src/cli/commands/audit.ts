import { resolve } from 'node:path';
import { getRuleSet } from '../../answers/index.js';
import { runAudit } from '../../audit/run-audit.js';
import { sortCalculatorsBySuspectRate } from '../../audit/summary.js';
import type { AuditReport } from '../../audit/types.js';
import { renderAuditReportHtml } from '../../report/audit-html.js';
import { auditPolicyOf, loadTriagePolicy } from '../../audit/policy.js';
import { rankReviewQueue } from '../../triage/impact.js';
import { TRIAGE_STATUSES } from '../../triage/types.js';
import { ERROR_CATEGORIES } from '../../verify/types.js';
import { DEFAULT_VERIFIER_NAMES, resolveVerifiers } from '../../verify/registry.js';
import { formatPercent, formatTable } from '../io.js';
import { formatReviewQueueTable } from '../review-queue-table.js';
import type { CommandResult } from '../io.js';
import type { auditSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { loadDatasetForCli } from '../load-dataset.js';
import { createProgress } from '../progress.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';
import { openCliStore } from '../open-store.js';

export const AUDIT_SCHEMA_VERSION = 1;

/** Queue rows printed when no budget is given. */
const SHOWN_WITHOUT_BUDGET = 20;

/** The `steward audit` arguments and options, typed once from the command table. */
export type AuditCommandOptions = CommandInput<typeof auditSpec>;

function parseVerifierList(text: string | undefined): string[] {
  if (text === undefined) return [...DEFAULT_VERIFIER_NAMES];
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function statusTable(report: AuditReport): string {
  return formatTable(
    ['status', 'items', 'share'],
    TRIAGE_STATUSES.map((status) => [
      status,
      String(report.summary.byStatus[status]),
      formatPercent(
        report.summary.items === 0 ? NaN : report.summary.byStatus[status] / report.summary.items,
      ),
    ]),
  );
}

function categoryTable(report: AuditReport): string {
  return formatTable(
    ['error category', 'items'],
    ERROR_CATEGORIES.map((category) => [category, String(report.summary.byCategory[category])]),
  );
}

function calculatorTable(report: AuditReport, limit: number): string {
  const rows = sortCalculatorsBySuspectRate(report.summary.byCalculator)
    .filter((entry) => entry.suspect > 0)
    .slice(0, limit);
  return formatTable(
    ['id', 'calculator', 'items', 'suspect', 'rate'],
    rows.map((entry) => [
      String(entry.calculatorId ?? '?'),
      entry.calculatorName,
      String(entry.items),
      String(entry.suspect),
      formatPercent(entry.suspect / entry.items),
    ]),
  );
}

export async function auditCommand(options: AuditCommandOptions): Promise<CommandResult> {
  const { io } = options;
  const verifiers = resolveVerifiers(parseVerifierList(options.verifiers));
  const ruleSet = getRuleSet(options.rules);
  const policy = await loadTriagePolicy(
    options.policy === undefined ? undefined : resolve(io.cwd, options.policy),
  );
  const reportPath = options.report === undefined ? undefined : resolve(io.cwd, options.report);
  if (reportPath !== undefined) checkWritable(reportPath, 'report');
  const dataset = await loadDatasetForCli(options.source, io);
  const errors = dataset.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = dataset.problems.length - errors;
  if (errors + warnings > 0) {
    io.stderr(
      `audit: ${dataset.source} has ${errors} validation error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} (\`steward dataset inspect\` lists them); rows are audited as they are and their verdicts say what is wrong\n`,
    );
  }
  const store = await openCliStore(io, options.db);
  const progress = createProgress(io, 'audit');
  try {
    const outcome = await runAudit({
      db: store.db,
      dataset,
      verifiers,
      ruleSet,
      policy: auditPolicyOf(policy),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
      onProgress: ({ phase, done, total }) => progress.update(done, total, phase),
    });
    progress.stop();
    const report = outcome.report;
    if (reportPath !== undefined) writeFileAtomically(reportPath, await renderAuditReportHtml(report));
    const queue = rankReviewQueue(report.items, options.budget);
    const text = [
      `${report.dataset.source}: ${report.summary.items} items audited (run ${outcome.runId.slice(0, 8)}, ${outcome.state}) in ${store.location}`,
      `verifiers ${report.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}; rules ${ruleSet.id}; policy ${report.policy.name} (${report.policy.hash.slice(0, 12)})`,
      `dataset key ${outcome.datasetId} (for --dataset)`,
      `verdicts: ${outcome.verdictsWritten} written, ${outcome.verdictsReused} already stored; triage decisions changed: ${outcome.triageChanged}`,
      '',
      statusTable(report),
      '',
      categoryTable(report),
      '',
      'calculators with the highest suspect-label rate:',
      calculatorTable(report, 15),
      '',
      `physician review queue: ${queue.queue.length} of ${queue.queue.length + queue.deferred.length} items${options.budget === undefined ? '' : ` (budget ${options.budget})`}, most consequential first${options.budget === undefined && queue.queue.length > SHOWN_WITHOUT_BUDGET ? ` (the first ${SHOWN_WITHOUT_BUDGET} shown; --budget N or \`steward triage queue\` lists more)` : ''}:`,
      formatReviewQueueTable(queue.queue.slice(0, options.budget ?? SHOWN_WITHOUT_BUDGET)),
      ...(reportPath === undefined ? [] : ['', `report: ${reportPath}`]),
      '',
      `details of one item: steward audit show <id>${options.db === undefined ? '' : ` --db ${options.db}`}`,
    ].join('\n');
    return {
      text,
      json: {
        schemaVersion: AUDIT_SCHEMA_VERSION,
        run: {
          id: outcome.runId,
          state: outcome.state,
          verdictsWritten: outcome.verdictsWritten,
          verdictsReused: outcome.verdictsReused,
          triageChanged: outcome.triageChanged,
        },
        store: { kind: store.kind, location: store.location },
        dataset: report.dataset,
        datasetId: outcome.datasetId,
        verifiers: report.verifiers,
        ruleSet: ruleSet.id,
        policy: report.policy,
        summary: report.summary,
        reviewQueue: { budget: queue.budget, items: queue.queue.map((item) => item.id) },
        items: report.items.map((item) => ({
          id: item.id,
          calculatorId: item.calculatorId,
          original: item.original,
          verdicts: item.verdicts,
          triage: {
            status: item.triage.status,
            proposedLabel: item.triage.proposedLabel,
            reasons: item.triage.reasons,
            categories: item.triage.categories,
            impact: item.triage.impact,
          },
        })),
        ...(reportPath === undefined ? {} : { reportPath }),
      },
    };
  } finally {
    progress.stop();
    await store.close();
  }
}
