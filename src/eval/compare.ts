import type { AnswerStyle, RuleSet } from '../answers/index.js';
import {
  estimateAccuracy,
  estimatePairedDifference,
  type AccuracyEstimate,
  type EvalBootstrapOptions,
  type PairedDifference,
} from './accuracy.js';
import { compareRankings, type RankingComparison } from './ranking.js';
import type { ModelResponse } from './responses.js';
import { computeItemScores } from './score-samples.js';
import { scoreResponses, type ScoredItem } from './score.js';

/** One label set: its name and items (matched to other versions by item id = v1.0 `Row Number`). */
export interface LabelVersion {
  name: string;
  items: readonly ScoredItem[];
}

/** One model's responses, split by sample index. */
export interface ModelResponses {
  model: string;
  samples: { sample: number; responses: readonly ModelResponse[] }[];
}

export interface VersionAccuracy extends AccuracyEstimate {
  model: string;
  version: string;
}

export interface VersionDifference extends PairedDifference {
  model: string;
  /** The accuracy under `version` minus that under `reference`. */
  version: string;
  reference: string;
}

/** Every figure for one set of items: all of them, one category or one calculator. */
export interface GroupComparison {
  key: string;
  items: number;
  accuracy: VersionAccuracy[];
  differences: VersionDifference[];
  ranking: RankingComparison;
}

export interface VersionCoverage {
  name: string;
  items: number;
  /** This version's items left out because another version lacks them (withheld or omitted rows). */
  droppedItems: number;
  droppedIds: string[];
}

export interface ModelCoverage {
  model: string;
  samples: number;
  /** Responses whose id is not a shared item (dropped, or unknown to every version): not scored. */
  responsesOutsideSharedItems: number;
  /** Shared items without a response in some sample: scored incorrect there, as `steward score` does. */
  missingResponses: number;
}

export interface ComparisonReport {
  ruleSet: string;
  ruleSetVersion: string;
  style: AnswerStyle;
  bootstrap: EvalBootstrapOptions & { level: number };
  reference: string;
  sharedItems: number;
  versions: VersionCoverage[];
  models: ModelCoverage[];
  overall: GroupComparison;
  byCategory: GroupComparison[];
  byCalculator: GroupComparison[];
}

export interface CompareOptions {
  /** The reference (original) labels first. */
  versions: readonly LabelVersion[];
  models: readonly ModelResponses[];
  ruleSet: RuleSet;
  style?: AnswerStyle | undefined;
  bootstrap: EvalBootstrapOptions;
}

/** Item ids present in every version, in the reference's order. */
function findSharedIds(versions: readonly LabelVersion[]): string[] {
  const [reference, ...others] = versions;
  if (reference === undefined) return [];
  const sets = others.map((version) => new Set(version.items.map((item) => item.id)));
  return reference.items.map((item) => item.id).filter((id) => sets.every((set) => set.has(id)));
}

function indexGroups(
  items: readonly ScoredItem[],
  keyOf: (item: ScoredItem) => string,
): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    const list = groups.get(key) ?? [];
    list.push(index);
    groups.set(key, list);
  });
  return new Map([...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** scores[model][version][item]: the item's share of correct samples under that version's labels. */
type ScoreTable = Map<string, Map<string, number[]>>;

interface GroupSelection {
  scope: 'overall' | 'category' | 'calculator';
  key: string;
  indexes: readonly number[];
}

function compareGroup(
  group: GroupSelection,
  context: { options: CompareOptions; scores: ScoreTable; sampleCounts: Map<string, number> },
): GroupComparison {
  const { options, scores } = context;
  const { key, indexes } = group;
  const versionNames = options.versions.map((version) => version.name);
  const reference = versionNames[0] ?? '';
  const pick = (values: readonly number[]) => indexes.map((index) => values[index] ?? 0);
  const accuracy: VersionAccuracy[] = [];
  const differences: VersionDifference[] = [];
  for (const model of options.models) {
    const byVersion = scores.get(model.model);
    const referenceScores = pick(byVersion?.get(reference) ?? []);
    for (const version of versionNames) {
      const versionScores = pick(byVersion?.get(version) ?? []);
      // Each figure draws its own stream from the one seed: adding a model or a group changes no other interval.
      const stream = `${group.scope}\u0000${key}\u0000${model.model}\u0000${version}`;
      accuracy.push({
        model: model.model,
        version,
        ...estimateAccuracy(versionScores, context.sampleCounts.get(model.model) ?? 1, {
          ...options.bootstrap,
          stream: `accuracy\u0000${stream}`,
        }),
      });
      if (version === reference) continue;
      differences.push({
        model: model.model,
        version,
        reference,
        ...estimatePairedDifference(referenceScores, versionScores, {
          ...options.bootstrap,
          stream: `difference\u0000${stream}`,
        }),
      });
    }
  }
  const ranking = compareRankings(
    versionNames.map((version) => ({
      version,
      accuracies: accuracy.filter((entry) => entry.version === version),
    })),
  );
  return { key, items: indexes.length, accuracy, differences, ranking };
}

/**
 * Compares models across label versions on the items every version has (matched by id; the rest are dropped
 * and counted). The same responses are scored under each version with one rule set, so a difference between
 * versions comes from the labels alone; its interval is a paired bootstrap over items.
 */
export function compareLabelVersions(options: CompareOptions): ComparisonReport {
  const sharedIds = findSharedIds(options.versions);
  const shared = new Set(sharedIds);
  const versions = options.versions.map((version) => {
    const byId = new Map(version.items.map((item) => [item.id, item]));
    return {
      name: version.name,
      items: sharedIds.map((id) => byId.get(id) as ScoredItem),
      all: version.items,
    };
  });
  const referenceItems = versions[0]?.items ?? [];
  const style = options.style ?? options.ruleSet.defaultStyle;
  const scores: ScoreTable = new Map();
  const sampleCounts = new Map<string, number>();
  const models: ModelCoverage[] = [];
  for (const model of options.models) {
    const byVersion = new Map<string, number[]>();
    let missing = 0;
    for (const version of versions) {
      const reports = model.samples.map((sample) =>
        scoreResponses({
          items: version.items,
          responses: sample.responses,
          ruleSet: options.ruleSet,
          style,
        }),
      );
      if (version === versions[0])
        missing = reports.reduce((sum, report) => sum + report.missingResponses.length, 0);
      byVersion.set(version.name, computeItemScores(reports, version.items.length));
    }
    scores.set(model.model, byVersion);
    sampleCounts.set(model.model, model.samples.length);
    models.push({
      model: model.model,
      samples: model.samples.length,
      responsesOutsideSharedItems: model.samples.reduce(
        (sum, sample) => sum + sample.responses.filter((response) => !shared.has(response.id)).length,
        0,
      ),
      missingResponses: missing,
    });
  }
  const context = { options, scores, sampleCounts };
  const all = referenceItems.map((_, index) => index);
  return {
    ruleSet: options.ruleSet.id,
    ruleSetVersion: options.ruleSet.version,
    style,
    bootstrap: { ...options.bootstrap, level: 0.95 },
    reference: versions[0]?.name ?? '',
    sharedItems: sharedIds.length,
    versions: versions.map((version) => {
      const dropped = version.all.filter((item) => !shared.has(item.id)).map((item) => item.id);
      return {
        name: version.name,
        items: version.all.length,
        droppedItems: dropped.length,
        droppedIds: dropped,
      };
    }),
    models,
    overall: compareGroup({ scope: 'overall', key: 'overall', indexes: all }, context),
    byCategory: [...indexGroups(referenceItems, (item) => item.category ?? 'unknown')].map(([key, indexes]) =>
      compareGroup({ scope: 'category', key, indexes }, context),
    ),
    byCalculator: [...indexGroups(referenceItems, (item) => item.calculatorName)].map(([key, indexes]) =>
      compareGroup({ scope: 'calculator', key, indexes }, context),
    ),
  };
}
