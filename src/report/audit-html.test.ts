import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error.js';
import type { AuditItem } from '../audit/types.js';
import {
  buildAuditItem,
  buildAuditReport,
  buildSyntheticAuditReport,
} from './__fixtures__/synthetic-audit.js';
import { REPORT_SECTION_IDS, renderAuditReportHtml } from './audit-html.js';

function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The HTML of one item's evidence row in `#top-items`. */
function evidenceRow(html: string, itemId: string): string {
  const match = new RegExp(`<tr class="item-evidence" data-evidence-for="${itemId}">(.*?)</tr>`, 's').exec(
    html,
  );
  if (match?.[1] === undefined) throw new Error(`no evidence row for ${itemId}`);
  return match[1];
}

/** The marks of the excerpt (first `p.note`) of an item, unescaped. */
function excerptMarks(html: string, itemId: string): string[] {
  const excerpt = /<p class="note excerpt-text">(.*?)<\/p>/s.exec(evidenceRow(html, itemId))?.[1] ?? '';
  return [...excerpt.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((match) => unescapeHtml(match[1] ?? ''));
}

function topItemIds(html: string): string[] {
  return [...html.matchAll(/<tr class="item-facts" data-item-id="([^"]*)">/g)].map((match) => match[1] ?? '');
}

const HOSTILE_NOTE = 'Pt said <script>alert(1)</script> & "left" \'now\'; Cr <1.2 mg/dL > baseline.';

function buildHostileReport() {
  const items: AuditItem[] = [
    buildAuditItem({
      id: 'x<1>&"2"',
      row: 1,
      note: HOSTILE_NOTE,
      calculatorName: 'Score <img src=x onerror=alert(2)>',
      label: '<b>7</b>',
      proposedLabel: '"8" & <i>',
      reasons: [{ rule: 'relabel', effect: 'decides', text: 'recompute says <script>alert(3)</script>' }],
      impact: 5,
      findings: [
        {
          category: 'extraction-error',
          message: 'entity <u>Cr</u> & "friends"',
          entity: "Cr'<",
          spans: [[8, 33]],
        },
      ],
    }),
  ];
  return buildAuditReport(items);
}

describe('renderAuditReportHtml', () => {
  it('has every section, once, in order, and a lang attribute', async () => {
    const html = await renderAuditReportHtml(buildSyntheticAuditReport(80));
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const positions = REPORT_SECTION_IDS.map((id) => {
      const occurrences = html.split(`id="${id}"`).length - 1;
      expect(occurrences, id).toBe(1);
      return html.indexOf(`id="${id}"`);
    });
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    for (const id of ['chart-status', 'chart-category', 'chart-suspect-rate', 'chart-status-by-calculator']) {
      expect(html).toMatch(new RegExp(`<figure id="${id}"[^>]*>.*?<svg`, 's'));
    }
  });

  it('states the dataset, its provenance, the generation time, the verifiers and the policy in the header', async () => {
    const report = buildSyntheticAuditReport(10);
    const header =
      /<header id="header">(.*?)<\/header>/s.exec(await renderAuditReportHtml(report))?.[1] ?? '';
    expect(header).toContain('hub:ncbi/MedCalc-Bench-v1.0 &lt;test&gt; &amp; &quot;split&quot;');
    expect(header).toContain('0123456789abcdef0123456789abcdef01234567');
    expect(header).toContain('a'.repeat(64));
    expect(header).toContain('2026-11-25T10:00:00.000Z');
    expect(header).toContain('<code>recompute</code> 1.0.0');
    expect(header).toContain('<code>llm-&lt;judge&gt;</code> 0.3.1');
    expect(header).toContain(`<code>default</code>, hash <span class="hash">${'b'.repeat(64)}</span>`);

    const fileReport = {
      ...report,
      dataset: {
        ...report.dataset,
        provenance: { kind: 'file' as const, path: '/d/test.csv', bytes: 9, sha256: 'c'.repeat(64) },
      },
    };
    expect(await renderAuditReportHtml(fileReport)).toContain(`<dd class="hash">${'c'.repeat(64)}</dd>`);
    const bare = { ...report, dataset: { ...report.dataset, provenance: undefined } };
    expect(await renderAuditReportHtml(bare)).toContain('Not recorded');
  });

  it('escapes every piece of data: a note with a script tag yields no script element', async () => {
    const html = await renderAuditReportHtml(buildHostileReport());
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<(b|i|u)>/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Score &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<code>&lt;b&gt;7&lt;/b&gt;</code>');
    expect(html).toContain('<code>&quot;8&quot; &amp; &lt;i&gt;</code>');
    expect(html).toContain(
      '<code class="rule">[relabel]</code> recompute says &lt;script&gt;alert(3)&lt;/script&gt;',
    );
    expect(html).toContain('entity &lt;u&gt;Cr&lt;/u&gt; &amp; &quot;friends&quot;');
    expect(html).toContain('data-item-id="x&lt;1&gt;&amp;&quot;2&quot;"');
    // The only tags are the report's own: every "<" in the file opens a known element or a comment-free closing tag.
    const tags = new Set(
      [...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((match) => match[1]?.toLowerCase()),
    );
    expect([...tags].filter((tag) => tag !== undefined && !ALLOWED_TAGS.has(tag))).toEqual([]);
  });

  it('marks the evidence at the right offsets: at the note start and end, overlapping and adjacent', async () => {
    const note = '<Na> 140 & K 4.1; "Cr" 1.2 mg/dL; albumin 3.0 g/dL; end<';
    const item = buildAuditItem({
      id: 'spans',
      note,
      impact: 1,
      findings: [
        { category: 'extraction-error', spans: [[0, 4]] }, // '<Na>' at the very start
        {
          category: 'unit-conversion',
          spans: [
            [18, 22],
            [20, 26],
          ],
        }, // '"Cr"' overlapping '" 1.2'
        {
          category: 'format',
          spans: [
            [34, 41],
            [41, 45],
          ],
        }, // 'albumin' adjacent to ' 3.0'
        { category: 'implausible-input', severity: 'warning', spans: [[note.length - 4, note.length]] }, // 'end<'
      ],
    });
    const html = await renderAuditReportHtml(buildAuditReport([item]));
    expect(excerptMarks(html, 'spans')).toEqual(['<Na>', '"Cr" 1.2', 'albumin 3.0', 'end<']);
    const row = evidenceRow(html, 'spans');
    expect(row).toContain('<mark title="Evidence for finding 1" data-findings="1">&lt;Na&gt;</mark>');
    expect(row).toContain('data-findings="2">&quot;Cr&quot; 1.2</mark>');
    expect(row).toContain('data-findings="3">albumin 3.0</mark>');
    expect(row).toContain('data-findings="4">end&lt;</mark>');
    expect(row).toContain('characters 0–4: “&lt;Na&gt;”');
    expect(row).not.toContain('do not match');
  });

  it('flags evidence whose quoted text does not match the note at its offsets', async () => {
    const item = buildAuditItem({
      id: 'bad',
      note: 'abc def',
      impact: 1,
      findings: [{ category: 'format', spans: [[0, 3]] }],
    });
    const finding = item.verdicts[0]?.findings[0];
    if (finding?.evidence[0] !== undefined) finding.evidence[0].text = 'xyz';
    expect(evidenceRow(await renderAuditReportHtml(buildAuditReport([item])), 'bad')).toContain(
      'do not match',
    );
  });

  it('lists the non-confirmed items by impact, highest first, ties by row, and honours topItems', async () => {
    const items = [
      buildAuditItem({ id: 'low', row: 1, note: 'n', impact: 1 }),
      buildAuditItem({ id: 'confirmed-high', row: 2, note: 'n', impact: 99, status: 'confirmed' }),
      buildAuditItem({ id: 'high', row: 3, note: 'n', impact: 50, status: 'needs-physician' }),
      buildAuditItem({ id: 'tie-late', row: 9, note: 'n', impact: 10, status: 'not-computable' }),
      buildAuditItem({ id: 'tie-early', row: 4, note: 'n', impact: 10 }),
    ];
    const report = buildAuditReport(items);
    expect(topItemIds(await renderAuditReportHtml(report))).toEqual(['high', 'tie-early', 'tie-late', 'low']);
    expect(topItemIds(await renderAuditReportHtml(report, { topItems: 2 }))).toEqual(['high', 'tie-early']);
    const none = await renderAuditReportHtml(report, { topItems: 0 });
    expect(topItemIds(none)).toEqual([]);
    expect(none).toContain('id="top-items"');
    await expect(renderAuditReportHtml(report, { topItems: -1 })).rejects.toBeInstanceOf(AppError);
    await expect(renderAuditReportHtml(report, { topItems: 2.5 })).rejects.toThrow(/whole number/);
  });

  it('lists 25 items by default and every finding with its category and severity', async () => {
    const report = buildSyntheticAuditReport(200);
    const html = await renderAuditReportHtml(report);
    const ids = topItemIds(html);
    expect(ids).toHaveLength(25);
    for (const id of ids) {
      const item = report.items.find((candidate) => candidate.id === id);
      const row = evidenceRow(html, id);
      for (const finding of item?.verdicts.flatMap((verdict) => verdict.findings) ?? []) {
        expect(row).toContain(
          `<span class="severity">${finding.severity}</span> <code>${finding.category}</code>`,
        );
      }
    }
  });

  it('has one calculator row per calculator with its suspect count and rate', async () => {
    const report = buildSyntheticAuditReport(120);
    const table =
      /<table id="calculators-table">(.*?)<\/table>/s.exec(await renderAuditReportHtml(report))?.[1] ?? '';
    const rows = table.match(/<tr><th scope="row">/g) ?? [];
    expect(rows).toHaveLength(report.summary.byCalculator.length);
    const first = report.summary.byCalculator[0]!;
    const rate = `${((100 * first.suspect) / first.items).toFixed(1)}%`;
    expect(table).toContain(
      `<td class="number">${first.items}</td><td class="number">${first.suspect}</td><td class="number">${rate}</td>`,
    );
  });

  it('refers to nothing outside the file and runs no script', async () => {
    const html = await renderAuditReportHtml(buildSyntheticAuditReport(60));
    expect(html).not.toMatch(/\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    for (const match of html.matchAll(/\bhref="([^"]*)"/g)) expect(match[1]).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/<script|\bon[a-z]+\s*=/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
  });

  it('renders an audit without items', async () => {
    const html = await renderAuditReportHtml(buildAuditReport([]));
    expect(html).toContain('No items to show');
    expect(html).toContain('<td colspan="9">No items.</td>');
  });

  it('shows each reason once with its rule id, in the stored order, context reasons muted', async () => {
    const holds = {
      rule: 'blocking-finding',
      effect: 'holds',
      text: 'entity-check reports extraction-error',
    } as const;
    const context = { rule: 'abstained', effect: 'context', text: 'llm abstained: timeout' } as const;
    const item = buildAuditItem({
      id: 'reasons',
      note: 'n',
      status: 'needs-physician',
      impact: 1,
      reasons: [holds, context, { ...holds }, { ...holds, text: 'another finding' }],
    });
    const html = await renderAuditReportHtml(buildAuditReport([item]));
    const list = /<ul class="reasons">(.*?)<\/ul>/s.exec(html)?.[1] ?? '';
    expect(
      [
        ...list.matchAll(
          /<li class="reason-([a-z]+)"><code class="rule">\[([a-z-]+)\]<\/code> ([^<]*)<\/li>/g,
        ),
      ].map((match) => `${match[1]} ${match[2]} ${match[3]}`),
    ).toEqual([
      'holds blocking-finding entity-check reports extraction-error',
      'context abstained llm abstained: timeout',
      'holds blocking-finding another finding',
    ]);
  });

  it('is deterministic: the same audit renders to the same bytes', async () => {
    // Rendering speed is measured by `npm run bench`, not asserted here: a shared machine makes timings flaky.
    const report = buildSyntheticAuditReport(1047);
    const html = await renderAuditReportHtml(report);
    expect(await renderAuditReportHtml(buildSyntheticAuditReport(1047))).toBe(html);
  });
});

const ALLOWED_TAGS = new Set(
  (
    'html head meta link title style body header main footer nav section h1 h2 h3 p ul li dl dt dd a code span strong ' +
    'br time table caption thead tbody tfoot tr th td div figure figcaption details summary mark sup ' +
    'svg g path rect line text'
  ).split(' '),
);
