import { describe, expect, it } from 'vitest';
import { sortCalculatorsBySuspectRate, summariseAudit } from '../audit/summary.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';
import { buildAuditItem, buildSyntheticAuditReport } from './__fixtures__/synthetic-audit.js';
import {
  buildAuditCharts,
  buildCategoryChartSpec,
  buildStatusByCalculatorChartSpec,
  buildStatusChartSpec,
  buildSuspectRateChartSpec,
  CHART_LAYOUTS,
  describeSuspectRate,
  estimateTextWidth,
  renderAuditCharts,
  renderChartSvg,
  wrapName,
} from './charts.js';

function barLabels(svg: string): string[] {
  return [...svg.matchAll(/aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"/g)].map(
    (match) => match[1] ?? '',
  );
}

function textContents(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1] ?? '');
}

const report = buildSyntheticAuditReport(120);

describe('renderChartSvg', () => {
  it('draws one bar per triage status, labelled with its count and share', async () => {
    const svg = await renderChartSvg(buildStatusChartSpec(report.summary));
    expect(svg.startsWith('<svg')).toBe(true);
    const bars = barLabels(svg);
    expect(bars).toHaveLength(TRIAGE_STATUSES.length);
    for (const status of TRIAGE_STATUSES) {
      const count = report.summary.byStatus[status];
      expect(bars).toContain(`Items: ${count}; Triage status: ${status}; key: ${status}`);
      expect(textContents(svg)).toContain(status);
      expect(textContents(svg).some((text) => text.startsWith(`${count} (`))).toBe(true);
    }
  });

  it('draws one bar per error category', async () => {
    const svg = await renderChartSvg(buildCategoryChartSpec(report.summary));
    const bars = barLabels(svg);
    expect(bars).toHaveLength(ERROR_CATEGORIES.length);
    for (const category of ERROR_CATEGORIES) {
      expect(bars).toContain(
        `Items: ${report.summary.byCategory[category]}; Error category: ${category}; key: ${category}`,
      );
    }
  });

  it('draws every calculator in the suspect-rate chart, highest rate first, with its Wilson interval', async () => {
    for (const layout of CHART_LAYOUTS) {
      const svg = await renderChartSvg(buildSuspectRateChartSpec(report.summary, layout));
      const rules = [
        ...svg.matchAll(
          /<line aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="rule mark"/g,
        ),
      ].map((match) => (match[1] ?? '').replace(/&amp;/g, '&'));
      const sorted = sortCalculatorsBySuspectRate(report.summary.byCalculator);
      expect(rules).toEqual(
        sorted.map((calculator) => `${calculator.calculatorName}: ${describeSuspectRate(calculator)}`),
      );
      const rates = sorted.map((c) => c.suspect / c.items);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));
    }
  });

  it('writes every calculator name in full, wrapped onto lines, in both layouts', async () => {
    const longest = [...report.summary.byCalculator].sort(
      (a, b) => b.calculatorName.length - a.calculatorName.length,
    )[0]!;
    for (const layout of CHART_LAYOUTS) {
      const svg = await renderChartSvg(buildStatusByCalculatorChartSpec(report.summary, layout));
      const labels = [...svg.matchAll(/<text[^>]*>((?:<tspan[^>]*>[^<]*<\/tspan>)+)<\/text>/g)].map((match) =>
        [...(match[1] ?? '').matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((line) => line[1]).join(' '),
      );
      const single = textContents(svg);
      expect([...labels, ...single].map((text) => text.replace(/&amp;/g, '&'))).toContain(
        longest.calculatorName,
      );
    }
    expect(wrapName('Model for End-Stage Liver Disease (MELD)', 24)).toEqual([
      'Model for End-Stage',
      'Liver Disease (MELD)',
    ]);
    expect(wrapName('Supercalifragilistic word', 5)).toEqual(['Supercalifragilistic', 'word']);
  });

  it('gives a Wilson 95% interval in words', () => {
    const calculator = {
      calculatorId: 1,
      calculatorName: 'x',
      items: 10,
      suspect: 8,
      byStatus: report.summary.byStatus,
    };
    expect(describeSuspectRate(calculator)).toBe('8/10 (80.0%; 95% CI 49–94%)');
  });

  it('stacks one bar segment per calculator and status with items', async () => {
    const svg = await renderChartSvg(buildStatusByCalculatorChartSpec(report.summary));
    const segments = report.summary.byCalculator.flatMap((calculator) =>
      TRIAGE_STATUSES.filter((status) => calculator.byStatus[status] > 0),
    );
    expect(barLabels(svg)).toHaveLength(segments.length);
    expect(textContents(svg)).toContain('Triage status');
  });

  it('is deterministic: the same spec gives the same SVG, whatever was rendered in between', async () => {
    const first = await renderAuditCharts(report.summary);
    await renderChartSvg(buildStatusChartSpec(buildSyntheticAuditReport(30, 99).summary));
    const second = await renderAuditCharts(report.summary);
    expect(second).toEqual(first);
  });

  it('escapes calculator names in the SVG and never refers to external resources', async () => {
    const items = [
      buildAuditItem({
        id: 'a',
        note: 'n',
        calculatorId: 1,
        calculatorName: 'Score <b>&</b> "x"',
        status: 'needs-physician',
      }),
    ];
    const svg = await renderChartSvg(buildSuspectRateChartSpec(summariseAudit(items)));
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Score &lt;b&gt;&amp;&lt;/b&gt;');
    expect(svg).not.toMatch(/(?:href|src)="https?:/);
  });
});

describe('estimateTextWidth', () => {
  it('measures each character by its Helvetica width with 20% headroom, not 0.8 em apiece', () => {
    // 'M' is 833/1000 em and 'i' 222/1000: at 10 px with headroom, 3 × 8.33 × 1.2 = 30 and 3 × 2.22 × 1.2 = 8.
    expect(estimateTextWidth('MMM', 10)).toBe(30);
    expect(estimateTextWidth('iii', 10)).toBe(8);
    expect(estimateTextWidth('  iii  ', 10)).toBe(8);
    expect(estimateTextWidth('', 11)).toBe(0);
    // Outside printable ASCII a character counts as a full em.
    expect(estimateTextWidth('µ', 10)).toBe(12);
  });
});

describe('the narrow layout', () => {
  it('keeps every chart within a 390 px phone column (about 350 px) while writing names in full', async () => {
    for (const chart of await renderAuditCharts(report.summary)) {
      const width = Number(/^<svg[^>]*\bwidth="(\d+)"/.exec(chart.narrowSvg)?.[1]);
      expect(width, chart.id).toBeGreaterThan(150);
      expect(width, chart.id).toBeLessThanOrEqual(345);
      expect(chart.narrowSvg).not.toContain('…');
    }
  });
});

describe('buildAuditCharts', () => {
  it('gives four charts with stable ids, and only the totals charts when there are no items', () => {
    expect(buildAuditCharts(report.summary).map((chart) => chart.id)).toEqual([
      'chart-status',
      'chart-category',
      'chart-suspect-rate',
      'chart-status-by-calculator',
    ]);
    expect(buildAuditCharts(summariseAudit([])).map((chart) => chart.id)).toEqual([
      'chart-status',
      'chart-category',
    ]);
  });

  it('renders an empty audit without failing', async () => {
    const charts = await renderAuditCharts(summariseAudit([]));
    expect(charts.every((chart) => chart.svg.startsWith('<svg'))).toBe(true);
  });
});
