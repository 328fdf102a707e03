import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { createLanguageModel, parseModelSpec } from './model-spec.js';

describe('parseModelSpec', () => {
  it('splits the provider from the model id at the first slash', () => {
    expect(parseModelSpec('openai/gpt-4o-mini')).toEqual({
      provider: 'openai',
      modelId: 'gpt-4o-mini',
      text: 'openai/gpt-4o-mini',
    });
    expect(parseModelSpec('openai/meta-llama/Llama-3.1-8B-Instruct').modelId).toBe(
      'meta-llama/Llama-3.1-8B-Instruct',
    );
    expect(parseModelSpec(' Anthropic/claude-sonnet-4-5 ').text).toBe('anthropic/claude-sonnet-4-5');
    expect(parseModelSpec('google/gemini-2.5-flash').provider).toBe('google');
  });

  it.each(['gpt-4o', 'azure/gpt-4o', 'openai/', '/gpt-4o', 'openai/gpt 4o', ''])(
    'rejects %j with ARGUMENT_INVALID naming the accepted forms',
    (text) => {
      let caught: unknown;
      try {
        parseModelSpec(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AppError);
      const error = caught as AppError;
      expect(error.code).toBe('ARGUMENT_INVALID');
      expect(error.fix).toContain('openai/<model-id>');
      expect(error.fix).toContain('anthropic/<model-id>');
      expect(error.fix).toContain('google/<model-id>');
    },
  );
});

describe('createLanguageModel', () => {
  it('builds a chat model for each provider', () => {
    const openai = createLanguageModel(parseModelSpec('openai/local-model'), {
      baseUrl: 'http://127.0.0.1:1/v1',
    });
    expect(typeof openai === 'object' && openai.modelId).toBe('local-model');
    const anthropic = createLanguageModel(parseModelSpec('anthropic/claude-x'), { apiKey: 'key' });
    expect(typeof anthropic === 'object' && anthropic.provider).toMatch(/anthropic/);
    const google = createLanguageModel(parseModelSpec('google/gemini-x'), { apiKey: 'key' });
    expect(typeof google === 'object' && google.provider).toMatch(/google/);
  });

  it('requires an explicit key for anthropic and google, naming the variable', () => {
    expect(() => createLanguageModel(parseModelSpec('anthropic/claude-x'), {})).toThrow(
      expect.objectContaining({
        code: 'ARGUMENT_INVALID',
        fix: expect.stringContaining('ANTHROPIC_API_KEY'),
      }),
    );
    expect(() => createLanguageModel(parseModelSpec('google/gemini-x'), { apiKey: '' })).toThrow(
      expect.objectContaining({ fix: expect.stringContaining('GOOGLE_GENERATIVE_AI_API_KEY') }),
    );
  });
});
