import { extractJsonAnswerLenient, extractJsonAnswerV1, extractTagAnswer } from '../answers/extract-raw.js';
import type { AnswerStyle, RuleSet, RuleSetId, ScoringItem, Verdict } from '../answers/index.js';
import { proportion, type Proportion } from '../stats/proportion.js';
import type { ModelResponse } from './responses.js';

export interface ScoredItem extends ScoringItem {
  id: string;
  category: string | undefined;
  calculatorName: string;
}

export interface RowResult extends Verdict {
  id: string;
}

export interface GroupAccuracy extends Proportion {
  key: string;
}

export interface ScoreReport {
  ruleSet: string;
  ruleSetVersion: string;
  style: AnswerStyle;
  /** Accuracy on all items: an item without a response counts as incorrect. */
  overall: Proportion;
  /** Items that have a response (the rest are in `missingResponses`). */
  answered: number;
  /** Accuracy on the answered items only (correct / answered). */
  overallAnswered: Proportion;
  byCategory: GroupAccuracy[];
  byCalculator: GroupAccuracy[];
  rows: RowResult[];
  /** Dataset ids with no response: scored incorrect, as the original harness divides by all rows. */
  missingResponses: string[];
  /** Response ids not in the dataset: ignored. */
  unknownResponseIds: string[];
  /**
   * Items whose response has no answer where `style` looks but one in the other place (`<answer>` tags for
   * `json`, the JSON dict for `tag`): most likely the wrong `--style`. Always empty under `auto`.
   */
  answersInOtherStyle: string[];
}

/** The JSON-dict extractor of each rule set, as its `json` style reads a response. */
const JSON_EXTRACTORS: Record<RuleSetId, (response: string) => string | undefined> = {
  'medcalc-v1.0': extractJsonAnswerV1,
  'relative-5pct': extractJsonAnswerLenient,
};

/** Whether the answer is only where `style` does not look (`auto` looks everywhere). */
function hasAnswerOnlyInOtherStyle(response: string, ruleSet: RuleSet, style: AnswerStyle): boolean {
  if (style === 'auto') return false;
  const inTag = extractTagAnswer(response) !== undefined;
  const inJson = JSON_EXTRACTORS[ruleSet.id](response) !== undefined;
  return style === 'json' ? inTag && !inJson : inJson && !inTag;
}

/** The styles that would read the answers `answersInOtherStyle` counts, for the hint. */
export function suggestStyles(style: AnswerStyle): AnswerStyle[] {
  return style === 'json' ? ['tag', 'auto'] : style === 'tag' ? ['json', 'auto'] : [];
}

type Tally = Map<string, { correct: number; total: number }>;

function tally(counts: Tally, key: string, correct: boolean): void {
  let count = counts.get(key);
  if (count === undefined) {
    count = { correct: 0, total: 0 };
    counts.set(key, count);
  }
  count.total++;
  if (correct) count.correct++;
}

function toGroups(counts: Tally): GroupAccuracy[] {
  return [...counts.entries()].map(([key, count]) => ({ key, ...proportion(count.correct, count.total) }));
}

function findUnknownIds(items: readonly ScoredItem[], responses: readonly ModelResponse[]): string[] {
  const itemIds = new Set(items.map((item) => item.id));
  return responses.filter((response) => !itemIds.has(response.id)).map((response) => response.id);
}

/**
 * Scores responses against items with one rule set. Every item counts: an item without a response is incorrect
 * ("no response"), so accuracies are comparable with the original harness, which divides by all rows.
 */
export function scoreResponses(options: {
  items: readonly ScoredItem[];
  responses: readonly ModelResponse[];
  ruleSet: RuleSet;
  style?: AnswerStyle;
}): ScoreReport {
  const style = options.style ?? options.ruleSet.defaultStyle;
  // Responses usually come in dataset order: match by position first and build an id index only if needed.
  let byId: Map<string, string> | undefined;
  const responseFor = (index: number, id: string): string | undefined => {
    const aligned = options.responses[index];
    if (aligned !== undefined && aligned.id === id) return aligned.response;
    byId ??= new Map(options.responses.map((response) => [response.id, response.response]));
    return byId.get(id);
  };
  const rows: RowResult[] = new Array<RowResult>(options.items.length);
  const byCategory: Tally = new Map();
  const byCalculator: Tally = new Map();
  const missingResponses: string[] = [];
  const answersInOtherStyle: string[] = [];
  let matched = 0;
  let correct = 0;
  for (let index = 0; index < options.items.length; index++) {
    const item = options.items[index] as ScoredItem;
    const response = responseFor(index, item.id);
    if (response !== undefined) matched++;
    let verdict: Verdict;
    if (response === undefined) {
      missingResponses.push(item.id);
      verdict = { extracted: null, correct: false, reason: 'no response' };
    } else {
      verdict = options.ruleSet.scoreResponse(response, item, style);
      // Only a response judged incorrect can be one whose answer was looked for in the wrong place.
      if (!verdict.correct && hasAnswerOnlyInOtherStyle(response, options.ruleSet, style))
        answersInOtherStyle.push(item.id);
    }
    rows[index] = {
      id: item.id,
      extracted: verdict.extracted,
      correct: verdict.correct,
      reason: verdict.reason,
    };
    if (verdict.correct) correct++;
    tally(byCategory, item.category ?? 'unknown', verdict.correct);
    tally(byCalculator, item.calculatorName, verdict.correct);
  }
  return {
    ruleSet: options.ruleSet.id,
    ruleSetVersion: options.ruleSet.version,
    style,
    overall: proportion(correct, rows.length),
    answered: matched,
    // Only an answered item can be correct, so the successes are the same as overall's.
    overallAnswered: proportion(correct, matched),
    byCategory: toGroups(byCategory),
    byCalculator: toGroups(byCalculator),
    rows,
    missingResponses,
    unknownResponseIds:
      matched === options.responses.length ? [] : findUnknownIds(options.items, options.responses),
    answersInOtherStyle,
  };
}
