import { getCalculator } from '../../calculators/lookup.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import { describeCalculator } from './calc-list.js';

export const CALC_SHOW_SCHEMA_VERSION = 1;

/** `steward calc show <calculator>`: everything about one calculator — inputs with units, options, references. */
export function showCalculatorCommand(options: { calculator: string }): CommandResult {
  const calculator = describeCalculator(getCalculator(options.calculator));
  const lines = [
    `${calculator.name} (${calculator.id}, benchmark id ${calculator.medcalcId}, version ${calculator.version})`,
    `${calculator.category}; answer: ${calculator.outputType}${calculator.unit === '' ? '' : ` in ${calculator.unit}`}`,
    calculator.summary,
    '',
    'inputs:',
    formatTable(
      ['name', 'type', 'unit or options', 'label'],
      calculator.inputs.map((input) => [
        input.name,
        input.type,
        input.unit ?? (input.options === undefined ? '' : input.options.join(' | ')),
        input.label,
      ]),
    ),
  ];
  if (calculator.options.length > 0) {
    lines.push('', 'options (--option name=value):');
    for (const option of calculator.options) {
      lines.push(
        `  ${option.name}: ${option.values.join(' | ')} (default ${option.default})`,
        `    ${option.description}`,
      );
    }
  }
  lines.push(
    '',
    'references:',
    `  ${calculator.reference.primary}`,
    `  MDCalc: ${calculator.reference.mdcalc}`,
  );
  for (const other of calculator.reference.others ?? []) lines.push(`  ${other}`);
  return { text: lines.join('\n'), json: { schemaVersion: CALC_SHOW_SCHEMA_VERSION, calculator } };
}
