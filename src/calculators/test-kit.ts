import { expect } from 'vitest';
import type { Calculator } from './define.js';
import type { CalculatorResult, ComputedResult } from './types.js';

/** Runs a calculator on clean inputs (our input names) with optional named options. */
export function runClean(
  calculator: Calculator,
  inputs: Record<string, unknown>,
  options: Record<string, string> = {},
): CalculatorResult {
  return calculator.run(inputs, { origin: 'clean', options });
}

/** Runs on MedCalc-Bench entity keys. */
export function runEntities(calculator: Calculator, entities: Record<string, unknown>): CalculatorResult {
  return calculator.run(entities, { origin: 'entities' });
}

/** Asserts the result computed and returns it narrowed. */
export function expectComputed(result: CalculatorResult): ComputedResult {
  if (result.status !== 'computed') {
    throw new Error(`expected a computed result, got not-computable: ${result.reason}`);
  }
  return result;
}

/** The numeric value of a computed result. */
export function valueOf(result: CalculatorResult): number {
  const computed = expectComputed(result);
  if (computed.value.kind !== 'number') throw new Error(`expected a number, got ${computed.value.kind}`);
  return computed.value.value;
}

export function expectNotComputable(result: CalculatorResult, missing: string[]): void {
  expect(result.status).toBe('not-computable');
  if (result.status === 'not-computable') expect(result.missing).toEqual(missing);
}
