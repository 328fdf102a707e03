import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig: which variable wins', () => {
  it('with nothing set, uses ~/.cache/steward and the standard hub cache ~/.cache/huggingface/hub', () => {
    expect(loadConfig({})).toEqual({
      cacheDir: join(homedir(), '.cache', 'steward'),
      hubCacheDir: join(homedir(), '.cache', 'huggingface', 'hub'),
      hubEndpoint: 'https://huggingface.co',
      hubToken: undefined,
      offline: false,
      databaseUrl: undefined,
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
