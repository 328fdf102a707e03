import { describe, expect, it } from 'vitest';
import {
  CALCULATOR_ALIASES,
  CALCULATOR_SHARED_NAMES,
  editDistance,
  findCatalogEntry,
  suggestCalculators,
} from '../catalog/medcalc-bench.js';
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
    // Two neighbouring letters swapped are one edit.
    expect(() => getCalculator('gsc')).toThrow(/did you mean glasgow-coma-scale\?/);
    expect(() => getCalculator('bmo')).toThrow(/did you mean body-mass-index\?/);
  });

  it('reads spaces and underscores as hyphens', () => {
    expect(getCalculator('calcium correction').id).toBe('calcium-correction');
    expect(getCalculator('Free_Water').id).toBe('free-water-deficit');
    expect(getCalculator('corrected calcium').id).toBe('calcium-correction');
  });

  it('lists the calculators a shared name stands for instead of choosing one', () => {
    for (const name of ['egfr', 'eGFR', 'gfr']) {
      expect(() => getCalculator(name)).toThrow(/\(ambiguous: ckd-epi-2021, mdrd-gfr\)/);
      expect(findCatalogEntry(name)).toBeUndefined();
    }
    for (const slugs of Object.values(CALCULATOR_SHARED_NAMES)) {
      expect(slugs.length).toBeGreaterThan(1);
      for (const slug of slugs) expect(getCalculator(slug).id).toBe(slug);
    }
    // The v1.0 display name still finds MDRD.
    expect(findCatalogEntry('MDRD GFR Equation')?.slug).toBe('mdrd-gfr');
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    expect(editDistance('gcs', 'gcs')).toBe(0);
    expect(editDistance('gsc', 'gcs')).toBe(1);
    expect(editDistance('gc', 'gcs')).toBe(1);
    expect(editDistance('gcs', 'gc')).toBe(1);
    expect(editDistance('gxs', 'gcs')).toBe(1);
    expect(editDistance('abc', 'cab')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
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
