import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../../app-error.js';
import {
  DEFAULT_SYSTEM_PROMPT,
  findReleaseFiles,
  parseDatasetSpec,
  planRlExport,
  readSourceItems,
  writeRlExport,
  RL_EXPORT_SCHEMA_VERSION,
  type RlFormat,
  type RlSourceItem,
  type SourceFile,
} from '../../rl/export.js';
import type { CommandResult } from '../io.js';
import type { rlExportSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

/** How to point each engine at the files (printed after the export). */
function describeNextStep(format: RlFormat, out: string, names: readonly string[]): string {
  const file = (name: string, extension: string) => `${out}/${name}.${extension}`;
  const train = names.includes('train') ? 'train' : (names[0] ?? 'all');
  const test = names.includes('test') ? 'test' : train;
  switch (format) {
    case 'verl':
      return `verl: data.train_files=${file(train, 'parquet')} data.val_files=${file(test, 'parquet')} custom_reward_function.path=<steward>/python/steward_reward/__init__.py (docs/rl.md)`;
    case 'openrlhf':
      return `OpenRLHF: --data.prompt_data ${file(train, 'jsonl')} --data.input_key prompt --data.apply_chat_template --data.label_key label --reward.remote_url http://127.0.0.1:8788/openrlhf (run \`steward reward serve\`)`;
    case 'trl':
      return `TRL: load_dataset("parquet", data_files="${file(train, 'parquet')}"); reward functions receive label, reward_model and extra_info as keyword arguments (docs/rl.md)`;
  }
}

async function readSystemPrompt(path: string | undefined, cwd: string): Promise<string> {
  if (path === undefined) return DEFAULT_SYSTEM_PROMPT;
  const text = await readFile(resolve(cwd, path), 'utf8').catch((error: unknown) => {
    throw new AppError('FILE_NOT_FOUND', `cannot read the system prompt ${path}`, {
      fix: 'Pass a UTF-8 text file with --system-prompt.',
      cause: error,
    });
  });
  if (text.trim() === '')
    throw new AppError('ARGUMENT_INVALID', `${path} is empty`, {
      fix: 'Write the system prompt into the file.',
    });
  return text.trim();
}

/** `steward rl export`: a release or dataset as RL training files for verl, OpenRLHF or TRL. */
export async function rlExportCommand(options: CommandInput<typeof rlExportSpec>): Promise<CommandResult> {
  const { io } = options;
  if ((options.release === undefined) === (options.dataset.length === 0))
    throw new AppError('ARGUMENT_INVALID', 'give either --release <dir> or --dataset <file> (not both)', {
      fix: 'e.g. steward rl export --release release/2026.12 --format verl --out rl/',
    });
  const sources: SourceFile[] =
    options.release === undefined
      ? options.dataset.map(parseDatasetSpec)
      : await findReleaseFiles(options.release, io.cwd);
  const systemPrompt = await readSystemPrompt(options.systemPrompt, io.cwd);
  const items: RlSourceItem[] = [];
  for (const source of sources) items.push(...(await readSourceItems(source, io.cwd)));
  const plan = planRlExport({
    items,
    systemPrompt,
    split: options.split === true,
    dropLeaks: options.dropLeaks === true,
    defaultLabelVersion: options.labelVersion ?? 'unversioned',
  });
  const out = resolve(io.cwd, options.out);
  const { files } = await writeRlExport(plan, { out, format: options.format, systemPrompt, sources });
  for (const warning of plan.warnings) io.stderr(`warning: ${warning}\n`);
  const { counts, leaks } = plan;
  const text = [
    `exported ${counts.exported} of ${counts.read} items to ${options.out} (${options.format})`,
    `left out: ${counts.withheld} withheld, ${counts.unknownStatus} with an unknown status, ${counts.noLabel} without a label; ${counts.notComputable} exported with an N/A label`,
    leaks === undefined
      ? 'leak check: needs both a train and a test split'
      : `leak check: ${leaks.trainRows} train rows share a note with ${leaks.testRows} test rows (${leaks.sharedNotes} notes)${leaks.dropped > 0 ? `; dropped ${leaks.dropped} from train` : ''}`,
    ...files.map((file) => `  ${file.name}  ${file.rows} rows  ${file.bytes} bytes`),
    describeNextStep(
      options.format,
      options.out,
      plan.files.map((file) => file.name),
    ),
  ].join('\n');
  return {
    text,
    json: {
      schemaVersion: RL_EXPORT_SCHEMA_VERSION,
      out,
      format: options.format,
      counts,
      leaks: leaks ?? null,
      warnings: plan.warnings,
      files,
    },
  };
}
