import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-rautaharju.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

describe('QTc Rautaharju', () => {
  it('QT 400 ms at 60 beats/min: 400 × 180 / 180 = 400', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [60, 'beats per minute'] })),
    ).toBe(400);
  });

  it('QT 400 ms at 90 beats/min: 400 × 210 / 180 = 466.667', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [90, 'beats per minute'] })),
    ).toBeCloseTo(466.6667, 3);
  });

  it('QT 400 ms at 30 beats/min: 400 × 150 / 180 = 333.333', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [30, 'beats per minute'] })),
    ).toBeCloseTo(333.3333, 3);
  });

  it('reads benchmark entity keys and unit strings, template note 131 bpm, QT 330 msec: 330 × 251 / 180 = 460.167', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [131, 'beats per minute'],
      'QT interval': [330, 'msec'],
    });
    expect(valueOf(result)).toBeCloseTo(460.1667, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });
});
