import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { parseModelSpec } from './model-spec.js';

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
