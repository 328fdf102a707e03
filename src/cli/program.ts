import { readFileSync } from 'node:fs';
import { packagePath } from '../package-root.js';
import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { COMMAND_GROUPS, COMMAND_TABLE } from './command-table.js';
import type { CommandEntry, OptionSpec } from './define-command.js';
import type { CliIo } from './io.js';
import { writeResult } from './io.js';

function parseWholeNumber(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(parsed)) {
    throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  }
  return parsed;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The version in the package's package.json, read when asked. */
export function readPackageVersion(): string {
  const text = readFileSync(packagePath('package.json'), 'utf8');
  const parsed: unknown = JSON.parse(text);
  if (
    typeof parsed === 'object' &&
    parsed !== null &&
    'version' in parsed &&
    typeof parsed.version === 'string'
  ) {
    return parsed.version;
  }
  throw new Error('package.json has no version');
}

function toCommanderOption(spec: OptionSpec<unknown>): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.parser === 'whole-number') option.argParser(parseWholeNumber);
  if (spec.parser === 'repeatable') option.argParser(collect);
  if (spec.choices !== undefined) option.choices(spec.choices);
  if (spec.defaultValue !== undefined) option.default(spec.defaultValue);
  if (spec.required === true) option.makeOptionMandatory();
  if (spec.hidden === true) option.hideHelp();
  return option;
}

function addCommand(
  parent: Command,
  entry: CommandEntry,
  output: { io: CliIo; setExitCode: (code: number) => void },
): Command {
  const { spec } = entry;
  const command = parent.command(spec.path[spec.path.length - 1] ?? '').description(spec.description);
  const argumentNames = Object.keys(spec.arguments);
  for (const argument of Object.values(spec.arguments)) {
    command.addArgument(new Argument(argument.name, argument.description));
  }
  for (const option of Object.values(spec.options)) command.addOption(toCommanderOption(option));
  if (spec.examples.length > 0) {
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((example) => `  ${example}`).join('\n')}`);
  }
  command.action(async (...parameters: unknown[]) => {
    const values: Record<string, unknown> = { ...command.opts() };
    argumentNames.forEach((name, index) => {
      values[name] = parameters[index];
    });
    const result = await entry.run(values, output.io);
    output.setExitCode(writeResult(output.io, result, values['json'] === true));
  });
  return command;
}

/** Builds the commander program from the command table; nothing runs and no command module loads until parse. */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('steward')
    .description(
      'Keeps LLM-assisted clinical benchmarks honest: inspect, recompute and re-score MedCalc-Bench.',
    )
    .version(readPackageVersion())
    .exitOverride()
    // Options after a subcommand belong to it: `audit show 12 --db x --json` must not hand --db/--json to `audit`.
    .enablePositionalOptions()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const commands = new Map<string, Command>([['', program]]);
  for (const entry of COMMAND_TABLE) {
    let parent = program;
    for (let depth = 1; depth < entry.spec.path.length; depth++) {
      const key = entry.spec.path.slice(0, depth).join(' ');
      let group = commands.get(key);
      if (group === undefined) {
        const word = entry.spec.path[depth - 1] ?? '';
        group = parent.command(word).description(COMMAND_GROUPS[word] ?? '');
        commands.set(key, group);
      }
      parent = group;
    }
    commands.set(entry.spec.path.join(' '), addCommand(parent, entry, { io, setExitCode }));
  }
  return program;
}
