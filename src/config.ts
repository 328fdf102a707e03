import { homedir } from 'node:os';
import { join } from 'node:path';

/** Everything Steward reads from the environment, read once here and passed down. */
export interface Config {
  /** Where hub downloads are cached: STEWARD_CACHE_DIR, else $HF_HOME/steward, else $XDG_CACHE_HOME/steward, else ~/.cache/steward. */
  cacheDir: string;
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

export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const cacheDir =
    env['STEWARD_CACHE_DIR'] ??
    (env['HF_HOME'] !== undefined
      ? join(env['HF_HOME'], 'steward')
      : join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'steward'));
  return {
    cacheDir,
    hubEndpoint: (env['HF_ENDPOINT'] ?? 'https://huggingface.co').replace(/\/+$/, ''),
    hubToken: env['HF_TOKEN'] ?? env['HUGGING_FACE_HUB_TOKEN'],
    offline: isTruthy(env['HF_HUB_OFFLINE']) || isTruthy(env['STEWARD_OFFLINE']),
    databaseUrl: env['DATABASE_URL'] === '' ? undefined : env['DATABASE_URL'],
  };
}

/** The process environment, for the CLI's composition root only. */
export function readProcessEnvironment(): Readonly<Record<string, string | undefined>> {
  return process.env;
}
