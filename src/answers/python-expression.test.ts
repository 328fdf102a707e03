import { describe, expect, it } from 'vitest';
import { medcalcV1RuleSet } from './medcalc-v1.js';
import { ExpressionError, evaluatePythonExpression, MAX_EXPRESSION_DEPTH } from './python-expression.js';

describe('evaluatePythonExpression on deeply nested input', () => {
  it('accepts the 200 nested parentheses CPython allows', () => {
    expect(evaluatePythonExpression(`${'('.repeat(200)}1+1${')'.repeat(200)}`)).toBe('2');
  });

  it('refuses deeper nesting with an ExpressionError, never a stack overflow', () => {
    for (const text of [
      `${'('.repeat(10_000)}1${')'.repeat(10_000)}`,
      `${'-'.repeat(10_000)}1`,
      `${'not '.repeat(10_000)}1`,
      `${'2**'.repeat(10_000)}1`,
      `${'min('.repeat(10_000)}1${')'.repeat(10_000)}`,
    ]) {
      expect(() => evaluatePythonExpression(text)).toThrow(ExpressionError);
    }
    expect(MAX_EXPRESSION_DEPTH).toBe(500);
  });

  it('a str(...) answer nested 10,000 deep scores as "no usable answer" (the harness raised there too)', () => {
    const response = `{"answer": "str(${'('.repeat(10_000)}1${')'.repeat(10_000)})"}`;
    const verdict = medcalcV1RuleSet.scoreResponse(response, {
      calculatorId: 6,
      label: '1',
      lowerLimit: '0.9',
      upperLimit: '1.1',
    });
    expect(verdict).toMatchObject({ extracted: 'N/A', correct: false });
  });

  it('tokenizes a 1 MB flat sum', () => {
    expect(evaluatePythonExpression(Array.from({ length: 200_000 }, () => '1').join('+'))).toBe('200000');
  });
});
