import { AppError } from '../app-error.js';
import type { AnswerStyle, RuleSet } from '../answers/index.js';
import { estimateAccuracy, type AccuracyEstimate, type EvalBootstrapOptions } from './accuracy.js';
import type { ModelResponse } from './responses.js';
import { scoreResponses, type ScoredItem, type ScoreReport } from './score.js';

/** The responses of one model (null: the lines name none) and one sample index. */
export interface ResponseSlot {
  model: string | null;
  sample: number;
  responses: ModelResponse[];
}

/** Splits responses by model (in order of first appearance) and sample (ascending); no `sample` means 0. */
export function groupResponsesBySlot(responses: readonly ModelResponse[]): ResponseSlot[] {
  const byModel = new Map<string | null, Map<number, ModelResponse[]>>();
  for (const response of responses) {
    const model = response.model ?? null;
    const sample = response.sample ?? 0;
    let samples = byModel.get(model);
    if (samples === undefined) {
      samples = new Map();
      byModel.set(model, samples);
    }
    let list = samples.get(sample);
    if (list === undefined) {
      list = [];
      samples.set(sample, list);
    }
    list.push(response);
  }
  const slots: ResponseSlot[] = [];
  for (const [model, samples] of byModel) {
    for (const sample of [...samples.keys()].sort((a, b) => a - b)) {
      slots.push({ model, sample, responses: samples.get(sample) ?? [] });
    }
  }
  return slots;
}

export interface SampleScore {
  sample: number;
  report: ScoreReport;
}

/** One model's accuracy per sample, and the mean over its samples with a 95% interval. */
export interface ModelScore {
  model: string | null;
  samples: SampleScore[];
  mean: AccuracyEstimate;
}

/**
 * Per-item share of correct samples: an item a sample has no response for counts as incorrect in that sample,
 * as in `scoreResponses`.
 */
export function computeItemScores(reports: readonly ScoreReport[], items: number): number[] {
  const scores = new Array<number>(items).fill(0);
  for (const report of reports) {
    report.rows.forEach((row, index) => {
      if (row.correct) scores[index] = (scores[index] ?? 0) + 1;
    });
  }
  return reports.length === 0 ? scores : scores.map((score) => score / reports.length);
}

/**
 * Scores every (model, sample) slot of a responses file against the items, and each model's mean accuracy over
 * its samples. The interval of the mean is Wilson's for one sample and a percentile bootstrap over items for
 * several (seeded: the same seed gives the same interval).
 */
export function scoreModels(options: {
  items: readonly ScoredItem[];
  responses: readonly ModelResponse[];
  ruleSet: RuleSet;
  style?: AnswerStyle | undefined;
  bootstrap: EvalBootstrapOptions;
}): ModelScore[] {
  const slots = groupResponsesBySlot(options.responses);
  // A file with no response at all still has one (empty) slot, so every item is reported as missing.
  if (slots.length === 0) slots.push({ model: null, sample: 0, responses: [] });
  const byModel: { model: string | null; samples: SampleScore[] }[] = [];
  for (const slot of slots) {
    const report = scoreResponses({
      items: options.items,
      responses: slot.responses,
      ruleSet: options.ruleSet,
      ...(options.style === undefined ? {} : { style: options.style }),
    });
    const last = byModel.at(-1);
    if (last !== undefined && last.model === slot.model) last.samples.push({ sample: slot.sample, report });
    else byModel.push({ model: slot.model, samples: [{ sample: slot.sample, report }] });
  }
  const models = byModel.map((entry): ModelScore => {
    const reports = entry.samples.map((sample) => sample.report);
    const mean = estimateAccuracy(computeItemScores(reports, options.items.length), reports.length, {
      ...options.bootstrap,
      stream: `score\u0000${entry.model ?? ''}`,
    });
    return { ...entry, mean };
  });
  return models;
}

function describeSlot(model: string | null, sample: number, several: boolean): string {
  if (!several) return '';
  return ` of ${model === null ? 'the lines without a model' : `model ${model}`}, sample ${sample}`;
}

function listIds(ids: readonly string[]): string {
  const shown = ids.slice(0, 5).map((id) => `"${id}"`);
  return `${shown.join(', ')}${ids.length > shown.length ? ', …' : ''}`;
}

/**
 * Refuses responses that cannot say anything about the dataset: a file with no response at all, or a model and
 * sample none of whose ids is an item of the dataset (wrong dataset, split or id column). Scoring them would
 * report 0% accuracy as if the model had answered everything wrong.
 */
export function checkResponsesMatchDataset(options: {
  source: string;
  responses: readonly ModelResponse[];
  items: readonly ScoredItem[];
  models: readonly ModelScore[];
}): void {
  const itemCount = options.items.length;
  if (options.responses.length === 0) {
    throw new AppError(
      'RESPONSES_INVALID',
      `${options.source} has no responses (0 of the dataset's ${itemCount} items answered); scoring it would report 0% accuracy`,
      {
        fix: 'Pass the file the model run wrote, with one line per item like {"id": "<item id>", "response": "<model text>"}; check that the run finished.',
        details: { source: options.source, responses: 0, items: itemCount },
      },
    );
  }
  const several = options.models.length > 1 || options.models.some((model) => model.samples.length > 1);
  for (const model of options.models) {
    for (const { sample, report } of model.samples) {
      if (report.answered > 0) continue;
      const unknown = report.unknownResponseIds;
      throw new AppError(
        'RESPONSES_INVALID',
        `none of the ${unknown.length} responses${describeSlot(model.model, sample, several)} in ${options.source} has the id of an item in the dataset (${itemCount} items); response ids: ${listIds(unknown)}; dataset ids: ${listIds(options.items.map((item) => item.id))}`,
        {
          fix: 'Each response\'s "id" must be the item id of the dataset (its Row Number, Unique ID or uid column); check that --dataset names the dataset and split the responses were made for.',
          details: {
            source: options.source,
            model: model.model,
            sample,
            responses: unknown.length,
            items: itemCount,
            matched: 0,
          },
        },
      );
    }
  }
}
