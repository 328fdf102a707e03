import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './app-error.js';
import { loadConfig, loadConfigFile, safeParseConfigFile } from './config.js';

describe('loadConfig: which variable wins', () => {
  it('with nothing set, uses ~/.cache/steward and the standard hub cache ~/.cache/huggingface/hub', () => {
    expect(loadConfig({})).toEqual({
      cacheDir: join(homedir(), '.cache', 'steward'),
      hubCacheDir: join(homedir(), '.cache', 'huggingface', 'hub'),
      hubEndpoint: 'https://huggingface.co',
      hubToken: undefined,
      offline: false,
      databaseUrl: undefined,
      providers: {
        openai: { baseUrl: undefined, apiKey: undefined },
        anthropic: { baseUrl: undefined, apiKey: undefined },
        google: { baseUrl: undefined, apiKey: undefined },
      },
    });
  });

  it('cache folders: STEWARD_CACHE_DIR > HF_HUB_CACHE > HUGGINGFACE_HUB_CACHE > HF_HOME > XDG_CACHE_HOME', () => {
    const all = {
      STEWARD_CACHE_DIR: '/steward',
      HF_HUB_CACHE: '/hf-hub-cache',
      HUGGINGFACE_HUB_CACHE: '/legacy-hub-cache',
      HF_HOME: '/hf-home',
      XDG_CACHE_HOME: '/xdg',
    };
    const pick = (env: Record<string, string>): [string, string] => {
      const config = loadConfig(env);
      return [config.cacheDir, config.hubCacheDir];
    };
    // STEWARD_CACHE_DIR keeps Steward apart from other tools: its own hub cache inside it.
    expect(pick(all)).toEqual(['/steward', join('/steward', 'hub')]);
    const { STEWARD_CACHE_DIR: _steward, ...withoutSteward } = all;
    expect(pick(withoutSteward)).toEqual([join('/hf-home', 'steward'), '/hf-hub-cache']);
    const { HF_HUB_CACHE: _hubCache, ...withoutHubCache } = withoutSteward;
    expect(pick(withoutHubCache)).toEqual([join('/hf-home', 'steward'), '/legacy-hub-cache']);
    const { HUGGINGFACE_HUB_CACHE: _legacy, ...withoutLegacy } = withoutHubCache;
    expect(pick(withoutLegacy)).toEqual([join('/hf-home', 'steward'), join('/hf-home', 'hub')]);
    const { HF_HOME: _home, ...onlyXdg } = withoutLegacy;
    expect(pick(onlyXdg)).toEqual([join('/xdg', 'steward'), join('/xdg', 'huggingface', 'hub')]);
  });

  it('an empty variable counts as unset', () => {
    const config = loadConfig({
      STEWARD_CACHE_DIR: '',
      HF_HOME: '/hf-home',
      HF_TOKEN: '',
      HUGGING_FACE_HUB_TOKEN: 'hf_fallback',
      DATABASE_URL: '',
      HF_ENDPOINT: '',
    });
    expect(config.cacheDir).toBe(join('/hf-home', 'steward'));
    expect(config.hubToken).toBe('hf_fallback');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.hubEndpoint).toBe('https://huggingface.co');
  });

  it('hub settings: HF_TOKEN over HUGGING_FACE_HUB_TOKEN; HF_ENDPOINT without trailing slashes', () => {
    const config = loadConfig({
      HF_TOKEN: 'hf_first',
      HUGGING_FACE_HUB_TOKEN: 'hf_second',
      HF_ENDPOINT: 'http://127.0.0.1:8080//',
    });
    expect(config.hubToken).toBe('hf_first');
    expect(config.hubEndpoint).toBe('http://127.0.0.1:8080');
  });

  it('offline when either HF_HUB_OFFLINE or STEWARD_OFFLINE is truthy', () => {
    expect(loadConfig({ HF_HUB_OFFLINE: '1' }).offline).toBe(true);
    expect(loadConfig({ STEWARD_OFFLINE: ' Yes ' }).offline).toBe(true);
    expect(loadConfig({ HF_HUB_OFFLINE: '0', STEWARD_OFFLINE: 'true' }).offline).toBe(true);
    expect(loadConfig({ HF_HUB_OFFLINE: '0', STEWARD_OFFLINE: 'off' }).offline).toBe(false);
  });

  it('DATABASE_URL selects the PostgreSQL server', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/steward' }).databaseUrl).toBe(
      'postgres://localhost/steward',
    );
  });
});

describe('loadConfig: model providers', () => {
  it('reads each provider base URL (without trailing slashes) and key; unset ones are undefined', () => {
    const config = loadConfig({
      OPENAI_BASE_URL: 'http://127.0.0.1:8000/v1/',
      OPENAI_API_KEY: 'sk-local',
      ANTHROPIC_API_KEY: 'sk-ant',
      GOOGLE_GENERATIVE_AI_BASE_URL: 'https://proxy.example/v1beta',
      GOOGLE_GENERATIVE_AI_API_KEY: '',
    });
    expect(config.providers).toEqual({
      openai: { baseUrl: 'http://127.0.0.1:8000/v1', apiKey: 'sk-local' },
      anthropic: { baseUrl: undefined, apiKey: 'sk-ant' },
      google: { baseUrl: 'https://proxy.example/v1beta', apiKey: undefined },
    });
  });
});

describe('loadConfigFile', () => {
  const folder = mkdtempSync(join(tmpdir(), 'steward-config-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const write = (name: string, value: unknown): string => {
    const path = join(folder, name);
    writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
    return name;
  };

  it('loads docs/steward.config.example.json, reading apiKeyEnv from the environment', () => {
    const example = fileURLToPath(new URL('../docs/steward.config.example.json', import.meta.url));
    const loaded = loadConfigFile({ cwd: folder, path: example, env: { OPENROUTER_API_KEY: 'sk-or' } });
    expect(loaded.file).toBe(example);
    expect(Object.keys(loaded.models)).toEqual(['local', 'mini', 'router', 'sonnet', 'flash']);
    expect(loaded.models['router']).toMatchObject({
      name: 'router',
      model: 'openai/anthropic/claude-3.5-haiku',
      apiKeyEnv: 'OPENROUTER_API_KEY',
      apiKey: 'sk-or',
      prices: { input: 0.8, output: 4 },
    });
    expect(loaded.models['mini']?.apiKey).toBeUndefined();
    expect(loaded.models['sonnet']).toMatchObject({ rpm: 50, concurrency: 4 });
  });

  it('without --config reads ./steward.config.json when present, and nothing when absent', () => {
    const empty = mkdtempSync(join(folder, 'empty-'));
    expect(loadConfigFile({ cwd: empty, env: {} })).toEqual({ file: undefined, models: {} });
    write('steward.config.json', { models: { fast: { model: 'openai/test-model' } } });
    const loaded = loadConfigFile({ cwd: folder, env: {} });
    expect(loaded.file).toBe(join(folder, 'steward.config.json'));
    expect(loaded.models['fast']).toEqual({
      name: 'fast',
      model: 'openai/test-model',
      apiKey: undefined,
    });
  });

  it('names every bad field by its path, unknown fields included', () => {
    const path = write('bad.json', {
      models: {
        fast: { model: 'gpt-4o', prices: { input: -1, output: 2 }, rpm: 1.5, colour: 'red' },
        'a/b': { model: 'openai/x' },
      },
      extra: true,
    });
    let caught: unknown;
    try {
      loadConfigFile({ cwd: folder, path, env: {} });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('ARGUMENT_INVALID');
    const paths = (error.details['issues'] as { path: string }[]).map((issue) => issue.path).sort();
    expect(paths).toEqual([
      'extra',
      'models.a/b',
      'models.fast.colour',
      'models.fast.model',
      'models.fast.prices.input',
      'models.fast.rpm',
    ]);
    expect(error.message).toContain('models.fast.model: expected "<provider>/<model-id>"');
  });

  it('a missing --config file, and a file that is not JSON, are clear errors', () => {
    expect(() => loadConfigFile({ cwd: folder, path: 'nope.json', env: {} })).toThrow(
      expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
    );
    const path = write('broken.json', '{"models": ');
    expect(() => loadConfigFile({ cwd: folder, path, env: {} })).toThrow(/is invalid: not valid JSON/);
  });

  it('safeParseConfigFile accepts an empty object (no models)', () => {
    expect(safeParseConfigFile({})).toEqual({ success: true, models: {} });
  });
});
