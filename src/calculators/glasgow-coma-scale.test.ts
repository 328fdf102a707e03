import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './glasgow-coma-scale.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const EYE = [
  'eyes open spontaneously',
  'eye opening to verbal command',
  'eye opening to pain',
  'no eye opening',
];
const VERBAL = [
  'oriented',
  'confused',
  'inappropriate words',
  'incomprehensible sounds',
  'no verbal response',
];
const MOTOR = [
  'obeys commands',
  'localizes pain',
  'withdrawal from pain',
  'flexion to pain',
  'extension to pain',
  'no motor response',
];

function entities(eye: string, verbal: string, motor: string): Record<string, unknown> {
  return { 'Best eye response': eye, 'Best verbal response': verbal, 'Best motor response': motor };
}

describe('Glasgow Coma Score', () => {
  it('fully alert: E4 + V5 + M6 = 15 (maximum)', () => {
    const result = runClean(calculator, {
      eyeResponse: 'spontaneous',
      verbalResponse: 'oriented',
      motorResponse: 'obeys-commands',
    });
    expect(valueOf(result)).toBe(15);
  });

  it('no response at all: E1 + V1 + M1 = 3 (minimum)', () => {
    expect(
      valueOf(runClean(calculator, { eyeResponse: 'none', verbalResponse: 'none', motorResponse: 'none' })),
    ).toBe(3);
  });

  it('benchmark wording: eyes to pain 2 + inappropriate words 3 + withdrawal 4 = 9 (verbal counted once, not 12)', () => {
    const result = runEntities(
      calculator,
      entities('eye opening to pain', 'inappropriate words', 'withdrawal from pain'),
    );
    expect(valueOf(result)).toBe(9);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('eyes to voice 3 + confused 4 + localises 5 = 12', () => {
    const result = runEntities(
      calculator,
      entities('eye opening to verbal command', 'confused', 'localizes pain'),
    );
    expect(valueOf(result)).toBe(12);
  });

  it('every benchmark response string maps to its grade (first string is the best grade)', () => {
    EYE.forEach((eye, index) => {
      expect(valueOf(runEntities(calculator, entities(eye, 'oriented', 'obeys commands')))).toBe(
        4 - index + 11,
      );
    });
    VERBAL.forEach((verbal, index) => {
      expect(valueOf(runEntities(calculator, entities('no eye opening', verbal, 'no motor response')))).toBe(
        5 - index + 2,
      );
    });
    MOTOR.forEach((motor, index) => {
      expect(valueOf(runEntities(calculator, entities('no eye opening', 'no verbal response', motor)))).toBe(
        6 - index + 2,
      );
    });
  });

  it('not testable verbal, default: not computable, the scale reported as E1 VNT M1', () => {
    const result = runEntities(calculator, entities('no eye opening', 'not testable', 'no motor response'));
    expectNotComputable(result, ['verbalResponse']);
    if (result.status === 'not-computable') expect(result.reason).toContain('E1 VNT M1');
  });

  it('not testable eye with notTestable=score-1: 1 + 3 + 3 = 7; with score-normal: 4 + 3 + 3 = 10', () => {
    const inputs = {
      eyeResponse: 'not testable',
      verbalResponse: 'inappropriate words',
      motorResponse: 'flexion to pain',
    };
    const lowest = expectComputed(runClean(calculator, inputs, { notTestable: 'score-1' }));
    expect(valueOf(lowest)).toBe(7);
    expect(lowest.assumptions.some((text) => text.includes('not testable'))).toBe(true);
    expect(valueOf(runClean(calculator, inputs, { notTestable: 'score-normal' }))).toBe(10);
  });

  it('rejects an unknown option value', () => {
    expect(calculator.checkOptions({ notTestable: 'score-4' })).toHaveLength(1);
  });

  it('a missing component is not computable', () => {
    expectNotComputable(runClean(calculator, { eyeResponse: 'spontaneous' }), [
      'verbalResponse',
      'motorResponse',
    ]);
  });

  it('always lies in 3..15 and rises when any component improves', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: EYE.length - 1 }),
        fc.integer({ min: 0, max: VERBAL.length - 1 }),
        fc.integer({ min: 0, max: MOTOR.length - 1 }),
        (eye, verbal, motor) => {
          const score = valueOf(runEntities(calculator, entities(EYE[eye]!, VERBAL[verbal]!, MOTOR[motor]!)));
          expect(score).toBeGreaterThanOrEqual(3);
          expect(score).toBeLessThanOrEqual(15);
          // Each list runs from the best grade down, so one step up a list is exactly one point more.
          if (eye > 0) {
            const better = runEntities(calculator, entities(EYE[eye - 1]!, VERBAL[verbal]!, MOTOR[motor]!));
            expect(valueOf(better)).toBe(score + 1);
          }
          if (verbal > 0) {
            const better = runEntities(calculator, entities(EYE[eye]!, VERBAL[verbal - 1]!, MOTOR[motor]!));
            expect(valueOf(better)).toBe(score + 1);
          }
          if (motor > 0) {
            const better = runEntities(calculator, entities(EYE[eye]!, VERBAL[verbal]!, MOTOR[motor - 1]!));
            expect(valueOf(better)).toBe(score + 1);
          }
          // The sum of the three grades, each counted once: (4 − eye) + (5 − verbal) + (6 − motor).
          expect(score).toBe(15 - eye - verbal - motor);
        },
      ),
    );
  });
});
