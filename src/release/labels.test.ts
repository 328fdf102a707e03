import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { computeLimits, findLabelKind, formatDecimal3, normaliseLabel } from './labels.js';

describe('computeLimits', () => {
  it('reproduces Lower and Upper Limit of every decimal row of v1.0, character for character', () => {
    const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), V1_TEST_CSV);
    const decimals = table.rows.filter((row) => row['Output Type'] === 'decimal');
    expect(decimals).toHaveLength(627);
    for (const row of decimals) {
      const limits = computeLimits(String(row['Ground Truth Answer']), 'decimal', 'tolerance-relative-5pct');
      expect(limits, `row ${String(row['Row Number'])}`).toEqual({
        lower: row['Lower Limit'],
        upper: row['Upper Limit'],
      });
    }
  });

  it('orders limits of negative labels as [1.05×, 0.95×] and gives [0, 0] for zero', () => {
    // -0.0943 × 1.05 = -0.099015; × 0.95 = -0.089585 (v1.0 row 473)
    expect(computeLimits('-0.0943', 'decimal', 'tolerance-relative-5pct')).toEqual({
      lower: '-0.099015',
      upper: '-0.089585',
    });
    expect(computeLimits('0', 'decimal', 'tolerance-relative-5pct')).toEqual({ lower: '0', upper: '0' });
    // 100 × 0.95 = 95, × 1.05 = 105: no trailing ".0"
    expect(computeLimits('100', 'decimal', 'tolerance-relative-5pct')).toEqual({ lower: '95', upper: '105' });
  });

  it('keeps integers, dates and gestational ages exact, and ±5% for integers only under all-numeric', () => {
    expect(computeLimits('7', 'integer', 'tolerance-relative-5pct')).toEqual({ lower: '7', upper: '7' });
    expect(computeLimits('7', 'integer', 'tolerance-relative-5pct-all-numeric')).toEqual({
      lower: '6.65',
      upper: '7.35',
    });
    expect(computeLimits('09/23/2014', 'date', 'tolerance-relative-5pct-all-numeric')).toEqual({
      lower: '09/23/2014',
      upper: '09/23/2014',
    });
    expect(computeLimits("('14 weeks', '1 days')", 'weeks-days', 'tolerance-relative-5pct')).toEqual({
      lower: "('14 weeks', '1 days')",
      upper: "('14 weeks', '1 days')",
    });
    expect(computeLimits('25.238', 'decimal', 'tolerance-exact')).toEqual({
      lower: '25.238',
      upper: '25.238',
    });
    expect(computeLimits('N/A', 'decimal', 'tolerance-relative-5pct')).toEqual({
      lower: 'N/A',
      upper: 'N/A',
    });
  });
});

describe('normaliseLabel', () => {
  it('writes new labels in the v1.0 format of their kind', () => {
    expect(normaliseLabel('87.2276476697', 'decimal')).toEqual({ ok: true, label: '87.228' });
    expect(normaliseLabel('2.0005', 'decimal')).toEqual({ ok: true, label: '2.001' });
    expect(normaliseLabel('-1.0005', 'decimal')).toEqual({ ok: true, label: '-1.001' });
    expect(normaliseLabel('38.000', 'decimal')).toEqual({ ok: true, label: '38' });
    expect(normaliseLabel('-0.0001', 'decimal')).toEqual({ ok: true, label: '0' });
    expect(normaliseLabel('3.0', 'integer')).toEqual({ ok: true, label: '3' });
    expect(normaliseLabel('2.5', 'integer')).toMatchObject({ ok: false });
    expect(normaliseLabel('3/9/2021', 'date')).toEqual({ ok: true, label: '03/09/2021' });
    expect(normaliseLabel('02/30/2021', 'date')).toMatchObject({ ok: false });
    expect(normaliseLabel('(14, 8)', 'weeks-days')).toEqual({ ok: true, label: "('15 weeks', '1 days')" });
    expect(normaliseLabel('100', 'weeks-days')).toEqual({ ok: true, label: "('14 weeks', '2 days')" });
    expect(normaliseLabel('not computable', 'decimal')).toEqual({ ok: true, label: 'N/A' });
    expect(normaliseLabel('abc', 'decimal')).toMatchObject({ ok: false });
  });

  it('takes the kind from the catalog, so the gestational age (typed "integer" in v1.0) is weeks-days', () => {
    expect(findLabelKind(69, 'integer')).toBe('weeks-days');
    expect(findLabelKind(13, 'date')).toBe('date');
    expect(findLabelKind(null, 'decimal')).toBe('decimal');
    expect(findLabelKind(null, null)).toBe('unknown');
    expect(formatDecimal3(1e-7)).toBe('0');
  });
});
