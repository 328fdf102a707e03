import { resolveDatasetKey } from '../../audit/latest.js';
import { summarizeStoredUsage } from '../../store/llm-usage.js';
import type { StoredUsageTotals } from '../../store/llm-usage.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { llmUsageSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const LLM_USAGE_SCHEMA_VERSION = 1;

/** USD with enough digits for cheap calls; "unknown" when a call had no price (a partial sum would mislead). */
export function formatCostUsd(cost: number | null): string {
  if (cost === null) return 'unknown';
  if (cost === 0) return '$0';
  return cost >= 1 ? `$${cost.toFixed(2)}` : `$${cost.toPrecision(3)}`;
}

function formatLatency(milliseconds: number | null): string {
  if (milliseconds === null) return '-';
  return milliseconds >= 1000 ? `${(milliseconds / 1000).toFixed(1)} s` : `${Math.round(milliseconds)} ms`;
}

function formatRow(totals: StoredUsageTotals, label?: string): string[] {
  return [
    label ?? totals.model,
    label === undefined ? totals.verifier : '',
    String(totals.calls),
    String(totals.cachedCalls),
    String(totals.batchCalls),
    String(totals.abstentions),
    String(totals.inputTokens),
    String(totals.outputTokens),
    formatCostUsd(totals.costUsd),
    formatCostUsd(totals.batchCostUsd),
    formatLatency(totals.meanLatencyMs),
    formatLatency(totals.p95LatencyMs),
  ];
}

/**
 * `steward llm usage`: reads the usage ledger; never creates a database. Batch calls (accounted by `llm batch
 * import`) are counted apart and their spend is part of the cost; JSON rows carry `batchCalls` and `batchCostUsd`.
 */
export async function llmUsageCommand(options: CommandInput<typeof llmUsageSpec>): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const datasetId =
      options.dataset === undefined ? undefined : resolveDatasetKey(options.dataset, options.io.cwd);
    const summary = await summarizeStoredUsage(store.db, { datasetId });
    const scope = datasetId === undefined ? 'all datasets' : `dataset ${datasetId}`;
    const text =
      summary.rows.length === 0
        ? `no LLM calls recorded for ${scope} in ${store.location}`
        : [
            `LLM usage for ${scope} (cached calls cost nothing; batch calls are billed at the batch price and included in the cost; latency over live calls)`,
            '',
            formatTable(
              [
                'model',
                'verifier',
                'calls',
                'cached',
                'batch',
                'abstained',
                'input tokens',
                'output tokens',
                'cost',
                'batch cost',
                'mean latency',
                'p95 latency',
              ],
              [...summary.rows.map((row) => formatRow(row)), formatRow(summary.total, 'total')],
            ),
          ].join('\n');
    return {
      text,
      json: {
        schemaVersion: LLM_USAGE_SCHEMA_VERSION,
        datasetId: datasetId ?? null,
        rows: summary.rows,
        total: summary.total,
      },
    };
  } finally {
    await store.close();
  }
}
