import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { parseBatchResults } from '../../llm/batch.js';
import { importCachedResponses } from '../../store/llm-cache.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { formatCostUsd } from './llm-usage.js';
import type { llmBatchImportSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const LLM_BATCH_IMPORT_SCHEMA_VERSION = 1;

/** Failed lines listed in the text output; `--json` lists them all. */
const LISTED_FAILURES = 20;

function readResultsFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `cannot read the batch result file ${path}`, {
      fix: "Check the path: it is the JSONL file the provider's batch returned.",
      cause: error,
    });
  }
}

/**
 * `steward llm batch import`: stores every successful result line in the response cache (the first write of a
 * key wins, so a response already recorded is kept) and accounts each newly stored one in the usage ledger as a
 * batch call at the batch price recorded by the export. Results whose export this store did not record are
 * stored but not accounted (counted as such). Failed lines (errored, expired, malformed) are listed and make the
 * exit code 1; run `llm batch export` again to send them once more.
 */
export async function llmBatchImportCommand(
  options: CommandInput<typeof llmBatchImportSpec>,
): Promise<CommandResult> {
  const path = resolve(options.io.cwd, options.results);
  const text = readResultsFile(path);
  const parsed = parseBatchResults(text, { provider: options.provider });
  const store = await openCliStore(options.io, options.db);
  try {
    const outcome = await importCachedResponses(store.db, parsed.entries, {
      provider: parsed.provider,
      file: path,
      failed: parsed.failures.length,
    });
    const failures = parsed.failures.map((failure) => ({
      line: failure.line,
      customId: failure.customId ?? null,
      reason: failure.reason,
    }));
    const notAccounted = outcome.notAccounted.length;
    const lines = [
      `${parsed.provider} batch results ${path}: ${outcome.imported.length} imported, ${outcome.alreadyPresent.length} already present, ${failures.length} failed (${store.location})`,
      ...(outcome.accounted.length === 0
        ? []
        : [
            `accounted in the usage ledger: ${outcome.accounted.length} batch call${outcome.accounted.length === 1 ? '' : 's'}, ${formatCostUsd(outcome.costUsd)} at the batch price (steward llm usage)`,
          ]),
      ...(notAccounted === 0
        ? []
        : [
            `not accounted: ${notAccounted} imported result${notAccounted === 1 ? ' has' : 's have'} no recorded export in this store, so ${notAccounted === 1 ? 'its' : 'their'} tokens and cost are missing from steward llm usage`,
            `  fix: submit the files steward llm batch export writes with this --db, so each result can be accounted`,
          ]),
      ...failures
        .slice(0, LISTED_FAILURES)
        .map(
          (failure) =>
            `  line ${failure.line}${failure.customId === null ? '' : ` (${failure.customId.slice(0, 12)}…)`}: ${failure.reason}`,
        ),
      ...(failures.length > LISTED_FAILURES
        ? [`  … and ${failures.length - LISTED_FAILURES} more (--json lists them all)`]
        : []),
    ];
    return {
      text: lines.join('\n'),
      json: {
        schemaVersion: LLM_BATCH_IMPORT_SCHEMA_VERSION,
        provider: parsed.provider,
        file: path,
        imported: outcome.imported.length,
        alreadyPresent: outcome.alreadyPresent.length,
        accounted: outcome.accounted.length,
        notAccounted,
        // The batch spend this import accounted; null as soon as one call had no price.
        costUsd: outcome.costUsd,
        failed: failures.length,
        failures,
      },
      ...(failures.length > 0 ? { exitCode: 1 } : {}),
    };
  } finally {
    await store.close();
  }
}
