import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { drawValidationSample } from '../../triage/sample.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';
import { readLatestReport } from '../../audit/latest.js';
import type { triageSampleSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const TRIAGE_SAMPLE_SCHEMA_VERSION = 1;

/**
 * A stratified random validation sample of the latest audit's items: physicians label the sampled items blind,
 * and the weighted share they find correct estimates the accuracy of the labels with a confidence interval.
 */
export async function triageSampleCommand(
  options: CommandInput<typeof triageSampleSpec>,
): Promise<CommandResult> {
  const outPath = options.out === undefined ? undefined : resolve(options.io.cwd, options.out);
  if (outPath !== undefined) checkWritable(outPath, 'sample');
  const store = await openCliStore(options.io, options.db, true);
  try {
    const { report, run } = await readLatestReport(store, { dataset: options.dataset, cwd: options.io.cwd });
    const sample = drawValidationSample(
      report.items.map((item) => ({
        itemId: item.id,
        status: item.triage.status,
        calculatorId: item.calculatorId,
      })),
      { n: options.n, seed: options.seed, strata: options.strata },
    );
    if (outPath !== undefined) {
      const sizes = new Map(sample.allocation.map((entry) => [entry.stratum, entry.population]));
      const csv = stringify([
        ['id', 'stratum', 'weight', 'stratum_size', 'population', 'seed', 'dataset', 'run_id', 'policy_hash'],
        ...sample.items.map((item) => [
          item.itemId,
          item.stratum,
          String(item.weight),
          String(sizes.get(item.stratum) ?? ''),
          String(sample.population),
          sample.seed,
          run.datasetId,
          run.id,
          report.policy.hash,
        ]),
      ]);
      writeFileAtomically(outPath, csv);
    }
    const text = [
      `${report.dataset.source}: ${sample.items.length} of ${sample.population} items sampled (seed ${sample.seed}, strata ${sample.strata}${sample.census ? ', census' : ''})`,
      '',
      formatTable(
        ['stratum', 'population', 'sampled', 'weight'],
        sample.allocation.map((entry) => [
          entry.stratum,
          String(entry.population),
          String(entry.sampled),
          entry.weight.toFixed(3),
        ]),
      ),
      '',
      `ids: ${sample.items.map((item) => item.itemId).join(', ')}`,
      ...(outPath === undefined ? [] : ['', `written: ${outPath}`]),
    ].join('\n');
    return {
      text,
      json: {
        schemaVersion: TRIAGE_SAMPLE_SCHEMA_VERSION,
        dataset: report.dataset,
        run,
        policy: report.policy,
        seed: sample.seed,
        strata: sample.strata,
        requested: sample.requested,
        population: sample.population,
        census: sample.census,
        allocation: sample.allocation,
        items: sample.items.map((item) => ({
          id: item.itemId,
          stratum: item.stratum,
          weight: item.weight,
          status: item.status,
          calculatorId: item.calculatorId,
        })),
        ...(outPath === undefined ? {} : { outPath }),
      },
    };
  } finally {
    await store.close();
  }
}
