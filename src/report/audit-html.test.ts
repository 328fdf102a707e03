import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { AuditItem } from '../audit/types.js';
import { readItemDetail, readItemDetails, readItemRows } from './__fixtures__/read-report.js';
import {
  buildAuditItem,
  buildAuditReport,
  buildSyntheticAuditReport,
} from './__fixtures__/synthetic-audit.js';
import { REPORT_SECTION_IDS, renderAuditReportHtml } from './audit-html.js';
import { escapeHtml } from './escape-html.js';
import { sortCalculatorsBySuspectRate } from '../audit/summary.js';
import { wilsonInterval } from '../stats/proportion.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';

function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The marks of an item's note in its embedded view, unescaped. */
function noteMarks(html: string, itemId: string): string[] {
  const note = /<p class="note">(.*?)<\/p>/s.exec(readItemDetail(html, itemId))?.[1] ?? '';
  return [...note.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((match) => unescapeHtml(match[1] ?? ''));
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
    const page = await renderAuditReportHtml(buildHostileReport());
    // The page has exactly two script elements, both its own: the item data (JSON, never run) and the script.
    expect(page.match(/<script/gi)).toHaveLength(2);
    expect(page.match(/<\/script/gi)).toHaveLength(2);
    expect(page).toContain('<script type="application/json" id="item-data">');
    const detail = readItemDetail(page, 'x<1>&"2"');
    const html = page + detail;
    expect(detail).not.toMatch(/<script/i);
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<(b|i|u)>/);
    expect(detail).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Score &lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('<code>&lt;b&gt;7&lt;/b&gt;</code>');
    expect(html).toContain('<code>&quot;8&quot; &amp; &lt;i&gt;</code>');
    expect(detail).toContain(
      '<code class="rule">[relabel]</code> <span class="effect">decides</span> recompute says &lt;script&gt;alert(3)&lt;/script&gt;',
    );
    expect(detail).toContain('entity &lt;u&gt;Cr&lt;/u&gt; &amp; &quot;friends&quot;');
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
    expect(noteMarks(html, 'spans')).toEqual(['<Na>', '"Cr" 1.2', 'albumin 3.0', 'end<']);
    const row = readItemDetail(html, 'spans');
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
    expect(readItemDetail(await renderAuditReportHtml(buildAuditReport([item])), 'bad')).toContain(
      'do not match',
    );
  });

  it('lists every item, not confirmed first by impact, ties by row, confirmed ones hidden', async () => {
    const items = [
      buildAuditItem({ id: 'low', row: 1, note: 'n', impact: 1 }),
      buildAuditItem({ id: 'confirmed-high', row: 2, note: 'n', impact: 99, status: 'confirmed' }),
      buildAuditItem({ id: 'high', row: 3, note: 'n', impact: 50, status: 'needs-physician' }),
      buildAuditItem({ id: 'tie-late', row: 9, note: 'n', impact: 10, status: 'not-computable' }),
      buildAuditItem({ id: 'tie-early', row: 4, note: 'n', impact: 10 }),
    ];
    const html = await renderAuditReportHtml(buildAuditReport(items));
    expect(readItemRows(html)).toEqual([
      { id: 'high', hidden: false },
      { id: 'tie-early', hidden: false },
      { id: 'tie-late', hidden: false },
      { id: 'low', hidden: false },
      { id: 'confirmed-high', hidden: true },
    ]);
    expect(Object.keys(readItemDetails(html)).sort()).toEqual(items.map((item) => item.id).sort());
  });

  it('embeds a view of every non-confirmed item with every finding, its category and severity', async () => {
    const report = buildSyntheticAuditReport(200);
    const html = await renderAuditReportHtml(report);
    const details = readItemDetails(html);
    const suspect = report.items.filter((item) => item.triage.status !== 'confirmed');
    expect(suspect.length).toBeGreaterThan(100);
    for (const item of suspect) {
      const detail = details[item.id] ?? '';
      expect(detail, item.id).toContain('<h4>Note</h4>');
      for (const finding of item.verdicts.flatMap((verdict) => verdict.findings)) {
        expect(detail).toContain(
          `<span class="severity">${finding.severity}</span> <code>${finding.category}</code>`,
        );
      }
    }
    const confirmed = report.items.find((item) => item.triage.status === 'confirmed');
    expect(details[confirmed?.id ?? '']).toContain('without their note');
  });

  it('offers a filter option for every triage status and category, and every calculator', async () => {
    const report = buildSyntheticAuditReport(120);
    const html = await renderAuditReportHtml(report);
    for (const status of TRIAGE_STATUSES) expect(html).toContain(`<option value="${status}">`);
    for (const category of ERROR_CATEGORIES) expect(html).toContain(`<option value="${category}">`);
    for (const calculator of report.summary.byCalculator)
      expect(html).toContain(`<option value="${escapeHtml(calculator.calculatorName)}">`);
    expect(html).toContain('<option value="suspect" selected>');
  });

  it('has one calculator row per calculator with its suspect count and rate', async () => {
    const report = buildSyntheticAuditReport(120);
    const table =
      /<table id="calculators-table">(.*?)<\/table>/s.exec(await renderAuditReportHtml(report))?.[1] ?? '';
    const rows = table.match(/<tr><th scope="row">/g) ?? [];
    expect(rows).toHaveLength(report.summary.byCalculator.length);
    for (const calculator of report.summary.byCalculator) {
      const rate = `${((100 * calculator.suspect) / calculator.items).toFixed(1)}%`;
      const { low, high } = wilsonInterval(calculator.suspect, calculator.items);
      expect(table).toContain(
        `<td class="number">${calculator.items}</td><td class="number">${calculator.suspect}</td><td class="number">${rate}</td>` +
          `<td class="number ci">${(100 * low).toFixed(0)}–${(100 * high).toFixed(0)}%</td>`,
      );
    }
    // Highest suspect rate first.
    const names = [...table.matchAll(/data-show-calculator="([^"]*)"/g)].map((match) =>
      unescapeHtml(match[1] ?? ''),
    );
    expect(names).toEqual(
      sortCalculatorsBySuspectRate(report.summary.byCalculator).map((c) => c.calculatorName),
    );
  });

  it('refers to nothing outside the file and runs only its own script, allowed by its hash', async () => {
    const html = await renderAuditReportHtml(buildSyntheticAuditReport(60));
    expect(html).not.toMatch(/\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*["']?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    for (const match of html.matchAll(/\bhref="([^"]*)"/g)) expect(match[1]).toMatch(/^(#|data:)/);
    expect(html).not.toMatch(/\son[a-z]+\s*=/i);
    const script = /<script>(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(script).toContain('item-data');
    const hash = createHash('sha256').update(script).digest('base64');
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${hash}'">`,
    );
  });

  it('renders an audit without items', async () => {
    const html = await renderAuditReportHtml(buildAuditReport([]));
    expect(html).toContain('No items to show');
    expect(html).toContain(`<td colspan="${7 + TRIAGE_STATUSES.length}">No items.</td>`);
  });

  it('shows each reason once, the decisive one first, folding reasons that share a lead-in', async () => {
    const holds = {
      rule: 'blocking-finding',
      effect: 'holds',
      text: 'entity-check reports extraction-error: Cr is not in the note',
    } as const;
    const context = { rule: 'abstained', effect: 'context', text: 'llm abstained: timeout' } as const;
    const decides = { rule: 'relabel', effect: 'decides', text: 'recompute proposes 17.8547996946' } as const;
    const item = buildAuditItem({
      id: 'reasons',
      note: 'n',
      status: 'needs-physician',
      impact: 1,
      reasons: [
        context,
        decides,
        holds,
        { ...holds },
        { ...holds, text: 'entity-check reports extraction-error: K is not in the note' },
      ],
    });
    const detail = readItemDetail(await renderAuditReportHtml(buildAuditReport([item])), 'reasons');
    const list = /<ul class="reasons">(.*)<\/ul><\/section>/s.exec(detail)?.[1] ?? '';
    expect(
      [...list.matchAll(/<li class="reason-([a-z]+)"><code class="rule">\[([a-z-]+)\]<\/code>/g)].map(
        (match) => `${match[1]} ${match[2]}`,
      ),
    ).toEqual(['holds blocking-finding', 'decides relabel', 'context abstained']);
    expect(list).toContain(
      'entity-check reports extraction-error (2):<ul class="reason-details"><li>Cr is not in the note</li><li>K is not in the note</li></ul>',
    );
    expect(list).toContain('recompute proposes 17.855');
    expect(list).not.toContain('17.8547996946');
  });

  it('shows our derivation with every divergence under its step, and labels at display precision', async () => {
    const item = buildAuditItem({
      id: 'derived',
      note: 'n',
      label: '17.912',
      proposedLabel: '17.8547996946',
      impact: 1,
    });
    const recompute = item.verdicts[0]!;
    recompute.details = {
      ours: {
        answer: '17.8547996946',
        steps: [
          { text: 'Weight 70 kg' },
          { text: 'Height 1.98 m' },
          { text: 'BMI = 70 / 1.98² = 17.8547996946' },
        ],
        assumptions: ['Sex: not mentioned, assumed female'],
        warnings: [],
      },
      original: { label: '17.912', explanationSentences: ['The weight is 71 kg.', 'The height is 1.98 m.'] },
      divergence: null,
      divergences: [
        {
          ourStepIndex: 0,
          ourStep: 'Weight 70 kg',
          originalSentenceIndex: 0,
          originalSentence: 'The weight is 71 kg.',
          ourValue: 70,
          originalValue: 71,
          kind: 'calculator-logic',
          reason: 'we use 70; the original 71',
        },
        {
          ourStepIndex: 2,
          ourStep: 'BMI',
          originalSentenceIndex: null,
          originalSentence: null,
          ourValue: 1,
          originalValue: null,
          kind: 'unit-conversion',
          entity: 'height',
          reason: 'never converted',
        },
      ],
    };
    const html = await renderAuditReportHtml(buildAuditReport([item]));
    const detail = readItemDetail(html, 'derived');
    expect(detail).toContain(
      'Our answer <code title="17.8547996946">17.855</code>, original label <code>17.912</code>; 2 independent divergences',
    );
    expect(detail).toContain(
      '<li class="diverges">Weight 70 kg<div class="divergence"><strong>Divergence 1</strong>',
    );
    expect(detail).toContain('Original: “The weight is 71 kg.”');
    expect(detail).toContain(
      '<li class="diverges">BMI = 70 / 1.98² = 17.855<div class="divergence"><strong>Divergence 2</strong> <code>unit-conversion</code> on <code>height</code>',
    );
    expect(detail).toContain('The original explanation never mentions it.');
    expect(detail).toContain('<li class="diverges">The weight is 71 kg.</li>');
    expect(detail).toContain('Defaults applied (1)');
    expect(html).not.toMatch(/>17\.8547996946</);
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
    'html head meta link title style body header main footer nav section h1 h2 h3 h4 p ul ol li dl dt dd a code span strong ' +
    'form label select option input button script ' +
    'br time table caption thead tbody tfoot tr th td div figure figcaption details summary mark sup ' +
    'svg g path rect line text tspan'
  ).split(' '),
);
