import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import { loadConfig } from '../config.js';
import type { StewardConfigFile } from '../config.js';
import { createMemoryResponseCache } from '../llm/response-cache.js';
import type { CliIo } from './io.js';
import { parseModelList, planLlmVerifiers, selectModels } from './llm-plan.js';
import { createLlmRuntime } from './llm-runtime.js';

const configFile: StewardConfigFile = {
  file: '/work/steward.config.json',
  models: {
    local: {
      name: 'local',
      model: 'openai/llama-3.1-8b',
      baseUrl: 'http://127.0.0.1:8000/v1',
      apiKey: undefined,
      concurrency: 2,
      rpm: 60,
    },
    router: {
      name: 'router',
      model: 'anthropic/claude-3-5-haiku',
      apiKeyEnv: 'ROUTER_KEY',
      apiKey: undefined,
      prices: { input: 1, output: 5 },
    },
  },
};

function io(): CliIo & { errors: string[] } {
  const errors: string[] = [];
  return {
    stdout: () => undefined,
    stderr: (text) => errors.push(text),
    env: {},
    cwd: '/',
    isTty: false,
    errors,
  };
}

function thrown(action: () => unknown): AppError {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseModelList', () => {
  it('splits repeated and comma-separated values, drops blanks and repeats', () => {
    expect(parseModelList(['openai/a, local', 'openai/a', ' ,router'])).toEqual([
      'openai/a',
      'local',
      'router',
    ]);
  });
});

describe('selectModels', () => {
  const config = loadConfig({ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', OPENAI_API_KEY: 'sk-env' });

  it('a spec takes the environment; a config name takes its entry, which the flags override', () => {
    const [spec, local] = selectModels(['openai/gpt-4o-mini', 'local'], { config, configFile });
    expect(spec).toMatchObject({
      spec: { text: 'openai/gpt-4o-mini' },
      settings: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'sk-env' },
      concurrency: 8,
      requestsPerMinute: undefined,
    });
    expect(local).toMatchObject({
      configName: 'local',
      spec: { text: 'openai/llama-3.1-8b' },
      settings: { baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'sk-env' },
      concurrency: 2,
      requestsPerMinute: 60,
    });
    const [overridden] = selectModels(['local'], {
      config,
      configFile,
      concurrency: 16,
      requestsPerMinute: 5,
    });
    expect(overridden).toMatchObject({ concurrency: 16, requestsPerMinute: 5 });
  });

  it('prices come from the config file; apiKeyEnv replaces the provider variable', () => {
    const [router] = selectModels(['router'], { config, configFile });
    expect(router?.price).toEqual({ inputUsdPerMillion: 1, outputUsdPerMillion: 5 });
    expect(router?.settings.apiKey).toBeUndefined();
    expect(router?.apiKeySource).toContain('ROUTER_KEY');
  });

  it('an unknown name or a malformed spec is an argument error', () => {
    expect(thrown(() => selectModels(['fast'], { config, configFile })).message).toBe('unknown model "fast"');
    expect(thrown(() => selectModels(['mystery/x'], { config, configFile })).code).toBe('ARGUMENT_INVALID');
  });

  it('two names for one spec with different settings are refused; the same one twice is kept once', () => {
    const twice = {
      ...configFile,
      models: { ...configFile.models, other: { ...configFile.models['local']!, name: 'other' } },
    };
    expect(thrown(() => selectModels(['local', 'other'], { config, configFile: twice })).message).toContain(
      'are both openai/llama-3.1-8b',
    );
    expect(selectModels(['openai/x', 'openai/x'], { config, configFile })).toHaveLength(1);
  });
});

describe('createLlmRuntime', () => {
  const config = loadConfig({});

  it('needs a key for anthropic and google unless offline, naming the variable to set', () => {
    const selections = selectModels(['router'], { config, configFile });
    const error = thrown(() => createLlmRuntime({ selections, offline: false }));
    expect(error.code).toBe('ARGUMENT_INVALID');
    expect(error.fix).toContain('ROUTER_KEY');
    expect(() => createLlmRuntime({ selections, offline: true })).not.toThrow();
  });

  it('an offline miss stops the run: it aborts the signal and is remembered, whatever the verifier does with it', async () => {
    const runtime = createLlmRuntime({
      selections: selectModels(['openai/test'], { config, configFile }),
      offline: true,
    });
    const cache = createMemoryResponseCache();
    runtime.useStorage({ cache, ledgerFor: () => ({ record: () => Promise.resolve() }) });
    const caller = runtime.models.get('openai/test');
    const call = caller?.call({
      promptId: 'p',
      promptVersion: '1',
      verifier: 'llm-answer',
      itemId: '1',
      runIndex: 0,
      messages: [{ role: 'user', content: 'hi' }],
    });
    await expect(call).rejects.toMatchObject({ code: 'LLM_OFFLINE_MISS' });
    expect(runtime.signal.aborted).toBe(true);
    expect(runtime.stoppedBy()?.code).toBe('LLM_OFFLINE_MISS');
  });
});

describe('planLlmVerifiers', () => {
  const flags = { model: [], voting: 'adaptive' as const };

  it('an LLM verifier without --model is an argument error (exit 2)', () => {
    const error = thrown(() => planLlmVerifiers(['recompute', 'llm-recompute'], flags, io()));
    expect(error.code).toBe('ARGUMENT_INVALID');
    expect(error.message).toBe('verifier llm-recompute needs a model');
  });

  it('gives each LLM verifier the model specs, the stopping rule and the most runs', () => {
    const plan = planLlmVerifiers(
      ['recompute', 'llm-recompute', 'llm-answer'],
      { model: ['openai/a,openai/b'], voting: 'fixed', runs: 3 },
      io(),
    );
    expect(plan.verifiers).toEqual(['llm-recompute', 'llm-answer']);
    expect(plan.configs['llm-answer']).toEqual({
      models: ['openai/a', 'openai/b'],
      stopping: 'fixed',
      maxRuns: 3,
    });
    expect(Object.keys(plan.configs)).toEqual(['llm-recompute', 'llm-answer']);
  });

  it("--supermajority becomes each LLM verifier's `required`, and must be a supermajority of the runs", () => {
    const plan = planLlmVerifiers(
      ['llm-recompute'],
      { model: ['openai/a'], voting: 'adaptive', runs: 4, supermajority: 3 },
      io(),
    );
    expect(plan.configs['llm-recompute']).toEqual({
      models: ['openai/a'],
      stopping: 'adaptive',
      maxRuns: 4,
      required: 3,
    });
    const half = thrown(() =>
      planLlmVerifiers(['llm-recompute'], { ...flags, model: ['openai/a'], runs: 4, supermajority: 2 }, io()),
    );
    expect(half.code).toBe('ARGUMENT_INVALID');
    expect(half.message).toBe('--supermajority 2 of 4 runs is not a supermajority');
    expect(half.fix).toContain('for --runs 4, 3 to 4');
    // Checked against the default 5 runs, before any model is needed.
    expect(thrown(() => planLlmVerifiers(['recompute'], { ...flags, supermajority: 6 }, io())).message).toBe(
      '--supermajority 6 of 5 runs (the default --runs) is not a supermajority',
    );
  });

  it('--model without an LLM verifier only warns', () => {
    const output = io();
    expect(planLlmVerifiers(['recompute'], { ...flags, model: ['openai/a'] }, output).selections).toEqual([]);
    expect(output.errors.join('')).toContain('--model openai/a is unused');
  });
});
