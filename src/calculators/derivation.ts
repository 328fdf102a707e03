import { formatNumber, formatUsDate, type CalendarDate } from '../units/index.js';
import type { ComputedResult, NotComputableResult, Step } from './types.js';
import type { CalculatorWarning, WarningCode } from './warnings.js';

/**
 * Collects a calculator's derivation (steps, assumptions, warnings) and builds its result. Score calculators add
 * points through `add`/`flag` and read `total`; equation calculators record each term with `step`.
 */
export class Derivation {
  readonly steps: Step[] = [];
  readonly assumptions: string[] = [];
  readonly warnings: CalculatorWarning[] = [];
  private points = 0;

  step(text: string): this {
    this.steps.push({ text });
    return this;
  }

  assume(text: string): this {
    this.assumptions.push(text);
    return this;
  }

  /** A value worth a look (implausible, contradictory, outside the formula's population); `code` says which. */
  warn(code: WarningCode, text: string): this {
    this.warnings.push({ code, text });
    return this;
  }

  /** Adds `points` with a step line "<text>: +points". */
  add(text: string, points: number): number {
    this.points += points;
    const sign = points >= 0 ? '+' : '−';
    this.steps.push({ text: `${text}: ${sign}${formatNumber(Math.abs(points))}`, points });
    return points;
  }

  /**
   * A yes/no criterion. Missing means "not mentioned", which scores 0 and is recorded as an assumption.
   * Returns the points added.
   */
  flag(label: string, present: boolean | undefined, points: number): number {
    if (present === undefined) {
      this.assume(`${label}: not mentioned, assumed absent`);
      return this.add(`${label}: not mentioned`, 0);
    }
    return this.add(`${label}: ${present ? 'yes' : 'no'}`, present ? points : 0);
  }

  get total(): number {
    return this.points;
  }

  number(value: number, unit: string): ComputedResult {
    return this.computed({ kind: 'number', value }, { answer: formatNumber(value), unit });
  }

  /** An integer score; the step list ends with the total. */
  score(value: number = this.points, unit = 'points'): ComputedResult {
    this.steps.push({ text: `Total: ${formatNumber(value)} ${unit}` });
    return this.computed({ kind: 'number', value }, { answer: formatNumber(value), unit });
  }

  date(date: CalendarDate): ComputedResult {
    return this.computed({ kind: 'date', date }, { answer: formatUsDate(date), unit: 'date' });
  }

  weeksDays(weeks: number, days: number): ComputedResult {
    return this.computed(
      { kind: 'weeks-days', weeks, days },
      { answer: `('${weeks} weeks', '${days} days')`, unit: 'weeks and days' },
    );
  }

  notComputable(missing: readonly string[], reason?: string): NotComputableResult {
    return {
      status: 'not-computable',
      missing: [...missing],
      invalid: [],
      reason: reason ?? `required input missing: ${missing.join(', ')}`,
      steps: this.steps,
      assumptions: this.assumptions,
      warnings: this.warnings,
    };
  }

  private computed(
    value: ComputedResult['value'],
    rendered: { answer: string; unit: string },
  ): ComputedResult {
    return {
      status: 'computed',
      value,
      answer: rendered.answer,
      unit: rendered.unit,
      steps: this.steps,
      assumptions: this.assumptions,
      warnings: this.warnings,
    };
  }
}
