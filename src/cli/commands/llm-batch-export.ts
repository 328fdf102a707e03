import { randomUUID } from 'node:crypto';
import { extname, resolve } from 'node:path';
import { getRuleSet } from '../../answers/index.js';
import { AppError } from '../../app-error.js';
import { mapWithConcurrency } from '../../audit/limit-concurrency.js';
import { BATCH_FILE_LIMITS, splitBatchRequests } from '../../llm/batch.js';
import type { BatchFileLimits } from '../../llm/batch.js';
import { createCollectCaller } from '../../llm/collect-caller.js';
import type { CollectCaller } from '../../llm/collect-caller.js';
import { resolveTokenPrice } from '../../llm/usage-ledger.js';
import { datasetKey } from '../../store/datasets.js';
import { createStoreResponseCache, recordBatchRequests } from '../../store/llm-cache.js';
import { resolveVerifiers } from '../../verify/registry.js';
import type { Verifier } from '../../verify/types.js';
import type { Instance } from '../../dataset/instance.js';
import type { llmBatchExportSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { CommandResult } from '../io.js';
import { DEFAULT_LLM_CONCURRENCY, LLM_VERIFIER_NAMES, planLlmVerifiers } from '../llm-plan.js';
import { loadDatasetForCli } from '../load-dataset.js';
import { openCliStore } from '../open-store.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';

export const LLM_BATCH_EXPORT_SCHEMA_VERSION = 1;

export type LlmBatchExportOptions = CommandInput<typeof llmBatchExportSpec> & {
  /** Default: the provider's limits (`BATCH_FILE_LIMITS`); tests pass tiny ones. */
  fileLimits?: BatchFileLimits | undefined;
  now?: () => Date;
};

function parseVerifierList(text: string): string[] {
  return text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/** Where the parts go: `--out` itself for one, `<stem>.part-<i>-of-<n><ext>` beside it for several. */
export function nameBatchFiles(outPath: string, count: number): string[] {
  if (count <= 1) return count === 1 ? [outPath] : [];
  const extension = extname(outPath);
  const stem = outPath.slice(0, outPath.length - extension.length);
  return Array.from({ length: count }, (_, index) => `${stem}.part-${index + 1}-of-${count}${extension}`);
}

function formatMegabytes(bytes: number): string {
  return `${bytes / 1_000_000} MB`;
}

/**
 * `steward llm batch export`: runs the LLM verifiers in collect mode (cache hits replayed, misses collected, no
 * request sent, no verdict stored) and writes the missing calls as one OpenAI Batch or Anthropic Message
 * Batches file. Adaptive voting asks for more runs only once the first ones are answered, so the cycle export →
 * submit → import → export repeats until nothing is pending; then `steward audit` runs from the cache.
 */
export async function llmBatchExportCommand(options: LlmBatchExportOptions): Promise<CommandResult> {
  const { io } = options;
  const verifierNames = parseVerifierList(options.verifiers);
  const plan = planLlmVerifiers(verifierNames, options, io);
  if (plan.verifiers.length === 0) {
    throw new AppError('ARGUMENT_INVALID', 'no LLM verifier named: nothing to batch', {
      fix: `Name the LLM verifiers the audit will run, e.g. --verifiers ${LLM_VERIFIER_NAMES.join(',')}.`,
    });
  }
  const provider = options.provider;
  const mismatched = plan.selections.filter((selection) => selection.spec.provider !== provider);
  if (mismatched.length > 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `--provider ${provider} cannot batch ${mismatched.map((selection) => selection.spec.text).join(', ')}`,
      {
        fix: `Export one batch per provider: --provider ${provider} with ${provider}/… models only (batches exist for openai and anthropic).`,
      },
    );
  }
  const skipped = verifierNames.filter((name) => !plan.verifiers.includes(name));
  const ruleSet = getRuleSet(options.rules);
  const outPath = resolve(io.cwd, options.out);
  checkWritable(outPath, 'batch file');
  const dataset = await loadDatasetForCli(options.source, io);
  const store = await openCliStore(io, options.db);
  try {
    const cache = createStoreResponseCache(store.db);
    const callers = new Map<string, CollectCaller>(
      plan.selections.map((selection) => [
        selection.spec.text,
        createCollectCaller({ spec: selection.spec, cache }),
      ]),
    );
    const verifiers = resolveVerifiers(plan.verifiers, plan.configs, { models: callers });
    const tasks = dataset.instances.flatMap((instance) =>
      verifiers.map((verifier) => ({ instance, verifier })),
    );
    const signal = io.signal ?? new AbortController().signal;
    const verify = async ({ instance, verifier }: { instance: Instance; verifier: Verifier }) => {
      const verdict = await verifier.verify(instance, {
        ruleSet,
        signal,
        now: () => new Date(),
        newId: randomUUID,
        reportUsage: () => undefined,
      });
      return verdict.assessment;
    };
    await mapWithConcurrency(tasks, verify, {
      limit: options.concurrency ?? DEFAULT_LLM_CONCURRENCY,
      shouldStart: () => !signal.aborted,
    });
    if (signal.aborted) {
      throw new AppError('INTERRUPTED', 'batch export interrupted: no file written', {
        fix: 'Run the same command again.',
      });
    }
    const pending = [...callers.values()].flatMap((caller) => caller.pending);
    const replayed = [...callers.values()].reduce((sum, caller) => sum + caller.replayed, 0);
    const limits = options.fileLimits ?? BATCH_FILE_LIMITS[provider];
    const parts = splitBatchRequests(pending, { provider, limits });
    const files = nameBatchFiles(outPath, parts.length);
    for (const file of files) checkWritable(file, 'batch file');
    const prices = new Map(plan.selections.map((selection) => [selection.spec.text, selection.price]));
    const unpriced = [...callers.keys()].filter((model) => prices.get(model) === undefined);
    // Recorded before the files are written: a file on disk always has its requests recorded for the import.
    if (pending.length > 0) {
      const exportedDataset = datasetKey(dataset);
      await recordBatchRequests(
        store.db,
        pending.map((request) => {
          const price = prices.get(request.account.model);
          return {
            key: request.key,
            account: request.account,
            datasetId: exportedDataset,
            price: price === undefined ? undefined : resolveTokenPrice(price, 'batch'),
          };
        }),
        { provider, files, exportedAt: (options.now ?? (() => new Date()))() },
      );
    }
    parts.forEach((part, index) => writeFileAtomically(files[index] ?? outPath, part.content));
    const dbFlag = options.db === undefined ? '' : ` --db ${options.db}`;
    const format = provider === 'openai' ? 'OpenAI Batch JSONL' : 'Anthropic Message Batches request body';
    const several = files.length > 1;
    const lines = [
      `${dataset.source}: ${dataset.instances.length} items × ${verifiers.length} LLM verifier${verifiers.length === 1 ? '' : 's'} (${plan.verifiers.join(', ')}) with ${[...callers.keys()].join(', ')}`,
      ...(skipped.length === 0 ? [] : [`not batched (they call no model): ${skipped.join(', ')}`]),
      `calls already recorded: ${replayed}; calls pending: ${pending.length}`,
    ];
    if (pending.length > 0) {
      lines.push(
        several
          ? `batch files (${format}; ${files.length} files, each within ${limits.maxRequests} requests and ${formatMegabytes(limits.maxBytes)}):`
          : `batch file: ${outPath} (${format})`,
        ...(several
          ? parts.map((part, index) => `  ${files[index] ?? ''} (${part.keys.length} requests)`)
          : []),
        ...(unpriced.length === 0
          ? []
          : [
              `no price for ${unpriced.join(', ')}: the batch cost will show as unknown (add "prices" to the model in the config file before exporting)`,
            ]),
        '',
        'next:',
        provider === 'openai'
          ? `  1. submit ${several ? 'each file' : 'it'}: upload with purpose "batch", then create a batch for /v1/chat/completions (completion window 24h)`
          : `  1. submit ${several ? 'each file' : 'it'}: POST the file to /v1/messages/batches`,
        `  2. when ${several ? 'a batch' : 'it'} has ended, download the results and run: steward llm batch import <results file>${dbFlag} (the calls are accounted at the batch price in steward llm usage)`,
        `  3. run this export again: adaptive voting asks for more runs where the first ones disagree; repeat until no call is pending`,
        `  4. then run steward audit with the same --verifiers, --model, --runs and --voting: every call is replayed from the store`,
      );
    } else {
      lines.push(
        'nothing pending: every call is recorded. Run steward audit with the same --verifiers, --model, --runs and --voting (no request will be sent).',
      );
    }
    return {
      text: lines.join('\n'),
      json: {
        schemaVersion: LLM_BATCH_EXPORT_SCHEMA_VERSION,
        provider,
        models: [...callers.keys()],
        verifiers: plan.verifiers,
        items: dataset.instances.length,
        replayed,
        pending: pending.length,
        // The first file, kept for readers of one-file exports; `files` lists every part.
        file: files[0] ?? null,
        files,
      },
    };
  } finally {
    await store.close();
  }
}
