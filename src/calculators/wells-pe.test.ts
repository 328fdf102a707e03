import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './wells-pe.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

const FLAGS = [
  'clinicalSignsOfDvt',
  'peMostLikely',
  'immobilization',
  'recentSurgery',
  'previousPe',
  'previousDvt',
  'hemoptysis',
  'malignancy',
] as const;

describe("Wells' criteria for PE", () => {
  it('heart rate 80 and nothing else: 0', () => {
    expect(valueOf(runClean(calculator, { heartRate: 80 }))).toBe(0);
  });

  it('heart rate boundary: exactly 100 scores 0, 101 scores 1.5 (strictly above 100)', () => {
    expect(valueOf(runClean(calculator, { heartRate: 100 }))).toBe(0);
    expect(valueOf(runClean(calculator, { heartRate: 100.5 }))).toBe(1.5);
    expect(valueOf(runClean(calculator, { heartRate: 101 }))).toBe(1.5);
  });

  it('DVT signs 3 + PE most likely 3 + HR 110 1.5 + haemoptysis 1 = 8.5', () => {
    const result = runClean(calculator, {
      clinicalSignsOfDvt: true,
      peMostLikely: true,
      heartRate: 110,
      hemoptysis: true,
    });
    expect(valueOf(result)).toBe(8.5);
  });

  it('immobilisation and surgery together score 1.5 once; prior PE and DVT together 1.5 once: 1.5 + 1.5 = 3', () => {
    const result = runClean(calculator, {
      heartRate: 90,
      immobilization: true,
      recentSurgery: true,
      previousPe: true,
      previousDvt: true,
    });
    expect(valueOf(result)).toBe(3);
  });

  it('every criterion present: 3 + 3 + 1.5 + 1.5 + 1.5 + 1 + 1 = 12.5 (maximum)', () => {
    const inputs: Record<string, unknown> = { heartRate: 130 };
    for (const flag of FLAGS) inputs[flag] = true;
    expect(valueOf(runClean(calculator, inputs))).toBe(12.5);
  });

  it('reads benchmark entities: HR [104, "beats per minute"] 1.5 + surgery 1.5 + malignancy 1 = 4', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [104, 'beats per minute'],
      'Previously Documented Pulmonary Embolism': false,
      'Immobilization for at least 3 days': false,
      'Surgery in the previous 4 weeks': true,
      'Previously documented Deep Vein Thrombosis': false,
      'Malignancy with treatment within 6 months or palliative': true,
      'Pulmonary Embolism is #1 diagnosis OR equally likely': false,
      Hemoptysis: false,
      'Clinical signs and symptoms of Deep Vein Thrombosis': false,
    });
    expect(valueOf(result)).toBe(4);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing heart rate: tachycardia assumed absent and recorded; DVT signs 3 = 3', () => {
    const result = expectComputed(runClean(calculator, { clinicalSignsOfDvt: true }));
    expect(valueOf(result)).toBe(3);
    expect(result.assumptions.some((text) => text.includes('Heart rate'))).toBe(true);
  });

  it('an implausible heart rate is warned about, not corrected', () => {
    const result = expectComputed(
      runEntities(calculator, { 'Heart Rate or Pulse': [400, 'beats per minute'] }),
    );
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
    expect(valueOf(result)).toBe(1.5);
  });

  it('stays within 0..12.5 in half-point steps and never decreases when a criterion is added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 30, max: 200 }),
        fc.array(fc.boolean(), { minLength: FLAGS.length, maxLength: FLAGS.length }),
        fc.constantFrom(...FLAGS),
        (heartRate, values, flip) => {
          const inputs: Record<string, unknown> = { heartRate };
          FLAGS.forEach((flag, index) => (inputs[flag] = values[index]));
          const score = valueOf(runClean(calculator, inputs));
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(12.5);
          expect(Number.isInteger(score * 2)).toBe(true);
          expect(valueOf(runClean(calculator, { ...inputs, [flip]: true }))).toBeGreaterThanOrEqual(score);
          expect(
            valueOf(runClean(calculator, { ...inputs, heartRate: heartRate + 20 })),
          ).toBeGreaterThanOrEqual(score);
        },
      ),
    );
  });
});
