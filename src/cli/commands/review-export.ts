import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { getRuleSet } from '../../answers/index.js';
import { createAnswerAgreement } from '../../review/resolve.js';
import { loadReviewedItems } from '../../store/review-outcomes.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';
import type { reviewExportSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import { readInputText } from '../input-file.js';
import { readCsvRows } from '../../dataset/read-rows.js';
import { sampleFromRows } from '../../triage/sample-file.js';

export const REVIEW_EXPORT_SCHEMA_VERSION = 1;

/** The item ids of a `triage sample --out` file. */
async function readSampleIds(path: string, cwd: string): Promise<Set<string>> {
  const text = await readInputText(path, { cwd, fix: 'Give the CSV `steward triage sample --out` wrote.' });
  const sample = sampleFromRows(readCsvRows(text, path), path);
  return new Set(sample.items.map((item) => item.itemId));
}

/**
 * `steward review export`: the outcomes of decided items as `id,correct` — whether the original label matches the
 * final label within the batch's answer rules (a not-computable final label makes a value label incorrect) — the
 * file `steward triage estimate --outcomes` reads. Undecided items are left out and counted.
 */
export async function reviewExportCommand(
  options: CommandInput<typeof reviewExportSpec>,
): Promise<CommandResult> {
  const outPath = resolve(options.io.cwd, options.out);
  checkWritable(outPath, 'outcomes file');
  const sampleIds =
    options.sample === undefined ? undefined : await readSampleIds(options.sample, options.io.cwd);
  const store = await openCliStore(options.io, options.db, true);
  try {
    const items = await loadReviewedItems(
      store.db,
      options.batch === undefined ? {} : { batchId: options.batch },
    );
    const inScope = sampleIds === undefined ? items : items.filter((item) => sampleIds.has(item.itemId));
    const decided = inScope.filter((item) => item.status === 'resolved' && item.finalOutcome !== null);
    const seen = new Set<string>();
    const rows: { id: string; correct: boolean; finalLabel: string; provenance: string; batch: string }[] =
      [];
    for (const item of decided) {
      // An item reviewed in several batches: the latest decision (batches are loaded oldest first) wins.
      if (seen.has(item.itemId)) {
        const index = rows.findIndex((row) => row.id === item.itemId);
        rows.splice(index, 1);
      }
      seen.add(item.itemId);
      const same = createAnswerAgreement(getRuleSet(item.ruleSet), item.calculatorId ?? undefined);
      const correct = item.finalOutcome === 'answer' && same(item.originalLabel, item.finalLabel ?? '');
      rows.push({
        id: item.itemId,
        correct,
        finalLabel: item.finalOutcome === 'not-computable' ? 'N/A' : (item.finalLabel ?? ''),
        provenance: item.provenance?.method ?? '',
        batch: item.batchId,
      });
    }
    writeFileAtomically(
      outPath,
      stringify(
        rows.map((row) => ({
          id: row.id,
          correct: String(row.correct),
          final_label: row.finalLabel,
          provenance: row.provenance,
          batch: row.batch,
        })),
        {
          header: true,
          columns: ['id', 'correct', 'final_label', 'provenance', 'batch'],
        },
      ),
    );
    const undecided = inScope.length - decided.length;
    // With a sample, every sampled item needs an outcome for `triage estimate`: name the ones still missing.
    const missing =
      sampleIds === undefined ? [] : [...sampleIds].filter((id) => !rows.some((row) => row.id === id));
    const correct = rows.filter((row) => row.correct).length;
    return {
      text: [
        `${outPath}: ${rows.length} decided items (${correct} original labels correct, ${rows.length - correct} not); ${undecided} review items not decided yet are left out`,
        ...(missing.length === 0
          ? []
          : [
              `${missing.length} sampled item${missing.length === 1 ? ' has' : 's have'} no decided review yet (${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ', …' : ''}): \`triage estimate\` needs every one`,
            ]),
      ].join('\n'),
      json: {
        schemaVersion: REVIEW_EXPORT_SCHEMA_VERSION,
        file: outPath,
        items: rows.length,
        correct,
        undecided,
        missingFromSample: missing,
      },
    };
  } finally {
    await store.close();
  }
}
