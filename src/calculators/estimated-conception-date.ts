import { addDays, formatNumber, formatUsDate } from '../units/index.js';
import { CYCLE_LENGTH_INPUT, LAST_MENSTRUAL_PERIOD_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Estimated date of conception, taken as the day of ovulation: LMP + (cycle length − 14) days by default, since
 * the luteal phase lasts about 14 days whatever the cycle length (cycle 28: LMP + 14; cycle 22: LMP + 8).
 * Option `cycleAdjustment`: 'adjust' (default) or 'none' (LMP + 14 days, the textbook figure for a 28-day cycle,
 * which is also what the MedCalc-Bench v1.0 label code does for every cycle length).
 * A missing cycle length is taken as 28 days (recorded as an assumption).
 *
 * Sources: ACOG Committee Opinion No. 700: Methods for estimating the due date. Obstet Gynecol
 * 2017;129:e150-4 (dating from the LMP, ovulation about 14 days before menses). MDCalc: "Pregnancy Due Dates
 * Calculator" (estimated conception date).
 * Inputs: LMP as a calendar date; cycle length in whole days (usual 21–35, plausible 15–60).
 */
export const calculator = defineCalculator({
  id: 'estimated-conception-date',
  version: '1.0.0',
  name: 'Estimated of Conception',
  medcalcId: 68,
  category: 'date',
  outputType: 'date',
  unit: 'date MM/DD/YYYY',
  summary:
    'Conception ≈ ovulation = LMP + (cycle − 14) days; cycle length in days (15–60), 28 when not given.',
  reference: {
    primary:
      'ACOG Committee Opinion No. 700: Methods for estimating the due date. Obstet Gynecol 2017;129:e150-4.',
    mdcalc: 'Pregnancy Due Dates Calculator',
  },
  inputs: {
    lastMenstrualPeriod: LAST_MENSTRUAL_PERIOD_INPUT,
    cycleLength: CYCLE_LENGTH_INPUT,
  },
  options: {
    cycleAdjustment: {
      values: ['adjust', 'none'],
      default: 'adjust',
      description:
        "'adjust' (default): ovulation = LMP + (cycle length − 14) days, because the luteal phase is about 14 days " +
        '(the physiology behind the cycle adjustment of ACOG Committee Opinion 700 dating and MDCalc). ' +
        "'none': LMP + 14 days whatever the cycle, the fixed two-week convention (and the MedCalc-Bench v1.0 code).",
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
    const offset = options.cycleAdjustment === 'adjust' ? cycleLength - 14 : 14;
    const conception = addDays(lastMenstrualPeriod, offset);
    derivation.step(
      options.cycleAdjustment === 'adjust'
        ? `Ovulation = LMP ${formatUsDate(lastMenstrualPeriod)} + (${formatNumber(cycleLength)} − 14) days = ` +
            `${formatUsDate(conception)}`
        : `Conception = LMP ${formatUsDate(lastMenstrualPeriod)} + 14 days = ${formatUsDate(conception)} ` +
            '(cycle length not used)',
    );
    return derivation.date(conception);
  },
});
