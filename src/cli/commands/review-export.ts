import { resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { getRuleSet } from '../../answers/index.js';
import { createAnswerAgreement } from '../../review/resolve.js';
import { loadReviewedItems } from '../../store/review.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import { checkWritable, writeFileAtomically } from '../output-file.js';
import type { reviewExportSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';

export const REVIEW_EXPORT_SCHEMA_VERSION = 1;

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
  const store = await openCliStore(options.io, options.db, true);
  try {
    const items = await loadReviewedItems(
      store.db,
      options.batch === undefined ? {} : { batchId: options.batch },
    );
    const decided = items.filter((item) => item.status === 'resolved' && item.finalOutcome !== null);
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
    const undecided = items.length - decided.length;
    const correct = rows.filter((row) => row.correct).length;
    return {
      text: `${outPath}: ${rows.length} decided items (${correct} original labels correct, ${rows.length - correct} not); ${undecided} review items not decided yet are left out`,
      json: {
        schemaVersion: REVIEW_EXPORT_SCHEMA_VERSION,
        file: outPath,
        items: rows.length,
        correct,
        undecided,
      },
    };
  } finally {
    await store.close();
  }
}
