import type { AuditItem } from '../audit/types.js';
import { formatReason } from '../triage/reasons.js';
import { formatLabel, formatTable } from './io.js';

/** Characters of the first reason shown in a queue row; `steward audit show <id>` prints them all. */
const REASON_WIDTH = 60;

/**
 * The physician review queue as a text table, one row per item in queue order (rank 1 first): what `steward
 * audit` and `steward triage queue` both print.
 */
export function formatReviewQueueTable(items: readonly AuditItem[]): string {
  return formatTable(
    ['rank', 'id', 'calculator', 'original', 'candidate', 'impact', 'reasons (count · first)'],
    items.map((item, index) => {
      const first = item.triage.reasons[0];
      return [
        String(index + 1),
        item.id,
        item.calculatorName,
        item.original.label,
        formatLabel(item.triage.proposedLabel),
        item.triage.impact.toFixed(3),
        `${item.triage.reasons.length}${first === undefined ? '' : ` · ${formatReason(first).slice(0, REASON_WIDTH)}`}`,
      ];
    }),
  );
}
