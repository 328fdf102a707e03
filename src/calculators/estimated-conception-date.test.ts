import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, formatUsDate, fromDayNumber, toDayNumber } from '../units/index.js';
import { calculator } from './estimated-conception-date.js';
import { expectComputed, expectNotComputable, runClean, runEntities } from './test-kit.js';

describe('Estimated conception date', () => {
  it('28-day cycle: LMP 02/10/2020 + (28 − 14) = + 14 days = 02/24/2020', () => {
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '02/10/2020', cycleLength: 28 })).answer,
    ).toBe('02/24/2020');
  });

  it('22-day cycle: LMP 02/10/2020 + (22 − 14) = + 8 days = 02/18/2020', () => {
    const result = runEntities(calculator, { 'Last menstrual date': '02/10/2020', 'cycle length': 22 });
    expect(expectComputed(result).answer).toBe('02/18/2020');
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('35-day cycle crossing a leap day: LMP 02/10/2020 + 21 days = 03/02/2020', () => {
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '02/10/2020', cycleLength: 35 })).answer,
    ).toBe('03/02/2020');
  });

  it('cycleAdjustment=none: LMP + 14 days whatever the cycle (22-day cycle still 02/24/2020)', () => {
    const result = runClean(
      calculator,
      { lastMenstrualPeriod: '02/10/2020', cycleLength: 22 },
      { cycleAdjustment: 'none' },
    );
    expect(expectComputed(result).answer).toBe('02/24/2020');
  });

  it('missing cycle length: assumed 28 days and recorded', () => {
    const result = expectComputed(runEntities(calculator, { 'Last menstrual date': '12/31/2019' }));
    expect(result.answer).toBe('01/14/2020');
    expect(result.assumptions).toContain('Cycle length not mentioned: assumed 28 days');
  });

  it('missing LMP is not computable', () => {
    expectNotComputable(runEntities(calculator, { 'cycle length': 30 }), ['lastMenstrualPeriod']);
  });

  it('conception − LMP = cycle − 14 days and moves one day per day of cycle', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: toDayNumber({ year: 1990, month: 1, day: 1 }),
          max: toDayNumber({ year: 2040, month: 12, day: 31 }),
        }),
        fc.integer({ min: 20, max: 40 }),
        (dayNumber, cycleLength) => {
          const lastMenstrualPeriod = fromDayNumber(dayNumber);
          const result = expectComputed(
            runClean(calculator, { lastMenstrualPeriod: formatUsDate(lastMenstrualPeriod), cycleLength }),
          );
          if (result.value.kind !== 'date') throw new Error('expected a date');
          expect(daysBetween(lastMenstrualPeriod, result.value.date)).toBe(cycleLength - 14);
        },
      ),
    );
  });
});
