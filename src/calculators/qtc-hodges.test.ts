import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-hodges.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

describe('QTc Hodges', () => {
  it('QT 400 ms at 60 beats/min: 400 + 1.75 × 0 = 400', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [60, 'beats per minute'] })),
    ).toBe(400);
  });

  it('QT 400 ms at 100 beats/min: 400 + 1.75 × 40 = 470', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [100, 'beats per minute'] })),
    ).toBeCloseTo(470, 3);
  });

  it('QT 400 ms at 50 beats/min: 400 + 1.75 × (−10) = 382.5', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [50, 'beats per minute'] })),
    ).toBeCloseTo(382.5, 3);
  });

  it('reads benchmark entity keys and unit strings, template note 131 bpm, QT 330 msec: 330 + 1.75 × 71 = 454.25', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [131, 'beats per minute'],
      'QT interval': [330, 'msec'],
    });
    expect(valueOf(result)).toBeCloseTo(454.25, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });
});
