import { formatLabelForDisplay } from '../audit/display.js';
import type { AuditItem } from '../audit/types.js';
import { compareText } from '../compare-text.js';
import type { TriageReason } from '../triage/types.js';
import { escapeHtml } from './escape-html.js';
import { STATUS_TITLES } from './method.js';

/** A label shown to 3 decimals, with the exact stored value as a tooltip when the two differ. */
function codeWithExactTitle(label: string): string {
  const shown = formatLabelForDisplay(label);
  return shown === label
    ? `<code>${escapeHtml(label)}</code>`
    : `<code title="${escapeHtml(label)}">${escapeHtml(shown)}</code>`;
}
import { collectLlmQuotes, renderLlmVerdicts } from './llm-verdicts.js';
import { renderHighlightedNote, renderNoteExcerpt } from './note-excerpt.js';
import type { NoteHighlight } from './note-excerpt.js';

/** How much of the note to show when an item has no evidence spans at all. */
const NOTE_OPENING = 300;

function impactOf(item: AuditItem): number {
  return Number.isFinite(item.triage.impact) ? item.triage.impact : 0;
}

/**
 * The `count` most consequential items: not confirmed, highest `triage.impact` first; ties by dataset row, then
 * id, so the selection is the same on every run.
 */
export function selectTopItems(items: readonly AuditItem[], count: number): AuditItem[] {
  return items
    .filter((item) => item.triage.status !== 'confirmed')
    .sort((a, b) => impactOf(b) - impactOf(a) || a.row - b.row || compareText(a.id, b.id))
    .slice(0, count);
}

/** Every finding of the item, numbered from 1 across its verdicts (the numbers tie marks to findings). */
function numberFindings(item: AuditItem) {
  return item.verdicts
    .flatMap((verdict) => verdict.findings.map((finding) => ({ verdict, finding })))
    .map((entry, index) => ({ ...entry, number: index + 1 }));
}

function formatImpact(impact: number): string {
  return Number.isInteger(impact) ? String(impact) : impact.toFixed(2);
}

function renderOriginalLabel(item: AuditItem): string {
  const { label, lowerLimit, upperLimit } = item.original;
  const limits =
    lowerLimit === undefined && upperLimit === undefined
      ? ''
      : `<br><span class="muted">limits ${escapeHtml(lowerLimit ?? '?')} to ${escapeHtml(upperLimit ?? '?')}</span>`;
  return `<code>${escapeHtml(label)}</code>${limits}`;
}

function renderFindings(item: AuditItem): string {
  const findings = numberFindings(item);
  if (findings.length === 0) return '<span class="muted">No findings.</span>';
  const entries = findings.map(({ verdict, finding, number }) => {
    const entity =
      finding.entity === undefined
        ? ''
        : ` <span class="muted">(entity <code>${escapeHtml(finding.entity)}</code>)</span>`;
    const evidence = finding.evidence.map((span) => {
      const matches = item.note.slice(span.start, span.end) === span.text;
      const warning = matches ? '' : ' <strong>(offsets do not match the quoted text)</strong>';
      return `<li>characters ${span.start}–${span.end}: “${escapeHtml(span.text)}”${warning}</li>`;
    });
    const evidenceList = evidence.length === 0 ? '' : `<ul class="evidence">${evidence.join('')}</ul>`;
    return (
      `<li><strong>F${number}</strong> ` +
      `<span class="severity">${escapeHtml(finding.severity)}</span> <code>${escapeHtml(finding.category)}</code>${entity}: ` +
      `${escapeHtml(finding.message)} <span class="muted">(${escapeHtml(verdict.verifier)} ${escapeHtml(verdict.verifierVersion)}, ${escapeHtml(verdict.assessment)})</span>` +
      `${evidenceList}</li>`
    );
  });
  return `<ul class="findings">${entries.join('')}</ul>`;
}

/** The findings' evidence (tagged with their numbers) and the LLM verdicts' quotes (marked, untagged). */
function collectHighlights(item: AuditItem): NoteHighlight[] {
  return [
    ...numberFindings(item).flatMap(({ finding, number }) =>
      finding.evidence.map((span) => ({ start: span.start, end: span.end, findings: [number] })),
    ),
    ...collectLlmQuotes(item),
  ];
}

function renderExcerpt(item: AuditItem): string {
  const highlights = collectHighlights(item);
  const excerpt = renderNoteExcerpt(item.note, highlights);
  const shown =
    excerpt === ''
      ? `<p class="muted">No evidence spans; the note begins:</p><p class="note">${escapeHtml(
          item.note.slice(0, NOTE_OPENING),
        )}${item.note.length > NOTE_OPENING ? '<span class="excerpt-gap">…</span>' : ''}</p>`
      : `<p class="note excerpt-text">${excerpt}</p>`;
  const full = `<details><summary>Full note (${item.note.length} characters)</summary><p class="note">${renderHighlightedNote(
    item.note,
    highlights,
  )}</p></details>`;
  return shown + full;
}

/** The reasons in their stored order (decisive first), each rule and text once; context reasons are muted. */
function renderReasons(item: AuditItem): string {
  const distinct = item.triage.reasons.filter(
    (reason, index, all) =>
      all.findIndex((other) => other.rule === reason.rule && other.text === reason.text) === index,
  );
  if (distinct.length === 0) return '<span class="muted">None recorded.</span>';
  const renderReason = (reason: TriageReason) =>
    `<li class="reason-${reason.effect}"><code class="rule">[${escapeHtml(reason.rule)}]</code> ${escapeHtml(reason.text)}</li>`;
  return `<ul class="reasons">${distinct.map(renderReason).join('')}</ul>`;
}

function renderItemRows(item: AuditItem, rank: number): string {
  const proposed =
    item.triage.proposedLabel === null
      ? '<span class="muted">none</span>'
      : codeWithExactTitle(item.triage.proposedLabel);
  const cells = [
    `<td class="number">${rank}</td>`,
    `<th scope="row"><code class="item-id">${escapeHtml(item.id)}</code><br><span class="muted">row ${item.row}</span></th>`,
    `<td>${escapeHtml(item.calculatorName)}</td>`,
    `<td>${renderOriginalLabel(item)}</td>`,
    `<td>${proposed}</td>`,
    `<td><span class="status">${escapeHtml(STATUS_TITLES[item.triage.status])}</span><br><code>${escapeHtml(item.triage.status)}</code></td>`,
    `<td class="number">${formatImpact(impactOf(item))}</td>`,
    `<td>${renderReasons(item)}</td>`,
  ];
  // Findings and the note need the table's full width, so they get a second row under the item's facts.
  const evidence =
    `<td colspan="${HEADINGS.length}" aria-label="${escapeHtml(`Findings and note of item ${item.id}`)}"><div class="evidence-grid">` +
    `<div><h3 class="cell-title">Findings</h3>${renderFindings(item)}${renderLlmVerdicts(item)}</div>` +
    `<div class="excerpt"><h3 class="cell-title">Note excerpt, evidence marked</h3>${renderExcerpt(item)}</div></div></td>`;
  return (
    `<tr class="item-facts" data-item-id="${escapeHtml(item.id)}">${cells.join('')}</tr>\n` +
    `<tr class="item-evidence" data-evidence-for="${escapeHtml(item.id)}">${evidence}</tr>`
  );
}

const HEADINGS = [
  'Rank',
  'Item',
  'Calculator',
  'Original label',
  'Proposed label',
  'Status',
  'Impact',
  'Reasons',
];

/** The `#top-items` section: a table of the most consequential items with their evidence in the note. */
export function renderTopItemsSection(items: readonly AuditItem[], count: number): string {
  const suspect = items.filter((item) => item.triage.status !== 'confirmed').length;
  const top = selectTopItems(items, count);
  const heading = '<h2 id="top-items-title">Most consequential items</h2>';
  const intro =
    `<p>The ${top.length} item${top.length === 1 ? '' : 's'} with the highest triage impact among the ${suspect} ` +
    'items that are not confirmed. Each item takes two rows: its facts, then its findings (and LLM verdicts: runs, vote and input quotes) and the note with the evidence marked and tagged with the number of its finding (F1, F2, …).</p>';
  if (top.length === 0) {
    return `<section id="top-items" aria-labelledby="top-items-title">${heading}<p>No items to show: every item is confirmed or none was asked for.</p></section>`;
  }
  const head = HEADINGS.map((title) => `<th scope="col">${title}</th>`).join('');
  const rows = top.map((item, index) => renderItemRows(item, index + 1)).join('\n');
  return (
    `<section id="top-items" aria-labelledby="top-items-title">${heading}${intro}` +
    `<div class="table-scroll"><table id="top-items-table"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table></div></section>`
  );
}
