import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-fridericia.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

describe('QTc Fridericia', () => {
  it('QT 400 ms at 60 beats/min: RR = 1 s, 400 / ∛1 = 400', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [60, 'beats per minute'] })),
    ).toBe(400);
  });

  it('QT 400 ms at 120 beats/min: RR = 0.5 s, 400 / ∛0.5 = 400 / 0.793701 = 503.968', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [120, 'beats per minute'] })),
    ).toBeCloseTo(503.9684, 3);
  });

  it('QT 350 ms at 75 beats/min: RR = 0.8 s, 350 / ∛0.8 = 350 / 0.928318 = 377.026', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [350, 'ms'], heartRate: [75, 'beats per minute'] })),
    ).toBeCloseTo(377.0261, 3);
  });

  it('reads benchmark entity keys and unit strings, template note 131 bpm, QT 330 msec: RR = 0.458015 s, 330 / 0.770827 = 428.109', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [131, 'beats per minute'],
      'QT interval': [330, 'msec'],
    });
    expect(valueOf(result)).toBeCloseTo(428.1086, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });
});
