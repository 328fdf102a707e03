import { resolve } from 'node:path';
import { getRuleSet } from '../../answers/index.js';
import { compareWithPreviousRun } from '../../audit/movement.js';
import type { RunMovement } from '../../audit/movement.js';
import { runAudit } from '../../audit/run-audit.js';
import { sortCalculatorsBySuspectRate } from '../../audit/summary.js';
import type { AuditReport } from '../../audit/types.js';
import { renderAuditReportParts } from '../../report/audit-html.js';
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
import { checkWritable, writePartsAtomically } from '../output-file.js';
import { checkingHeap, createHeapGuard } from '../collect-garbage.js';
import { openCliStore } from '../open-store.js';
import { DEFAULT_LLM_CONCURRENCY, planLlmVerifiers } from '../llm-plan.js';
import type { LlmRuntime } from '../llm-runtime.js';
import type { UsageTotals } from '../../llm/usage-ledger.js';

export const AUDIT_SCHEMA_VERSION = 1;

/** Heap growth between garbage collections in the audit loop (src/cli/collect-garbage.ts). */
const HEAP_GROWTH_BYTES = 24 * 2 ** 20;
/** Report parts (about one item each) written between two heap checks. */
const REPORT_PARTS_PER_CHECK = 64;

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

/** The LLM calls of this run, summed over models and verifiers (`null` cost: some model has no price). */
interface LlmUsageSummary {
  calls: number;
  /** Of `calls`, answered from the response cache (no request, no cost). */
  cachedCalls: number;
  abstentions: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
  byModel: UsageTotals[];
}

function summarizeLlmUsage(runtime: LlmRuntime): LlmUsageSummary {
  const byModel = runtime.summarize();
  return {
    calls: byModel.reduce((sum, total) => sum + total.calls, 0),
    cachedCalls: byModel.reduce((sum, total) => sum + total.cachedCalls, 0),
    abstentions: byModel.reduce((sum, total) => sum + total.abstentions, 0),
    inputTokens: byModel.reduce((sum, total) => sum + total.inputTokens, 0),
    outputTokens: byModel.reduce((sum, total) => sum + total.outputTokens, 0),
    costUsd: byModel.reduce<number | null>(
      (sum, total) => (sum === null || total.costUsd === null ? null : sum + total.costUsd),
      0,
    ),
    byModel,
  };
}

function formatCost(costUsd: number | null): string {
  return costUsd === null
    ? 'cost unknown (no price for a model: see prices in steward.config.json)'
    : `$${costUsd.toFixed(4)}`;
}

function llmUsageText(usage: LlmUsageSummary): string {
  const made = usage.calls - usage.cachedCalls;
  return [
    `LLM calls this run: ${made} made, ${usage.cachedCalls} replayed from the cache, ${usage.abstentions} abstained; ${usage.inputTokens} input + ${usage.outputTokens} output tokens; ${formatCost(usage.costUsd)}`,
    formatTable(
      ['model', 'verifier', 'calls', 'cached', 'abstained', 'input tokens', 'output tokens', 'cost (USD)'],
      usage.byModel.map((total) => [
        total.model,
        total.verifier,
        String(total.calls),
        String(total.cachedCalls),
        String(total.abstentions),
        String(total.inputTokens),
        String(total.outputTokens),
        total.costUsd === null ? '?' : total.costUsd.toFixed(4),
      ]),
    ),
  ].join('\n');
}

/** Moved items listed in the text output (all of them are in --json). */
const MOVED_SHOWN = 10;

/** What moved between triage statuses since the previous audit of this dataset. */
function movementLines(movement: RunMovement | null): string[] {
  if (movement === null)
    return ['status changes: none to compare (no other completed audit of this dataset)'];
  if (movement.moved.length === 0) {
    return [`status changes since run ${movement.previousRunId.slice(0, 8)}: none`];
  }
  const counts = Object.entries(movement.counts).map(([move, count]) => `${move} ${count}`);
  return [
    `status changes since run ${movement.previousRunId.slice(0, 8)}: ${movement.moved.length} item${movement.moved.length === 1 ? '' : 's'} (${counts.join(', ')})`,
    ...movement.moved
      .slice(0, MOVED_SHOWN)
      .map(
        (item) =>
          `  ${item.itemId}: ${item.from} → ${item.to}${item.decisiveRule === null ? '' : ` [${item.decisiveRule}]`}`,
      ),
    ...(movement.moved.length > MOVED_SHOWN
      ? [`  … ${movement.moved.length - MOVED_SHOWN} more (--json lists all)`]
      : []),
  ];
}

export async function auditCommand(options: AuditCommandOptions): Promise<CommandResult> {
  const { io } = options;
  const verifierNames = parseVerifierList(options.verifiers);
  const llm = planLlmVerifiers(verifierNames, options, io);
  // The model SDKs load only when an LLM verifier will run: the deterministic audit does without them.
  const llmModules = llm.selections.length === 0 ? undefined : await import('../llm-runtime.js');
  const runtime = llmModules?.createLlmRuntime({
    selections: llm.selections,
    offline: options.offline === true,
    signal: io.signal,
  });
  const verifiers = resolveVerifiers(
    verifierNames,
    llm.configs,
    runtime === undefined ? {} : { models: runtime.models },
  );
  const concurrency = options.concurrency ?? DEFAULT_LLM_CONCURRENCY;
  const signal = runtime?.signal ?? io.signal;
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
  const heap = createHeapGuard(HEAP_GROWTH_BYTES);
  if (llmModules !== undefined) runtime?.useStorage(llmModules.openLlmStorage(store.db));
  try {
    const outcome = await runAudit({
      db: store.db,
      dataset,
      verifiers,
      ruleSet,
      policy: auditPolicyOf(policy),
      concurrency,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
      ...(signal === undefined ? {} : { signal }),
      onProgress: ({ phase, done, total }) => {
        progress.update(done, total, phase);
        // Verification is over: its garbage would otherwise stay resident through triage and the report.
        if (phase === 'verify' && done === total) heap.collect();
        else heap.check();
      },
      onRunStarted: ({ runId, datasetId }) => runtime?.attachRun({ runId, datasetId }),
    }).catch((error: unknown) => {
      // An offline miss or a rejected key stopped the audit, which itself saw only an interruption.
      throw runtime?.stoppedBy() ?? error;
    });
    const stoppedBy = runtime?.stoppedBy();
    if (stoppedBy !== undefined) throw stoppedBy;
    progress.stop();
    const llmUsage = runtime === undefined ? undefined : summarizeLlmUsage(runtime);
    const movement = await compareWithPreviousRun(store.db, {
      runId: outcome.runId,
      datasetId: outcome.datasetId,
    });
    const report = outcome.report;
    if (reportPath !== undefined) {
      const parts = await renderAuditReportParts(report, { movement });
      heap.check();
      writePartsAtomically(reportPath, checkingHeap(parts, heap, REPORT_PARTS_PER_CHECK));
    }
    const queue = rankReviewQueue(report.items, options.budget);
    const text = [
      `${report.dataset.source}: ${report.summary.items} items audited (run ${outcome.runId.slice(0, 8)}, ${outcome.state}) in ${store.location}`,
      `verifiers ${report.verifiers.map((verifier) => `${verifier.name}@${verifier.version}`).join(', ')}; rules ${ruleSet.id}; policy ${report.policy.name} (${report.policy.hash.slice(0, 12)})`,
      `dataset key ${outcome.datasetId} (for --dataset)`,
      `verdicts: ${outcome.verdictsWritten} written, ${outcome.verdictsReused} already stored; triage decisions changed: ${outcome.triageChanged}`,
      ...(llmUsage === undefined ? [] : [llmUsageText(llmUsage)]),
      ...movementLines(movement),
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
        ...(llmUsage === undefined ? {} : { llmUsage }),
        movement:
          movement === null
            ? null
            : { previousRunId: movement.previousRunId, counts: movement.counts, moved: movement.moved },
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
