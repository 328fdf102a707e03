import type { BenchmarkCategory, BenchmarkOutputType, CalculatorSlug } from '../catalog/medcalc-bench.js';
import type { CalendarDate, QuantityKind } from '../units/index.js';
import type { CalculatorWarning, InvalidInput } from './warnings.js';

// ---------------------------------------------------------------- input specs

interface InputSpecBase {
  /** Human label, e.g. "Serum creatinine". */
  label: string;
  /** MedCalc-Bench `Relevant Entities` keys that carry this input, typos and variants included. */
  entityKeys: readonly string[];
  /** Extra guidance shown by `calc list` (criteria wording, what counts as true). */
  description?: string;
}

export interface QuantityInputSpec extends InputSpecBase {
  type: 'quantity';
  quantity: QuantityKind;
}

export interface BooleanInputSpec extends InputSpecBase {
  type: 'boolean';
}

export interface EnumInputSpec<Option extends string = string> extends InputSpecBase {
  type: 'enum';
  options: readonly Option[];
  /** Lower-cased, trimmed text -> option. Options themselves match case-insensitively without listing. */
  aliases?: Readonly<Record<string, Option>>;
  /** How a boolean entity value maps onto an option (for entities typed boolean|enum). */
  fromBoolean?: { true: Option; false: Option };
}

export interface NumberInputSpec extends InputSpecBase {
  type: 'number';
  /** Unit of a unitless-looking number (INR has none; GCS points; cycle length days). */
  unit?: string;
  /** Values outside are warned about, not rejected. */
  plausible?: readonly [number, number];
  integer?: boolean;
}

export interface SexInputSpec extends InputSpecBase {
  type: 'sex';
}

export interface DateInputSpec extends InputSpecBase {
  type: 'date';
}

export interface DrugDoseInputSpec<Drug extends string = string> extends InputSpecBase {
  type: 'drug-dose';
  drugs: readonly Drug[];
  /** Lower-cased drug text -> drug. */
  aliases?: Readonly<Record<string, Drug>>;
}

export type InputSpec =
  | QuantityInputSpec
  | BooleanInputSpec
  | EnumInputSpec
  | NumberInputSpec
  | SexInputSpec
  | DateInputSpec
  | DrugDoseInputSpec;

export type InputSchema = Readonly<Record<string, InputSpec>>;

export type Sex = 'male' | 'female';

export interface DrugDose<Drug extends string = string> {
  drug: Drug;
  /** Dose in mg. */
  doseMg: number;
}

/** The clean value a calculator receives for one input (quantities already in their canonical unit). */
export type InputValue<S extends InputSpec> = S extends QuantityInputSpec
  ? number
  : S extends BooleanInputSpec
    ? boolean
    : S extends EnumInputSpec<infer Option>
      ? Option
      : S extends NumberInputSpec
        ? number
        : S extends SexInputSpec
          ? Sex
          : S extends DateInputSpec
            ? CalendarDate
            : S extends DrugDoseInputSpec<infer Drug>
              ? DrugDose<Drug>
              : never;

/** Every input is optional: a missing entity means "not mentioned", and the calculator decides what that means. */
export type InputValues<Schema extends InputSchema> = { [Key in keyof Schema]?: InputValue<Schema[Key]> };

// ---------------------------------------------------------------- options (named conventions)

export interface OptionSpec<Value extends string = string> {
  values: readonly Value[];
  default: Value;
  /** What each choice means and which source backs it. */
  description: string;
  /**
   * The citation of a non-default choice that follows another published equation, one of the calculator's
   * `reference` entries: `calc run` cites it instead of the primary source when that choice is made.
   */
  sources?: Partial<Record<Value, string>>;
}

export type OptionSchema = Readonly<Record<string, OptionSpec>>;

export type OptionValues<Schema extends OptionSchema> = {
  [Key in keyof Schema]: Schema[Key] extends OptionSpec<infer Value> ? Value : never;
};

// ---------------------------------------------------------------- results

export type CalculatorValue =
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: CalendarDate }
  | { kind: 'weeks-days'; weeks: number; days: number };

export interface Step {
  /** One line of the derivation a physician can check, e.g. "Age 67 years (65–74): +1". */
  text: string;
  /** Points this criterion contributes, for scores. */
  points?: number;
}

export interface ComputedResult {
  status: 'computed';
  value: CalculatorValue;
  /** The answer as the benchmark writes it (decimals unrounded here; formatting happens at the edge). */
  answer: string;
  unit: string;
  steps: Step[];
  assumptions: string[];
  warnings: CalculatorWarning[];
}

export interface NotComputableResult {
  status: 'not-computable';
  /** Inputs that are required, missing, and have no clinical default. */
  missing: string[];
  /** Inputs that were present but unusable (unknown unit, unparsable value). */
  invalid: InvalidInput[];
  reason: string;
  steps: Step[];
  assumptions: string[];
  warnings: CalculatorWarning[];
}

export type CalculatorResult = ComputedResult | NotComputableResult;

export interface Reference {
  /** The primary paper or guideline. */
  primary: string;
  /** The MDCalc page name. */
  mdcalc: string;
  /** Further sources, e.g. for each side of a named option. */
  others?: readonly string[];
}

export interface CalculatorMeta {
  /** Stable slug. */
  id: CalculatorSlug;
  /** Semantic version of this implementation; bump when results can change. */
  version: string;
  name: string;
  medcalcId: number;
  category: BenchmarkCategory;
  outputType: BenchmarkOutputType;
  /** Unit of the answer. */
  unit: string;
  reference: Reference;
  /** One line: what it computes and the valid ranges of its inputs. */
  summary: string;
}

export interface CalculatorDefinition<
  Inputs extends InputSchema,
  Options extends OptionSchema,
> extends CalculatorMeta {
  inputs: Inputs;
  options: Options;
  compute(inputs: InputValues<Inputs>, options: OptionValues<Options>): CalculatorResult;
}
