import { AppError } from '../app-error.js';
import { loadConfig, loadConfigFile } from '../config.js';
import type { Config, ConfiguredModel, StewardConfigFile } from '../config.js';
import { API_KEY_VARIABLES, parseModelSpec } from '../llm/model-spec.js';
import type { ModelSpec, ProviderSettings } from '../llm/model-spec.js';
import type { ModelPrice } from '../llm/usage-ledger.js';
import type { CliIo } from './io.js';
import { ADAPTIVE_VOTING_RULE, isSupermajority } from '../verify/llm/voting.js';

/*
 * Planning a command's model use from its flags, the config file and the environment: which LLM verifiers run,
 * on which models, with which limits and prices. Loads no model SDK, so a command checks its flags (and an audit
 * with no LLM verifier runs) without loading the AI SDK; `llm-runtime.ts` builds the callers.
 */

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

/** The LLM flags shared by `audit` and `llm batch export`. */
export interface LlmFlags {
  model: readonly string[];
  config?: string | undefined;
  concurrency?: number | undefined;
  rpm?: number | undefined;
  tpm?: number | undefined;
  runs?: number | undefined;
  /** Votes of the runs that settle an item (the verifier configuration's `required`). */
  supermajority?: number | undefined;
  voting: 'adaptive' | 'fixed';
}

/** What a command needs to build its LLM verifiers: the models and each LLM verifier's configuration. */
export interface LlmPlan {
  /** The LLM verifiers among those named, in order. */
  verifiers: string[];
  selections: ModelSelection[];
  /**
   * Configuration per LLM verifier (models, stopping rule, most runs, supermajority): part of each verifier's
   * identity.
   */
  configs: Record<string, Record<string, unknown>>;
}

/** `--supermajority k` must be more than half of the runs and at most all of them. */
function checkSupermajority(flags: LlmFlags): void {
  const k = flags.supermajority;
  if (k === undefined) return;
  const runs = flags.runs ?? ADAPTIVE_VOTING_RULE.maxRuns;
  if (!isSupermajority(k, runs)) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `--supermajority ${k} of ${runs} runs${flags.runs === undefined ? ' (the default --runs)' : ''} is not a supermajority`,
      {
        fix: `Give more than half of --runs and at most --runs: for --runs ${runs}, ${Math.floor(runs / 2) + 1} to ${runs}.`,
        details: { supermajority: k, runs },
      },
    );
  }
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
  checkSupermajority(flags);
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
      ...(flags.supermajority === undefined ? {} : { required: flags.supermajority }),
    };
  }
  return { verifiers, selections, configs };
}
