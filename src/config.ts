import { homedir } from 'node:os';
import { join } from 'node:path';

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
  };
}

/** The process environment, for the CLI's composition root only. */
export function readProcessEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
