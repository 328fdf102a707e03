import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { getRuleSet } from '../../answers/index.js';
import { parseResponsesJsonl } from '../../eval/responses.js';
import { scoreResponses, type GroupAccuracy } from '../../eval/score.js';
import { formatPercent, formatTable, type CliIo, type CommandResult } from '../io.js';
import { loadDatasetForCli } from '../load-dataset.js';
import type { scoreSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const SCORE_SCHEMA_VERSION = 1;

async function readResponses(path: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new AppError(
      missing ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${missing ? 'no such file' : 'cannot read'}: ${path}`,
      {
        fix: 'Pass the model outputs as JSONL with --responses <file>.',
        cause: error,
      },
    );
  }
}

function accuracyRows(groups: readonly GroupAccuracy[]): string[][] {
  return groups.map((group) => [
    group.key,
    `${group.successes}/${group.total}`,
    formatPercent(group.estimate),
    `${formatPercent(group.low)}–${formatPercent(group.high)}`,
  ]);
}

export async function scoreCommand(options: CommandInput<typeof scoreSpec>): Promise<CommandResult> {
  const ruleSet = getRuleSet(options.rules);
  const responses = parseResponsesJsonl(
    await readResponses(options.responses, options.io),
    options.responses,
  );
  const dataset = await loadDatasetForCli(options.dataset, options.io);
  const report = scoreResponses({
    items: dataset.instances,
    responses,
    ruleSet,
    ...(options.style === undefined ? {} : { style: options.style }),
  });
  const headers = ['group', 'correct', 'accuracy', '95% CI (Wilson)'];
  const text = [
    `rules ${report.ruleSet} ${report.ruleSetVersion}, answer style ${report.style}; dataset ${dataset.source}`,
    `overall: ${report.overall.successes}/${report.overall.total} = ${formatPercent(report.overall.estimate)} (95% CI ${formatPercent(report.overall.low)}–${formatPercent(report.overall.high)})`,
    dataset.problems.some((problem) => problem.severity === 'error')
      ? `warning: the dataset has ${dataset.problems.filter((problem) => problem.severity === 'error').length} validation errors; see \`steward dataset inspect ${options.dataset}\``
      : '',
    report.missingResponses.length > 0
      ? `${report.missingResponses.length} rows had no response and count as incorrect`
      : '',
    report.unknownResponseIds.length > 0
      ? `${report.unknownResponseIds.length} responses had ids not in the dataset and were ignored: ${report.unknownResponseIds.slice(0, 10).join(', ')}`
      : '',
    '',
    formatTable(headers, accuracyRows(report.byCategory)),
    '',
    formatTable(headers, accuracyRows(report.byCalculator)),
  ]
    .filter((line, index, lines) => line !== '' || lines[index - 1] !== '')
    .join('\n');
  return {
    text,
    json: {
      schemaVersion: SCORE_SCHEMA_VERSION,
      dataset: dataset.source,
      provenance: dataset.provenance,
      ruleSet: report.ruleSet,
      ruleSetVersion: report.ruleSetVersion,
      style: report.style,
      overall: report.overall,
      byCategory: report.byCategory,
      byCalculator: report.byCalculator,
      missingResponses: report.missingResponses,
      unknownResponseIds: report.unknownResponseIds,
      rows: report.rows,
    },
  };
}
