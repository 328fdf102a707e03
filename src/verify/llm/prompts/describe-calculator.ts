import type { Calculator } from '../../../calculators/define.js';
import type { InputSpec } from '../../../calculators/types.js';
import { QUANTITY_KINDS } from '../../../units/index.js';

/** How one input is to be given: its type, unit and allowed values, in words for a prompt. */
export function describeInputType(spec: InputSpec): string {
  switch (spec.type) {
    case 'quantity':
      return `a number with its unit as written in the note (our unit: ${QUANTITY_KINDS[spec.quantity].display})`;
    case 'boolean':
      return 'true or false';
    case 'enum':
      return `one of ${spec.options.map((option) => JSON.stringify(option)).join(', ')}`;
    case 'number':
      return `a number${spec.unit === undefined ? '' : ` (${spec.unit})`}${spec.integer === true ? ', whole' : ''}`;
    case 'sex':
      return '"male" or "female"';
    case 'date':
      return 'a date MM/DD/YYYY';
    case 'drug-dose':
      return `a dose with its unit and the drug (one of ${spec.drugs.join(', ')}) in "drug"`;
  }
}

/** The calculator's inputs, one line each: `- name (label): type. description`. */
export function describeInputs(calculator: Calculator): string {
  return Object.entries(calculator.inputs)
    .map(([name, spec]) => {
      const description = spec.description === undefined ? '' : ` ${spec.description}`;
      return `- ${name} (${spec.label}): ${describeInputType(spec)}.${description}`;
    })
    .join('\n');
}

/** The calculator as a prompt states it: name, formula or criteria summary, answer unit, inputs. */
export function describeCalculator(calculator: Calculator): string {
  return [
    `Calculator: ${calculator.name} (MDCalc: ${calculator.reference.mdcalc}).`,
    `Formula or criteria: ${calculator.summary}`,
    `Answer unit: ${calculator.unit}.`,
    'Inputs:',
    describeInputs(calculator),
  ].join('\n');
}
