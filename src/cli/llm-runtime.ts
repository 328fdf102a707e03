import { AppError } from '../app-error.js';
import { loadConfig, loadConfigFile } from '../config.js';
import type { Config, ConfiguredModel, StewardConfigFile } from '../config.js';
import { createModelCaller } from '../llm/model-caller.js';
import type { ModelCaller } from '../llm/model-caller.js';
import { createLanguageModel, parseModelSpec } from '../llm/model-spec.js';
import type { ModelSpec, ProviderSettings } from '../llm/model-spec.js';
import type { Sleep } from '../llm/rate-limiter.js';
import type { CachedResponse, ResponseCache } from '../llm/response-cache.js';
import { summarizeUsage } from '../llm/usage-ledger.js';
import type { ModelPrice, UsageLedger, UsageRecord, UsageTotals } from '../llm/usage-ledger.js';
import { createStoreResponseCache } from '../store/llm-cache.js';
import { createStoreUsageLedger } from '../store/llm-usage.js';
import type { StoreDatabase } from '../store/open.js';
import type { CliIo } from './io.js';

/** The verifiers that call models: naming one without `--model` is an argument error. */
export const LLM_VERIFIER_NAMES: readonly string[] = ['llm-audit', 'llm-recompute', 'llm-answer'];

/** `--concurrency` when not given: LLM calls in flight per model, and verifications at once in the audit. */
export const DEFAULT_LLM_CONCURRENCY = 8;

/** Splits repeated and comma-separated `--model` values, trimmed, blanks dropped, first occurrence kept. */
export function parseModelList(values: readonly string[]): string[] {
  const names = values.flatMap((value) => value.split(',')).map((name) => name.trim());
  return [...new Set(names.filter((name) => name !== ''))];
}

/** One model the run uses: what the user named, the parsed spec, and how to reach, limit and price it. */
export interface ModelSelection {
  /** As typed after `--model`: a config-file name or `<provider>/<model-id>`. */
  selectedAs: string;
  /** The config-file entry it came from, when it was a name. */
  configName: string | undefined;
  spec: ModelSpec;
  settings: ProviderSettings;
  /** Where a missing key would come from, for the error message. */
  apiKeySource: string;
  price: ModelPrice | undefined;
  concurrency: number;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
}

export interface SelectModelsOptions {
  config: Config;
  configFile: StewardConfigFile;
  /** `--concurrency`, `--rpm`, `--tpm`: given on the command line, they win over the config file's values. */
  concurrency?: number | undefined;
  requestsPerMinute?: number | undefined;
  tokensPerMinute?: number | undefined;
}

const API_KEY_VARIABLES = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
} as const;

function requirePositive(value: number | undefined, flag: string): number | undefined {
  if (value !== undefined && value < 1) {
    throw new AppError('ARGUMENT_INVALID', `${flag} must be at least 1, got ${value}`, {
      fix: `Give ${flag} a whole number ≥ 1, or leave it out.`,
    });
  }
  return value;
}

function selectOne(text: string, options: SelectModelsOptions): ModelSelection {
  const configured: ConfiguredModel | undefined = Object.hasOwn(options.configFile.models, text)
    ? options.configFile.models[text]
    : undefined;
  if (configured === undefined && !text.includes('/')) {
    const names = Object.keys(options.configFile.models);
    throw new AppError('ARGUMENT_INVALID', `unknown model "${text}"`, {
      fix:
        names.length === 0
          ? `Give --model as <provider>/<model-id> (e.g. openai/gpt-4o-mini), or name models in ${options.configFile.file ?? './steward.config.json'} (--config <file>).`
          : `Use a model named in ${options.configFile.file ?? 'the config file'} (${names.join(', ')}) or <provider>/<model-id>.`,
      details: { model: text, configured: names },
    });
  }
  const spec = parseModelSpec(configured?.model ?? text);
  const environment = options.config.providers[spec.provider];
  const fromFile = configured?.apiKeyEnv !== undefined;
  const apiKey = fromFile ? configured?.apiKey : environment.apiKey;
  const baseUrl = configured?.baseUrl ?? environment.baseUrl;
  return {
    selectedAs: text,
    configName: configured?.name,
    spec,
    settings: {
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(apiKey === undefined ? {} : { apiKey }),
    },
    apiKeySource: fromFile
      ? `${configured?.apiKeyEnv ?? ''} (apiKeyEnv of model "${configured?.name ?? text}" in ${options.configFile.file ?? 'the config file'})`
      : API_KEY_VARIABLES[spec.provider],
    price:
      configured?.prices === undefined
        ? undefined
        : {
            inputUsdPerMillion: configured.prices.input,
            outputUsdPerMillion: configured.prices.output,
            ...(configured.prices.batchInput === undefined
              ? {}
              : { batchInputUsdPerMillion: configured.prices.batchInput }),
            ...(configured.prices.batchOutput === undefined
              ? {}
              : { batchOutputUsdPerMillion: configured.prices.batchOutput }),
          },
    concurrency: options.concurrency ?? configured?.concurrency ?? DEFAULT_LLM_CONCURRENCY,
    requestsPerMinute: options.requestsPerMinute ?? configured?.rpm,
    tokensPerMinute: options.tokensPerMinute ?? configured?.tpm,
  };
}

/**
 * Resolves each `--model` (a config-file name or `<provider>/<model-id>`) to a selection. Two names for the same
 * spec with different settings are an error: calls are cached and accounted by spec, so they would be confused.
 */
export function selectModels(texts: readonly string[], options: SelectModelsOptions): ModelSelection[] {
  requirePositive(options.concurrency, '--concurrency');
  requirePositive(options.requestsPerMinute, '--rpm');
  requirePositive(options.tokensPerMinute, '--tpm');
  const bySpec = new Map<string, ModelSelection>();
  for (const text of texts) {
    const selection = selectOne(text, options);
    const earlier = bySpec.get(selection.spec.text);
    if (earlier === undefined) {
      bySpec.set(selection.spec.text, selection);
      continue;
    }
    if (
      earlier.settings.baseUrl !== selection.settings.baseUrl ||
      earlier.configName !== selection.configName
    ) {
      throw new AppError(
        'ARGUMENT_INVALID',
        `"${earlier.selectedAs}" and "${text}" are both ${selection.spec.text}`,
        {
          fix: 'Name each model once: responses are cached and accounted by <provider>/<model-id>.',
        },
      );
    }
  }
  return [...bySpec.values()];
}

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

/** The LLM flags shared by `audit` and `llm batch export`. */
export interface LlmFlags {
  model: readonly string[];
  config?: string | undefined;
  concurrency?: number | undefined;
  rpm?: number | undefined;
  tpm?: number | undefined;
  runs?: number | undefined;
  voting: 'adaptive' | 'fixed';
}

/** What a command needs to build its LLM verifiers: the models and each LLM verifier's configuration. */
export interface LlmPlan {
  /** The LLM verifiers among those named, in order. */
  verifiers: string[];
  selections: ModelSelection[];
  /** Configuration per LLM verifier (models, stopping rule, most runs): part of each verifier's identity. */
  configs: Record<string, Record<string, unknown>>;
}

/**
 * Checks the LLM flags against the verifiers named, before anything slow happens: LLM verifiers need a model;
 * models are resolved through the config file and the environment. `--model` without an LLM verifier only warns.
 */
export function planLlmVerifiers(verifierNames: readonly string[], flags: LlmFlags, io: CliIo): LlmPlan {
  const verifiers = verifierNames.filter((name) => LLM_VERIFIER_NAMES.includes(name));
  const models = parseModelList(flags.model);
  if (verifiers.length > 0 && models.length === 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `verifier${verifiers.length === 1 ? '' : 's'} ${verifiers.join(', ')} need${verifiers.length === 1 ? 's' : ''} a model`,
      {
        fix: 'Add --model <provider>/<model-id> (e.g. --model openai/gpt-4o-mini, with OPENAI_BASE_URL for any OpenAI-compatible server) or a model named in steward.config.json.',
        details: { verifiers },
      },
    );
  }
  if (flags.runs !== undefined && flags.runs < 1) {
    throw new AppError('ARGUMENT_INVALID', `--runs must be at least 1, got ${flags.runs}`, {
      fix: 'Give the most runs per item, e.g. --runs 5.',
    });
  }
  if (models.length === 0) return { verifiers, selections: [], configs: {} };
  if (verifiers.length === 0) {
    io.stderr(
      `warning: --model ${models.join(',')} is unused: no LLM verifier named (add one of ${LLM_VERIFIER_NAMES.join(', ')} to --verifiers)\n`,
    );
    return { verifiers, selections: [], configs: {} };
  }
  const selections = selectModels(models, {
    config: loadConfig(io.env),
    configFile: loadConfigFile({ cwd: io.cwd, path: flags.config, env: io.env }),
    concurrency: flags.concurrency,
    requestsPerMinute: flags.rpm,
    tokensPerMinute: flags.tpm,
  });
  const specs = selections.map((selection) => selection.spec.text);
  const configs: Record<string, Record<string, unknown>> = {};
  for (const name of verifiers) {
    configs[name] = {
      models: specs,
      stopping: flags.voting,
      ...(flags.runs === undefined ? {} : { maxRuns: flags.runs }),
    };
  }
  return { verifiers, selections, configs };
}
