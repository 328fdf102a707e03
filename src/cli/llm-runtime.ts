import { AppError } from '../app-error.js';
import { createLanguageModel } from '../llm/language-model.js';
import { createModelCaller } from '../llm/model-caller.js';
import type { ModelCaller } from '../llm/model-caller.js';
import type { Sleep } from '../llm/rate-limiter.js';
import type { CachedResponse, ResponseCache } from '../llm/response-cache.js';
import { summarizeUsage } from '../llm/usage-ledger.js';
import type { UsageLedger, UsageRecord, UsageTotals } from '../llm/usage-ledger.js';
import { createStoreResponseCache } from '../store/llm-cache.js';
import { createStoreUsageLedger } from '../store/llm-usage.js';
import type { StoreDatabase } from '../store/open.js';
import type { ModelSelection } from './llm-plan.js';

/** Fails early, naming the flag and the variable, when a provider that needs a key has none. */
function requireCredentials(selection: ModelSelection): void {
  if (selection.spec.provider === 'openai') return; // local OpenAI-compatible servers need no key
  if (selection.settings.apiKey !== undefined) return;
  throw new AppError('ARGUMENT_INVALID', `no API key for --model ${selection.selectedAs}`, {
    fix: `Set ${selection.apiKeySource}, or replay recorded calls with --offline.`,
    details: { model: selection.spec.text },
  });
}

/** The store tables behind the callers, bound once the store is open. */
export interface LlmStorage {
  cache: ResponseCache;
  /** Builds the ledger of one audit run (usage rows carry the dataset and run). */
  ledgerFor(scope: { datasetId: string; runId: string }): UsageLedger;
}

/** The store-backed response cache (`llm_calls`) and usage ledger (`llm_usage`). */
export function openLlmStorage(db: StoreDatabase): LlmStorage {
  return {
    cache: createStoreResponseCache(db),
    ledgerFor: (scope) => createStoreUsageLedger(db, scope),
  };
}

export interface LlmRuntimeOptions {
  selections: readonly ModelSelection[];
  /** Replay recorded calls only: the first miss stops the run with `LLM_OFFLINE_MISS`. */
  offline: boolean;
  /** The command stopping (Ctrl-C). */
  signal?: AbortSignal | undefined;
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
}

/** The model callers of one command, and what they did. */
export interface LlmRuntime {
  /** Callers by spec text, in `--model` order: the verifiers' dependencies. */
  readonly models: ReadonlyMap<string, ModelCaller>;
  /** The spec texts, in `--model` order (what the LLM verifiers' configuration names). */
  readonly specs: readonly string[];
  /**
   * Aborted when the command is interrupted or a call fails in a way that must stop the run (an offline miss,
   * rejected credentials): give it to the audit, so it stops after the current batch.
   */
  readonly signal: AbortSignal;
  /** The first call failure that stopped the run, to report instead of the interruption it caused. */
  stoppedBy(): AppError | undefined;
  /** Binds the callers to the store's cache; calls before this are an internal error. */
  useStorage(storage: LlmStorage): void;
  /** Sends usage records (those already made, then each new one) to the ledger of this run. */
  attachRun(scope: { datasetId: string; runId: string }): void;
  /** Every call this process made or replayed, in order. */
  readonly records: readonly UsageRecord[];
  summarize(): UsageTotals[];
}

/** The errors a model caller throws to stop the whole run (everything else is an abstention). */
const STOPPING_CODES = new Set(['LLM_OFFLINE_MISS', 'LLM_AUTH_FAILED']);

/**
 * The composition root of model access: one `createModelCaller` per selected model over the store's response
 * cache and usage ledger, with per-model limits and prices. A call that must stop the run is remembered and
 * aborts `signal`, because the audit turns a verifier's exception into an abstention.
 */
export function createLlmRuntime(options: LlmRuntimeOptions): LlmRuntime {
  if (!options.offline) options.selections.forEach(requireCredentials);
  const stop = new AbortController();
  const signal = options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
  let stoppedBy: AppError | undefined;
  let storage: LlmStorage | undefined;
  let ledger: UsageLedger | undefined;
  const records: UsageRecord[] = [];
  const requireStorage = (): LlmStorage => {
    if (storage === undefined) throw new AppError('INTERNAL', 'model call before the store was opened');
    return storage;
  };
  const cache: ResponseCache = {
    get: (key) => requireStorage().cache.get(key),
    put: (key, entry: CachedResponse, context) => requireStorage().cache.put(key, entry, context),
  };
  // Records made before the run is known are written first, then each new one.
  let flushed: Promise<void> = Promise.resolve();
  const recordingLedger: UsageLedger = {
    async record(entry) {
      records.push(entry);
      await flushed;
      await ledger?.record(entry);
    },
  };
  const models = new Map<string, ModelCaller>();
  for (const selection of options.selections) {
    const caller = createModelCaller({
      model: selection.spec.text,
      languageModel: () => createLanguageModel(selection.spec, selection.settings),
      cache,
      ledger: recordingLedger,
      ...(selection.price === undefined ? {} : { prices: { [selection.spec.text]: selection.price } }),
      limits: {
        concurrency: selection.concurrency,
        requestsPerMinute: selection.requestsPerMinute,
        tokensPerMinute: selection.tokensPerMinute,
      },
      offline: options.offline,
      signal,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
      ...(options.random === undefined ? {} : { random: options.random }),
    });
    models.set(selection.spec.text, {
      model: caller.model,
      async call(request) {
        try {
          return await caller.call(request);
        } catch (error) {
          if (error instanceof AppError && STOPPING_CODES.has(error.code) && stoppedBy === undefined) {
            stoppedBy = error;
            stop.abort(error);
          }
          throw error;
        }
      },
    });
  }
  return {
    models,
    specs: [...models.keys()],
    signal,
    stoppedBy: () => stoppedBy,
    useStorage(next) {
      storage = next;
    },
    attachRun(scope) {
      const target = requireStorage().ledgerFor(scope);
      const earlier = [...records];
      flushed = (async () => {
        for (const record of earlier) await target.record(record);
      })();
      ledger = target;
    },
    records,
    summarize: () => summarizeUsage(records),
  };
}
