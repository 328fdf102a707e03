import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import { getRuleSet } from '../../answers/index.js';
import { DEFAULT_EVAL_RESAMPLES, DEFAULT_EVAL_SEED } from '../../eval/accuracy.js';
import { renderAccuracyChart } from '../../eval/compare-chart.js';
import {
  compareLabelVersions,
  type ComparisonReport,
  type GroupComparison,
  type LabelVersion,
  type ModelResponses,
} from '../../eval/compare.js';
import { parseResponsesJsonl, type ModelResponse } from '../../eval/responses.js';
import { groupResponsesBySlot } from '../../eval/score-samples.js';
import type { evalCompareSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { readInputText } from '../input-file.js';
import { formatPercent, formatTable, type CliIo, type CommandResult } from '../io.js';
import { writeFileAtomically } from '../output-file.js';
import { loadLabelVersion, resolveLabelSource } from './eval-labels.js';

export const EVAL_COMPARE_SCHEMA_VERSION = 1;

/** Calculators listed in the text output (all of them are in the JSON). */
const CALCULATORS_SHOWN = 15;

function splitList(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

type SamplesByIndex = Map<number, { file: string; responses: readonly ModelResponse[] }>;

/**
 * Every model of every responses file. Lines without a `model` are named after their file; a model may span files
 * (e.g. one file per sample), but one (model, sample) in two files is an error, since either could be meant.
 */
async function readModels(files: readonly string[], io: CliIo): Promise<ModelResponses[]> {
  const models = new Map<string, SamplesByIndex>();
  for (const file of files) {
    const responses = parseResponsesJsonl(
      await readInputText(file, {
        cwd: io.cwd,
        fix: 'Pass responses JSONL files written by `steward eval run` (or in the same format) with --responses.',
      }),
      file,
    );
    for (const slot of groupResponsesBySlot(responses)) {
      const model = slot.model ?? basename(file).replace(/\.jsonl$/i, '');
      let samples = models.get(model);
      if (samples === undefined) {
        samples = new Map();
        models.set(model, samples);
      }
      const earlier = samples.get(slot.sample);
      if (earlier !== undefined) {
        throw new AppError(
          'RESPONSES_INVALID',
          `model ${model} sample ${slot.sample} is in both ${earlier.file} and ${file}`,
          {
            fix: 'Give each file its own models or samples (the "model" and "sample" fields), or compare them separately.',
            details: { model, sample: slot.sample, files: [earlier.file, file] },
          },
        );
      }
      samples.set(slot.sample, { file, responses: slot.responses });
    }
  }
  return [...models.entries()].map(([model, samples]) => ({
    model,
    samples: [...samples.entries()]
      .sort(([a], [b]) => a - b)
      .map(([sample, entry]) => ({ sample, responses: entry.responses })),
  }));
}

function interval(low: number | null, high: number | null): string {
  if (low === null || high === null) return 'no CI';
  // "−11.1% to −7.5%" reads better than a dash between two negative numbers.
  return low < 0
    ? `${formatPercent(low)} to ${formatPercent(high)}`
    : `${formatPercent(low)}–${formatPercent(high)}`;
}

function signedPercent(value: number): string {
  return `${value > 0 ? '+' : ''}${formatPercent(value)}`;
}

/** One row per model: accuracy under each version, the difference from the reference, and the rank movement. */
function groupRows(group: GroupComparison, versions: readonly string[], label?: string): string[][] {
  const models = [...new Set(group.accuracy.map((entry) => entry.model))];
  return models.map((model) => {
    const accuracy = versions.map((version) => {
      const entry = group.accuracy.find(
        (candidate) => candidate.model === model && candidate.version === version,
      );
      return entry === undefined
        ? '–'
        : `${formatPercent(entry.estimate)} (${interval(entry.low, entry.high)})`;
    });
    const differences = versions.slice(1).map((version) => {
      const entry = group.differences.find(
        (candidate) => candidate.model === model && candidate.version === version,
      );
      return entry === undefined
        ? '–'
        : `${signedPercent(entry.estimate)} (${interval(entry.low, entry.high)})`;
    });
    const ranks = group.ranking.byVersion.map(
      (ranking) => ranking.order.find((entry) => entry.model === model)?.rank ?? '–',
    );
    return [...(label === undefined ? [] : [label]), model, ...accuracy, ...differences, ranks.join(' → ')];
  });
}

function groupHeaders(report: ComparisonReport, first?: string): string[] {
  const versions = report.versions.map((version) => version.name);
  return [
    ...(first === undefined ? [] : [first]),
    'model',
    ...versions.map((version) => `${version} (95% CI)`),
    ...versions.slice(1).map((version) => `${version} − ${report.reference} (paired 95% CI)`),
    'rank',
  ];
}

/** Calculators where some model's accuracy moved between versions, largest movement first. */
function movedCalculators(report: ComparisonReport): GroupComparison[] {
  const largest = (group: GroupComparison) =>
    Math.max(0, ...group.differences.map((entry) => Math.abs(entry.estimate)));
  return report.byCalculator
    .filter((group) => group.differences.some((entry) => entry.changedItems > 0))
    .sort((a, b) => largest(b) - largest(a));
}

function formatText(report: ComparisonReport, files: { json: string; svg: string; html: string }): string {
  const versions = report.versions.map((version) => version.name);
  const dropped = report.versions.filter((version) => version.droppedItems > 0);
  const swaps = report.overall.ranking.swaps;
  const moved = movedCalculators(report);
  return [
    `rules ${report.ruleSet} ${report.ruleSetVersion}, answer style ${report.style}; reference labels ${report.reference}`,
    `items: ${report.versions.map((version) => `${version.name} ${version.items}`).join(', ')}; compared on the ${report.sharedItems} shared by every version (matched by Row Number)`,
    dropped.length === 0
      ? 'no item dropped'
      : `dropped (not in every version): ${dropped.map((version) => `${version.droppedItems} of ${version.name}`).join(', ')}`,
    ...report.models
      .filter((model) => model.missingResponses > 0 || model.responsesOutsideSharedItems > 0)
      .map(
        (model) =>
          `${model.model}: ${model.missingResponses} missing responses (scored incorrect), ${model.responsesOutsideSharedItems} responses outside the shared items (ignored)`,
      ),
    '',
    formatTable(groupHeaders(report), groupRows(report.overall, versions)),
    '',
    swaps.length === 0
      ? 'ranking: no pair of models changes order'
      : `ranking changes: ${swaps.map((swap) => `${swap.behind} now ahead of ${swap.ahead} on ${swap.version}`).join('; ')}`,
    '',
    formatTable(
      groupHeaders(report, 'category'),
      report.byCategory.flatMap((group) => groupRows(group, versions, group.key)),
    ),
    '',
    moved.length === 0
      ? 'no calculator changes accuracy between label versions'
      : `calculators where accuracy moves (${Math.min(moved.length, CALCULATORS_SHOWN)} of ${moved.length} shown; the JSON has all):`,
    moved.length === 0
      ? ''
      : formatTable(
          groupHeaders(report, 'calculator'),
          moved.slice(0, CALCULATORS_SHOWN).flatMap((group) => groupRows(group, versions, group.key)),
        ),
    '',
    `bootstrap: seed ${report.bootstrap.seed}, ${report.bootstrap.resamples} resamples`,
    `written: ${files.json}, ${files.svg}, ${files.html}`,
  ].join('\n');
}

/** Version names must tell the versions apart: the folder or file name, else the argument as typed. */
function nameVersions(labels: { name: string; argument: string }[]): string[] {
  const names = labels.map((label) => label.name);
  const unique = names.map((name, index) =>
    names.indexOf(name) === names.lastIndexOf(name) ? name : (labels[index]?.argument ?? name),
  );
  if (new Set(unique).size !== unique.length) {
    throw new AppError('ARGUMENT_INVALID', `--labels names a label version twice: ${unique.join(', ')}`, {
      fix: 'Name each label version once.',
    });
  }
  return unique;
}

export async function evalCompareCommand(
  options: CommandInput<typeof evalCompareSpec>,
): Promise<CommandResult> {
  const { io } = options;
  const files = splitList(options.responses);
  const labelArguments = splitList([options.labels]);
  if (files.length === 0) {
    throw new AppError('ARGUMENT_INVALID', 'no responses file given', {
      fix: 'Add --responses <file> (repeatable or comma-separated): the JSONL written by `steward eval run`.',
    });
  }
  if (labelArguments.length < 2) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `--labels needs at least two label versions, got ${labelArguments.length}`,
      {
        fix: 'Give the original labels first, then the corrected ones: --labels test_data.csv,releases/v1.1',
      },
    );
  }
  const resamples = options.resamples ?? DEFAULT_EVAL_RESAMPLES;
  if (resamples < 1) {
    throw new AppError('ARGUMENT_INVALID', `--resamples must be at least 1, got ${resamples}`, {
      fix: 'Use e.g. --resamples 2000.',
    });
  }
  const ruleSet = getRuleSet(options.rules);
  const models = await readModels(files, io);
  const loaded = [];
  for (const argument of labelArguments)
    loaded.push(await loadLabelVersion(resolveLabelSource(argument, io.cwd), io));
  const names = nameVersions(loaded.map((entry) => entry.label));
  const versions: LabelVersion[] = loaded.map((entry, index) => ({
    name: names[index] ?? entry.label.argument,
    items: entry.dataset.instances,
  }));
  const report = compareLabelVersions({
    versions,
    models,
    ruleSet,
    style: options.style,
    bootstrap: { seed: options.seed ?? DEFAULT_EVAL_SEED, resamples },
  });
  const outDir = resolve(io.cwd, options.out ?? 'eval-compare');
  mkdirSync(outDir, { recursive: true });
  const written = {
    json: join(outDir, 'compare.json'),
    spec: join(outDir, 'accuracy.vl.json'),
    svg: join(outDir, 'accuracy.svg'),
    html: join(outDir, 'accuracy.html'),
  };
  const chart = await renderAccuracyChart(report);
  const json = {
    schemaVersion: EVAL_COMPARE_SCHEMA_VERSION,
    labels: loaded.map((entry, index) => ({
      name: names[index],
      argument: entry.label.argument,
      source: entry.dataset.source,
      provenance: entry.dataset.provenance ?? null,
    })),
    responses: files,
    ...report,
    files: written,
  };
  writeFileAtomically(written.json, `${JSON.stringify(json, null, 2)}\n`);
  writeFileAtomically(written.spec, `${JSON.stringify(chart.spec, null, 2)}\n`);
  writeFileAtomically(written.svg, chart.svg);
  writeFileAtomically(written.html, chart.html);
  return { text: formatText(report, written), json };
}
