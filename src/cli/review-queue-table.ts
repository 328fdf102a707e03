import { findOutputType } from '../audit/display.js';
import type { TriagedItem } from '../audit/types.js';
import { formatReason } from '../triage/reasons.js';
import type { ReasonEffect, TriageDecision, TriageReason } from '../triage/types.js';
import { formatLabel, formatTable, truncateAtWord } from './io.js';

/** Characters of the decisive reason shown in a queue row; `steward audit show <id>` prints them all. */
const REASON_WIDTH = 80;

/**
 * The reason that decided the item's status: for an item held for a physician the first rule that held it,
 * otherwise the rule that concluded (confirmed, relabel proposed, not computable). Context notes (abstentions,
 * ignored verifiers) never stand in for it unless nothing else was recorded (decisions stored before reasons had
 * effects read every reason as context).
 */
export function findDecisiveReason(triage: TriageDecision): TriageReason | undefined {
  const wanted: ReasonEffect = triage.status === 'needs-physician' ? 'holds' : 'decides';
  return (
    triage.reasons.find((reason) => reason.effect === wanted) ??
    triage.reasons.find((reason) => reason.effect !== 'context') ??
    triage.reasons[0]
  );
}

/**
 * The physician review queue as a text table, one row per item in queue order (rank 1 first): what `steward
 * audit` and `steward triage queue` both print. `id` is the item id (the dataset's Row Number, Unique ID or uid,
 * as `audit show <id>` takes it), never the calculator's; labels are shown with the precision of the
 * calculator's output type.
 */
export function formatReviewQueueTable(items: readonly TriagedItem[]): string {
  return formatTable(
    ['rank', 'id', 'calculator', 'original', 'candidate', 'impact', 'reasons (count · decisive)'],
    items.map((item, index) => {
      const decisive = findDecisiveReason(item.triage);
      const outputType = findOutputType(item.calculatorId);
      return [
        String(index + 1),
        item.id,
        item.calculatorName,
        formatLabel(item.original.label, outputType),
        formatLabel(item.triage.proposedLabel, outputType),
        item.triage.impact.toFixed(3),
        `${item.triage.reasons.length}${decisive === undefined ? '' : ` · ${truncateAtWord(formatReason(decisive), REASON_WIDTH)}`}`,
      ];
    }),
  );
}
