import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './centor-mcisaac.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = ['coughAbsent', 'tenderNodes', 'tonsillarExudate'] as const;

describe('Centor (McIsaac) score', () => {
  it('30-year-old, 37 °C, cough, no nodes or exudate: 0', () => {
    const result = runClean(calculator, {
      age: 30,
      temperature: 37,
      coughAbsent: false,
      tenderNodes: false,
      tonsillarExudate: false,
    });
    expect(valueOf(result)).toBe(0);
  });

  it('age bands: 3 -> +1, 14 -> +1, 15 -> 0, 44 -> 0, 45 -> −1', () => {
    const base = { temperature: 37, coughAbsent: false };
    expect(valueOf(runClean(calculator, { ...base, age: 3 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...base, age: 14 }))).toBe(1);
    expect(valueOf(runClean(calculator, { ...base, age: 15 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...base, age: 44 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...base, age: 45 }))).toBe(-1);
  });

  it('temperature boundary: 38.0 °C scores 0, 38.1 °C scores 1 (strictly above 38)', () => {
    const base = { age: 30, coughAbsent: false };
    expect(valueOf(runClean(calculator, { ...base, temperature: 38 }))).toBe(0);
    expect(valueOf(runClean(calculator, { ...base, temperature: 38.1 }))).toBe(1);
  });

  it('100.4 °F is exactly 38.0 °C and scores 0, despite float noise in the conversion', () => {
    const result = runEntities(calculator, {
      age: [30, 'years'],
      'Cough Absent': false,
      Temperature: [100.4, 'degrees fahreinheit'],
    });
    expect(valueOf(result)).toBe(0);
  });

  it('8-year-old, 38.5 °C, no cough, nodes, exudate: 1 + 1 + 1 + 1 + 1 = 5 (maximum)', () => {
    const result = runClean(calculator, {
      age: 8,
      temperature: 38.5,
      coughAbsent: true,
      tenderNodes: true,
      tonsillarExudate: true,
    });
    expect(valueOf(result)).toBe(5);
  });

  it('68-year-old afebrile with cough: −1 + 0 = −1 (minimum)', () => {
    const result = runClean(calculator, {
      age: 68,
      temperature: 36.2,
      coughAbsent: false,
      tenderNodes: false,
      tonsillarExudate: false,
    });
    expect(valueOf(result)).toBe(-1);
  });

  it('reads entities with the "degrees fahreinheit" typo: 14 y +1, 101.6 °F = 38.7 °C +1, no cough +1 = 3', () => {
    const result = expectComputed(
      runEntities(calculator, {
        age: [14, 'years'],
        'Cough Absent': true,
        Temperature: [101.6, 'degrees fahreinheit'],
        'Tender/swollen anterior cervical lymph nodes': false,
        'Exudate or swelling on tonsils': false,
      }),
    );
    expect(valueOf(result)).toBe(3);
    expect(result.warnings).toContainEqual({
      code: 'unit-typo-read-as-meant',
      text: expect.stringContaining('misspelled'),
    });
  });

  it('age in months: 48 months = 4 years -> +1; 14 months is below 3 years -> not computable', () => {
    expect(valueOf(runEntities(calculator, { age: [48, 'months'], 'Cough Absent': false }))).toBe(1);
    const infant = runEntities(calculator, { age: [14, 'months'], 'Cough Absent': false });
    expectNotComputable(infant, []);
  });

  it('missing age is not computable; missing cough absence is read as cough present (0) with an assumption', () => {
    expectNotComputable(runClean(calculator, { temperature: 39 }), ['age']);
    const result = expectComputed(runClean(calculator, { age: 30, temperature: 39 }));
    expect(valueOf(result)).toBe(1);
    expect(result.assumptions.some((text) => text.includes('Cough'))).toBe(true);
  });

  it('stays within −1..5, is the same in °C and °F, and never decreases with a new finding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 100 }),
        fc.integer({ min: 350, max: 410 }),
        fc.array(fc.boolean(), { minLength: FLAGS.length, maxLength: FLAGS.length }),
        (age, tenthsCelsius, values) => {
          const flags: Record<string, unknown> = {};
          FLAGS.forEach((flag, index) => (flags[flag] = values[index]));
          const celsius = tenthsCelsius / 10;
          const score = valueOf(runClean(calculator, { ...flags, age, temperature: [celsius, 'Cel'] }));
          expect(score).toBeGreaterThanOrEqual(-1);
          expect(score).toBeLessThanOrEqual(5);
          const fahrenheit = (celsius * 9) / 5 + 32;
          expect(valueOf(runClean(calculator, { ...flags, age, temperature: [fahrenheit, '°F'] }))).toBe(
            score,
          );
          for (const flag of FLAGS) {
            const more = runClean(calculator, { ...flags, [flag]: true, age, temperature: [celsius, 'Cel'] });
            expect(valueOf(more)).toBeGreaterThanOrEqual(score);
          }
        },
      ),
    );
  });
});
