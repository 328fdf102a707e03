import { readFileSync } from 'node:fs';
import { requireSharedFile, V1_TEST_CSV } from '../../../../test/shared-data.js';
import { buildDataset } from '../../../dataset/build.js';
import type { Instance } from '../../../dataset/instance.js';
import { readCsvRows } from '../../../dataset/read-rows.js';

let cached: Instance[] | undefined;

/** Every row of the v1.0 test split (read once per test file). */
export function loadV1TestInstances(): Instance[] {
  if (cached !== undefined) return cached;
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
  cached = buildDataset(table.rows, {
    source: 'test_data.csv',
    format: 'csv',
    headers: table.headers,
  }).instances;
  return cached;
}

/** One v1.0 test row by its `Row Number`. */
export function findV1Row(id: string): Instance {
  const instance = loadV1TestInstances().find((candidate) => candidate.id === id);
  if (instance === undefined) throw new Error(`no v1.0 test row ${id}`);
  return instance;
}

/** The rows the verifier contract uses (every 7th), plus whatever else a test names. */
export function loadContractRows(): Instance[] {
  return loadV1TestInstances().filter((_instance, index) => index % 7 === 0);
}
