import { describe, expect, it } from 'vitest';
import { calculator } from './qtc-bazett.js';
import { expectComputed, runClean, runEntities, valueOf } from './test-kit.js';

describe('QTc Bazett', () => {
  it('QT 400 ms at 60 beats/min: RR = 1 s, 400 / √1 = 400', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [60, 'beats per minute'] })),
    ).toBe(400);
  });

  it('QT 400 ms at 75 beats/min: RR = 0.8 s, 400 / √0.8 = 400 / 0.894427 = 447.214', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [75, 'beats per minute'] })),
    ).toBeCloseTo(447.2136, 3);
  });

  it('QT 360 ms at 100 beats/min: RR = 0.6 s, 360 / √0.6 = 360 / 0.774597 = 464.758', () => {
    expect(
      valueOf(runClean(calculator, { qtInterval: [360, 'ms'], heartRate: [100, 'beats per minute'] })),
    ).toBeCloseTo(464.758, 3);
  });

  it('reads benchmark entity keys and unit strings, template note 131 bpm, QT 330 msec: RR = 0.458015 s, 330 / 0.676768 = 487.612', () => {
    const result = runEntities(calculator, {
      'Heart Rate or Pulse': [131, 'beats per minute'],
      'QT interval': [330, 'msec'],
    });
    expect(valueOf(result)).toBeCloseTo(487.6115, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });
});
