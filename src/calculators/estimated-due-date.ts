import { addDays, addMonths, formatNumber, formatUsDate } from '../units/index.js';
import { CYCLE_LENGTH_INPUT, LAST_MENSTRUAL_PERIOD_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Estimated due date (EDD) from the first day of the last menstrual period (LMP).
 *
 * Default: EDD = LMP + 280 days + (cycle length − 28) days. A cycle shorter than 28 days brings the date
 * forward (cycle 22: −6 days), a longer one pushes it back, because ovulation happens about 14 days before the
 * next period. Options:
 * - `naegele`: '280-days' (LMP + 280 days, as ACOG and MDCalc count) or 'calendar' (Naegele's calendar rule:
 *   LMP + 1 year − 3 months + 7 days, which lands 0–3 days away from 280 days depending on the months crossed).
 * - `cycleAdjustment`: 'adjust' (add cycle length − 28 days) or 'none'.
 * A missing cycle length is taken as 28 days (recorded as an assumption).
 *
 * Sources: American College of Obstetricians and Gynecologists. Committee Opinion No. 700: Methods for
 * estimating the due date. Obstet Gynecol 2017;129:e150-4; Naegele's rule (F. C. Naegele, 19th-century
 * obstetrics texts). MDCalc: "Pregnancy Due Dates Calculator".
 * Inputs: LMP as a calendar date; cycle length in whole days (usual 21–35, plausible 15–60).
 */
export const calculator = defineCalculator({
  id: 'estimated-due-date',
  version: '1.0.1',
  name: 'Estimated Due Date',
  medcalcId: 13,
  category: 'date',
  outputType: 'date',
  unit: 'date MM/DD/YYYY',
  summary: 'EDD = LMP + 280 days + (cycle − 28) days; cycle length in days (15–60), 28 when not given.',
  reference: {
    primary:
      'ACOG Committee Opinion No. 700: Methods for estimating the due date. Obstet Gynecol 2017;129:e150-4.',
    mdcalc: 'Pregnancy Due Dates Calculator',
    others: [
      "Naegele's rule: LMP + 1 year − 3 months + 7 days (F. C. Naegele, 19th-century obstetrics texts).",
    ],
  },
  inputs: {
    lastMenstrualPeriod: LAST_MENSTRUAL_PERIOD_INPUT,
    cycleLength: CYCLE_LENGTH_INPUT,
  },
  options: {
    naegele: {
      values: ['280-days', 'calendar'],
      default: '280-days',
      description:
        "How the 40 weeks are counted from the LMP. '280-days' (default): LMP + 280 days, the count ACOG Committee " +
        "Opinion 700 and MDCalc's Pregnancy Due Dates Calculator use. 'calendar': Naegele's original calendar rule, " +
        'LMP + 1 year − 3 months + 7 days, which differs from 280 days by 0–3 days depending on month lengths.',
    },
    cycleAdjustment: {
      values: ['adjust', 'none'],
      default: 'adjust',
      description:
        "'adjust' (default): add (cycle length − 28) days, negative for short cycles, since ovulation precedes the " +
        'next menses by about 14 days (the adjustment MDCalc applies for a non-28-day cycle). ' +
        "'none': plain Naegele, as ACOG Committee Opinion 700 states the rule for a 28-day cycle.",
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const { lastMenstrualPeriod } = inputs;
    if (lastMenstrualPeriod === undefined) return derivation.notComputable(['lastMenstrualPeriod']);
    let cycleLength = inputs.cycleLength;
    if (cycleLength === undefined) {
      cycleLength = 28;
      derivation.assume('Cycle length not mentioned: assumed 28 days');
    }
    let dueDate;
    if (options.naegele === 'calendar') {
      // + 1 year − 3 months is one shift of 9 months, clamped once to the month end (a leap-day LMP must not
      // lose a day to an intermediate 02/28), then + 7 days.
      const nineMonthsLater = addMonths(lastMenstrualPeriod, 9);
      dueDate = addDays(nineMonthsLater, 7);
      derivation.step(
        `Naegele: LMP ${formatUsDate(lastMenstrualPeriod)} + 1 year − 3 months (= + 9 months) = ` +
          `${formatUsDate(nineMonthsLater)}, + 7 days = ${formatUsDate(dueDate)}`,
      );
    } else {
      dueDate = addDays(lastMenstrualPeriod, 280);
      derivation.step(`LMP ${formatUsDate(lastMenstrualPeriod)} + 280 days = ${formatUsDate(dueDate)}`);
    }
    if (options.cycleAdjustment === 'adjust') {
      const shift = cycleLength - 28;
      const adjusted = addDays(dueDate, shift);
      derivation.step(
        `Cycle ${formatNumber(cycleLength)} days: ${shift < 0 ? '−' : '+'} ${formatNumber(Math.abs(shift))} days ` +
          `(cycle − 28) = ${formatUsDate(adjusted)}`,
      );
      dueDate = adjusted;
    } else if (cycleLength !== 28) {
      derivation.step(`Cycle ${formatNumber(cycleLength)} days: not adjusted (cycleAdjustment = none)`);
    }
    return derivation.date(dueDate);
  },
});
