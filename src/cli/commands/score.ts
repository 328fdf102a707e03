import { AppError } from '../../app-error.js';
import { getRuleSet } from '../../answers/index.js';
import { parseResponsesJsonl } from '../../eval/responses.js';
import { DEFAULT_EVAL_RESAMPLES, DEFAULT_EVAL_SEED } from '../../eval/accuracy.js';
import { scoreModels, type ModelScore } from '../../eval/score-samples.js';
import type { GroupAccuracy } from '../../eval/score.js';
import { formatPercent, formatTable, type CommandResult } from '../io.js';
import { loadDatasetForCli } from '../load-dataset.js';
import type { scoreSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { readInputText } from '../input-file.js';

export const SCORE_SCHEMA_VERSION = 1;

function accuracyRows(groups: readonly GroupAccuracy[]): string[][] {
  return groups.map((group) => [
    group.key,
    `${group.successes}/${group.total}`,
    formatPercent(group.estimate),
    `${formatPercent(group.low)}–${formatPercent(group.high)}`,
  ]);
}

/** How a model is named in tables: the responses' `model` field, or a dash for lines that name none. */
function modelLabel(model: string | null): string {
  return model ?? '–';
}

/** Per model and sample, then each model's mean over its samples: only printed for files with several. */
function modelsText(models: readonly ModelScore[]): string {
  const rows: string[][] = [];
  for (const model of models) {
    for (const { sample, report } of model.samples) {
      rows.push([
        modelLabel(model.model),
        String(sample),
        `${report.overall.successes}/${report.overall.total}`,
        formatPercent(report.overall.estimate),
        `${formatPercent(report.overall.low)}–${formatPercent(report.overall.high)}`,
      ]);
    }
    if (model.samples.length > 1) {
      rows.push([
        modelLabel(model.model),
        `mean of ${model.samples.length}`,
        '',
        formatPercent(model.mean.estimate),
        `${formatPercent(model.mean.low)}–${formatPercent(model.mean.high)} (bootstrap over items)`,
      ]);
    }
  }
  return formatTable(['model', 'sample', 'correct', 'accuracy', '95% CI'], rows);
}

/** The JSON of each model: per-sample figures (rows are left out: they are per-row only for the first slot). */
function modelsJson(models: readonly ModelScore[]) {
  return models.map((model) => ({
    model: model.model,
    samples: model.samples.map(({ sample, report }) => ({
      sample,
      overall: report.overall,
      byCategory: report.byCategory,
      byCalculator: report.byCalculator,
      missingResponses: report.missingResponses.length,
      unknownResponseIds: report.unknownResponseIds.length,
    })),
    mean: model.mean,
  }));
}

export async function scoreCommand(options: CommandInput<typeof scoreSpec>): Promise<CommandResult> {
  const ruleSet = getRuleSet(options.rules);
  const responses = parseResponsesJsonl(
    await readInputText(options.responses, {
      cwd: options.io.cwd,
      fix: 'Pass the model outputs as JSONL with --responses <file>.',
    }),
    options.responses,
  );
  const dataset = await loadDatasetForCli(options.dataset, options.io);
  const bootstrap = { seed: DEFAULT_EVAL_SEED, resamples: DEFAULT_EVAL_RESAMPLES };
  const models = scoreModels({
    items: dataset.instances,
    responses,
    ruleSet,
    style: options.style,
    bootstrap,
  });
  // The historical fields describe the first model's first sample: all of the file when it has one of each.
  const first = models[0]?.samples[0]?.report;
  if (first === undefined) throw new AppError('INTERNAL', 'scoring produced no report');
  const report = first;
  const several = models.length > 1 || models.some((model) => model.samples.length > 1);
  const headers = ['group', 'correct', 'accuracy', '95% CI (Wilson)'];
  const firstSlot = `${modelLabel(models[0]?.model ?? null)} sample ${models[0]?.samples[0]?.sample ?? 0}`;
  const text = [
    `rules ${report.ruleSet} ${report.ruleSetVersion}, answer style ${report.style}; dataset ${dataset.source}`,
    `overall${several ? ` (${firstSlot})` : ''}: ${report.overall.successes}/${report.overall.total} = ${formatPercent(report.overall.estimate)} (95% CI ${formatPercent(report.overall.low)}–${formatPercent(report.overall.high)})`,
    dataset.problems.some((problem) => problem.severity === 'error')
      ? `warning: the dataset has ${dataset.problems.filter((problem) => problem.severity === 'error').length} validation errors; see \`steward dataset inspect ${options.dataset}\``
      : '',
    report.missingResponses.length > 0
      ? `${report.missingResponses.length} rows had no response and count as incorrect`
      : '',
    report.unknownResponseIds.length > 0
      ? `${report.unknownResponseIds.length} responses had ids not in the dataset and were ignored: ${report.unknownResponseIds.slice(0, 10).join(', ')}`
      : '',
    ...(several
      ? [
          `${models.length} model${models.length === 1 ? '' : 's'}; the group tables below are for ${firstSlot} (--json has every model and sample):`,
          '',
          modelsText(models),
        ]
      : []),
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
      models: modelsJson(models),
      bootstrap: { ...bootstrap, level: 0.95 },
    },
  };
}
