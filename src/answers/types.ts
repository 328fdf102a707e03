/** What scoring needs to know about an item: its calculator (for id-based rules), label and limits. */
export interface ScoringItem {
  calculatorId: number | undefined;
  label: string;
  lowerLimit?: string | undefined;
  upperLimit?: string | undefined;
}

export interface Verdict {
  /** The normalised answer the rules read out of the response; null when extraction itself failed. */
  extracted: string | null;
  correct: boolean;
  /** Why, in a few words ("within [23.976, 26.5]", "no answer found", "abstained"). */
  reason: string;
}

/** Where the answer sits in the model text: the benchmark's JSON dict, `<answer>` tags, or whichever is present. */
export type AnswerStyle = 'json' | 'tag' | 'auto';

export const RULE_SET_IDS = ['medcalc-v1.0', 'relative-5pct'] as const;
export type RuleSetId = (typeof RULE_SET_IDS)[number];

export interface RuleSet {
  id: RuleSetId;
  version: string;
  description: string;
  defaultStyle: AnswerStyle;
  /** Scores a full model response. */
  scoreResponse(response: string, item: ScoringItem, style?: AnswerStyle): Verdict;
  /** Judges an answer that is already isolated (e.g. a recomputed label) against the item's label. */
  judgeAnswer(answer: string, item: ScoringItem): Verdict;
}
