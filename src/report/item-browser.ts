import { findOutputType } from '../audit/display.js';
import type { AuditItem } from '../audit/types.js';
import { compareText } from '../compare-text.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import { formatNumbersForDisplay, renderLabel } from './display-numbers.js';
import { escapeHtml } from './escape-html.js';
import { formatImpact, impactOf, renderItemDetail } from './item-detail.js';
import { STATUS_TITLES } from './method.js';
import { arrangeReasons } from './reasons.js';

/** The status filter's value for "every status but confirmed" (the default view). */
export const SUSPECT_FILTER = 'suspect';

/**
 * Every item in the order a maintainer should look at them: not confirmed first, highest `triage.impact` first;
 * ties by dataset row, then id, so the order is the same on every run.
 */
export function orderItemsForReview(items: readonly AuditItem[]): AuditItem[] {
  return [...items].sort(
    (a, b) =>
      Number(a.triage.status === 'confirmed') - Number(b.triage.status === 'confirmed') ||
      impactOf(b) - impactOf(a) ||
      a.row - b.row ||
      compareText(a.id, b.id),
  );
}

/** The categories of an item's findings (errors and warnings, all verdicts), in the closed set's order. */
function categoriesOfItem(item: AuditItem): string[] {
  const present = new Set(item.verdicts.flatMap((verdict) => verdict.categories));
  return ERROR_CATEGORIES.filter((category) => present.has(category));
}

/**
 * JSON for a `<script type="application/json">` block. Inside a script element only `</` (which can end it) and
 * `<!` (a comment opener, which changes how the end is found) are special, so those are escaped (`<\/`, `\u003c!`),
 * as are the line separators U+2028 and U+2029; the rest of the markup stays as written, so the file stays small.
 * The escapes are JSON escapes: `JSON.parse` gives back exactly the original strings.
 */
export function serialiseJsonForHtml(value: unknown): string {
  return JSON.stringify(value)
    .replace(/<\//g, '<\\/')
    .replace(/<!/g, '\\u003c!')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function renderRow(item: AuditItem): string {
  const groups = arrangeReasons(item.triage.reasons, item.triage.status);
  const first = groups[0];
  const decisive =
    first === undefined
      ? '<span class="muted">No reasons recorded.</span>'
      : `<code class="rule">[${escapeHtml(first.rule)}]</code> ${escapeHtml(formatNumbersForDisplay(first.details.length === 0 ? first.lead : `${first.lead}: ${first.details[0] ?? ''}`))}` +
        (groups.length > 1 ? ` <span class="muted">(+${groups.length - 1} more)</span>` : '');
  const categories = categoriesOfItem(item);
  const search = [item.id, item.calculatorName, ...item.triage.reasons.map((reason) => reason.text)]
    .join(' ')
    .toLowerCase();
  const outputType = findOutputType(item.calculatorId);
  const proposed =
    item.triage.proposedLabel === null ? '' : ` → ${renderLabel(item.triage.proposedLabel, outputType)}`;
  const hidden = item.triage.status === 'confirmed' ? ' hidden' : '';
  return (
    `<li class="item-row" data-item-id="${escapeHtml(item.id)}" data-status="${escapeHtml(item.triage.status)}" ` +
    `data-calculator="${escapeHtml(item.calculatorName)}" data-categories="${categories.join(' ')}" ` +
    `data-search="${escapeHtml(search)}"${hidden}>` +
    `<button type="button" class="item-button" data-item="${escapeHtml(item.id)}" aria-controls="item-detail" aria-expanded="false">` +
    `<span class="item-head"><code class="item-id">${escapeHtml(item.id)}</code> ` +
    `<span class="status status-${escapeHtml(item.triage.status)}">${escapeHtml(STATUS_TITLES[item.triage.status])}</span> ` +
    `<span class="item-label">${renderLabel(item.original.label, outputType)}${proposed}</span> ` +
    `<span class="muted item-impact">impact ${formatImpact(impactOf(item))}</span></span>` +
    `<span class="item-calculator">${escapeHtml(item.calculatorName)}</span>` +
    `<span class="item-reason">${decisive}</span></button></li>`
  );
}

function renderOptions(values: readonly { value: string; text: string }[], selected: string): string {
  return values
    .map(
      (option) =>
        `<option value="${escapeHtml(option.value)}"${option.value === selected ? ' selected' : ''}>${escapeHtml(option.text)}</option>`,
    )
    .join('');
}

function renderControls(items: readonly AuditItem[]): string {
  const suspect = items.filter((item) => item.triage.status !== 'confirmed').length;
  const statusOptions = [
    { value: SUSPECT_FILTER, text: `Not confirmed (${suspect})` },
    ...TRIAGE_STATUSES.map((status) => ({
      value: status,
      text: `${STATUS_TITLES[status]} (${items.filter((item) => item.triage.status === status).length})`,
    })),
    { value: 'all', text: `All items (${items.length})` },
  ];
  const calculators = [...new Set(items.map((item) => item.calculatorName))].sort(compareText);
  const calculatorOptions = [
    { value: '', text: 'All calculators' },
    ...calculators.map((name) => ({ value: name, text: name })),
  ];
  const categoryOptions = [
    { value: '', text: 'All categories' },
    ...ERROR_CATEGORIES.map((category) => ({ value: category, text: category })),
  ];
  return (
    '<form class="filters" id="item-filters" role="search" aria-label="Filter the items">' +
    `<label>Status <select id="filter-status" name="status">${renderOptions(statusOptions, SUSPECT_FILTER)}</select></label>` +
    `<label>Calculator <select id="filter-calculator" name="calculator">${renderOptions(calculatorOptions, '')}</select></label>` +
    `<label>Category <select id="filter-category" name="category">${renderOptions(categoryOptions, '')}</select></label>` +
    '<label class="search">Search <input id="filter-search" name="search" type="search" autocomplete="off" placeholder="id, calculator or reason text"></label>' +
    `</form><p id="item-count" class="item-count" aria-live="polite">Showing ${suspect} of ${items.length} items.</p>`
  );
}

/**
 * The `#items` section: every item in review order (`orderItemsForReview`), the confirmed ones hidden until the
 * status filter asks for them, with filters by status, calculator and category and a free-text search. An item's
 * full view (`renderItemDetail`) is embedded as JSON and put into the page only when the item is opened, so the
 * page lays out one list, not a thousand detail panels.
 */
export function renderItemsSection(items: readonly AuditItem[]): string {
  return [...renderItemsSectionParts(items)].join('');
}

/**
 * `renderItemsSection` in consecutive parts, for writing the page piece by piece: each item's full view is rendered
 * and serialised on its own, so the full views of a 1,047-item audit never sit in memory as one JSON string (and its
 * escaped and concatenated copies). Joined, the parts are exactly `renderItemsSection`'s text.
 */
export function* renderItemsSectionParts(items: readonly AuditItem[]): Generator<string> {
  const heading = '<h2 id="items-title">Items</h2>';
  const intro =
    '<p>Every item that is not confirmed, the most consequential first (triage impact). Filter or search, then open an item to see its reasons, ' +
    'our derivation and where it parts from the original explanation, and the note with the evidence marked. Choose “All items” to look up a confirmed one.</p>';
  if (items.length === 0) {
    yield `<section id="items" aria-labelledby="items-title">${heading}<p>No items to show: the audit has no items.</p></section>`;
    return;
  }
  const ordered = orderItemsForReview(items);
  yield (
    `<section id="items" aria-labelledby="items-title">${heading}${intro}${renderControls(items)}` +
    '<div class="item-browser"><div class="item-list-box">' +
    `<ol id="item-list" class="item-list">\n${ordered.map(renderRow).join('\n')}\n</ol>` +
    '<p id="item-none" class="muted" hidden>No item matches these filters.</p></div>' +
    '<div id="item-detail" class="item-detail" aria-live="polite"><p class="muted">Open an item from the list to see it here.</p></div></div>' +
    '<script type="application/json" id="item-data">{'
  );
  // The object the script holds maps item ids to full views, in the order JSON.stringify gives an object's keys
  // (integer-like ids first, ascending, then the others as inserted), which Object.keys reproduces.
  const byId = new Map(ordered.map((item) => [item.id, item]));
  const keys = Object.keys(Object.fromEntries(ordered.map((item) => [item.id, true])));
  for (const [index, id] of keys.entries()) {
    const item = byId.get(id);
    if (item === undefined) continue;
    const detail = renderItemDetail(item, { full: item.triage.status !== 'confirmed' });
    yield `${index === 0 ? '' : ','}${serialiseJsonForHtml(id)}:${serialiseJsonForHtml(detail)}`;
  }
  yield '}</script></section>';
}
