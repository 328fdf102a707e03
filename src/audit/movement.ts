import { compareText } from '../compare-text.js';
import { findPreviousRun, loadTriage } from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open.js';
import type { TriageRuleId } from '../triage/rules.js';
import type { TriageStatus } from '../triage/types.js';

/** One item whose triage status changed since the previous audit of its dataset. */
export interface MovedItem {
  itemId: string;
  from: TriageStatus;
  to: TriageStatus;
  /** The rule of the new decision's first (decisive) reason; null when it has no reason. */
  decisiveRule: TriageRuleId | null;
}

/** How the items of an audit moved between triage statuses since the previous audit of the same dataset. */
export interface RunMovement {
  previousRunId: string;
  /** Items in both runs whose status changed, in item-id order. */
  moved: MovedItem[];
  /** Moved items per `"<from>→<to>"`, keys in text order; pairs with no item are left out. */
  counts: Record<string, number>;
}

/** The key of `counts` for a move. */
export function formatMove(from: TriageStatus, to: TriageStatus): string {
  return `${from}→${to}`;
}

/**
 * Compares an audit run's triage decisions with those of the previous completed run of the same dataset
 * (`findPreviousRun`), item by item. Items decided in only one of the two runs are not moves. Null when there is
 * no previous run.
 */
export async function compareWithPreviousRun(
  db: StoreDatabase,
  options: { runId: string; datasetId: string },
): Promise<RunMovement | null> {
  const previous = await findPreviousRun(db, options);
  if (previous === undefined) return null;
  const [before, after] = await Promise.all([loadTriage(db, previous.id), loadTriage(db, options.runId)]);
  const moved: MovedItem[] = [];
  for (const [itemId, decision] of after) {
    const earlier = before.get(itemId);
    if (earlier === undefined || earlier.status === decision.status) continue;
    moved.push({
      itemId,
      from: earlier.status,
      to: decision.status,
      decisiveRule: decision.reasons[0]?.rule ?? null,
    });
  }
  moved.sort((a, b) => compareText(a.itemId, b.itemId));
  const tally = new Map<string, number>();
  for (const item of moved) {
    const key = formatMove(item.from, item.to);
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const counts = Object.fromEntries([...tally.entries()].sort(([a], [b]) => compareText(a, b)));
  return { previousRunId: previous.id, moved, counts };
}
