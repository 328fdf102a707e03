import { listCalculators } from '../../calculators/lookup.js';
import type { InputSpec } from '../../calculators/types.js';
import { QUANTITY_KINDS } from '../../units/index.js';
import { formatTable, type CommandResult } from '../io.js';

export const CALC_LIST_SCHEMA_VERSION = 1;

function describeInput(spec: InputSpec): { type: string; unit?: string; options?: readonly string[] } {
  switch (spec.type) {
    case 'quantity':
      return { type: 'quantity', unit: QUANTITY_KINDS[spec.quantity].display };
    case 'enum':
      return { type: 'enum', options: spec.options };
    case 'number':
      return spec.unit === undefined ? { type: 'number' } : { type: 'number', unit: spec.unit };
    case 'drug-dose':
      return { type: 'drug-dose', unit: 'mg', options: spec.drugs };
    default:
      return { type: spec.type };
  }
}

export function listCalculatorsCommand(): CommandResult {
  const calculators = listCalculators().map((calculator) => ({
    id: calculator.id,
    medcalcId: calculator.medcalcId,
    name: calculator.name,
    category: calculator.category,
    outputType: calculator.outputType,
    unit: calculator.unit,
    version: calculator.version,
    summary: calculator.summary,
    inputs: Object.entries(calculator.inputs).map(([name, spec]) => ({
      name,
      label: spec.label,
      ...describeInput(spec),
      entityKeys: spec.entityKeys,
    })),
    options: Object.entries(calculator.options).map(([name, spec]) => ({
      name,
      values: spec.values,
      default: spec.default,
      description: spec.description,
    })),
    reference: calculator.reference,
  }));
  const text = formatTable(
    ['id', 'slug', 'name', 'category', 'output', 'inputs'],
    calculators.map((calculator) => [
      String(calculator.medcalcId),
      calculator.id,
      calculator.name,
      calculator.category,
      calculator.outputType,
      calculator.inputs
        .map((input) => (input.unit === undefined ? input.name : `${input.name} [${input.unit}]`))
        .join(', '),
    ]),
  );
  return { text, json: { schemaVersion: CALC_LIST_SCHEMA_VERSION, calculators } };
}
