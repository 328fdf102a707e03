import { daysBetween, formatUsDate } from '../units/index.js';
import { LAST_MENSTRUAL_PERIOD_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/** Beyond 44 weeks a pregnancy dated from this LMP is implausible (post-term ends at 42 weeks). */
const IMPLAUSIBLE_DAYS = 44 * 7;

/**
 * Gestational age from the last menstrual period: GA = current date − LMP in days, written as completed weeks and
 * remaining days (e.g. 100 days = 14 weeks 2 days).
 *
 * Source: ACOG Committee Opinion No. 700: Methods for estimating the due date. Obstet Gynecol 2017;129:e150-4
 * (gestational age counted from the first day of the LMP). MDCalc: "Pregnancy Due Dates Calculator"
 * (gestational age).
 * Inputs: both as calendar dates. A current date before the LMP is not computable; GA over 44 weeks is warned.
 */
export const calculator = defineCalculator({
  id: 'estimated-gestational-age',
  version: '1.0.0',
  name: 'Estimated Gestational Age',
  medcalcId: 69,
  category: 'date',
  outputType: 'weeks-days',
  unit: '(weeks, days)',
  summary:
    'Gestational age = current date − LMP as (weeks, days); the current date must not precede the LMP.',
  reference: {
    primary:
      'ACOG Committee Opinion No. 700: Methods for estimating the due date. Obstet Gynecol 2017;129:e150-4.',
    mdcalc: 'Pregnancy Due Dates Calculator',
  },
  inputs: {
    currentDate: { type: 'date', label: 'Current date', entityKeys: ['Current Date'] },
    lastMenstrualPeriod: LAST_MENSTRUAL_PERIOD_INPUT,
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { currentDate, lastMenstrualPeriod } = inputs;
    if (currentDate === undefined || lastMenstrualPeriod === undefined) {
      return derivation.notComputable([
        ...(currentDate === undefined ? ['currentDate'] : []),
        ...(lastMenstrualPeriod === undefined ? ['lastMenstrualPeriod'] : []),
      ]);
    }
    const days = daysBetween(lastMenstrualPeriod, currentDate);
    derivation.step(
      `Current date ${formatUsDate(currentDate)} − LMP ${formatUsDate(lastMenstrualPeriod)} = ${days} days`,
    );
    if (days < 0) {
      return derivation.notComputable(
        [],
        `the current date ${formatUsDate(currentDate)} is ${-days} days before the LMP ${formatUsDate(lastMenstrualPeriod)}`,
      );
    }
    const weeks = Math.floor(days / 7);
    const remainder = days - weeks * 7;
    derivation.step(`${days} days = ${weeks} weeks and ${remainder} days`);
    if (days > IMPLAUSIBLE_DAYS) {
      derivation.warn(
        'implausible-result',
        `gestational age ${weeks} weeks ${remainder} days exceeds 44 weeks: check both dates`,
      );
    }
    return derivation.weeksDays(weeks, remainder);
  },
});
