import { AppError } from '../../app-error.js';
import { getCalculator } from '../../calculators/lookup.js';
import { parseJsonObject } from '../../contracts/json.js';
import type { CommandResult } from '../io.js';

export const CALC_RUN_SCHEMA_VERSION = 1;

/** `calc run` exits with this when the inputs leave the calculator not computable (documented in the README). */
export const NOT_COMPUTABLE_EXIT_CODE = 10;

function parseOptionPairs(pairs: readonly string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const pair of pairs) {
    const separator = pair.indexOf('=');
    if (separator <= 0) {
      throw new AppError('ARGUMENT_INVALID', `--option "${pair}" is not name=value`, {
        fix: 'Write options as --option naegele=calendar.',
      });
    }
    options[pair.slice(0, separator)] = pair.slice(separator + 1);
  }
  return options;
}

export function runCalculatorCommand(options: {
  calculator: string;
  inputs: string;
  options: readonly string[];
  entities: boolean;
}): CommandResult {
  const calculator = getCalculator(options.calculator);
  const inputs = parseJsonObject(options.inputs, '--inputs');
  const named = parseOptionPairs(options.options);
  const optionProblems = calculator.checkOptions(named);
  if (optionProblems.length > 0) {
    throw new AppError('ARGUMENT_INVALID', `${calculator.id}: ${optionProblems.join('; ')}`, {
      fix: `See the options of ${calculator.id} with \`steward calc list --json\`.`,
    });
  }
  const result = calculator.run(inputs, { origin: options.entities ? 'entities' : 'clean', options: named });
  if (!options.entities && result.unknownKeys.length > 0) {
    throw new AppError(
      'CALCULATOR_INPUT_INVALID',
      `${calculator.id}: unknown input${result.unknownKeys.length > 1 ? 's' : ''} ${result.unknownKeys.map((key) => `"${key}"`).join(', ')}`,
      {
        fix: `Inputs of ${calculator.id}: ${Object.keys(calculator.inputs).join(', ')}. Use --entities for MedCalc-Bench entity names.`,
      },
    );
  }
  // Choices that follow another published equation change the header and the citation.
  const chosen = Object.entries(named).filter(([name, value]) => value !== calculator.options[name]?.default);
  const cited = chosen.flatMap(([name, value]) => {
    const source = calculator.options[name]?.sources?.[value];
    return source === undefined ? [] : [source];
  });
  const lines: string[] = [
    `${calculator.name} (${calculator.id}${chosen.map(([name, value]) => `; ${name}=${value}`).join('')})`,
  ];
  if (result.status === 'computed') lines.push(`result: ${result.answer} ${result.unit}`);
  else lines.push(`not computable: ${result.reason}`);
  if (result.steps.length > 0) lines.push('steps:', ...result.steps.map((step) => `  ${step.text}`));
  if (result.assumptions.length > 0)
    lines.push('assumptions:', ...result.assumptions.map((text) => `  ${text}`));
  if (result.warnings.length > 0)
    lines.push('warnings:', ...result.warnings.map((warning) => `  ${warning.text}`));
  lines.push(
    cited.length > 0
      ? `reference: ${cited.join(' ')}`
      : `reference: ${calculator.reference.primary} MDCalc: ${calculator.reference.mdcalc}.`,
  );
  const { unknownKeys: _unknownKeys, ...plain } = result;
  return {
    text: lines.join('\n'),
    json: {
      schemaVersion: CALC_RUN_SCHEMA_VERSION,
      calculator: calculator.id,
      version: calculator.version,
      options: named,
      reference: cited.length > 0 ? cited : [calculator.reference.primary],
      ...plain,
    },
    exitCode: result.status === 'computed' ? 0 : NOT_COMPUTABLE_EXIT_CODE,
  };
}
