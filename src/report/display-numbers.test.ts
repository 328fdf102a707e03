import { describe, expect, it } from 'vitest';
import { renderLabel } from './display-numbers.js';

describe('renderLabel at the calculator precision (issue 17)', () => {
  it("shows an integer calculator's whole numbers without decimals, the exact value as a tooltip", () => {
    expect(renderLabel('3.0', 'integer')).toBe('<code title="3.0">3</code>');
    expect(renderLabel('2.9999999999', 'integer')).toBe('<code title="2.9999999999">3</code>');
    expect(renderLabel('3', 'integer')).toBe('<code>3</code>');
    expect(renderLabel('1.5', 'integer')).toBe('<code>1.5</code>');
  });

  it("shows a decimal calculator's long values to 3 places and short ones as written", () => {
    expect(renderLabel('3.0', 'decimal')).toBe('<code>3.0</code>');
    expect(renderLabel('17.8547996946', 'decimal')).toBe('<code title="17.8547996946">17.855</code>');
  });

  it('shows dates and (weeks, days) as written, and without an output type only shortens long decimals', () => {
    expect(renderLabel('09/23/2014', 'date')).toBe('<code>09/23/2014</code>');
    expect(renderLabel('(4, 2)', 'weeks-days')).toBe('<code>(4, 2)</code>');
    expect(renderLabel('3.0')).toBe('<code>3.0</code>');
  });
});
