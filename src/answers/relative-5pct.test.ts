import { describe, expect, it } from 'vitest';
import { readStatedNumber, relative5pctRuleSet as rules } from './relative-5pct.js';
import type { ScoringItem } from './types.js';

const item = (label: string, calculatorId = 2): ScoringItem => ({ calculatorId, label });

describe('relative-5pct rules', () => {
  it('reads <answer> tags first, then the JSON answer', () => {
    expect(rules.scoreResponse('<think>…</think><answer>100</answer>', item('100')).correct).toBe(true);
    expect(rules.scoreResponse('{"step_by_step_thinking": "…", "answer": "100"}', item('100')).correct).toBe(
      true,
    );
    expect(rules.scoreResponse("{'answer': '100'}", item('100')).correct).toBe(true);
  });
  it('±5% for decimals: 95 and 105 match 100, 94.9 does not', () => {
    expect(rules.judgeAnswer('95', item('100')).correct).toBe(true);
    expect(rules.judgeAnswer('105', item('100')).correct).toBe(true);
    expect(rules.judgeAnswer('94.9', item('100')).correct).toBe(false);
  });
  it('±5% also for integer scores: 20 matches 21 (|1| <= 1.05), 3 does not match 4', () => {
    expect(rules.judgeAnswer('20', item('21', 28)).correct).toBe(true);
    expect(rules.judgeAnswer('3', item('4', 4)).correct).toBe(false);
  });
  it('a label of 0 needs exactly 0', () => {
    expect(rules.judgeAnswer('0', item('0', 4)).correct).toBe(true);
    expect(rules.judgeAnswer('0.01', item('0', 46)).correct).toBe(false);
  });
  it('negative labels use |label| for the window', () => {
    expect(rules.judgeAnswer('-9.6', item('-10', 63)).correct).toBe(true);
  });
  it('dates must be the same calendar date, any of M/D/YYYY or ISO', () => {
    expect(rules.judgeAnswer('2/4/2021', item('02/04/2021', 13)).correct).toBe(true);
    expect(rules.judgeAnswer('2021-02-04', item('02/04/2021', 13)).correct).toBe(true);
    expect(rules.judgeAnswer('02/05/2021', item('02/04/2021', 13)).correct).toBe(false);
  });
  it('gestational age compares days: (2 weeks, 7 days) equals (3 weeks, 0 days) and 21 days', () => {
    const label = item("('3 weeks', '0 days')", 69);
    expect(rules.judgeAnswer('2 weeks, 7 days', label).correct).toBe(true);
    expect(rules.judgeAnswer('21', label).correct).toBe(true);
    expect(rules.judgeAnswer('(3, 1)', label).correct).toBe(false);
  });
  it('N/A label matches only an abstention; an abstention never matches a real label', () => {
    expect(rules.judgeAnswer('N/A', item('N/A')).correct).toBe(true);
    expect(rules.judgeAnswer('unknown', item('N/A')).correct).toBe(true);
    expect(rules.judgeAnswer('12', item('N/A')).correct).toBe(false);
    expect(rules.judgeAnswer('N/A', item('12')).correct).toBe(false);
  });
  it('no % division: "12%" is 12', () => {
    expect(rules.judgeAnswer('12%', item('12', 46)).correct).toBe(true);
  });
  it('reads the stated number: after the last "=", else the first number, thousands separators allowed', () => {
    expect(readStatedNumber('43.2 mL/min/1.73 m²')).toBe(43.2);
    expect(readStatedNumber('(140 - 60) × 70 / (72 × 1) = 77.8')).toBe(77.8);
    expect(readStatedNumber('1,005 mOsm')).toBe(1005);
    expect(readStatedNumber('no digits')).toBeUndefined();
  });
  it('missing answer is incorrect with reason', () => {
    expect(rules.scoreResponse('I cannot tell.', item('12'))).toMatchObject({
      extracted: null,
      correct: false,
      reason: 'no answer found',
    });
  });
});
