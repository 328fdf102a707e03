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

/** The environment variable that holds each provider's API key (`config.ts` reads them), named in error messages. */
export const API_KEY_VARIABLES: Readonly<Record<ModelProvider, string>> = {
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
