import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AppError } from './app-error.js';

/** The model providers whose endpoint and key the environment can set (the same names as `src/llm/`). */
export type ProviderName = 'openai' | 'anthropic' | 'google';

/** Where one provider is and the key to use, from the environment; `undefined` = the provider's default / none. */
export interface ProviderEnvironment {
  baseUrl: string | undefined;
  apiKey: string | undefined;
}

/** Everything Steward reads from the environment, read once here and passed down. */
export interface Config {
  /** Steward's own cache (download manifests): STEWARD_CACHE_DIR, else $HF_HOME/steward, else $XDG_CACHE_HOME/steward, else ~/.cache/steward. */
  cacheDir: string;
  /**
   * The Hugging Face hub cache the downloads go to, shared with `huggingface_hub` and `@huggingface/hub`:
   * $STEWARD_CACHE_DIR/hub when that is set (Steward kept apart), else HF_HUB_CACHE, else HUGGINGFACE_HUB_CACHE,
   * else $HF_HOME/hub, else $XDG_CACHE_HOME/huggingface/hub, else ~/.cache/huggingface/hub.
   */
  hubCacheDir: string;
  /** Hugging Face endpoint (HF_ENDPOINT), e.g. a mirror; tests point it at a loopback server. */
  hubEndpoint: string;
  /** HF_TOKEN, for gated or private datasets. */
  hubToken: string | undefined;
  /** HF_HUB_OFFLINE=1 or STEWARD_OFFLINE=1: never touch the network, use the cache only. */
  offline: boolean;
  /** DATABASE_URL: a PostgreSQL server for the store; unset means the embedded database (PGlite) in a folder. */
  databaseUrl: string | undefined;
  /**
   * Model providers: `openai` from OPENAI_BASE_URL and OPENAI_API_KEY (any OpenAI-compatible server), `anthropic`
   * from ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY, `google` from GOOGLE_GENERATIVE_AI_BASE_URL and
   * GOOGLE_GENERATIVE_AI_API_KEY.
   */
  providers: Record<ProviderName, ProviderEnvironment>;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** A variable's value; an empty one counts as unset (`FOO= steward ...` clears a setting). */
function readSetting(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const stewardCacheDir = readSetting(env, 'STEWARD_CACHE_DIR');
  const hfHome = readSetting(env, 'HF_HOME');
  const xdgCache = readSetting(env, 'XDG_CACHE_HOME') ?? join(homedir(), '.cache');
  const cacheDir =
    stewardCacheDir ?? (hfHome !== undefined ? join(hfHome, 'steward') : join(xdgCache, 'steward'));
  const hubCacheDir =
    (stewardCacheDir !== undefined ? join(stewardCacheDir, 'hub') : undefined) ??
    readSetting(env, 'HF_HUB_CACHE') ??
    readSetting(env, 'HUGGINGFACE_HUB_CACHE') ??
    join(hfHome ?? join(xdgCache, 'huggingface'), 'hub');
  return {
    cacheDir,
    hubCacheDir,
    hubEndpoint: (readSetting(env, 'HF_ENDPOINT') ?? 'https://huggingface.co').replace(/\/+$/, ''),
    hubToken: readSetting(env, 'HF_TOKEN') ?? readSetting(env, 'HUGGING_FACE_HUB_TOKEN'),
    offline: isTruthy(env['HF_HUB_OFFLINE']) || isTruthy(env['STEWARD_OFFLINE']),
    databaseUrl: readSetting(env, 'DATABASE_URL'),
    providers: {
      openai: {
        baseUrl: readBaseUrl(env, 'OPENAI_BASE_URL'),
        apiKey: readSetting(env, 'OPENAI_API_KEY'),
      },
      anthropic: {
        baseUrl: readBaseUrl(env, 'ANTHROPIC_BASE_URL'),
        apiKey: readSetting(env, 'ANTHROPIC_API_KEY'),
      },
      google: {
        baseUrl: readBaseUrl(env, 'GOOGLE_GENERATIVE_AI_BASE_URL'),
        apiKey: readSetting(env, 'GOOGLE_GENERATIVE_AI_API_KEY'),
      },
    },
  };
}

function readBaseUrl(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  return readSetting(env, name)?.trim().replace(/\/+$/, '');
}

/** The config file read from the working folder when `--config` is not given. */
export const DEFAULT_CONFIG_FILE = 'steward.config.json';

const ENVIRONMENT_VARIABLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names of models in the config file: no `/`, so a name can never be mistaken for `<provider>/<model-id>`. */
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const positiveWholeNumber = z.number().int().positive();
const price = z.number().nonnegative();

const configuredModelSchema = z
  .object({
    model: z
      .string()
      .regex(/^[A-Za-z]+\/\S+$/, 'expected "<provider>/<model-id>", e.g. "openai/gpt-4o-mini"'),
    baseUrl: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
    apiKeyEnv: z
      .string()
      .regex(ENVIRONMENT_VARIABLE, 'expected the name of an environment variable, e.g. "OPENROUTER_API_KEY"')
      .optional(),
    prices: z
      .object({
        input: price,
        output: price,
        // Batch APIs bill a share of the standard price: absent means half (OpenAI Batch, Anthropic Message Batches).
        batchInput: price.optional(),
        batchOutput: price.optional(),
      })
      .strict()
      .describe('USD per million input and output tokens, live and (optionally) through a batch API')
      .optional(),
    rpm: positiveWholeNumber.optional(),
    tpm: positiveWholeNumber.optional(),
    concurrency: positiveWholeNumber.optional(),
  })
  .strict();

const configFileSchema = z
  .object({
    $schema: z.string().optional(),
    models: z
      .record(
        z.string().regex(MODEL_NAME, 'model names use letters, digits, ".", "_" and "-" (no "/")'),
        configuredModelSchema,
      )
      .default({}),
  })
  .strict();

/** One model named in the config file, as written there. */
export type ConfiguredModelEntry = z.infer<typeof configuredModelSchema>;

/** A named model ready to use: the file's entry with its key read from the variable it names. */
export interface ConfiguredModel extends ConfiguredModelEntry {
  name: string;
  /** The value of `apiKeyEnv` in the environment (`undefined` when the file names no variable or it is unset). */
  apiKey: string | undefined;
}

/** What `steward.config.json` holds, validated; `file` is where it was read from (`undefined`: no file). */
export interface StewardConfigFile {
  file: string | undefined;
  models: Readonly<Record<string, ConfiguredModel>>;
}

export interface ConfigFileIssue {
  /** Dotted field path (`models.fast.prices.input`); `(root)` for the whole file. */
  path: string;
  message: string;
}

export type SafeParseConfigFileResult =
  | { success: true; models: Record<string, ConfiguredModelEntry> }
  | { success: false; issues: ConfigFileIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Validates a parsed config file; never throws. Unknown fields are issues, each named by its full path. */
export function safeParseConfigFile(value: unknown): SafeParseConfigFileResult {
  const result = configFileSchema.safeParse(value);
  if (result.success) return { success: true, models: result.data.models };
  const issues = result.error.issues.flatMap((issue): ConfigFileIssue[] =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: formatPath([...issue.path, key]),
          message: 'unknown field (misspelt, or not a setting of this version)',
        }))
      : [{ path: formatPath(issue.path), message: issue.message }],
  );
  return { success: false, issues };
}

function invalidConfigFile(file: string, problem: string, issues: ConfigFileIssue[]): AppError {
  return new AppError('ARGUMENT_INVALID', `config file ${file} is invalid: ${problem}`, {
    fix: `Edit ${file} and fix the field(s) named; docs/steward.config.example.json is a complete valid file to start from.`,
    details: { file, issues },
  });
}

/**
 * Reads the config file: `path` (from `--config`, relative to `cwd`) or, when none is given, `./steward.config.json`
 * if it exists. Validates it with field-level errors and reads each model's `apiKeyEnv` from `env`.
 */
export function loadConfigFile(options: {
  cwd: string;
  path?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}): StewardConfigFile {
  const explicit = options.path !== undefined;
  const file = resolve(options.cwd, options.path ?? DEFAULT_CONFIG_FILE);
  if (!explicit && !existsSync(file)) return { file: undefined, models: {} };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `cannot read config file ${file}`, {
      fix: missing
        ? 'Check the --config path, or start from docs/steward.config.example.json.'
        : "Check the file's permissions.",
      details: { file },
      cause: error,
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const issue = { path: '(root)', message: `not valid JSON (${(error as Error).message})` };
    throw invalidConfigFile(file, issue.message, [issue]);
  }
  const parsed = safeParseConfigFile(value);
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw invalidConfigFile(file, problems, parsed.issues);
  }
  const models: Record<string, ConfiguredModel> = {};
  for (const [name, entry] of Object.entries(parsed.models)) {
    models[name] = {
      ...entry,
      name,
      apiKey: entry.apiKeyEnv === undefined ? undefined : readSetting(options.env, entry.apiKeyEnv),
    };
  }
  return { file, models };
}

/** The process environment, for the CLI's composition root only. */
export function readProcessEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
