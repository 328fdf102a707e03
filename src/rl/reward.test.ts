import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REWARD_VERDICTS,
  resolveRewardSettings,
  scoreResponse,
  validateAbstentionWeights,
  DEFAULT_ABSTENTION_WEIGHTS,
  type RewardMode,
  type RewardVerdict,
} from './reward.js';

const fixedNow = () => new Date('2026-12-03T10:00:00Z');
const paper = resolveRewardSettings({ mode: 'paper-compatible', now: fixedNow });
const aware = resolveRewardSettings({ mode: 'abstention-aware', now: fixedNow });

// Labels as our export writes them (JSON strings). 23.5 ± 5% = [22.325, 24.675].
const numeric = JSON.stringify({ answer: '23.5', lower: '22.325', upper: '24.675', calculatorId: 2 });
const integer = JSON.stringify({ answer: '5', lower: '4.75', upper: '5.25', calculatorId: 4 });
const date = JSON.stringify({
  answer: '08/31/2023',
  lower: '08/31/2023',
  upper: '08/31/2023',
  calculatorId: 13,
});
const gestation = JSON.stringify({
  answer: "('4 weeks', '2 days')",
  lower: "('4 weeks', '2 days')",
  upper: "('4 weeks', '2 days')",
  calculatorId: 69,
});
const notComputable = JSON.stringify({ answer: 'N/A', lower: null, upper: null, calculatorId: 2 });
const tagged = (text: string) => `Reasoning first.\n<answer>${text}</answer>`;

type Case = [name: string, response: string, label: unknown, score: number, verdict: RewardVerdict];

describe('paper-compatible reward (the published verdicts)', () => {
  const cases: Case[] = [
    ['in range', tagged('23.5'), numeric, 1, 'correct'],
    ['at the upper limit', tagged('24.675'), numeric, 1, 'correct'],
    ['same type, out of range earns 0.1', tagged('30'), numeric, 0.1, 'incorrect'],
    ['negative number out of range', tagged('-23.5'), numeric, 0.1, 'incorrect'],
    ['surrounding whitespace is stripped', '<answer>  23.5 \n</answer>', numeric, 1, 'correct'],
    ['"unknown" on a numeric label is a type mismatch: 0', tagged('unknown'), numeric, 0, 'abstained'],
    ['"N/A" never parses', tagged('N/A'), numeric, 0, 'unparsable'],
    ['no tag', 'The answer is 23.5.', numeric, 0, 'no-answer'],
    ['unclosed tag and no closing tag anywhere', 'so <answer>23.5', numeric, 0, 'no-answer'],
    ['tags are case-sensitive', '<ANSWER>23.5</ANSWER>', numeric, 0, 'no-answer'],
    ['the last <answer> wins even unclosed', '<answer>1</answer> no: <answer>23.5', numeric, 1, 'correct'],
    [
      'the last <answer> wins inside prose',
      '<answer>23.5</answer> as <answer> tags ask',
      numeric,
      0,
      'unparsable',
    ],
    ['empty response', '', numeric, 0, 'no-answer'],
    ['"+5" is unparsable', tagged('+23.5'), numeric, 0, 'unparsable'],
    ['exponent is unparsable', tagged('2.35e1'), numeric, 0, 'unparsable'],
    ['percent is unparsable', tagged('23.5%'), numeric, 0, 'unparsable'],
    ['Unicode minus is unparsable', tagged('−23.5'), numeric, 0, 'unparsable'],
    ['".5" reads as a date: type mismatch', tagged('.5'), numeric, 0, 'type-mismatch'],
    ['"5 m" reads as a date', tagged('5 m'), numeric, 0, 'type-mismatch'],
    ['"1,234.5" reads as a date', tagged('1,234.5'), numeric, 0, 'type-mismatch'],
    ['"12:30" reads as a date', tagged('12:30'), numeric, 0, 'type-mismatch'],
    ['integer scores are not rounded: 4.8 in [4.75, 5.25]', tagged('4.8'), integer, 1, 'correct'],
    ['integer scores are not rounded: 4.6 outside', tagged('4.6'), integer, 0.1, 'incorrect'],
    ['(W weeks, D days) = 7W + D days', tagged('(4 weeks, 2 days)'), gestation, 1, 'correct'],
    ["('W weeks', 'D days')", tagged("('4 weeks', '2 days')"), gestation, 1, 'correct'],
    ['(W, D)', tagged('(4, 2)'), gestation, 1, 'correct'],
    ['30 days as a plain number', tagged('30'), gestation, 1, 'correct'],
    ['(4 weeks, 3 days) = 31 days: out of range', tagged('(4 weeks, 3 days)'), gestation, 0.1, 'incorrect'],
    ['"W weeks, D days" does not parse', tagged('4 weeks, 2 days'), gestation, 0, 'unparsable'],
    ['"41 days" does not parse', tagged('30 days'), gestation, 0, 'unparsable'],
    ['"[W, D]" does not parse', tagged('[4, 2]'), gestation, 0, 'unparsable'],
    [
      'a tuple is accepted on any numeric row (4w2d = 30 ∉ [22.3, 24.7])',
      tagged('(4, 2)'),
      numeric,
      0.1,
      'incorrect',
    ],
    ['US date', tagged('08/31/2023'), date, 1, 'correct'],
    ['ISO date', tagged('2023-08-31'), date, 1, 'correct'],
    ['month name', tagged('August 31, 2023'), date, 1, 'correct'],
    ['day month year', tagged('31 Aug 2023'), date, 1, 'correct'],
    ['naive ISO date-time', tagged('2023-08-31T00:00:00'), date, 1, 'correct'],
    [
      'timezone-aware date-time (the published code raises): 0',
      tagged('2014-09-12T00:00:00Z'),
      date,
      0,
      'unparsable',
    ],
    ['wrong date', tagged('09/01/2023'), date, 0.1, 'incorrect'],
    ['a partial date is completed from today (2026-12-03)', tagged('12:30'), date, 0.1, 'incorrect'],
    ['a number on a date row', tagged('45'), date, 0, 'type-mismatch'],
    ['unknown on an unknown label', tagged('unknown'), notComputable, 1, 'abstained-correctly'],
    ['N/A on an unknown label still scores 0', tagged('N/A'), notComputable, 0, 'unparsable'],
    ['a number on an unknown label', tagged('5'), notComputable, 0, 'answered-not-computable'],
    [
      'paper ground truth ["unknown", "unknown"]',
      tagged('unknown'),
      ['unknown', 'unknown'],
      1,
      'abstained-correctly',
    ],
    ['paper ground truth ["22.325", "24.675"]', tagged('23'), ['22.325', '24.675'], 1, 'correct'],
    ['a bare answer gets ±5%: 10.5 for 10', tagged('10.5'), '10', 1, 'correct'],
    ['a bare answer gets ±5%: 10.6 for 10', tagged('10.6'), 10, 0.1, 'incorrect'],
    ['an empty label', tagged('10'), '', 0, 'label-invalid'],
    ['a label that is no number or date', tagged('10'), 'twelve', 0, 'label-invalid'],
  ];
  it.each(cases)('%s', (...[, response, label, score, verdict]: Case) => {
    const result = scoreResponse(response, label, paper);
    expect({ score: result.score, verdict: result.verdict }).toEqual({ score, verdict });
  });
});

describe('abstention-aware reward (default weights)', () => {
  const cases: Case[] = [
    ['correct', tagged('23.5'), numeric, 1, 'correct'],
    ['+4.7% is within 5%', tagged('24.6'), numeric, 1, 'correct'],
    ['+6.4% is wrong: 0', tagged('25'), numeric, 0, 'incorrect'],
    ['abstaining on a computable item: 0.25', tagged('N/A'), numeric, 0.25, 'abstained'],
    ['"unknown" is an abstention too', tagged('unknown'), numeric, 0.25, 'abstained'],
    ['correct abstention: full reward', tagged('N/A'), notComputable, 1, 'abstained-correctly'],
    ['"not computable" on an N/A label', tagged('not computable'), notComputable, 1, 'abstained-correctly'],
    ['a value on an N/A item: 0.1', tagged('5'), notComputable, 0.1, 'answered-not-computable'],
    ['no tag', 'The answer is 23.5', numeric, 0, 'no-answer'],
    ['unclosed tag', 'Answer: <answer>23.5', numeric, 0, 'no-answer'],
    ['tags in any case', '<ANSWER>23.5</Answer>', numeric, 1, 'correct'],
    ['<\\answer> closes', '<answer>23.5<\\answer>', numeric, 1, 'correct'],
    ['the last complete pair wins', '<answer>1</answer> then <answer>23.5</answer>', numeric, 1, 'correct'],
    [
      'a trailing tag in prose does not hide the answer',
      '<answer>23.5</answer> in <answer> tags',
      numeric,
      1,
      'correct',
    ],
    ['integers are matched within ±5% (5 ± 0.25)', tagged('5.2'), integer, 1, 'correct'],
    ['same date', tagged('2023-08-31'), date, 1, 'correct'],
    ['a day off', tagged('09/01/2023'), date, 0, 'incorrect'],
    ['gestational age as (weeks, days)', tagged('(4 weeks, 2 days)'), gestation, 1, 'correct'],
    ['gestational age as days', tagged('30 days'), gestation, 1, 'correct'],
    ['text where a number belongs', tagged('about twenty'), numeric, 0, 'incorrect'],
    ['an answer longer than 256 characters', tagged('2'.repeat(300)), numeric, 0, 'unparsable'],
    ['a bare numeric label', tagged('10.4'), 10, 1, 'correct'],
    ['a bare "unknown" label is N/A', tagged('N/A'), 'unknown', 1, 'abstained-correctly'],
    ['a null label', tagged('10'), null, 0, 'label-invalid'],
  ];
  it.each(cases)('%s', (...[, response, label, score, verdict]: Case) => {
    const result = scoreResponse(response, label, aware);
    expect({ score: result.score, verdict: result.verdict }).toEqual({ score, verdict });
  });

  it('uses configured weights, and refuses weights that break the promised order', () => {
    const generous = resolveRewardSettings({
      mode: 'abstention-aware',
      weights: { abstainedOnComputable: 0.5 },
    });
    expect(scoreResponse(tagged('N/A'), numeric, generous).score).toBe(0.5);
    expect(validateAbstentionWeights(DEFAULT_ABSTENTION_WEIGHTS)).toEqual([]);
    expect(validateAbstentionWeights({ ...DEFAULT_ABSTENTION_WEIGHTS, abstainedOnComputable: 0 })).toEqual([
      'expected incorrect < abstainedOnComputable < correct',
    ]);
    expect(() => resolveRewardSettings({ mode: 'abstention-aware', weights: { correct: 2 } })).toThrow(
      /correct must be within \[0, 1\]/,
    );
  });

  it('judges with the configured rule set (medcalc-v1.0 reads the JSON answer style too)', () => {
    const v1 = resolveRewardSettings({ mode: 'abstention-aware', ruleSetId: 'medcalc-v1.0' });
    expect(v1.ruleSet.id).toBe('medcalc-v1.0');
    expect(() => resolveRewardSettings({ mode: 'abstention-aware', ruleSetId: 'exact' })).toThrow(
      /unknown rule set/,
    );
  });
});

describe('every reward, for any input', () => {
  const modes: RewardMode[] = ['paper-compatible', 'abstention-aware'];
  const labels = fc.oneof(
    fc.constantFrom(numeric, integer, date, gestation, notComputable, 'N/A', '', '{', '[1]', '{"answer": 3}'),
    fc.string(),
    fc.double(),
    fc.constant(null),
    fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
    fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
  );
  const answers = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('unknown', 'N/A', '2014-09-12T00:00:00Z', '(4 weeks, 2 days)', '31 Feb 2023', '13/13/13'),
    fc.double().map(String),
    fc.date({ noInvalidDate: true }).map((value) => value.toISOString()),
  );
  const responses = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 400 }),
    fc
      .tuple(fc.string(), answers, fc.string(), fc.boolean())
      .map(
        ([before, answer, after, closed]) => `${before}<answer>${answer}${closed ? '</answer>' : ''}${after}`,
      ),
  );

  for (const mode of modes) {
    it(`${mode}: never throws and scores within [0, 1] with a known verdict`, () => {
      const settings = resolveRewardSettings({ mode, now: fixedNow });
      fc.assert(
        fc.property(responses, labels, (response, label) => {
          const result = scoreResponse(response, label, settings);
          expect(result.score).toBeGreaterThanOrEqual(0);
          expect(result.score).toBeLessThanOrEqual(1);
          expect(REWARD_VERDICTS).toContain(result.verdict);
        }),
        { numRuns: 3000 },
      );
    });

    it(`${mode}: a 5 MB response of digits and tags scores quickly`, () => {
      const huge = `${'<answer>9'.repeat(200_000)}${'1'.repeat(3_000_000)}</answer>`;
      const started = performance.now();
      const result = scoreResponse(huge, numeric, resolveRewardSettings({ mode }));
      expect(result.score).toBeLessThanOrEqual(1);
      expect(performance.now() - started).toBeLessThan(500);
    });
  }
});
