import { createAnthropic } from '@ai-sdk/anthropic';
import { createGoogleGenerativeAI } from '@ai-sdk/google';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import type { LanguageModel } from 'ai';
import { AppError } from '../app-error.js';
import { API_KEY_VARIABLES } from './model-spec.js';
import type { ModelSpec, ProviderSettings } from './model-spec.js';

/*
 * The AI SDK model behind a parsed spec. Kept apart from `model-spec.ts` so that parsing `--model` (the audit's
 * argument checks, the config file) loads no provider SDK: only a command that will call a model imports this.
 */

const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

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
