import { loadConfig } from '../config.js';
import type { Dataset } from '../dataset/instance.js';
import { loadDataset } from '../dataset/load.js';
import type { CliIo } from './io.js';

/** Loads a dataset with the environment's cache and hub settings. */
export async function loadDatasetForCli(source: string, io: CliIo, refresh = false): Promise<Dataset> {
  const config = loadConfig(io.env);
  const dataset = await loadDataset(source, {
    cwd: io.cwd,
    hub: {
      cacheDir: config.cacheDir,
      hubCacheDir: config.hubCacheDir,
      endpoint: config.hubEndpoint,
      token: config.hubToken,
      offline: config.offline,
      refresh,
    },
  });
  for (const warning of dataset.warnings ?? []) io.stderr(`warning: ${warning}\n`);
  return dataset;
}
