import type { Calculator } from '../../calculators/define.js';
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

/** Cuts text at a word boundary to at most `width` characters, with an ellipsis. */
function shorten(text: string, width: number): string {
  if (text.length <= width) return text;
  const cut = text.slice(0, width - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > width / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** One calculator as `calc list --json` and `calc show --json` describe it. */
export function describeCalculator(calculator: Calculator) {
  return {
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
  };
}

export function listCalculatorsCommand(): CommandResult {
  const calculators = listCalculators().map(describeCalculator);
  const text = [
    formatTable(
      ['slug', 'medcalc', 'name', 'output', 'inputs'],
      calculators.map((calculator) => [
        calculator.id,
        String(calculator.medcalcId),
        shorten(calculator.name, 36),
        calculator.unit === '' ? calculator.outputType : `${calculator.outputType} (${calculator.unit})`,
        String(calculator.inputs.length),
      ]),
    ),
    '',
    'Details (inputs with units, options, references): steward calc show <slug|id|name>.',
  ].join('\n');
  return { text, json: { schemaVersion: CALC_LIST_SCHEMA_VERSION, calculators } };
}
