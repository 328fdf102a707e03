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
import { selectTopItems } from './top-items.js';

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

  it('shows the four charts as visible SVG', async () => {
    const charts = page.locator('#charts figure > svg');
    expect(await charts.count()).toBe(4);
    for (const chart of await charts.all()) {
      expect(await chart.isVisible()).toBe(true);
      const box = await chart.boundingBox();
      expect(box?.width).toBeGreaterThan(200);
      expect(box?.height).toBeGreaterThan(50);
    }
    expect(await page.locator('#chart-suspect-rate svg [aria-roledescription="bar"]').count()).toBe(
      report.summary.byCalculator.length,
    );
  });

  it('lists the 25 most consequential items in impact order', async () => {
    const rows = page.locator('#top-items-table tbody tr.item-facts');
    const expected = selectTopItems(report.items, 25).map((item) => item.id);
    expect(expected[0]).toBe('hostile');
    expect(await rows.count()).toBe(25);
    const ids = await Promise.all((await rows.all()).map((row) => row.getAttribute('data-item-id')));
    expect(ids).toEqual(expected);
    const first = rows.first();
    expect(await first.locator('th').innerText()).toContain('hostile');
    expect(await first.locator('td').nth(4).innerText()).toContain('needs-physician');
  });

  it('shows a note with markup as text and marks the evidence at its offsets', async () => {
    expect(await page.locator('script').count()).toBe(0);
    // The page has no DOM types here (lib: ES2023), so the checks run as expression strings.
    expect(await page.evaluate<string>('typeof window.__stewardPwned')).toBe('undefined');
    const excerpt = page.locator('tr[data-evidence-for="hostile"] p.excerpt-text');
    expect(await excerpt.innerText()).toContain('<script>window.__stewardPwned = 1</script>');
    expect(await excerpt.locator('mark').allTextContents()).toEqual(['Seen at', '"Cr" <1.2', 'K 4.1.']);
  });

  it('fits the window width (wide tables scroll inside their own box)', async () => {
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
