import { describe, expect, it } from 'vitest';
import { createLanguageModel } from './language-model.js';
import { parseModelSpec } from './model-spec.js';

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
