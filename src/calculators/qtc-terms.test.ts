import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator as bazett } from './qtc-bazett.js';
import { calculator as framingham } from './qtc-framingham.js';
import { calculator as fridericia } from './qtc-fridericia.js';
import { calculator as hodges } from './qtc-hodges.js';
import { calculator as rautaharju } from './qtc-rautaharju.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

// What every QTc formula must do, whatever its correction; each formula's own file holds its hand-checked values.
describe.each([
  ['Bazett', bazett],
  ['Fridericia', fridericia],
  ['Framingham', framingham],
  ['Hodges', hodges],
  ['Rautaharju', rautaharju],
])('QTc %s (shared behaviour)', (_name, calculator) => {
  it('missing QT or heart rate is not computable', () => {
    expectNotComputable(runClean(calculator, { heartRate: [80, 'bpm'] }), ['qtInterval']);
    expectNotComputable(runClean(calculator, { qtInterval: [400, 'ms'] }), ['heartRate']);
    expectNotComputable(runEntities(calculator, {}), ['heartRate', 'qtInterval']);
  });

  it('a heart rate of 0 is not computable and says why', () => {
    const result = runClean(calculator, { qtInterval: [400, 'ms'], heartRate: [0, 'bpm'] });
    expect(result.status).toBe('not-computable');
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('heart rate'),
    });
  });

  it('an implausible QT is computed with a warning, not corrected', () => {
    const result = expectComputed(runClean(calculator, { qtInterval: [40, 'ms'], heartRate: [60, 'bpm'] }));
    expect(result.value).toEqual({ kind: 'number', value: 40 });
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
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
