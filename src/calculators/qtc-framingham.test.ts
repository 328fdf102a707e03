import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-framingham.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

describe('QTc Framingham', () => {
  it('QT 400 ms at 60 beats/min: RR = 1 s, 400 + 154 × 0 = 400', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [60, 'beats per minute'] })),
    ).toBe(400);
  });

  it('QT 400 ms at 120 beats/min: RR = 0.5 s, 400 + 154 × 0.5 = 477', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [120, 'beats per minute'] })),
    ).toBeCloseTo(477, 3);
  });

  it('QT 400 ms at 40 beats/min: RR = 1.5 s, 400 + 154 × (−0.5) = 323', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [40, 'beats per minute'] })),
    ).toBeCloseTo(323, 3);
  });

  it('QT 400 ms at 75 beats/min: RR = 0.8 s, 400 + 154 × 0.2 = 430.8', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [75, 'beats per minute'] })),
    ).toBeCloseTo(430.8, 3);
  });

  it('reads benchmark entity keys and unit strings, template note 131 bpm, QT 330 msec: RR = 0.458015 s, 330 + 154 × 0.541985 = 413.466', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [131, 'beats per minute'],
      'QT interval': [330, 'msec'],
    });
    expect(valueOf(result)).toBeCloseTo(413.4656, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('missing QT or heart rate is not computable', () => {
    expectNotComputable(runClean(calculator, { heartRate: [80, 'bpm'] }), ['qtInterval']);
    expectNotComputable(runClean(calculator, { qtInterval: [400, 'ms'] }), ['heartRate']);
    expectNotComputable(runEntities(calculator, {}), ['heartRate', 'qtInterval']);
  });

  it('a heart rate of 0 is not computable and says why', () => {
    const result = runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [0, 'bpm'] });
    expect(result.status).toBe('not-computable');
    expect(result.warnings.some((text) => text.includes('heart rate'))).toBe(true);
  });

  it('an implausible QT is computed with a warning, not corrected', () => {
    const result = expectComputed(runClean(calculator, { qtInterval: [40, 'ms'], heartRate: [60, 'bpm'] }));
    expect(result.value).toEqual({ kind: 'number', value: 40 });
    expect(result.warnings.some((text) => text.includes('implausible'))).toBe(true);
  });

  it('QT in seconds gives the same QTc as QT in milliseconds (unit invariance)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 700 }), fc.integer({ min: 30, max: 200 }), (qt, heartRate) => {
        const inMilliseconds = valueOf(
          runClean(calculator, { qtInterval: [qt, 'msec'], heartRate: [heartRate, 'bpm'] }),
        );
        const inSeconds = valueOf(
          runClean(calculator, { qtInterval: [qt / 1000, 's'], heartRate: [heartRate, '/min'] }),
        );
        expect(inSeconds).toBeCloseTo(inMilliseconds, 6);
      }),
    );
  });

  it('QTc rises with QT and with heart rate, and equals QT at 60 beats/min', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 700 }), fc.integer({ min: 30, max: 200 }), (qt, heartRate) => {
        const run = (qtValue: number, rate: number) =>
          valueOf(runClean(calculator, { qtInterval: [qtValue, 'ms'], heartRate: [rate, 'bpm'] }));
        const base = run(qt, heartRate);
        expect(run(qt + 10, heartRate)).toBeGreaterThan(base);
        expect(run(qt, heartRate + 5)).toBeGreaterThan(base);
        expect(run(qt, 60)).toBeCloseTo(qt, 9);
      }),
    );
  });
});
