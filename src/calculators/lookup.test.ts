import { describe, expect, it } from 'vitest';
import { CALCULATOR_ALIASES, suggestCalculators } from '../catalog/medcalc-bench.js';
import { getCalculator, listCalculators } from './lookup.js';

describe('getCalculator', () => {
  it('knows the short names clinicians type', () => {
    expect(getCalculator('BMI').id).toBe('body-mass-index');
    expect(getCalculator('gcs').id).toBe('glasgow-coma-scale');
    expect(getCalculator('CrCl').id).toBe('creatinine-clearance-cockcroft-gault');
    for (const slug of Object.values(CALCULATOR_ALIASES)) expect(getCalculator(slug).id).toBe(slug);
  });

  it('suggests close names for a typo and none for nonsense', () => {
    expect(() => getCalculator('cha2ds2vsc')).toThrow(/did you mean cha2ds2-vasc\?/);
    expect(suggestCalculators('glasgw')).toEqual(['glasgow-coma-scale', 'glasgow-blatchford']);
    expect(suggestCalculators('xyzzy')).toEqual([]);
  });
});

describe('option sources', () => {
  it('cite one of the calculator’s own references, for a real non-default choice', () => {
    let cited = 0;
    for (const calculator of listCalculators()) {
      const references = [calculator.reference.primary, ...(calculator.reference.others ?? [])];
      for (const [name, option] of Object.entries(calculator.options)) {
        for (const [value, source] of Object.entries(option.sources ?? {})) {
          expect(option.values, `${calculator.id}.${name}`).toContain(value);
          expect(value, `${calculator.id}.${name}`).not.toBe(option.default);
          expect(references, `${calculator.id}.${name}=${value}`).toContain(source);
          cited += 1;
        }
      }
    }
    expect(cited).toBe(6);
  });
});
