import { findCalculator } from '../../calculators/registry.js';
import type { Instance } from '../../dataset/instance.js';
import type { PythonValue } from '../../dataset/python-literal.js';
import type { AnswerShift } from './time-point-check.js';

/** The v1.0 tolerance for decimal answers: ±5 % of the answer. Integers and dates must be equal. */
const RELATIVE_TOLERANCE = 0.05;

function isSameAnswer(left: string, right: string): boolean {
  if (left === right) return true;
  const a = Number(left);
  const b = Number(right);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b) && !left.includes('.') && !right.includes('.')) return false;
  return Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/**
 * Recomputes the row with one entity replaced, against Steward's answer on the stored entities (not against
 * the label: the question is whether the choice of value matters, whatever else is wrong with the label).
 */
export function createAnswerShifter(instance: Instance): (key: string, raw: PythonValue) => AnswerShift {
  const calculator = findCalculator(instance.calculatorSlug);
  const entities = instance.entities;
  if (calculator === undefined || entities === undefined) return () => 'unknown';
  let baseline: string | null | undefined;
  const answerWith = (source: Readonly<Record<string, PythonValue>>): string | null => {
    const result = calculator.run(source, { origin: 'entities' });
    return result.status === 'computed' ? result.answer : null;
  };
  return (key, raw) => {
    baseline ??= answerWith(entities);
    const shifted = answerWith({ ...entities, [key]: raw });
    if (baseline === null || shifted === null) return 'unknown';
    return isSameAnswer(baseline, shifted) ? 'same' : 'moves';
  };
}
