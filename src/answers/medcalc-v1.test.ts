import { describe, expect, it } from 'vitest';
import { medcalcV1RuleSet as rules } from './medcalc-v1.js';
import type { ScoringItem } from './types.js';

const decimal: ScoringItem = {
  calculatorId: 2,
  label: '25.238',
  lowerLimit: '23.9761',
  upperLimit: '26.4999',
};
const integer: ScoringItem = { calculatorId: 4, label: '3', lowerLimit: '3', upperLimit: '3' };
const zeroScore: ScoringItem = { calculatorId: 4, label: '0', lowerLimit: '0', upperLimit: '0' };
const date: ScoringItem = {
  calculatorId: 13,
  label: '02/24/2021',
  lowerLimit: '02/24/2021',
  upperLimit: '02/24/2021',
};
const gestation: ScoringItem = { calculatorId: 69, label: "('35 weeks', '4 days')" };
const json = (answer: string) => `{"step_by_step_thinking": "x", "answer": ${answer}}`;

describe('medcalc-v1.0 rules, one test per rule', () => {
  it('takes the LAST "answer": match', () => {
    expect(rules.scoreResponse(`${json('"3"')} then ${json('"25.3"')}`, decimal).extracted).toBe('25.3');
  });
  it('collapses whitespace so an answer split over lines is found', () => {
    expect(rules.scoreResponse('{"answer":\n  "25.3"\n}', decimal).correct).toBe(true);
  });
  it('treats prompt placeholders as no answer', () => {
    expect(rules.scoreResponse(json('X.XX'), decimal)).toMatchObject({ extracted: 'N/A', correct: false });
  });
  it('ignores <answer> tags by default (the v1.0 harness had no tag parser) but reads them with style "tag"', () => {
    expect(rules.scoreResponse('<answer>25.3</answer>', decimal).correct).toBe(false);
    expect(rules.scoreResponse('<answer>25.3</answer>', decimal, 'tag').correct).toBe(true);
  });
  it('decimal: within [Lower Limit, Upper Limit] inclusive', () => {
    expect(rules.scoreResponse(json('"23.9761"'), decimal).correct).toBe(true);
    expect(rules.scoreResponse(json('"23.976"'), decimal).correct).toBe(false);
  });
  it('decimal: "%" divides by 100 (so 2523.8% is correct and 25.238% is not)', () => {
    expect(rules.scoreResponse(json('"2523.8%"'), decimal).correct).toBe(true);
    expect(rules.scoreResponse(json('"25.238%"'), decimal)).toMatchObject({
      extracted: '0.25238',
      correct: false,
    });
  });
  it('decimal: "N mL/min/1.73" wins over later numbers', () => {
    expect(rules.scoreResponse(json('"25.2 mL/min/1.73 m² (stage 4)"'), decimal).extracted).toBe('25.2');
  });
  it('decimal: str(<expression>) is evaluated safely, with the harness text clean-up (^ is power, units dropped)', () => {
    expect(rules.scoreResponse(json('str(round(25.238 * 2^0, 2))'), decimal).extracted).toBe('25.24');
    expect(rules.scoreResponse(json('str(__import__("os"))'), decimal).extracted).toBe('N/A');
  });
  it('decimal: an integer numeral with leading zeros made Python raise, so it is incorrect with no extraction', () => {
    expect(rules.scoreResponse(json('"025"'), decimal)).toMatchObject({ extracted: null, correct: false });
  });
  it('integer: "N out of M" gives N', () => {
    expect(rules.scoreResponse(json('"3 out of 9"'), integer).correct).toBe(true);
  });
  it('integer: a comma list of numbers is COUNTED ("1, 5, 7" is 3)', () => {
    expect(rules.scoreResponse(json('"1, 5, 7"'), integer)).toMatchObject({ extracted: '3', correct: true });
  });
  it('integer: otherwise the last number, rounded half to even (2.5 -> 2, 3.5 -> 4)', () => {
    expect(rules.scoreResponse(json('"2.5"'), { ...integer, label: '2' }).correct).toBe(true);
    expect(rules.scoreResponse(json('"3.5"'), { ...integer, label: '4' }).correct).toBe(true);
    expect(rules.scoreResponse(json('"0.5"'), zeroScore).correct).toBe(true);
  });
  it('date: must START with M/D/YYYY; reformatted MM/DD/YYYY; same calendar date', () => {
    expect(rules.scoreResponse(json('"2/24/2021"'), date)).toMatchObject({
      extracted: '02/24/2021',
      correct: true,
    });
    expect(rules.scoreResponse(json('"Due: 02/24/2021"'), date)).toMatchObject({
      extracted: 'N/A',
      correct: false,
    });
    expect(rules.scoreResponse(json('"02/30/2021"'), date).correct).toBe(false);
  });
  it('weeks/days: first number is weeks, second days, compared as a pair ("35 weeks and 4 days" misreads as (3, 5))', () => {
    expect(rules.scoreResponse(json('"(35 weeks, 4 days)"'), gestation)).toMatchObject({
      extracted: '(35, 4)',
      correct: true,
    });
    expect(rules.scoreResponse(json('"35 weeks and 4 days"'), gestation).extracted).toBe('(3, 5)');
    expect(rules.scoreResponse(json('"(34 weeks, 11 days)"'), gestation).correct).toBe(false);
  });
  it('judgeAnswer checks an already isolated answer (used for recomputed labels)', () => {
    expect(rules.judgeAnswer('25.0', decimal).correct).toBe(true);
    expect(rules.judgeAnswer("('35 weeks', '4 days')", gestation).correct).toBe(true);
  });
});
