import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../test/browser.js';
import {
  buildAuditItem,
  buildAuditReport,
  buildSyntheticAuditReport,
} from './__fixtures__/synthetic-audit.js';
import { REPORT_SECTION_IDS, renderAuditReportHtml } from './audit-html.js';
import { orderItemsForReview } from './item-browser.js';

const availability = findChromium();

if (availability.kind === 'missing' && availability.required) {
  describe('HTML report in headless Chromium', () => {
    it('needs Chromium, which CI installs', () => {
      throw new Error(`CI requires the browser tests to run, but ${availability.reason}`);
    });
  });
}

if (availability.kind === 'missing' && !availability.required) {
  // The default reporter only counts skipped tests; say why where it shows.
  console.warn(`Skipping the browser tests of the HTML report: ${availability.reason}`);
}

const HOSTILE_NOTE = 'Seen at 09:00 <script>window.__stewardPwned = 1</script> & "Cr" <1.2 mg/dL; K 4.1.';

function buildBrowserReport() {
  const synthetic = buildSyntheticAuditReport(200);
  const hostile = buildAuditItem({
    id: 'hostile',
    row: 201,
    note: HOSTILE_NOTE,
    status: 'needs-physician',
    impact: 1000,
    findings: [
      { category: 'extraction-error', spans: [[0, 7]] },
      {
        category: 'unit-conversion',
        spans: [[HOSTILE_NOTE.indexOf('"Cr"'), HOSTILE_NOTE.indexOf(' mg/dL')]],
      },
      { category: 'format', spans: [[HOSTILE_NOTE.length - 6, HOSTILE_NOTE.length]] },
    ],
  });
  const recompute = hostile.verdicts[0];
  if (recompute !== undefined) {
    recompute.details = {
      ours: {
        answer: '3.1234567',
        steps: [{ text: 'Creatinine 1.2 mg/dL' }, { text: 'Score = 3.1234567' }],
        assumptions: [],
      },
      original: { label: '42.0', explanationSentences: ['Creatinine is 12 mg/dL.'] },
      divergences: [
        {
          ourStepIndex: 0,
          ourStep: 'Creatinine 1.2 mg/dL',
          originalSentenceIndex: 0,
          originalSentence: 'Creatinine is 12 mg/dL.',
          ourValue: 1.2,
          originalValue: 12,
          kind: 'unit-conversion',
          reason: 'the original reads 12 where the note says <1.2',
        },
      ],
    };
  }
  return buildAuditReport([...synthetic.items, hostile]);
}

const title =
  availability.kind === 'available'
    ? 'HTML report in headless Chromium'
    : `HTML report in headless Chromium (skipped: ${availability.reason})`;

describe.skipIf(availability.kind !== 'available')(title, () => {
  const report = buildBrowserReport();
  const problems: string[] = [];
  const requests: string[] = [];
  let folder = '';
  let fileUrl = '';
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'steward-report-'));
    const file = join(folder, 'audit.html');
    writeFileSync(file, await renderAuditReportHtml(report));
    fileUrl = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath: availability.kind === 'available' ? availability.executablePath : '',
      args: CHROMIUM_ARGS,
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning')
        problems.push(`console ${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== '') rmSync(folder, { recursive: true, force: true });
  });

  it('loads with no console errors, no page errors and no request but the file itself', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([fileUrl]);
  });

  it('shows every section', async () => {
    for (const id of REPORT_SECTION_IDS)
      await expect(page.locator(`#${id}`).isVisible(), id).resolves.toBe(true);
    expect(await page.title()).toContain('Steward audit report');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });

  it('shows the four charts as visible SVG, the wide layout on a desktop', async () => {
    const charts = page.locator('#charts figure .chart-wide > svg');
    expect(await charts.count()).toBe(4);
    for (const chart of await charts.all()) {
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(50);
    }
    expect(await page.locator('#charts .chart-narrow').first().isVisible()).toBe(false);
    expect(
      await page.locator('#chart-suspect-rate .chart-wide svg [aria-roledescription="rule mark"]').count(),
    ).toBe(report.summary.byCalculator.length);
  });

  it('lists the non-confirmed items in review order, the highest impact first', async () => {
    const visible = page.locator('#item-list > li:not([hidden])');
    const expected = orderItemsForReview(report.items)
      .filter((item) => item.triage.status !== 'confirmed')
      .map((item) => item.id);
    expect(expected[0]).toBe('hostile');
    const ids = await Promise.all((await visible.all()).map((row) => row.getAttribute('data-item-id')));
    expect(ids).toEqual(expected);
    expect(await page.locator('#item-count').innerText()).toBe(
      `Showing ${expected.length} of ${report.items.length} items.`,
    );
  });

  async function visibleStatuses(): Promise<string[]> {
    const rows = await page.locator('#item-list > li:not([hidden])').all();
    return Promise.all(rows.map(async (row) => (await row.getAttribute('data-status')) ?? ''));
  }

  it('filters by status, calculator and category, and searches ids, calculators and reasons', async () => {
    await page.selectOption('#filter-status', 'needs-physician');
    const needing = report.items.filter((item) => item.triage.status === 'needs-physician');
    expect(await visibleStatuses()).toEqual(needing.map(() => 'needs-physician'));

    await page.selectOption('#filter-status', 'all');
    expect(await visibleStatuses()).toHaveLength(report.items.length);
    const calculator = report.summary.byCalculator[3]!;
    await page.selectOption('#filter-calculator', calculator.calculatorName);
    expect(await visibleStatuses()).toHaveLength(calculator.items);

    await page.selectOption('#filter-calculator', '');
    await page.selectOption('#filter-category', 'format');
    const format = report.items.filter((item) => item.verdicts.some((v) => v.categories.includes('format')));
    expect(await visibleStatuses()).toHaveLength(format.length);
    await page.selectOption('#filter-category', '');

    await page.fill('#filter-search', 'HOSTILE');
    expect(await page.locator('#item-list > li:not([hidden])').getAttribute('data-item-id')).toBe('hostile');
    expect(await visibleStatuses()).toHaveLength(1);
    await page.fill('#filter-search', 'no such thing anywhere');
    expect(await visibleStatuses()).toHaveLength(0);
    expect(await page.locator('#item-none').isVisible()).toBe(true);
    await page.fill('#filter-search', 'recompute and llm disagree');
    expect(await visibleStatuses()).toEqual(needing.map(() => 'needs-physician'));

    await page.fill('#filter-search', '');
    await page.selectOption('#filter-status', 'suspect');
    await page.click(`#calculators-table a[data-show-calculator="${calculator.calculatorName}"]`);
    expect(await page.inputValue('#filter-calculator')).toBe(calculator.calculatorName);
    // "Not confirmed" shows every status but `confirmed` (the suspect count leaves out extraction-unverified).
    expect(await visibleStatuses()).toHaveLength(calculator.items - calculator.byStatus.confirmed);
    await page.selectOption('#filter-calculator', '');
    expect(problems).toEqual([]);
  });

  it('opens an item on a click: its derivation, and the note as text with the evidence marked', async () => {
    await page.click('#item-list button[data-item="hostile"]');
    const detail = page.locator('#item-detail');
    expect(await detail.locator('.detail-title').innerText()).toContain('hostile');
    expect(await page.getAttribute('#item-list button[data-item="hostile"]', 'aria-expanded')).toBe('true');
    expect(await detail.locator('ol.steps li').allInnerTexts()).toEqual([
      expect.stringContaining('Creatinine 1.2 mg/dL'),
      'Score = 3.123',
    ]);
    expect(await detail.locator('.divergence').innerText()).toContain(
      'the original reads 12 where the note says <1.2',
    );
    const note = detail.locator('.note-box p.note');
    expect(await page.locator('script:not([type])').count()).toBe(1);
    // The page has no DOM types here (lib: ES2023), so the checks run as expression strings.
    expect(await page.evaluate<string>('typeof window.__stewardPwned')).toBe('undefined');
    expect(await note.innerText()).toContain('<script>window.__stewardPwned = 1</script>');
    expect(await note.locator('mark').allTextContents()).toEqual(['Seen at', '"Cr" <1.2', 'K 4.1.']);
    expect(await detail.locator('ul.reasons li').first().innerText()).toContain('[verifier-disagreement]');
    expect(problems).toEqual([]);
  });

  it('fits the window width at 1280 px and at 390 px, where the narrow charts show', async () => {
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(
      await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth'),
    ).toBeLessThanOrEqual(0);
    expect(await page.locator('#charts .chart-narrow').first().isVisible()).toBe(true);
    expect(await page.locator('#charts .chart-wide').first().isVisible()).toBe(false);
    // Every narrow chart fits its box at its own size: no sideways scrolling inside the figure.
    const narrow = page.locator('#charts .chart-narrow');
    expect(await narrow.count()).toBe(4);
    for (const box of await narrow.all()) {
      const svg = await box.locator('svg').boundingBox();
      const container = await box.boundingBox();
      expect(svg?.width).toBeLessThanOrEqual(container?.width ?? 0);
    }
    expect(
      await page.evaluate<number[]>(
        "[...document.querySelectorAll('#charts .chart-narrow')].map((box) => box.scrollWidth - box.clientWidth)",
      ),
    ).toEqual([0, 0, 0, 0]);
    await page.setViewportSize({ width: 1280, height: 900 });
  });
});
