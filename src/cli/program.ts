import { Command, Option } from 'commander';
import type { CliIo } from './io.js';
import { writeResult } from './io.js';

const VERSION = '0.1.0';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * The command table. Each action lazily imports its module, so starting the CLI loads nothing else and has no
 * side effects.
 */
export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('steward')
    .description(
      'Keeps LLM-assisted clinical benchmarks honest: inspect, recompute and re-score MedCalc-Bench.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');

  const dataset = program.command('dataset').description('Load and validate benchmark datasets.');
  dataset
    .command('inspect')
    .description('Counts per calculator, category, output type and note type, and every validation problem.')
    .argument(
      '[source]',
      'a CSV/JSONL/Parquet file, or a Hugging Face id such as ncbi/MedCalc-Bench-v1.0[@revision][:split]',
    )
    .option('--data <path>', 'a local dataset file (instead of the positional source)')
    .option('--refresh', 'check the hub for a newer copy even when cached')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExamples:\n  steward dataset inspect ../shared/data/medcalc-bench-v1.0/test_data.csv\n  steward dataset inspect ncbi/MedCalc-Bench-v1.0:test --json',
    )
    .action(
      async (source: string | undefined, options: { data?: string; refresh?: boolean; json?: boolean }) => {
        const { inspectDatasetCommand } = await import('./commands/dataset-inspect.js');
        const result = await inspectDatasetCommand({
          source: options.data ?? source,
          refresh: options.refresh === true,
          io,
        });
        setExitCode(writeResult(io, result, options.json === true));
      },
    );

  program
    .command('score')
    .description(
      'Score model responses against a dataset: accuracy overall, per category and per calculator with Wilson 95% CIs.',
    )
    .requiredOption('--dataset <source>', 'dataset file or hub id')
    .requiredOption('--responses <file>', 'JSONL with {"id": ..., "response": "<model text>"} per line')
    .addOption(
      new Option('--rules <id>', 'answer rule set')
        .choices(['medcalc-v1.0', 'relative-5pct'])
        .default('medcalc-v1.0'),
    )
    .addOption(
      new Option(
        '--style <style>',
        "where the answer is: JSON dict, <answer> tags, or auto (default: the rule set's)",
      ).choices(['json', 'tag', 'auto']),
    )
    .option('--json', 'machine-readable output with per-row results')
    .action(
      async (options: {
        dataset: string;
        responses: string;
        rules: string;
        style?: 'json' | 'tag' | 'auto';
        json?: boolean;
      }) => {
        const { scoreCommand } = await import('./commands/score.js');
        const result = await scoreCommand({ ...options, io });
        setExitCode(writeResult(io, result, options.json === true));
      },
    );

  const calc = program.command('calc').description('The 55 MedCalc-Bench calculators.');
  calc
    .command('list')
    .description(
      'Id, name, category, output type, inputs with units, options and reference of every calculator.',
    )
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const { listCalculatorsCommand } = await import('./commands/calc-list.js');
      setExitCode(writeResult(io, listCalculatorsCommand(), options.json === true));
    });
  calc
    .command('run')
    .description('Run one calculator on inputs given as JSON (our input names; see `calc list`).')
    .argument('<calculator>', 'slug, MedCalc-Bench id or name')
    .requiredOption('--inputs <json>', 'e.g. \'{"age": 70, "sex": "female", "creatinine": [1.2, "mg/dL"]}\'')
    .option(
      '--option <name=value>',
      'a named convention, repeatable (e.g. --option naegele=calendar)',
      collect,
      [],
    )
    .option('--entities', 'the inputs are MedCalc-Bench Relevant Entities keys instead of our input names')
    .option('--json', 'machine-readable output')
    .action(
      async (
        calculator: string,
        options: { inputs: string; option: string[]; entities?: boolean; json?: boolean },
      ) => {
        const { runCalculatorCommand } = await import('./commands/calc-run.js');
        const result = runCalculatorCommand({
          calculator,
          inputs: options.inputs,
          options: options.option,
          entities: options.entities === true,
        });
        setExitCode(writeResult(io, result, options.json === true));
      },
    );

  program
    .command('recompute')
    .description(
      "Apply each row's calculator to its stored Relevant Entities and compare with the original label (medcalc-v1.0 rules).",
    )
    .argument('<dataset>', 'dataset file or hub id')
    .option('--calculator <id>', 'only rows of this calculator (slug, id or name)')
    .option('--json', 'machine-readable output with every row')
    .action(async (source: string, options: { calculator?: string; json?: boolean }) => {
      const { recomputeCommand } = await import('./commands/recompute.js');
      const result = await recomputeCommand({
        source,
        ...(options.calculator === undefined ? {} : { calculator: options.calculator }),
        io,
      });
      setExitCode(writeResult(io, result, options.json === true));
    });

  return program;
}
