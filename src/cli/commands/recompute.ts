import { AppError } from '../../app-error.js';
import { getCalculator } from '../../calculators/lookup.js';
import { recomputeInstance, summariseRecompute } from '../../verify/recompute.js';
import { formatTable, type CommandResult } from '../io.js';
import { loadDatasetForCli } from '../load-dataset.js';
import type { recomputeSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const RECOMPUTE_SCHEMA_VERSION = 1;

export async function recomputeCommand(options: CommandInput<typeof recomputeSpec>): Promise<CommandResult> {
  const dataset = await loadDatasetForCli(options.source, options.io);
  const only = options.calculator === undefined ? undefined : getCalculator(options.calculator).id;
  const instances = dataset.instances.filter(
    (instance) => only === undefined || instance.calculatorSlug === only,
  );
  if (instances.length === 0) {
    throw new AppError(
      'ARGUMENT_INVALID',
      `no rows${only === undefined ? '' : ` of ${only}`} in ${dataset.source}`,
      {
        fix: 'Check the --calculator value against `steward calc list`.',
      },
    );
  }
  const rows = instances.map((instance) => recomputeInstance(instance));
  const summary = summariseRecompute(rows, instances);
  const totals = summary.reduce(
    (sum, entry) => ({
      rows: sum.rows + entry.rows,
      computed: sum.computed + entry.computed,
      notComputable: sum.notComputable + entry.notComputable,
      agree: sum.agree + entry.agree,
    }),
    { rows: 0, computed: 0, notComputable: 0, agree: 0 },
  );
  const notable = rows.filter((row) => row.agrees !== true);
  const rowLines = notable.map((row) =>
    row.recomputed === null
      ? `  row ${row.id} (${row.calculator ?? '?'}): not computable: ${row.notComputable?.reason ?? ''}`
      : `  row ${row.id} (${row.calculator ?? '?'}): original ${row.original}, recomputed ${row.recomputed}${row.warnings.length > 0 ? ` (${row.warnings.length} warning${row.warnings.length > 1 ? 's' : ''})` : ''}`,
  );
  const text = [
    `${dataset.source}: ${totals.rows} rows, ${totals.computed} computed, ${totals.notComputable} not computable; ${totals.agree} agree with the original label (medcalc-v1.0 rules)`,
    '',
    formatTable(
      ['id', 'calculator', 'rows', 'computed', 'not computable', 'agree', 'disagree'],
      summary.map((entry) => [
        String(entry.calculatorId ?? '?'),
        entry.calculator,
        String(entry.rows),
        String(entry.computed),
        String(entry.notComputable),
        String(entry.agree),
        String(entry.disagree),
      ]),
    ),
    '',
    notable.length === 0
      ? 'every row agrees'
      : `rows that disagree or are not computable (${notable.length}; --json for steps and assumptions):`,
    ...rowLines,
  ].join('\n');
  return {
    text,
    json: {
      schemaVersion: RECOMPUTE_SCHEMA_VERSION,
      dataset: dataset.source,
      provenance: dataset.provenance,
      rules: 'medcalc-v1.0',
      totals,
      summary,
      rows,
    },
  };
}
