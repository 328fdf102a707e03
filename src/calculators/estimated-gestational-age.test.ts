import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, formatUsDate, fromDayNumber, toDayNumber } from '../units/index.js';
import { calculator } from './estimated-gestational-age.js';
import { expectComputed, expectNotComputable, runClean, runEntities } from './test-kit.js';

describe('Estimated gestational age', () => {
  it('LMP 12/20/2019 to 03/29/2020: 12 + 31 + 29 (leap Feb) + 28 = 100 days = 14 weeks 2 days', () => {
    const result = expectComputed(
      runEntities(calculator, { 'Current Date': '03/29/2020', 'Last menstrual date': '12/20/2019' }),
    );
    expect(result.value).toEqual({ kind: 'weeks-days', weeks: 14, days: 2 });
    expect(result.answer).toBe("('14 weeks', '2 days')");
    expect(result.warnings).toEqual([]);
  });

  it('same day: 0 weeks 0 days; six days later: 0 weeks 6 days; seven: 1 week 0 days', () => {
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '01/01/2021', currentDate: '01/01/2021' }))
        .value,
    ).toEqual({ kind: 'weeks-days', weeks: 0, days: 0 });
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '01/01/2021', currentDate: '01/07/2021' }))
        .value,
    ).toEqual({ kind: 'weeks-days', weeks: 0, days: 6 });
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '01/01/2021', currentDate: '01/08/2021' }))
        .value,
    ).toEqual({ kind: 'weeks-days', weeks: 1, days: 0 });
  });

  it('44 weeks 0 days (308 days) is not warned; 44 weeks 1 day is', () => {
    const at44 = expectComputed(
      runClean(calculator, { lastMenstrualPeriod: '01/01/2021', currentDate: '11/05/2021' }),
    );
    expect(at44.value).toEqual({ kind: 'weeks-days', weeks: 44, days: 0 });
    expect(at44.warnings).toEqual([]);
    const after = expectComputed(
      runClean(calculator, { lastMenstrualPeriod: '01/01/2021', currentDate: '11/06/2021' }),
    );
    expect(after.value).toEqual({ kind: 'weeks-days', weeks: 44, days: 1 });
    expect(after.warnings).toContainEqual({
      code: 'implausible-result',
      text: expect.stringContaining('44 weeks'),
    });
  });

  it('current date before the LMP is not computable, with the reason', () => {
    const result = runClean(calculator, { lastMenstrualPeriod: '03/10/2020', currentDate: '03/01/2020' });
    expectNotComputable(result, []);
    if (result.status === 'not-computable') expect(result.reason).toContain('9 days before');
  });

  it('either date missing is not computable', () => {
    expectNotComputable(runEntities(calculator, { 'Last menstrual date': '12/20/2019' }), ['currentDate']);
    expectNotComputable(runEntities(calculator, {}), ['currentDate', 'lastMenstrualPeriod']);
  });

  it('weeks × 7 + days equals the elapsed days, days in 0..6', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: toDayNumber({ year: 1990, month: 1, day: 1 }),
          max: toDayNumber({ year: 2040, month: 12, day: 31 }),
        }),
        fc.integer({ min: 0, max: 300 }),
        (dayNumber, elapsed) => {
          const lastMenstrualPeriod = fromDayNumber(dayNumber);
          const currentDate = addDays(lastMenstrualPeriod, elapsed);
          const result = expectComputed(
            runClean(calculator, {
              lastMenstrualPeriod: formatUsDate(lastMenstrualPeriod),
              currentDate: formatUsDate(currentDate),
            }),
          );
          if (result.value.kind !== 'weeks-days') throw new Error('expected weeks and days');
          expect(result.value.weeks * 7 + result.value.days).toBe(elapsed);
          expect(result.value.days).toBeGreaterThanOrEqual(0);
          expect(result.value.days).toBeLessThan(7);
        },
      ),
    );
  });
});
