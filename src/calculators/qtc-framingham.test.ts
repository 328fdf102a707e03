import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-framingham.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

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
});
