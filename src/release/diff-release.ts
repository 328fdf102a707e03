import { compareText } from '../compare-text.js';
import type { ReleaseSide } from './read-release.js';

export interface RowChange {
  id: string;
  calculatorName: string;
  from: { label: string; status: string } | null;
  to: { label: string; status: string } | null;
}

export interface ReleaseDiff {
  from: string;
  to: string;
  /** Items in both whose label differs. */
  labelChanges: RowChange[];
  /** Items in both whose label is the same but whose status differs. */
  statusChanges: RowChange[];
  /** Items only in `to` / only in `from` (e.g. withheld rows omitted by one of them). */
  added: RowChange[];
  removed: RowChange[];
  unchanged: number;
}

function byId(a: RowChange, b: RowChange): number {
  const numeric = Number(a.id) - Number(b.id);
  return Number.isNaN(numeric) || numeric === 0 ? compareText(a.id, b.id) : numeric;
}

/** Compares two releases (or a release and its source) item by item (pure). */
export function diffReleases(from: ReleaseSide, to: ReleaseSide): ReleaseDiff {
  const diff: ReleaseDiff = {
    from: from.name,
    to: to.name,
    labelChanges: [],
    statusChanges: [],
    added: [],
    removed: [],
    unchanged: 0,
  };
  for (const [id, before] of from.rows) {
    const after = to.rows.get(id);
    const change: RowChange = {
      id,
      calculatorName: before.calculatorName,
      from: { label: before.label, status: before.status },
      to: after === undefined ? null : { label: after.label, status: after.status },
    };
    if (after === undefined) diff.removed.push(change);
    else if (after.label !== before.label) diff.labelChanges.push(change);
    else if (after.status !== before.status) diff.statusChanges.push(change);
    else diff.unchanged += 1;
  }
  for (const [id, after] of to.rows) {
    if (!from.rows.has(id))
      diff.added.push({
        id,
        calculatorName: after.calculatorName,
        from: null,
        to: { label: after.label, status: after.status },
      });
  }
  for (const list of [diff.labelChanges, diff.statusChanges, diff.added, diff.removed]) list.sort(byId);
  return diff;
}
