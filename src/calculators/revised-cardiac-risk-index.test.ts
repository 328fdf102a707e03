import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './revised-cardiac-risk-index.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = [
  'elevatedRiskSurgery',
  'ischemicHeartDisease',
  'congestiveHeartFailure',
  'cerebrovascularDisease',
  'insulinTreatment',
] as const;

describe('Revised Cardiac Risk Index', () => {
  it('creatinine 1.0 mg/dL and nothing else: 0', () => {
    expect(valueOf(runClean(calculator, { creatinine: 1 }))).toBe(0);
  });

  it('creatinine boundary: exactly 2.0 mg/dL scores 0, 2.01 mg/dL scores 1 (strictly above 2)', () => {
    expect(valueOf(runClean(calculator, { creatinine: 2 }))).toBe(0);
    expect(valueOf(runClean(calculator, { creatinine: 2.01 }))).toBe(1);
  });

  it('intraperitoneal surgery 1 + IHD 1 + CHF 1 + creatinine 2.5 mg/dL 1 = 4', () => {
    const result = runClean(calculator, {
      elevatedRiskSurgery: true,
      ischemicHeartDisease: true,
      congestiveHeartFailure: true,
      creatinine: 2.5,
    });
    expect(valueOf(result)).toBe(4);
  });

  it('all six criteria: 6 (maximum)', () => {
    const inputs: Record<string, unknown> = { creatinine: 3 };
    for (const flag of FLAGS) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(6);
  });

  it('creatinine in µmol/L converts: 170 µmol/L = 170 / 88.40 = 1.92 mg/dL -> 0; 185 µmol/L = 2.09 mg/dL -> 1', () => {
    expect(valueOf(runEntities(calculator, { 'Pre-operative creatinine': [170, 'µmol/L'] }))).toBe(0);
    expect(valueOf(runEntities(calculator, { 'Pre-operative creatinine': [185, 'µmol/L'] }))).toBe(1);
  });

  it('SI boundary (Lee 1999: 177 µmol/L): 176 µmol/L = 1.991 mg/dL -> 0; 177 µmol/L = 2.002 mg/dL -> 1', () => {
    // 1 mg/dL creatinine = 10 000 / 113.12 = 88.4017 µmol/L
    expect(valueOf(runEntities(calculator, { 'Pre-operative creatinine': [176, 'µmol/L'] }))).toBe(0);
    expect(valueOf(runEntities(calculator, { 'Pre-operative creatinine': [177, 'µmol/L'] }))).toBe(1);
  });

  it('both cerebrovascular keys feed one criterion: one true counts 1 once, with a disagreement warning', () => {
    const result = expectComputed(
      runEntities(calculator, {
        'Cerebrovascular disease history': false,
        'History of cerebrovascular disease': true,
        'Pre-operative creatinine': [0.9, 'mg/dL'],
      }),
    );
    expect(valueOf(result)).toBe(1);
    expect(result.warnings).toContainEqual({
      code: 'entity-keys-disagree',
      text: expect.stringContaining('disagree'),
    });
    const both = runEntities(calculator, {
      'Cerebrovascular disease history': true,
      'History of cerebrovascular disease': true,
      'Pre-operative creatinine': [0.9, 'mg/dL'],
    });
    expect(valueOf(both)).toBe(1);
  });

  it('reads benchmark entities: insulin 1 + CHF 1 + IHD 1 + cerebrovascular 1 + creatinine 2.1 mg/dL 1 = 5', () => {
    const result = runEntities(calculator, {
      'History of cerebrovascular disease': true,
      'Pre-operative treatment with insulin': true,
      'Congestive Heart Failure criteria for the Cardiac Risk Index rule': true,
      'Pre-operative creatinine': [2.1, 'mg/dL'],
      'History of ischemic heart disease': true,
      'Elevated-risk surgery': false,
    });
    expect(valueOf(result)).toBe(5);
  });

  it('missing creatinine: criterion assumed absent and recorded; CHF 1 = 1', () => {
    const result = expectComputed(runClean(calculator, { congestiveHeartFailure: true }));
    expect(valueOf(result)).toBe(1);
    expect(result.assumptions.some((text) => text.includes('creatinine'))).toBe(true);
  });

  it('stays within 0..6, is the same in mg/dL and µmol/L, and never decreases with more findings', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.3, max: 8, noNaN: true }),
        fc.array(fc.boolean(), { minLength: FLAGS.length, maxLength: FLAGS.length }),
        fc.constantFrom(...FLAGS),
        (creatinine, values, flip) => {
          const flags: Record<string, unknown> = {};
          FLAGS.forEach((flag, index) => (flags[flag] = values[index]));
          const score = valueOf(runClean(calculator, { ...flags, creatinine: [creatinine, 'mg/dL'] }));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(6);
          // The same patient in µmol/L (1 mg/dL = 10 000 / 113.12 µmol/L) gets the same score.
          if (Math.abs(creatinine - 2) > 1e-9) {
            const inMicromoles = runClean(calculator, {
              ...flags,
              creatinine: [(creatinine * 10_000) / 113.12, 'umol/L'],
            });
            expect(valueOf(inMicromoles)).toBe(score);
          }
          const more = runClean(calculator, {
            ...flags,
            [flip]: true,
            creatinine: [creatinine + 1, 'mg/dL'],
          });
          expect(valueOf(more)).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
