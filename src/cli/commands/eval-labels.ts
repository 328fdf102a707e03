import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import type { Dataset } from '../../dataset/instance.js';
import type { CliIo } from '../io.js';
import { loadDatasetForCli } from '../load-dataset.js';

/** The drop-in file of a release folder: the v1.0 layout, keyed by `Row Number`. */
export const RELEASE_TEST_FILE = 'test_data.csv';

/** A label version as given: a release folder (its `test_data.csv`), a dataset file or a hub id. */
export interface LabelSource {
  /** As typed by the user. */
  argument: string;
  /** What the loader reads. */
  source: string;
  /** A short name for tables and the chart: the folder or file name. */
  name: string;
}

export function resolveLabelSource(argument: string, cwd: string): LabelSource {
  const path = resolve(cwd, argument);
  if (existsSync(path) && statSync(path).isDirectory()) {
    const file = join(path, RELEASE_TEST_FILE);
    if (!existsSync(file)) {
      throw new AppError('FILE_NOT_FOUND', `${argument} is a folder without ${RELEASE_TEST_FILE}`, {
        fix: `Name a release folder (it holds ${RELEASE_TEST_FILE}) or a dataset file.`,
        details: { path },
      });
    }
    return { argument, source: file, name: basename(path) };
  }
  return { argument, source: argument, name: existsSync(path) ? basename(path) : argument };
}

/** Loads a label version, warning (not failing) about validation errors: they are the labels to evaluate. */
export async function loadLabelVersion(
  label: LabelSource,
  io: CliIo,
): Promise<{ label: LabelSource; dataset: Dataset }> {
  const dataset = await loadDatasetForCli(label.source, io);
  const errors = dataset.problems.filter((problem) => problem.severity === 'error').length;
  if (errors > 0) {
    io.stderr(
      `warning: ${label.argument} has ${errors} validation error${errors === 1 ? '' : 's'} (\`steward dataset inspect ${label.source}\` lists them)\n`,
    );
  }
  return { label, dataset };
}
