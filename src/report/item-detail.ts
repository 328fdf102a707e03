import { findOutputType } from '../audit/display.js';
import type { AuditItem } from '../audit/types.js';
import { renderDerivation } from './derivation.js';
import { formatNumbersForDisplay, renderLabel } from './display-numbers.js';
import { escapeHtml } from './escape-html.js';
import { collectLlmQuotes, renderLlmVerdicts } from './llm-verdicts.js';
import { STATUS_TITLES } from './method.js';
import { renderHighlightedNote } from './note-excerpt.js';
import type { NoteHighlight } from './note-excerpt.js';
import { arrangeReasons } from './reasons.js';
import type { ReasonGroup } from './reasons.js';

/** Every finding of the item, numbered from 1 across its verdicts (the numbers tie marks to findings). */
export function numberFindings(item: AuditItem) {
  return item.verdicts
    .flatMap((verdict) => verdict.findings.map((finding) => ({ verdict, finding })))
    .map((entry, index) => ({ ...entry, number: index + 1 }));
}

/** The findings' evidence (tagged with their numbers) and the LLM verdicts' quotes (marked, untagged). */
export function collectHighlights(item: AuditItem): NoteHighlight[] {
  return [
    ...numberFindings(item).flatMap(({ finding, number }) =>
      finding.evidence.map((span) => ({ start: span.start, end: span.end, findings: [number] })),
    ),
    ...collectLlmQuotes(item),
  ];
}

export function impactOf(item: AuditItem): number {
  return Number.isFinite(item.triage.impact) ? item.triage.impact : 0;
}

export function formatImpact(impact: number): string {
  return Number.isInteger(impact) ? String(impact) : impact.toFixed(2);
}

function renderReasonGroup(group: ReasonGroup): string {
  const details =
    group.details.length === 0
      ? ''
      : `<ul class="reason-details">${group.details.map((detail) => `<li>${escapeHtml(formatNumbersForDisplay(detail))}</li>`).join('')}</ul>`;
  return (
    `<li class="reason-${group.effect}"><code class="rule">[${escapeHtml(group.rule)}]</code> ` +
    `<span class="effect">${escapeHtml(group.effect)}</span> ${escapeHtml(formatNumbersForDisplay(group.lead))}` +
    `${group.details.length === 0 ? '' : ` (${group.details.length}):`}${details}</li>`
  );
}

/** The reasons once each, decisive first, reasons sharing a lead-in folded together (`arrangeReasons`). */
export function renderReasons(item: AuditItem): string {
  const groups = arrangeReasons(item.triage.reasons, item.triage.status);
  if (groups.length === 0) return '<p class="muted">No reasons recorded.</p>';
  return `<ul class="reasons">${groups.map(renderReasonGroup).join('')}</ul>`;
}

function renderFindings(item: AuditItem): string {
  const findings = numberFindings(item);
  if (findings.length === 0) return '<p class="muted">No findings.</p>';
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
      `${escapeHtml(formatNumbersForDisplay(finding.message))} <span class="muted">(${escapeHtml(verdict.verifier)} ${escapeHtml(verdict.verifierVersion)}, ${escapeHtml(verdict.assessment)})</span>` +
      `${evidenceList}</li>`
    );
  });
  return `<ol class="findings">${entries.join('')}</ol>`;
}

function renderNote(item: AuditItem): string {
  const highlights = collectHighlights(item);
  const marks = highlights.length;
  const caption =
    marks === 0
      ? 'No evidence spans: nothing is marked.'
      : 'Evidence marked: finding evidence is tagged with its finding number (F1, F2, …); LLM quotes are marked without a number.';
  return (
    `<p class="muted">${caption}</p>` +
    `<div class="note-box" tabindex="0" aria-label="${escapeHtml(`Note of item ${item.id}`)}"><p class="note">${renderHighlightedNote(item.note, highlights)}</p></div>`
  );
}

/**
 * One item in full, as the report opens it on a click: its facts, the reasons (once each, decisive first), our
 * derivation with every divergence, the note with the evidence marked, then the findings and LLM verdicts.
 * Without `full` (confirmed items), the note and the original explanation are left out.
 */
export function renderItemDetail(item: AuditItem, options: { full: boolean } = { full: true }): string {
  const findings = numberFindings(item).length;
  const outputType = findOutputType(item.calculatorId);
  const proposed =
    item.triage.proposedLabel === null
      ? '<span class="muted">none</span>'
      : renderLabel(item.triage.proposedLabel, outputType);
  const { lowerLimit, upperLimit } = item.original;
  const limits =
    lowerLimit === undefined && upperLimit === undefined
      ? ''
      : ` <span class="muted">(limits ${escapeHtml(lowerLimit ?? '?')} to ${escapeHtml(upperLimit ?? '?')})</span>`;
  const llm = renderLlmVerdicts(item);
  return (
    `<h3 class="detail-title" tabindex="-1">Item <code class="item-id">${escapeHtml(item.id)}</code> · ${escapeHtml(item.calculatorName)}</h3>` +
    '<dl class="facts detail-facts">' +
    `<dt>Status</dt><dd><span class="status status-${escapeHtml(item.triage.status)}">${escapeHtml(STATUS_TITLES[item.triage.status])}</span> <code>${escapeHtml(item.triage.status)}</code>, impact ${formatImpact(impactOf(item))}</dd>` +
    `<dt>Label</dt><dd>original ${renderLabel(item.original.label, outputType)}${limits} → proposed ${proposed}</dd>` +
    `<dt>Row</dt><dd>${item.row}</dd>` +
    `<dt>Question</dt><dd>${escapeHtml(item.question)}</dd></dl>` +
    `<section class="detail-part"><h4>Reasons</h4>${renderReasons(item)}</section>` +
    `<section class="detail-part derivation"><h4>Derivation</h4>${renderDerivation(item, options)}</section>` +
    (options.full
      ? `<section class="detail-part"><h4>Note</h4>${renderNote(item)}</section>`
      : `<p class="muted">Confirmed items are listed without their note, to keep this file small: <code>steward audit show ${escapeHtml(item.id)}</code> has it.</p>`) +
    `<details class="detail-part findings-part"><summary>Findings (${findings})</summary>${renderFindings(item)}</details>` +
    (llm === '' ? '' : `<details class="detail-part"><summary>LLM verdicts</summary>${llm}</details>`)
  );
}
