import { AppError } from '../app-error.js';
import type { CalculatorForm, ComputeResponse, FormInput } from '../contracts/review-api.js';
import type { Calculator } from '../calculators/define.js';
import { getCalculator } from '../calculators/lookup.js';
import type { InputSpec } from '../calculators/types.js';
import { convertToCanonical, QUANTITY_KINDS } from '../units/index.js';

/**
 * What the physician's form is made of: our calculator's input schema (labels, units, options) and a live run of
 * the calculator on what they typed. The form never shows a label: it computes from the physician's own inputs.
 */

function toFormInput(name: string, spec: InputSpec): FormInput {
  const base = {
    name,
    label: spec.label,
    ...(spec.description === undefined ? {} : { description: spec.description }),
  };
  switch (spec.type) {
    case 'quantity': {
      const kind = QUANTITY_KINDS[spec.quantity];
      // The unit field starts with the unit as people write it ("years", not UCUM's "a") when our converter reads it.
      const readable = convertToCanonical(spec.quantity, 1, kind.display).ok;
      return {
        ...base,
        type: 'quantity',
        unit: readable ? kind.display : kind.canonical,
        unitDisplay: kind.display,
      };
    }
    case 'number':
      return { ...base, type: 'number', ...(spec.unit === undefined ? {} : { unit: spec.unit }) };
    case 'enum':
      return { ...base, type: 'enum', options: [...spec.options] };
    case 'drug-dose':
      return { ...base, type: 'drug-dose', unit: 'mg', options: [...spec.drugs] };
    case 'boolean':
    case 'sex':
    case 'date':
      return { ...base, type: spec.type };
  }
}

export function describeCalculatorForm(calculator: Calculator): CalculatorForm {
  return {
    slug: calculator.id,
    name: calculator.name,
    version: calculator.version,
    unit: calculator.unit,
    outputType: calculator.outputType,
    reference: calculator.reference.primary,
    inputs: Object.entries(calculator.inputs).map(([name, spec]) => toFormInput(name, spec)),
  };
}

/** The calculator for a stored item's slug, or null when the item names none we implement. */
export function findFormCalculator(slug: string | null): Calculator | null {
  if (slug === null) return null;
  try {
    return getCalculator(slug);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CALCULATOR_NOT_FOUND') return null;
    throw error;
  }
}

/** Runs the calculator on clean inputs (unknown input names are reported, not ignored). */
export function computeFromForm(
  calculator: Calculator,
  inputs: Readonly<Record<string, unknown>>,
): ComputeResponse {
  const unknown = Object.keys(inputs).filter((name) => !Object.hasOwn(calculator.inputs, name));
  if (unknown.length > 0) {
    throw new AppError(
      'CALCULATOR_INPUT_INVALID',
      `unknown input${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}`,
      {
        fix: `${calculator.name} takes: ${Object.keys(calculator.inputs).join(', ')}.`,
      },
    );
  }
  const result = calculator.run(inputs, { origin: 'clean' });
  const steps = result.steps.map((step) => step.text);
  const warnings = result.warnings.map((warning) => warning.text);
  if (result.status === 'computed') {
    return {
      status: 'computed',
      answer: result.answer,
      unit: result.unit,
      steps,
      assumptions: result.assumptions,
      warnings,
    };
  }
  return {
    status: 'not-computable',
    reason: result.reason,
    missing: result.missing,
    steps,
    assumptions: result.assumptions,
    warnings,
  };
}
