import { describe, expect, it } from 'vitest';
import { formatLabelForDisplay } from './display.js';

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
