import { readInputs, type InputOrigin } from './read-inputs.js';
import type {
  CalculatorDefinition,
  CalculatorMeta,
  CalculatorResult,
  InputSchema,
  InputValues,
  OptionSchema,
  OptionValues,
} from './types.js';

export interface RunOptions {
  origin: InputOrigin;
  /** Named conventions, e.g. `{ naegele: 'calendar' }`; unknown names or values are rejected. */
  options?: Readonly<Record<string, string>>;
}

/** A calculator with its types erased, as the registry holds it. */
export interface Calculator extends CalculatorMeta {
  inputs: InputSchema;
  options: OptionSchema;
  /** Validates option names/values; returns problems (empty when fine). */
  checkOptions(options: Readonly<Record<string, string>>): string[];
  run(
    source: Readonly<Record<string, unknown>>,
    runOptions: RunOptions,
  ): CalculatorResult & { unknownKeys: string[] };
}

function resolveOptions(
  schema: OptionSchema,
  given: Readonly<Record<string, string>>,
): Record<string, string> {
  const resolved: Record<string, string> = {};
  for (const [name, spec] of Object.entries(schema)) resolved[name] = given[name] ?? spec.default;
  return resolved;
}

/**
 * Wraps a typed calculator definition: reads and converts inputs (from entities or clean JSON), applies options,
 * runs the pure `compute`, and merges input warnings and assumptions into the result. Unusable inputs make the
 * result not-computable with the reason named, rather than a crash.
 */
export function defineCalculator<Inputs extends InputSchema, Options extends OptionSchema>(
  definition: CalculatorDefinition<Inputs, Options>,
): Calculator {
  const checkOptions = (given: Readonly<Record<string, string>>): string[] => {
    const problems: string[] = [];
    for (const [name, value] of Object.entries(given)) {
      const spec = definition.options[name];
      if (spec === undefined) {
        const known = Object.keys(definition.options);
        problems.push(
          `unknown option "${name}"${known.length > 0 ? ` (known: ${known.join(', ')})` : ' (this calculator has none)'}`,
        );
      } else if (!spec.values.includes(value)) {
        problems.push(`option "${name}" must be one of ${spec.values.join(', ')}; got "${value}"`);
      }
    }
    return problems;
  };
  return {
    id: definition.id,
    version: definition.version,
    name: definition.name,
    medcalcId: definition.medcalcId,
    category: definition.category,
    outputType: definition.outputType,
    unit: definition.unit,
    reference: definition.reference,
    summary: definition.summary,
    inputs: definition.inputs,
    options: definition.options,
    checkOptions,
    run(source, runOptions) {
      const read = readInputs(definition.inputs, source, runOptions.origin);
      const options = resolveOptions(definition.options, runOptions.options ?? {});
      if (read.invalid.length > 0) {
        return {
          status: 'not-computable',
          missing: [],
          invalid: read.invalid,
          reason: `unusable input: ${read.invalid.map((input) => input.text).join('; ')}`,
          steps: [],
          assumptions: read.assumptions,
          warnings: read.warnings,
          unknownKeys: read.unknownKeys,
        };
      }
      const result = definition.compute(read.values as InputValues<Inputs>, options as OptionValues<Options>);
      return {
        ...result,
        assumptions: [...read.assumptions, ...result.assumptions],
        warnings: [...read.warnings, ...result.warnings],
        unknownKeys: read.unknownKeys,
      };
    },
  };
}
