import { AppError } from '../../app-error.js';
import { getRuleSet } from '../../answers/index.js';
import { parseResponsesJsonl } from '../../eval/responses.js';
import { DEFAULT_EVAL_RESAMPLES, DEFAULT_EVAL_SEED } from '../../eval/accuracy.js';
import { checkResponsesMatchDataset, scoreModels, type ModelScore } from '../../eval/score-samples.js';
import { suggestStyles, type GroupAccuracy, type ScoreReport } from '../../eval/score.js';
import type { AnswerStyle } from '../../answers/index.js';
import type { Proportion } from '../../stats/proportion.js';
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
        `${report.answered}/${report.overall.total}`,
        String(report.overall.successes),
        formatPercent(report.overallAnswered.estimate),
        formatPercent(report.overall.estimate),
        `${formatPercent(report.overall.low)}–${formatPercent(report.overall.high)}`,
      ]);
    }
    if (model.samples.length > 1) {
      rows.push([
        modelLabel(model.model),
        `mean of ${model.samples.length}`,
        '',
        '',
        '',
        formatPercent(model.mean.estimate),
        `${formatPercent(model.mean.low)}–${formatPercent(model.mean.high)} (bootstrap over items)`,
      ]);
    }
  }
  return formatTable(
    ['model', 'sample', 'answered', 'correct', 'on answered', 'on all items', '95% CI (all items)'],
    rows,
  );
}

/** The JSON of each model: per-sample figures (rows are left out: they are per-row only for the first slot). */
function modelsJson(models: readonly ModelScore[]) {
  return models.map((model) => ({
    model: model.model,
    samples: model.samples.map(({ sample, report }) => ({
      sample,
      overall: report.overall,
      answered: report.answered,
      overallAnswered: report.overallAnswered,
      byCategory: report.byCategory,
      byCalculator: report.byCalculator,
      missingResponses: report.missingResponses.length,
      unknownResponseIds: report.unknownResponseIds.length,
      answersInOtherStyle: report.answersInOtherStyle.length,
    })),
    mean: model.mean,
  }));
}

function describeAccuracy(figure: Proportion): string {
  return `${figure.successes}/${figure.total} = ${formatPercent(figure.estimate)} (95% CI ${formatPercent(figure.low)}–${formatPercent(figure.high)})`;
}

/**
 * The headline: how many items were answered first, then the accuracy on those and on all items, so a file that
 * covers a sliver of the dataset cannot pass for a model that is nearly always wrong.
 */
export function formatScoreHeadline(report: ScoreReport): string {
  const items = report.overall.total;
  if (report.answered === items) {
    return `answered all ${items} items; accuracy ${describeAccuracy(report.overall)}`;
  }
  return `answered ${report.answered} of ${items} items (${formatPercent(report.answered / items)}); accuracy ${describeAccuracy(report.overallAnswered)} on answered, ${describeAccuracy(report.overall)} on all items`;
}

const STYLE_PLACES: Record<AnswerStyle, string> = {
  json: 'the JSON "answer" field',
  tag: '<answer> tags',
  auto: 'either place',
};

/** One hint line when responses carry their answer only where the chosen style does not look; '' otherwise. */
export function formatStyleHint(style: AnswerStyle, count: number): string {
  const styles = suggestStyles(style);
  if (count === 0 || styles.length === 0) return '';
  const other = style === 'json' ? 'tag' : 'json';
  return `hint: ${count} response${count === 1 ? ' has its answer' : 's have their answer'} only in ${STYLE_PLACES[other]}, where --style ${style} does not look, so ${count === 1 ? 'it is' : 'they are'} scored as no answer: rerun with ${styles.map((choice) => `--style ${choice}`).join(' or ')}`;
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
  checkResponsesMatchDataset({ source: options.responses, responses, items: dataset.instances, models });
  // The historical fields describe the first model's first sample: all of the file when it has one of each.
  const first = models[0]?.samples[0]?.report;
  if (first === undefined) throw new AppError('INTERNAL', 'scoring produced no report');
  const report = first;
  const several = models.length > 1 || models.some((model) => model.samples.length > 1);
  const headers = ['group', 'correct', 'accuracy', '95% CI (Wilson)'];
  const firstSlot = `${modelLabel(models[0]?.model ?? null)} sample ${models[0]?.samples[0]?.sample ?? 0}`;
  const reports = models.flatMap((model) => model.samples.map((sample) => sample.report));
  const inOtherStyle = reports.reduce((sum, each) => sum + each.answersInOtherStyle.length, 0);
  const errors = dataset.problems.filter((problem) => problem.severity === 'error').length;
  const missing = report.missingResponses.length;
  const notes = [
    errors > 0
      ? `warning: the dataset has ${errors} validation errors; see \`steward dataset inspect ${options.dataset}\``
      : '',
    missing > 0
      ? `${missing} item${missing === 1 ? '' : 's'} had no response${several ? ` in ${firstSlot}` : ''}: incorrect in the all-items accuracy, left out of the answered one`
      : '',
    formatStyleHint(report.style, inOtherStyle),
    report.unknownResponseIds.length > 0
      ? `${report.unknownResponseIds.length} responses had ids not in the dataset and were ignored: ${report.unknownResponseIds.slice(0, 10).join(', ')}`
      : '',
  ].filter((line) => line !== '');
  const text = [
    `rules ${report.ruleSet} ${report.ruleSetVersion}, answer style ${report.style}; dataset ${dataset.source}`,
    `${several ? `${firstSlot}: ` : ''}${formatScoreHeadline(report)}`,
    ...notes,
    ...(several
      ? [
          '',
          `${models.length} model${models.length === 1 ? '' : 's'}; the group tables below are for ${firstSlot} (--json has every model and sample):`,
          modelsText(models),
        ]
      : []),
    '',
    formatTable(headers, accuracyRows(report.byCategory)),
    '',
    formatTable(headers, accuracyRows(report.byCalculator)),
  ].join('\n');
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
      coverage: {
        items: report.overall.total,
        answered: report.answered,
        fraction: report.overall.total === 0 ? null : report.answered / report.overall.total,
      },
      overallAnswered: report.overallAnswered,
      byCategory: report.byCategory,
      byCalculator: report.byCalculator,
      missingResponses: report.missingResponses,
      unknownResponseIds: report.unknownResponseIds,
      answersInOtherStyle: report.answersInOtherStyle,
      styleHint:
        inOtherStyle === 0 ? null : { responses: inOtherStyle, suggestedStyles: suggestStyles(report.style) },
      rows: report.rows,
      models: modelsJson(models),
      bootstrap: { ...bootstrap, level: 0.95 },
    },
  };
}
