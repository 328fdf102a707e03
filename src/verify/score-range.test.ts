import { describe, expect, it } from 'vitest';
import { checkLabelRange } from './score-range.js';

describe('checkLabelRange', () => {
  it('flags a GCS above 15 and a Centor below −1, and accepts both ends of the range', () => {
    expect(checkLabelRange({ calculatorSlug: 'glasgow-coma-scale', label: '16' })).toMatchObject([
      { category: 'calculator-logic', severity: 'error' },
    ]);
    expect(checkLabelRange({ calculatorSlug: 'centor-mcisaac', label: '-2' })).toHaveLength(1);
    expect(checkLabelRange({ calculatorSlug: 'glasgow-coma-scale', label: '15' })).toEqual([]);
    expect(checkLabelRange({ calculatorSlug: 'glasgow-coma-scale', label: '3' })).toEqual([]);
  });

  it('is silent for scores without a fixed range, non-numeric labels and unknown slugs', () => {
    expect(checkLabelRange({ calculatorSlug: 'caprini-2005', label: '99' })).toEqual([]);
    expect(checkLabelRange({ calculatorSlug: 'glasgow-coma-scale', label: '' })).toEqual([]);
    expect(checkLabelRange({ calculatorSlug: 'constructor' as never, label: '99' })).toEqual([]);
  });
});
