import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { readCsvRows } from '../../dataset/read-rows.js';
import { estimateAccuracy } from '../../triage/sample.js';
import { outcomesFromRows, sampleFromRows } from '../../triage/sample-file.js';
import { formatPercent, formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import type { triageEstimateSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const TRIAGE_ESTIMATE_SCHEMA_VERSION = 1;

function readCsvFile(path: string, what: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AppError('FILE_NOT_FOUND', `cannot read the ${what} ${path}`, {
      fix: 'Check the path.',
      cause: error,
    });
  }
  return readCsvRows(text, path);
}

/** Label accuracy estimated from the physicians' outcomes on a validation sample, with a 95% CI. */
export function triageEstimateCommand(options: CommandInput<typeof triageEstimateSpec>): CommandResult {
  const samplePath = resolve(options.io.cwd, options.sample);
  const outcomesPath = resolve(options.io.cwd, options.outcomes);
  const sample = sampleFromRows(readCsvFile(samplePath, 'sample'), samplePath);
  const outcomes = outcomesFromRows(readCsvFile(outcomesPath, 'outcomes file'), outcomesPath);
  const estimate = estimateAccuracy(sample, outcomes);
  const text = [
    `label accuracy ${formatPercent(estimate.estimate)} (95% CI ${formatPercent(estimate.low)}–${formatPercent(estimate.high)}) from ${estimate.correct}/${estimate.sampled} sampled items correct, population ${estimate.population}`,
    `method: ${estimate.method}`,
    '',
    formatTable(
      ['stratum', 'population', 'sampled', 'correct', 'accuracy', '95% CI'],
      estimate.strata.map((stratum) => [
        stratum.stratum,
        String(stratum.population),
        String(stratum.sampled),
        String(stratum.correct),
        formatPercent(stratum.estimate),
        `${formatPercent(stratum.low)}–${formatPercent(stratum.high)}`,
      ]),
    ),
  ].join('\n');
  return { text, json: { schemaVersion: TRIAGE_ESTIMATE_SCHEMA_VERSION, ...estimate } };
}
