import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CalendarDate, daysBetween, formatUsDate, fromDayNumber, toDayNumber } from '../units/index.js';
import { calculator } from './estimated-due-date.js';
import { expectComputed, expectNotComputable, runClean, runEntities } from './test-kit.js';

function dateOf(result: ReturnType<typeof runClean>): CalendarDate {
  const computed = expectComputed(result);
  if (computed.value.kind !== 'date') throw new Error(`expected a date, got ${computed.value.kind}`);
  return computed.value.date;
}

describe('Estimated due date', () => {
  it('LMP 01/01/2024, 28-day cycle: + 280 days (Jan 30 + Feb 29 + … in a leap year) = 10/07/2024', () => {
    const result = expectComputed(
      runClean(calculator, { lastMenstrualPeriod: '01/01/2024', cycleLength: 28 }),
    );
    expect(result.answer).toBe('10/07/2024');
  });

  it('short cycle moves the date earlier: LMP 12/11/2013 + 280 = 09/17/2014, cycle 22 → − 6 days = 09/11/2014', () => {
    const result = runEntities(calculator, { 'cycle length': 22, 'Last menstrual date': '12/11/2013' });
    expect(expectComputed(result).answer).toBe('09/11/2014');
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('long cycle moves the date later: LMP 01/01/2024, cycle 35 → 10/07/2024 + 7 days = 10/14/2024', () => {
    expect(
      expectComputed(runClean(calculator, { lastMenstrualPeriod: '01/01/2024', cycleLength: 35 })).answer,
    ).toBe('10/14/2024');
  });

  it('cycleAdjustment=none ignores the cycle: LMP 12/11/2013, cycle 22 → 09/17/2014', () => {
    const result = runClean(
      calculator,
      { lastMenstrualPeriod: '12/11/2013', cycleLength: 22 },
      { cycleAdjustment: 'none' },
    );
    expect(expectComputed(result).answer).toBe('09/17/2014');
  });

  it('naegele=calendar: 01/01/2024 + 1 y = 01/01/2025, − 3 mo = 10/01/2024, + 7 d = 10/08/2024 (one day after 280 days)', () => {
    const result = runClean(
      calculator,
      { lastMenstrualPeriod: '01/01/2024', cycleLength: 28 },
      { naegele: 'calendar' },
    );
    expect(expectComputed(result).answer).toBe('10/08/2024');
  });

  it('naegele=calendar clamps once to the month end: 05/31/2023 + 9 months = 02/29/2024 (leap year), + 7 d = 03/07/2024', () => {
    const result = runClean(
      calculator,
      { lastMenstrualPeriod: '05/31/2023', cycleLength: 28 },
      { naegele: 'calendar' },
    );
    expect(expectComputed(result).answer).toBe('03/07/2024');
    expect(expectComputed(runClean(calculator, { lastMenstrualPeriod: '05/31/2023' })).answer).toBe(
      '03/06/2024',
    );
  });

  it('naegele=calendar on a leap-day LMP: 02/29/2020 − 3 mo = 11/29/2019, + 7 d = 12/06/2019, + 1 y = 12/06/2020', () => {
    // one net shift of 9 months; adding the year first would clamp to 02/28/2021 and lose a day (12/05/2020)
    const result = runClean(
      calculator,
      { lastMenstrualPeriod: '02/29/2020', cycleLength: 28 },
      { naegele: 'calendar' },
    );
    expect(expectComputed(result).answer).toBe('12/06/2020');
  });

  it('missing cycle length is assumed to be 28 days, with the assumption recorded', () => {
    const result = expectComputed(runEntities(calculator, { 'Last menstrual date': '01/01/2024' }));
    expect(result.answer).toBe('10/07/2024');
    expect(result.assumptions.some((text) => text.includes('28 days'))).toBe(true);
  });

  it('missing LMP is not computable; an impossible date is unusable', () => {
    expectNotComputable(runEntities(calculator, { 'cycle length': 28 }), ['lastMenstrualPeriod']);
    const invalid = runEntities(calculator, { 'Last menstrual date': '02/30/2020', 'cycle length': 28 });
    expect(invalid.status).toBe('not-computable');
    if (invalid.status === 'not-computable')
      expect(invalid.invalid[0]).toEqual({
        input: 'lastMenstrualPeriod',
        code: 'value-unreadable',
        text: expect.stringContaining('lastMenstrualPeriod'),
      });
  });

  it('an implausible cycle length is used but warned about', () => {
    const result = expectComputed(
      runClean(calculator, { lastMenstrualPeriod: '01/01/2024', cycleLength: 90 }),
    );
    expect(result.warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('implausible'),
    });
  });

  it('EDD − LMP = 280 + (cycle − 28) days; calendar rule lands 0–3 days later; longer cycles never give earlier dates', () => {
    fc.assert(
      fc.property(
        fc.integer({
          min: toDayNumber({ year: 1990, month: 1, day: 1 }),
          max: toDayNumber({ year: 2040, month: 12, day: 31 }),
        }),
        fc.integer({ min: 20, max: 40 }),
        (dayNumber, cycleLength) => {
          const lastMenstrualPeriod = fromDayNumber(dayNumber);
          const inputs = { lastMenstrualPeriod: formatUsDate(lastMenstrualPeriod), cycleLength };
          const due = dateOf(runClean(calculator, inputs));
          expect(daysBetween(lastMenstrualPeriod, due)).toBe(252 + cycleLength);
          const calendarDue = dateOf(runClean(calculator, inputs, { naegele: 'calendar' }));
          const gap = daysBetween(due, calendarDue);
          expect(gap).toBeGreaterThanOrEqual(0);
          expect(gap).toBeLessThanOrEqual(3);
          const longer = dateOf(runClean(calculator, { ...inputs, cycleLength: cycleLength + 1 }));
          expect(daysBetween(due, longer)).toBe(1);
        },
      ),
    );
  });
});
