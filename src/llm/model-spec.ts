import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { AppError } from '../app-error.js';

/** The providers Steward can talk to. `openai` means any server speaking OpenAI Chat Completions. */
export const MODEL_PROVIDERS = ['openai', 'anthropic', 'google'] as const;
export type ModelProvider = (typeof MODEL_PROVIDERS)[number];

/** A parsed `<provider>/<model-id>`; `text` is the canonical spelling used in cache keys and the ledger. */
export interface ModelSpec {
  provider: ModelProvider;
  modelId: string;
  text: string;
}

/** Where and how to reach one provider; the caller fills this from its configuration (flags, env). */
export interface ProviderSettings {
  /** e.g. `http://localhost:8000/v1` for vLLM; the provider's public endpoint when absent. */
  baseUrl?: string | undefined;
  apiKey?: string | undefined;
  headers?: Record<string, string>;
  /**
   * `openai` only: send `response_format: json_schema` for structured output (vLLM, llama.cpp, Ollama, OpenAI,
   * OpenRouter accept it). Off means `json_object` plus schema validation on our side. Default true.
   */
  structuredOutputs?: boolean;
  fetch?: typeof fetch;
}

const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** The environment variables a user sets for each provider; named in error messages only. */
const API_KEY_VARIABLES: Record<ModelProvider, string> = {
  openai: 'OPENAI_API_KEY',
  anthropic: 'ANTHROPIC_API_KEY',
  google: 'GOOGLE_GENERATIVE_AI_API_KEY',
};

const ACCEPTED_FORMS =
  'openai/<model-id> (any OpenAI-compatible server), anthropic/<model-id>, google/<model-id>';

function isModelProvider(value: string): value is ModelProvider {
  return (MODEL_PROVIDERS as readonly string[]).includes(value);
}

/**
 * Parses `--model <provider>/<model-id>`. Only the first `/` splits, so model ids that contain slashes
 * (`openai/meta-llama/Llama-3.1-8B-Instruct` on vLLM or OpenRouter) are kept whole.
 */
export function parseModelSpec(text: string): ModelSpec {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  const provider = slash === -1 ? '' : trimmed.slice(0, slash).toLowerCase();
  const modelId = slash === -1 ? '' : trimmed.slice(slash + 1).trim();
  if (!isModelProvider(provider) || modelId === '' || /\s/.test(modelId)) {
    throw new AppError('ARGUMENT_INVALID', `invalid model "${text}": expected <provider>/<model-id>`, {
      fix: `Use one of ${ACCEPTED_FORMS}, e.g. --model openai/gpt-4o-mini.`,
      details: { model: text, providers: [...MODEL_PROVIDERS] },
    });
  }
  return { provider, modelId, text: `${provider}/${modelId}` };
}

function requireApiKey(spec: ModelSpec, settings: ProviderSettings): string {
  if (settings.apiKey !== undefined && settings.apiKey !== '') return settings.apiKey;
  throw new AppError('ARGUMENT_INVALID', `no API key for ${spec.text}`, {
    fix: `Set ${API_KEY_VARIABLES[spec.provider]} (or the api key of this model in the config file).`,
    details: { model: spec.text },
  });
}

/**
 * An AI SDK model for a spec. Keys are always passed explicitly (an absent key for anthropic or google is an
 * error here, so the SDK never falls back to reading the environment itself). `openai` may go without a key:
 * local servers (llama.cpp, Ollama) need none.
 */
export function createLanguageModel(spec: ModelSpec, settings: ProviderSettings = {}): LanguageModel {
  const common = {
    ...(settings.headers === undefined ? {} : { headers: settings.headers }),
    ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
  };
  switch (spec.provider) {
    case 'openai':
      return createOpenAICompatible({
        name: 'openai',
        baseURL: settings.baseUrl ?? DEFAULT_OPENAI_BASE_URL,
        ...(settings.apiKey === undefined || settings.apiKey === '' ? {} : { apiKey: settings.apiKey }),
        supportsStructuredOutputs: settings.structuredOutputs ?? true,
        ...common,
      }).chatModel(spec.modelId);
    case 'anthropic':
      return createAnthropic({
        apiKey: requireApiKey(spec, settings),
        ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }),
        ...common,
      })(spec.modelId);
    case 'google':
      return createGoogleGenerativeAI({
        apiKey: requireApiKey(spec, settings),
        ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }),
        ...common,
      })(spec.modelId);
  }
}
