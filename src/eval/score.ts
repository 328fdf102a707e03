import type { AnswerStyle, RuleSet, ScoringItem, Verdict } from '../answers/index.js';
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
  overall: Proportion;
  byCategory: GroupAccuracy[];
  byCalculator: GroupAccuracy[];
  rows: RowResult[];
  /** Dataset ids with no response: scored incorrect, as the original harness divides by all rows. */
  missingResponses: string[];
  /** Response ids not in the dataset: ignored. */
  unknownResponseIds: string[];
}

function group(rows: readonly { key: string; correct: boolean }[]): GroupAccuracy[] {
  const counts = new Map<string, { correct: number; total: number }>();
  for (const row of rows) {
    const count = counts.get(row.key) ?? { correct: 0, total: 0 };
    count.total++;
    if (row.correct) count.correct++;
    counts.set(row.key, count);
  }
  return [...counts.entries()].map(([key, count]) => ({ key, ...proportion(count.correct, count.total) }));
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
  const byId = new Map(options.responses.map((response) => [response.id, response.response]));
  const itemIds = new Set(options.items.map((item) => item.id));
  const rows: RowResult[] = [];
  const grouped: { category: string; calculator: string; correct: boolean }[] = [];
  const missingResponses: string[] = [];
  for (const item of options.items) {
    const response = byId.get(item.id);
    let verdict: Verdict;
    if (response === undefined) {
      missingResponses.push(item.id);
      verdict = { extracted: null, correct: false, reason: 'no response' };
    } else {
      verdict = options.ruleSet.scoreResponse(response, item, style);
    }
    rows.push({ id: item.id, ...verdict });
    grouped.push({
      category: item.category ?? 'unknown',
      calculator: item.calculatorName,
      correct: verdict.correct,
    });
  }
  const correct = rows.filter((row) => row.correct).length;
  return {
    ruleSet: options.ruleSet.id,
    ruleSetVersion: options.ruleSet.version,
    style,
    overall: proportion(correct, rows.length),
    byCategory: group(grouped.map((row) => ({ key: row.category, correct: row.correct }))),
    byCalculator: group(grouped.map((row) => ({ key: row.calculator, correct: row.correct }))),
    rows,
    missingResponses,
    unknownResponseIds: options.responses
      .filter((response) => !itemIds.has(response.id))
      .map((response) => response.id),
  };
}
