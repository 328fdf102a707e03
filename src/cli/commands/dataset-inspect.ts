import { AppError } from '../../app-error.js';
import type { DatasetProvenance } from '../../dataset/instance.js';
import { summariseDataset, type CountEntry } from '../../dataset/summary.js';
import { formatTable, type CliIo, type CommandResult } from '../io.js';
import { loadDatasetForCli } from '../load-dataset.js';

export const INSPECT_SCHEMA_VERSION = 1;

function countLines(title: string, entries: readonly CountEntry[]): string {
  return `${title}: ${entries.map((entry) => `${entry.key} ${entry.count}`).join(', ')}`;
}

function describeProvenance(provenance: DatasetProvenance | undefined): string {
  if (provenance === undefined) return 'provenance unknown';
  if (provenance.kind === 'file')
    return `file ${provenance.path}, ${provenance.bytes} bytes, sha256 ${provenance.sha256}`;
  const files = provenance.files.map((file) => `${file.path} (sha256 ${file.sha256})`).join(', ');
  return `hub ${provenance.repo}@${provenance.revision} = commit ${provenance.commit}: ${files}`;
}

/** `steward dataset inspect`: exit code 1 when the file has validation errors (warnings alone exit 0). */
export async function inspectDatasetCommand(options: {
  source: string | undefined;
  refresh: boolean;
  io: CliIo;
}): Promise<CommandResult> {
  if (options.source === undefined) {
    throw new AppError('ARGUMENT_INVALID', 'no dataset given', {
      fix: 'Pass a file or hub id: steward dataset inspect <file-or-hub-id>, or --data <path>.',
    });
  }
  const dataset = await loadDatasetForCli(options.source, options.io, options.refresh);
  const summary = summariseDataset(dataset);
  const text = [
    `${summary.source} (${summary.format}, layout ${summary.layout})`,
    describeProvenance(summary.provenance),
    `${summary.rows} rows, ${summary.calculators} calculators`,
    countLines('categories', summary.byCategory),
    countLines('output types', summary.byOutputType),
    countLines('note types', summary.byNoteType),
    '',
    formatTable(
      ['id', 'calculator', 'rows'],
      summary.byCalculator.map((entry) => [
        String(entry.calculatorId ?? '?'),
        entry.key,
        String(entry.count),
      ]),
    ),
    '',
    summary.problems.length === 0
      ? 'no validation problems'
      : [
          `${summary.errors} errors, ${summary.warnings} warnings:`,
          ...summary.problems.map(
            (problem) =>
              `  row ${problem.row}, column "${problem.column}": ${problem.severity}: ${problem.message}`,
          ),
        ].join('\n'),
  ].join('\n');
  return {
    text,
    json: { schemaVersion: INSPECT_SCHEMA_VERSION, ...summary },
    exitCode: summary.errors > 0 ? 1 : 0,
  };
}
