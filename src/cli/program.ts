import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliIo } from './io.js';
import { writeResult } from './io.js';

const VERSION = '0.1.0';

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
    // Options after a subcommand belong to it: `audit show 12 --db x --json` must not hand --db/--json to `audit`.
    .enablePositionalOptions()
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

  const audit = program
    .command('audit')
    .description(
      'Audit every label of a dataset: run the verifiers, triage each item, store everything, optionally write an HTML report.',
    )
    .argument('<dataset>', 'dataset file or hub id')
    .option(
      '--db <dir>',
      'embedded database folder (default ./.steward/db; DATABASE_URL selects a PostgreSQL server instead)',
    )
    .option('--verifiers <names>', 'comma-separated verifiers to run (default: recompute,entity-check)')
    .option('--policy <file>', 'triage policy JSON (default: the built-in policy, docs/triage-policy.md)')
    .addOption(
      new Option('--rules <id>', 'how a computed answer is compared with the label')
        .choices(['medcalc-v1.0', 'relative-5pct'])
        .default('medcalc-v1.0'),
    )
    .option('--report <file>', 'write a self-contained HTML report')
    .option(
      '--budget <n>',
      'physician review budget: list the n most consequential contentious items',
      parseWholeNumber,
    )
    .addOption(new Option('--batch-size <n>', 'items per transaction').argParser(parseWholeNumber).hideHelp())
    .option('--json', 'one object per item plus the summary')
    .addHelpText(
      'after',
      '\nExamples:\n  steward audit ../shared/data/medcalc-bench-v1.0/test_data.csv --report audit.html\n  steward audit ncbi/MedCalc-Bench-v1.0:test --budget 50 --json > audit.json\n  steward audit show 868',
    )
    .action(
      async (
        source: string,
        options: {
          db?: string;
          verifiers?: string;
          policy?: string;
          rules: string;
          report?: string;
          budget?: number;
          batchSize?: number;
          json?: boolean;
        },
      ) => {
        const { auditCommand } = await import('./commands/audit.js');
        const result = await auditCommand({ source, ...options, io });
        setExitCode(writeResult(io, result, options.json === true));
      },
    );
  audit
    .command('show')
    .description(
      'One audited item with all its evidence: note, entities, verdicts, findings, triage, history.',
    )
    .argument('<id>', 'the item id (Row Number / Unique ID)')
    .option('--db <dir>', 'embedded database folder (default ./.steward/db)')
    .option('--dataset <key-or-file>', 'the dataset file or its stored key (default: the latest audit)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, options: { db?: string; dataset?: string; json?: boolean }) => {
      const { auditShowCommand } = await import('./commands/audit-show.js');
      const result = await auditShowCommand({ id, ...options, io });
      setExitCode(writeResult(io, result, options.json === true));
    });

  const triage = program.command('triage').description('Work with the triage of the latest audit.');
  triage
    .command('sample')
    .description(
      'Draw a stratified random validation sample of audited items, to estimate label accuracy with a confidence interval.',
    )
    .requiredOption('--n <n>', 'sample size', parseWholeNumber)
    .requiredOption('--seed <seed>', 'random seed (same seed, same sample)')
    .addOption(
      new Option('--strata <strata>', 'what the strata are')
        .choices(['status', 'status-calculator'])
        .default('status'),
    )
    .option('--db <dir>', 'embedded database folder (default ./.steward/db)')
    .option('--dataset <key-or-file>', 'the dataset file or its stored key (default: the latest audit)')
    .option('--out <file>', 'also write the sample as CSV (id, stratum, weight, …)')
    .option('--json', 'machine-readable output')
    .action(
      async (options: {
        n: number;
        seed: string;
        strata: 'status' | 'status-calculator';
        db?: string;
        dataset?: string;
        out?: string;
        json?: boolean;
      }) => {
        const { triageSampleCommand } = await import('./commands/triage-sample.js');
        const result = await triageSampleCommand({ ...options, io });
        setExitCode(writeResult(io, result, options.json === true));
      },
    );
  triage
    .command('estimate')
    .description(
      'Estimate label accuracy with a 95% CI from physician outcomes on a validation sample (stratified estimator).',
    )
    .requiredOption('--sample <file>', 'the CSV written by `steward triage sample --out`')
    .requiredOption('--outcomes <file>', 'CSV with id,correct (true/false) for every sampled item')
    .option('--json', 'machine-readable output')
    .action(async (options: { sample: string; outcomes: string; json?: boolean }) => {
      const { triageEstimateCommand } = await import('./commands/triage-estimate.js');
      const result = triageEstimateCommand({ ...options, io });
      setExitCode(writeResult(io, result, options.json === true));
    });
  triage
    .command('queue')
    .description(
      'The physician review queue of the latest audit: contentious items, most consequential first.',
    )
    .option('--budget <n>', 'how many items physicians can review', parseWholeNumber)
    .option('--db <dir>', 'embedded database folder (default ./.steward/db)')
    .option('--dataset <key-or-file>', 'the dataset file or its stored key (default: the latest audit)')
    .option('--json', 'machine-readable output')
    .action(async (options: { budget?: number; db?: string; dataset?: string; json?: boolean }) => {
      const { triageQueueCommand } = await import('./commands/triage-queue.js');
      const result = await triageQueueCommand({ ...options, io });
      setExitCode(writeResult(io, result, options.json === true));
    });

  return program;
}
