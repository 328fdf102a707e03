import type { RunMovement } from '../audit/movement.js';
import { sortCalculatorsBySuspectRate } from '../audit/summary.js';
import type { AuditReport, AuditSummary } from '../audit/types.js';
import type { DatasetProvenance } from '../dataset/instance.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import type { FindingSeverity } from '../verify/types.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH } from './browser-script.js';
import { describeSuspectRate, renderAuditCharts } from './charts.js';
import type { RenderedAuditChart } from './charts.js';
import { escapeHtml } from './escape-html.js';
import { CATEGORY_MEANINGS, SEVERITY_MEANINGS, STATUS_MEANINGS, STATUS_TITLES } from './method.js';
import { REPORT_CSS } from './report-style.js';
import { renderItemsSectionParts } from './item-browser.js';
import { wilsonInterval } from '../stats/proportion.js';

export interface AuditHtmlOptions {
  /**
   * How items moved between triage statuses since the previous audit of the dataset (`compareWithPreviousRun`):
   * when given, the report gets a `#movement` section after `#totals` (null: there was no previous audit).
   */
  movement?: RunMovement | null;
}

/** The section ids of the report, in page order: stable anchors for links and tests. */
export const REPORT_SECTION_IDS = ['header', 'totals', 'items', 'calculators', 'charts', 'method'] as const;

// Blocks every fetch and every script but the report's own (by its hash): the file must work offline, and a
// mistake in escaping cannot run code.
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ${REPORT_SCRIPT_HASH}`;

function formatShare(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

function renderProvenance(provenance: DatasetProvenance | undefined): string {
  if (provenance === undefined) return '<dt>Provenance</dt><dd>Not recorded (rows built in memory).</dd>';
  if (provenance.kind === 'file') {
    return (
      `<dt>File</dt><dd><code>${escapeHtml(provenance.path)}</code> (${provenance.bytes} bytes)</dd>` +
      `<dt>SHA-256</dt><dd class="hash">${escapeHtml(provenance.sha256)}</dd>`
    );
  }
  const files = provenance.files
    .map(
      (file) =>
        `<li><code>${escapeHtml(file.path)}</code> (${file.bytes} bytes), SHA-256 <span class="hash">${escapeHtml(file.sha256)}</span></li>`,
    )
    .join('');
  return (
    `<dt>Hub repository</dt><dd><code>${escapeHtml(provenance.repo)}</code>, split <code>${escapeHtml(provenance.split)}</code></dd>` +
    `<dt>Revision</dt><dd><code>${escapeHtml(provenance.revision)}</code>, commit <span class="hash">${escapeHtml(provenance.commit)}</span></dd>` +
    `<dt>Files</dt><dd><ul>${files}</ul></dd>`
  );
}

/** The `#movement` section: the moves between statuses, counted, then each moved item with its decisive rule. */
export function renderMovementSection(movement: RunMovement | null): string {
  const heading = '<h2 id="movement-title">Moved since the previous audit</h2>';
  if (movement === null) {
    return `<section id="movement" aria-labelledby="movement-title">${heading}<p>No earlier completed audit of this dataset to compare with.</p></section>`;
  }
  const intro = `<p>Compared with audit run <code>${escapeHtml(movement.previousRunId)}</code>: ${movement.moved.length} item${movement.moved.length === 1 ? '' : 's'} changed status.</p>`;
  if (movement.moved.length === 0) {
    return `<section id="movement" aria-labelledby="movement-title">${heading}${intro}</section>`;
  }
  const counts = Object.entries(movement.counts)
    .map(
      ([move, count]) => `<tr><th scope="row">${escapeHtml(move)}</th><td class="number">${count}</td></tr>`,
    )
    .join('');
  const items = movement.moved
    .map(
      (item) =>
        `<tr><th scope="row"><code class="item-id">${escapeHtml(item.itemId)}</code></th><td><code>${escapeHtml(item.from)}</code></td>` +
        `<td><code>${escapeHtml(item.to)}</code></td><td>${item.decisiveRule === null ? '<span class="muted">none</span>' : `<code class="rule">[${escapeHtml(item.decisiveRule)}]</code>`}</td></tr>`,
    )
    .join('\n');
  return (
    `<section id="movement" aria-labelledby="movement-title">${heading}${intro}` +
    `<table id="movement-counts"><caption>Items per move</caption><thead><tr><th scope="col">From → to</th><th scope="col" class="number">Items</th></tr></thead><tbody>${counts}</tbody></table>` +
    '<details><summary>Moved items</summary><div class="table-scroll"><table id="movement-items"><thead><tr><th scope="col">Item</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Decisive rule now</th></tr></thead>' +
    `<tbody>\n${items}\n</tbody></table></div></details></section>`
  );
}

function renderHeader(report: AuditReport, withMovement: boolean): string {
  const verifiers =
    report.verifiers.length === 0
      ? 'None recorded.'
      : `<ul>${report.verifiers
          .map(
            (verifier) =>
              `<li><code>${escapeHtml(verifier.name)}</code> ${escapeHtml(verifier.version)}</li>`,
          )
          .join('')}</ul>`;
  const links = [
    ['totals', 'Totals'],
    ...(withMovement ? [['movement', 'Moved since the previous audit']] : []),
    ['items', 'Items'],
    ['calculators', 'Calculators'],
    ['charts', 'Charts'],
    ['method', 'Method'],
  ]
    .map(([id, title]) => `<li><a href="#${id}">${title}</a></li>`)
    .join('');
  const { summary } = report;
  const suspect = summary.items - summary.byStatus.confirmed;
  const counts = TRIAGE_STATUSES.map(
    (status) => `${summary.byStatus[status]} ${escapeHtml(STATUS_TITLES[status].toLowerCase())}`,
  ).join(', ');
  return (
    '<header id="header"><h1>Steward audit report: MedCalc-Bench labels</h1>' +
    `<p class="lead"><strong>${summary.items}</strong> items audited from <code>${escapeHtml(report.dataset.source)}</code>: ` +
    `<strong>${suspect}</strong> not confirmed (${formatShare(suspect, summary.items)}); ${counts}.</p>` +
    '<details class="provenance"><summary>Dataset, provenance, verifiers and policy</summary><dl class="facts">' +
    `<dt>Dataset source</dt><dd><code>${escapeHtml(report.dataset.source)}</code></dd>` +
    `<dt>Rows</dt><dd>${report.dataset.rows} in the dataset, ${report.summary.items} audited</dd>` +
    renderProvenance(report.dataset.provenance) +
    `<dt>Generated</dt><dd><time datetime="${escapeHtml(report.generatedAt)}">${escapeHtml(report.generatedAt)}</time></dd>` +
    `<dt>Verifiers</dt><dd>${verifiers}</dd>` +
    `<dt>Rule set</dt><dd><code>${escapeHtml(report.ruleSet.id)}</code> ${escapeHtml(report.ruleSet.version)}</dd>` +
    `<dt>Triage policy</dt><dd><code>${escapeHtml(report.policy.name)}</code>, hash <span class="hash">${escapeHtml(report.policy.hash)}</span></dd>` +
    `</dl></details><nav aria-label="Sections"><ul>${links}</ul></nav></header>`
  );
}

function renderTotals(summary: AuditSummary): string {
  const statusRows = TRIAGE_STATUSES.map(
    (status) =>
      `<tr><th scope="row">${escapeHtml(STATUS_TITLES[status])} <code>${status}</code></th>` +
      `<td class="number">${summary.byStatus[status]}</td><td class="number">${formatShare(summary.byStatus[status], summary.items)}</td></tr>`,
  ).join('');
  const categoryRows = ERROR_CATEGORIES.map(
    (category) =>
      `<tr><th scope="row"><code>${category}</code></th><td class="number">${summary.byCategory[category]}</td>` +
      `<td class="number">${formatShare(summary.byCategory[category], summary.items)}</td></tr>`,
  ).join('');
  const head = (first: string) =>
    `<thead><tr><th scope="col">${first}</th><th scope="col" class="number">Items</th><th scope="col" class="number">Share of items</th></tr></thead>`;
  return (
    '<section id="totals" aria-labelledby="totals-title"><h2 id="totals-title">Totals</h2><div class="totals-grid">' +
    `<table id="totals-status"><caption>Items per triage status</caption>${head('Status')}<tbody>${statusRows}</tbody>` +
    `<tfoot><tr><th scope="row">Not confirmed</th><td class="number">${summary.items - summary.byStatus.confirmed}</td><td class="number">${formatShare(summary.items - summary.byStatus.confirmed, summary.items)}</td></tr>` +
    `<tr><th scope="row">All items</th><td class="number">${summary.items}</td><td class="number">${formatShare(summary.items, summary.items)}</td></tr></tfoot></table>` +
    `<table id="totals-category"><caption>Items per error category (an item with findings in several categories counts in each; info findings are not counted)</caption>${head('Category')}<tbody>${categoryRows}</tbody></table>` +
    '</div></section>'
  );
}

function renderCharts(charts: readonly RenderedAuditChart[]): string {
  const figures = charts
    .map(
      (chart) =>
        `<figure id="${chart.id}" role="group" aria-labelledby="${chart.id}-caption"><figcaption id="${chart.id}-caption">${escapeHtml(chart.title)}</figcaption>` +
        `<div class="chart chart-wide">${chart.svg}</div><div class="chart chart-narrow">${chart.narrowSvg}</div>` +
        `<p class="chart-alternative">${escapeHtml(chart.description)}</p></figure>`,
    )
    .join('\n');
  const note =
    '<p>Every bar is labelled with its figures, and the tables in this report hold the same numbers; colour only repeats what the labels say.</p>';
  return `<section id="charts" aria-labelledby="charts-title"><h2 id="charts-title">Charts</h2>${note}\n${figures}</section>`;
}

function renderCalculators(summary: AuditSummary): string {
  const statusHeads = TRIAGE_STATUSES.map(
    (status) => `<th scope="col" class="number">${escapeHtml(STATUS_TITLES[status])}</th>`,
  ).join('');
  const rows = sortCalculatorsBySuspectRate(summary.byCalculator)
    .map((calculator) => {
      const statusCells = TRIAGE_STATUSES.map(
        (status) => `<td class="number">${calculator.byStatus[status]}</td>`,
      ).join('');
      const { low, high } = wilsonInterval(calculator.suspect, calculator.items);
      const interval =
        `<span class="interval" role="img" aria-label="${escapeHtml(describeSuspectRate(calculator))}">` +
        `<span class="interval-range" style="left:${(100 * low).toFixed(1)}%;width:${(100 * (high - low)).toFixed(1)}%"></span>` +
        `<span class="interval-point" style="left:${((100 * calculator.suspect) / Math.max(1, calculator.items)).toFixed(1)}%"></span></span>`;
      return (
        `<tr><th scope="row"><a href="#items" data-show-calculator="${escapeHtml(calculator.calculatorName)}">${escapeHtml(calculator.calculatorName)}</a></th>` +
        `<td class="number">${calculator.calculatorId ?? '–'}</td>` +
        `<td class="number">${calculator.items}</td><td class="number">${calculator.suspect}</td>` +
        `<td class="number">${formatShare(calculator.suspect, calculator.items)}</td>` +
        `<td class="number ci">${(100 * low).toFixed(0)}–${(100 * high).toFixed(0)}%</td><td class="interval-cell">${interval}</td>${statusCells}</tr>`
      );
    })
    .join('\n');
  const columns = 7 + TRIAGE_STATUSES.length;
  const body = rows === '' ? `<tr><td colspan="${columns}">No items.</td></tr>` : rows;
  return (
    '<section id="calculators" aria-labelledby="calculators-title"><h2 id="calculators-title">Per calculator</h2>' +
    '<p>Suspect items are those whose triage is anything but confirmed. With 2 to 20 items per calculator a rate alone says little, so each comes with its ' +
    'Wilson 95% confidence interval (drawn on a 0–100% scale: the bar is the interval, the tick the rate). Highest rate first; a name opens its items.</p>' +
    '<div class="table-scroll"><table id="calculators-table"><thead><tr><th scope="col">Calculator</th><th scope="col" class="number">ID</th>' +
    '<th scope="col" class="number">Items</th><th scope="col" class="number">Suspect</th><th scope="col" class="number">Suspect rate</th>' +
    '<th scope="col" class="number">95% CI</th><th scope="col">Interval</th>' +
    `${statusHeads}</tr></thead><tbody>\n${body}\n</tbody></table></div></section>`
  );
}

function renderMethod(): string {
  const statuses = TRIAGE_STATUSES.map(
    (status) =>
      `<dt>${escapeHtml(STATUS_TITLES[status])} (<code>${status}</code>)</dt><dd>${escapeHtml(STATUS_MEANINGS[status])}</dd>`,
  ).join('');
  const categories = ERROR_CATEGORIES.map(
    (category) => `<dt><code>${category}</code></dt><dd>${escapeHtml(CATEGORY_MEANINGS[category])}</dd>`,
  ).join('');
  const severities = (Object.keys(SEVERITY_MEANINGS) as FindingSeverity[])
    .map((severity) => `<dt><code>${severity}</code></dt><dd>${escapeHtml(SEVERITY_MEANINGS[severity])}</dd>`)
    .join('');
  return (
    '<section id="method" aria-labelledby="method-title"><h2 id="method-title">Method</h2>' +
    '<p>Each item was reviewed by the verifiers listed above; a triage policy then read their verdicts and gave the item a status. ' +
    'The impact of an item is the triage policy’s estimate of the consequence of its label being wrong; it ranks items within this audit only.</p>' +
    `<h3 id="method-statuses">Triage statuses</h3><dl>${statuses}</dl>` +
    `<h3 id="method-categories">Error categories</h3><dl>${categories}</dl>` +
    `<h3 id="method-severities">Finding severities</h3><dl>${severities}</dl>` +
    '<h3 id="method-evidence">Evidence in the note</h3><p>Evidence spans are character offsets into the note. ' +
    'Marked text is shaded and underlined, and followed by the numbers of the findings it supports. ' +
    'Overlapping or touching spans are shown as one mark; an ellipsis stands for text left out of the excerpt. ' +
    'The quotes an LLM verifier gave for the inputs it read are marked too, without a finding number.</p></section>'
  );
}

/**
 * Renders an audit as one self-contained HTML page: inline CSS, SVG charts and one inline script (allowed by its
 * hash), no external URLs. Sections: `#header` (the totals in a sentence; dataset, provenance, verifiers, policy
 * folded), `#totals`, `#movement` (only when `options.movement` is given), `#items` (every non-confirmed item,
 * filterable and searchable, each opening on a click with its reasons, derivation and marked note),
 * `#calculators` (suspect rates with Wilson 95% intervals), `#charts` and `#method`.
 * Deterministic: the same report gives the same bytes.
 */
export async function renderAuditReportHtml(
  report: AuditReport,
  options: AuditHtmlOptions = {},
): Promise<string> {
  return [...(await renderAuditReportParts(report, options))].join('');
}

/**
 * `renderAuditReportHtml` in consecutive parts (the charts are drawn first), for writing the page to a file piece by
 * piece (`writePartsAtomically`): the items' full views are then never held as one string. Joined, the parts are
 * exactly the page.
 */
export async function renderAuditReportParts(
  report: AuditReport,
  options: AuditHtmlOptions = {},
): Promise<Iterable<string>> {
  const charts = await renderAuditCharts(report.summary);
  const lines = (parts: readonly string[]) => parts.join('\n');
  function* parts(): Generator<string> {
    yield lines([
      '<!DOCTYPE html>',
      '<html lang="en">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<link rel="icon" href="data:,">',
      `<title>Steward audit report: ${escapeHtml(report.dataset.source)}</title>`,
      `<style>${REPORT_CSS}</style>`,
      '</head>',
      '<body>',
      renderHeader(report, options.movement !== undefined),
      '<main>',
      renderTotals(report.summary),
      ...(options.movement === undefined ? [] : [renderMovementSection(options.movement)]),
      '',
    ]);
    yield* renderItemsSectionParts(report.items);
    yield lines([
      '',
      renderCalculators(report.summary),
      renderCharts(charts),
      renderMethod(),
      '</main>',
      `<footer><p class="muted">Generated by Steward from audit schema version ${report.schemaVersion}.</p></footer>`,
      `<script>${REPORT_SCRIPT}</script>`,
      '</body>',
      '</html>',
      '',
    ]);
  }
  return parts();
}
