import { describe, expect, it } from 'vitest';
import { findOutputType, formatLabelForDisplay } from './display.js';

describe('formatLabelForDisplay', () => {
  it('shortens long decimals to 3 places and leaves everything else as written', () => {
    expect(formatLabelForDisplay('88.5014242366')).toBe('88.501');
    expect(formatLabelForDisplay('-0.8276')).toBe('-0.828');
    expect(formatLabelForDisplay('10.0004')).toBe('10');
    expect(formatLabelForDisplay('25.238')).toBe('25.238');
    expect(formatLabelForDisplay('12')).toBe('12');
    expect(formatLabelForDisplay('09/23/2014')).toBe('09/23/2014');
    expect(formatLabelForDisplay('(4, 2)')).toBe('(4, 2)');
    expect(formatLabelForDisplay('N/A')).toBe('N/A');
  });
});

describe('formatLabelForDisplay with the calculator output type (issue 17)', () => {
  it('shows an integer calculator without decimals, but never hides a non-whole value', () => {
    expect(formatLabelForDisplay('3.0', 'integer')).toBe('3');
    expect(formatLabelForDisplay('2.9999999997', 'integer')).toBe('3');
    expect(formatLabelForDisplay('-0.0', 'integer')).toBe('0');
    expect(formatLabelForDisplay('12', 'integer')).toBe('12');
    expect(formatLabelForDisplay('1.5', 'integer')).toBe('1.5');
    expect(formatLabelForDisplay('1.52345', 'integer')).toBe('1.523');
  });

  it('shows a decimal calculator to 3 places, and small values to 3 significant digits', () => {
    expect(formatLabelForDisplay('93.3333333333', 'decimal')).toBe('93.333');
    expect(formatLabelForDisplay('3.0', 'decimal')).toBe('3.0');
    expect(formatLabelForDisplay('0.000123456', 'decimal')).toBe('0.000123');
    expect(formatLabelForDisplay('0.000123456')).toBe('0.000123');
  });

  it('leaves dates and (weeks, days) as written', () => {
    expect(formatLabelForDisplay('09/23/2014', 'date')).toBe('09/23/2014');
    expect(formatLabelForDisplay('(4, 2)', 'weeks-days')).toBe('(4, 2)');
  });

  it('finds the output type of a MedCalc-Bench calculator id', () => {
    expect(findOutputType(4)).toBe('integer'); // CHA2DS2-VASc
    expect(findOutputType(5)).toBe('decimal'); // mean arterial pressure
    expect(findOutputType(undefined)).toBeUndefined();
    expect(findOutputType(999)).toBeUndefined();
  });
});
