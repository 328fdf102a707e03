import type { ModelCaller } from '../llm/model-caller.js';
import type { EvalPrompt } from './prompts/index.js';

/** The name eval calls carry in the usage ledger and the response cache (`steward llm usage` shows it). */
export const EVAL_PURPOSE = 'eval';

export interface EvalItem {
  id: string;
  note: string;
  question: string;
}

/** One model reply to one item in one sample; `abstain` when the call layer gave up (after its retries). */
export interface EvalResponseRecord {
  itemId: string;
  /** 0-based: the call's run index, so each sample has its own cache entry. */
  sample: number;
  outcome: 'ok' | 'abstain';
  response: string | null;
  error: string | null;
  cached: boolean;
}

export interface RunEvalOptions {
  items: readonly EvalItem[];
  caller: ModelCaller;
  prompt: EvalPrompt;
  samples: number;
  /** Calls in flight at once (the caller also limits per model). */
  concurrency: number;
  signal?: AbortSignal | undefined;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Asks the model every item `samples` times through the call layer (cache, retries, limits, ledger). Results come
 * back in item order, samples ascending. An abstention is a value; the caller's throws (offline miss, rejected
 * key, interruption) stop the run and are rethrown once the calls in flight have settled.
 */
export async function runEval(options: RunEvalOptions): Promise<EvalResponseRecord[]> {
  const tasks = options.items.flatMap((item) =>
    Array.from({ length: options.samples }, (_, sample) => ({ item, sample })),
  );
  const results = new Array<EvalResponseRecord>(tasks.length);
  let next = 0;
  let done = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (task === undefined) return;
      try {
        const result = await options.caller.call({
          promptId: options.prompt.id,
          promptVersion: options.prompt.version,
          verifier: EVAL_PURPOSE,
          itemId: task.item.id,
          runIndex: task.sample,
          system: options.prompt.system,
          messages: options.prompt.render(task.item),
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        });
        results[index] =
          result.kind === 'ok'
            ? {
                itemId: task.item.id,
                sample: task.sample,
                outcome: 'ok',
                response: result.text,
                error: null,
                cached: result.cached,
              }
            : {
                itemId: task.item.id,
                sample: task.sample,
                outcome: 'abstain',
                response: null,
                error: `${result.reason}: ${result.lastError}`,
                cached: result.attempts === 0,
              };
      } catch (error) {
        failure ??= { error };
        return;
      }
      done++;
      options.onProgress?.(done, tasks.length);
    }
  };
  const workers = Math.max(1, Math.min(options.concurrency, tasks.length));
  await Promise.all(Array.from({ length: workers }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}
