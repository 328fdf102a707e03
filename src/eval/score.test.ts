import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '../answers/index.js';
import { scoreResponses, type ScoredItem } from './score.js';

const items: ScoredItem[] = [
  {
    id: '1',
    calculatorId: 5,
    calculatorName: 'MAP',
    category: 'physical',
    label: '93.333',
    lowerLimit: '88.66635',
    upperLimit: '99.99965',
  },
  {
    id: '2',
    calculatorId: 4,
    calculatorName: 'CHA2DS2-VASc',
    category: 'risk',
    label: '3',
    lowerLimit: '3',
    upperLimit: '3',
  },
  {
    id: '3',
    calculatorId: 4,
    calculatorName: 'CHA2DS2-VASc',
    category: 'risk',
    label: '2',
    lowerLimit: '2',
    upperLimit: '2',
  },
];
const answer = (value: string) => `{"step_by_step_thinking": "…", "answer": "${value}"}`;

describe('scoreResponses', () => {
  it('matches responses by id in any order, counts missing ones as incorrect and lists unknown ids', () => {
    const report = scoreResponses({
      items,
      responses: [
        { id: '2', response: answer('3'), line: 1 },
        { id: '1', response: answer('93'), line: 2 },
        { id: '99', response: answer('1'), line: 3 },
      ],
      ruleSet: RULE_SETS['medcalc-v1.0'],
    });
    expect(report.rows.map((row) => [row.id, row.correct, row.reason])).toEqual([
      ['1', true, 'within [88.66635, 99.99965]'],
      ['2', true, 'rounds to 3'],
      ['3', false, 'no response'],
    ]);
    expect(report.missingResponses).toEqual(['3']);
    expect(report.unknownResponseIds).toEqual(['99']);
    expect(report.overall).toMatchObject({ successes: 2, total: 3 });
  });

  it('groups by category and calculator with Wilson intervals', () => {
    const report = scoreResponses({
      items,
      responses: items.map((item, index) => ({ id: item.id, response: answer(item.label), line: index + 1 })),
      ruleSet: RULE_SETS['medcalc-v1.0'],
    });
    expect(report.byCategory.map((group) => [group.key, group.successes, group.total])).toEqual([
      ['physical', 1, 1],
      ['risk', 2, 2],
    ]);
    const risk = report.byCalculator.find((group) => group.key === 'CHA2DS2-VASc')!;
    expect(risk.estimate).toBe(1);
    expect(risk.low).toBeCloseTo(0.3424, 4); // Wilson 2/2: low = (1 + 1.9208 − 1.96·√(0.9604))/(1 + 1.9208)
  });

  it('uses the rule set default style unless told otherwise', () => {
    const tagged = [{ id: '2', response: '<answer>3</answer>', line: 1 }];
    expect(
      scoreResponses({ items: [items[1]!], responses: tagged, ruleSet: RULE_SETS['medcalc-v1.0'] }).overall
        .successes,
    ).toBe(0);
    expect(
      scoreResponses({
        items: [items[1]!],
        responses: tagged,
        ruleSet: RULE_SETS['medcalc-v1.0'],
        style: 'tag',
      }).overall.successes,
    ).toBe(1);
    expect(
      scoreResponses({ items: [items[1]!], responses: tagged, ruleSet: RULE_SETS['relative-5pct'] }).overall
        .successes,
    ).toBe(1);
  });

  it('reports the answered items and the accuracy on them beside the accuracy on all items', () => {
    const report = scoreResponses({
      items,
      responses: [
        { id: '1', response: answer('93'), line: 1 },
        { id: '2', response: answer('0'), line: 2 },
      ],
      ruleSet: RULE_SETS['medcalc-v1.0'],
    });
    expect(report.answered).toBe(2);
    expect(report.overallAnswered).toMatchObject({ successes: 1, total: 2, estimate: 0.5 });
    expect(report.overall).toMatchObject({ successes: 1, total: 3 });
  });

  it('lists responses whose answer is only where the style does not look', () => {
    const responses = [
      { id: '1', response: '<answer>93</answer>', line: 1 },
      { id: '2', response: answer('0'), line: 2 },
      { id: '3', response: 'no answer at all', line: 3 },
    ];
    const ruleSet = RULE_SETS['medcalc-v1.0'];
    expect(scoreResponses({ items, responses, ruleSet }).answersInOtherStyle).toEqual(['1']);
    expect(scoreResponses({ items, responses, ruleSet, style: 'tag' }).answersInOtherStyle).toEqual(['2']);
    expect(scoreResponses({ items, responses, ruleSet, style: 'auto' }).answersInOtherStyle).toEqual([]);
    // relative-5pct reads the JSON field leniently (a bare number): no hint for it under json.
    const lenient = [{ id: '2', response: '{"answer": 3}', line: 1 }];
    expect(
      scoreResponses({ items, responses: lenient, ruleSet: RULE_SETS['relative-5pct'], style: 'tag' })
        .answersInOtherStyle,
    ).toEqual(['2']);
  });
});
