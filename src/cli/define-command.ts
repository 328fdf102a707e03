import type { CliIo, CommandResult } from './io.js';

/** Type-level only: the value commander produces for an option or argument. Never set at run time. */
declare const valueType: unique symbol;

/** How commander parses an option's text (`text` keeps it as given). */
export type OptionParser = 'flag' | 'text' | 'whole-number' | 'repeatable';

/** One option of a command, as data: the table turns it into a commander `Option`. */
export interface OptionSpec<Value> {
  /** As commander writes them: `--rules <id>`, `--json`. The key in the table is their camelCase name. */
  readonly flags: string;
  readonly description: string;
  readonly parser: OptionParser;
  readonly choices?: readonly string[];
  readonly defaultValue?: string | readonly string[];
  readonly required?: boolean;
  readonly hidden?: boolean;
  readonly [valueType]?: { value: Value };
}

/** One positional argument: `<name>` is required, `[name]` optional. */
export interface ArgumentSpec<Value> {
  readonly name: `<${string}>` | `[${string}]`;
  readonly description: string;
  readonly [valueType]?: { value: Value };
}

// Boxed: inferring straight from an optional property would drop `undefined` from the value's type.
type ValueOf<Spec> = Spec extends { readonly [valueType]?: { value: infer Value } } ? Value : never;

type OptionSpecs = Record<string, OptionSpec<unknown>>;
type ArgumentSpecs = Record<string, ArgumentSpec<unknown>>;

/** A command as data: its words, help, arguments (in order) and options. Every command has `--json`. */
export interface CommandSpec<
  Arguments extends ArgumentSpecs = ArgumentSpecs,
  Options extends OptionSpecs = OptionSpecs,
> {
  /** The words that run it: `['audit', 'show']`. */
  readonly path: readonly [string, ...string[]];
  readonly description: string;
  readonly arguments: Arguments;
  readonly options: Options & { json: OptionSpec<boolean | undefined> };
  readonly examples: readonly string[];
}

/** What a command's action receives: its arguments and options by name, typed from its spec. */
export type CommandValues<Spec> =
  Spec extends CommandSpec<infer Arguments, infer Options>
    ? { -readonly [Name in keyof Arguments]: ValueOf<Arguments[Name]> } & {
        -readonly [Name in keyof Options]: ValueOf<Options[Name]>;
      } & { json: boolean | undefined }
    : never;

/** The input of a command module's function: its parsed values plus where to write. */
export type CommandInput<Spec> = CommandValues<Spec> & { io: CliIo };

/** A table row: a spec plus an action that imports its command module only when the command runs. */
export interface CommandEntry {
  readonly spec: CommandSpec;
  readonly run: (values: Record<string, unknown>, io: CliIo) => Promise<CommandResult>;
}

export function defineCommand<Arguments extends ArgumentSpecs, Options extends OptionSpecs>(
  spec: CommandSpec<Arguments, Options>,
): CommandSpec<Arguments, Options> {
  return spec;
}

/** Pairs a spec with its lazily imported action; the cast is sound because commander fills values per spec. */
export function connectCommand<Spec extends CommandSpec>(
  spec: Spec,
  run: (values: CommandValues<Spec>, io: CliIo) => Promise<CommandResult>,
): CommandEntry {
  return { spec, run: (values, io) => run(values as CommandValues<Spec>, io) };
}

export function describeRequiredArgument(name: `<${string}>`, description: string): ArgumentSpec<string> {
  return { name, description };
}

export function describeOptionalArgument(
  name: `[${string}]`,
  description: string,
): ArgumentSpec<string | undefined> {
  return { name, description };
}

export function describeFlag(flags: string, description: string): OptionSpec<boolean | undefined> {
  return { flags, description, parser: 'flag' };
}

export function describeText(flags: string, description: string): OptionSpec<string | undefined> {
  return { flags, description, parser: 'text' };
}

export function describeRequiredText(flags: string, description: string): OptionSpec<string> {
  return { flags, description, parser: 'text', required: true };
}

export function describeWholeNumber(
  flags: string,
  description: string,
  settings: { hidden?: boolean } = {},
): OptionSpec<number | undefined> {
  return { flags, description, parser: 'whole-number', ...settings };
}

export function describeRequiredWholeNumber(flags: string, description: string): OptionSpec<number> {
  return { flags, description, parser: 'whole-number', required: true };
}

export function describeRepeatable(flags: string, description: string): OptionSpec<string[]> {
  return { flags, description, parser: 'repeatable', defaultValue: [] };
}

/** One of a closed list; with a default the value is always present. */
export function describeChoice<const Choice extends string>(
  flags: string,
  description: string,
  settings: { choices: readonly Choice[] },
): OptionSpec<Choice | undefined>;
export function describeChoice<const Choice extends string>(
  flags: string,
  description: string,
  settings: { choices: readonly Choice[]; defaultValue: NoInfer<Choice> },
): OptionSpec<Choice>;
export function describeChoice(
  flags: string,
  description: string,
  settings: { choices: readonly string[]; defaultValue?: string },
): OptionSpec<string | undefined> {
  return { flags, description, parser: 'text', ...settings };
}
