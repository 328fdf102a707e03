import { createHash } from 'node:crypto';
import type * as Vega from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import { sortCalculatorsBySuspectRate, suspectRate } from '../audit/summary.js';
import type { AuditSummary, CalculatorAuditSummary } from '../audit/types.js';
import { wilsonInterval } from '../stats/proportion.js';
import { TRIAGE_STATUSES } from '../triage/types.js';
import type { TriageStatus } from '../triage/types.js';
import { ERROR_CATEGORIES } from '../verify/types.js';

/** One chart of the report: a stable id (used in the HTML), a title, a text alternative and its spec. */
export interface AuditChart {
  id: string;
  title: string;
  /** Plain-text summary of what the chart shows, for screen readers and the figure caption. */
  description: string;
  spec: TopLevelSpec;
}

export interface RenderedAuditChart extends Omit<AuditChart, 'spec'> {
  /** The wide layout, for desktop windows. */
  svg: string;
  /** The narrow layout, for phone widths (about 360 px). */
  narrowSvg: string;
}

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies); the tables carry the same data. */
export const STATUS_COLOURS: Record<TriageStatus, string> = {
  confirmed: '#009E73',
  'extraction-unverified': '#56B4E9',
  'relabel-proposed': '#E69F00',
  'needs-physician': '#D55E00',
  'not-computable': '#0072B2',
};

function colourOf(status: TriageStatus): string {
  return STATUS_COLOURS[status];
}

const BAR_COLOUR = '#0072B2';

/**
 * Two layouts of every chart: `wide` for a desktop window, `narrow` for a phone (about 360 px, shown at its own
 * size, never scaled down). Calculator names are never cut: they wrap onto as many lines as they need.
 */
export type ChartLayout = 'wide' | 'narrow';
export const CHART_LAYOUTS: readonly ChartLayout[] = ['wide', 'narrow'];

const LAYOUT: Record<ChartLayout, { width: number; wrap: number; lineHeight: number }> = {
  wide: { width: 460, wrap: 60, lineHeight: 13 },
  narrow: { width: 120, wrap: 22, lineHeight: 13 },
};
const STEP = 18;

// Fonts and sizes are pinned: on the server text width is estimated, so the layout must not depend on defaults.
/** The pinned look every server-rendered chart shares (the report's and `eval compare`'s). */
export const BASE_CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    labelColor: '#222222',
    titleColor: '#222222',
    labelLimit: 2000,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'top' as const },
  text: { fontSize: 11, color: '#222222' },
};

const CHART_CONFIG = { ...BASE_CHART_CONFIG, legend: { ...BASE_CHART_CONFIG.legend, columns: 2 } };

/** Splits a name into lines of at most `width` characters at spaces (a longer word gets a line of its own). */
export function wrapName(name: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter((part) => part !== '')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length === 0 ? [name] : lines;
}

/** Axis labels that wrap: the field holds the lines joined by a newline, and the axis splits them again. */
const WRAPPED_LABELS = { labelExpr: "split(datum.label, '\\n')", labelLimit: 2000 };

/** The band step for rows whose labels wrap onto up to `lines` lines. */
function stepFor(lines: number, layout: ChartLayout): number {
  return Math.max(STEP, lines * LAYOUT[layout].lineHeight + 6);
}

function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

function buildCountBarSpec(options: {
  description: string;
  rows: { key: string; items: number; label: string }[];
  axisTitle: string;
  colours: string[];
  layout: ChartLayout;
}): TopLevelSpec {
  const keys = options.rows.map((row) => row.key);
  return {
    description: options.description,
    width: options.layout === 'wide' ? LAYOUT.wide.width : 90,
    height: { step: STEP + 6 },
    data: { values: options.rows },
    encoding: {
      // On a phone the axis title costs the bars their room; the figure caption says the same.
      y: {
        field: 'key',
        type: 'nominal',
        sort: keys,
        title: options.layout === 'wide' ? options.axisTitle : null,
      },
      x: { field: 'items', type: 'quantitative', title: 'Items', axis: { tickMinStep: 1, format: 'd' } },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            field: 'key',
            type: 'nominal',
            scale: { domain: keys, range: options.colours },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 },
        encoding: { text: { field: 'label' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

/** Items per triage status, in the statuses' fixed order, each bar labelled with its count and share. */
export function buildStatusChartSpec(summary: AuditSummary, layout: ChartLayout = 'wide'): TopLevelSpec {
  const rows = TRIAGE_STATUSES.map((status) => ({
    key: status,
    items: summary.byStatus[status],
    label: `${summary.byStatus[status]} (${formatPercent(summary.byStatus[status], summary.items)})`,
  }));
  return buildCountBarSpec({
    description: `Items per triage status: ${rows.map((row) => `${row.key} ${row.label}`).join(', ')}.`,
    rows,
    axisTitle: 'Triage status',
    colours: TRIAGE_STATUSES.map(colourOf),
    layout,
  });
}

/** Items with at least one error or warning finding of each category (an item can count in several). */
export function buildCategoryChartSpec(summary: AuditSummary, layout: ChartLayout = 'wide'): TopLevelSpec {
  const rows = ERROR_CATEGORIES.map((category) => ({
    key: category,
    items: summary.byCategory[category],
    label: `${summary.byCategory[category]} (${formatPercent(summary.byCategory[category], summary.items)})`,
  }));
  return buildCountBarSpec({
    description: `Items per error category: ${rows.map((row) => `${row.key} ${row.label}`).join(', ')}.`,
    rows,
    axisTitle: 'Error category',
    colours: ERROR_CATEGORIES.map(() => BAR_COLOUR),
    layout,
  });
}

/** A calculator's suspect items as a proportion with its Wilson 95% interval, in words. */
export function describeSuspectRate(calculator: CalculatorAuditSummary): string {
  const { low, high } = wilsonInterval(calculator.suspect, calculator.items);
  return (
    `${calculator.suspect}/${calculator.items} (${formatPercent(calculator.suspect, calculator.items)}; ` +
    `95% CI ${(100 * low).toFixed(0)}–${(100 * high).toFixed(0)}%)`
  );
}

/**
 * Per-calculator share of items whose triage is not `confirmed`, every calculator, sorted by that share: a dot at
 * the rate, a line over its Wilson 95% interval (n is 2 to 20 per calculator, so the intervals are wide), and
 * the count beside it.
 */
export function buildSuspectRateChartSpec(summary: AuditSummary, layout: ChartLayout = 'wide'): TopLevelSpec {
  const sorted = sortCalculatorsBySuspectRate(summary.byCalculator);
  const rows = sorted.map((calculator) => {
    const interval = wilsonInterval(calculator.suspect, calculator.items);
    const lines = wrapName(calculator.calculatorName, LAYOUT[layout].wrap);
    return {
      calculator: calculator.calculatorName,
      axisLabel: lines.join('\n'),
      lines: lines.length,
      rate: suspectRate(calculator),
      low: interval.low,
      high: interval.high,
      label: `${calculator.suspect}/${calculator.items}`,
      summary: `${calculator.calculatorName}: ${describeSuspectRate(calculator)}`,
    };
  });
  const lines = Math.max(1, ...rows.map((row) => row.lines));
  return {
    description: `Suspect-label rate per calculator with Wilson 95% intervals, highest first: ${rows
      .map((row) => row.summary)
      .join('; ')}.`,
    width: LAYOUT[layout].width,
    height: { step: stepFor(lines, layout) },
    data: { values: rows },
    encoding: {
      y: {
        field: 'axisLabel',
        type: 'nominal',
        sort: rows.map((row) => row.axisLabel),
        title: null,
        axis: WRAPPED_LABELS,
      },
    },
    layer: [
      {
        mark: { type: 'rule', color: BAR_COLOUR, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'low',
            type: 'quantitative',
            // On a phone the title takes two lines, so that it stays within the plot's width.
            title:
              layout === 'wide'
                ? 'Suspect-label rate (not confirmed), 95% CI'
                : ['Suspect-label rate', '(not confirmed), 95% CI'],
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          x2: { field: 'high' },
          description: { field: 'summary' },
        },
      },
      {
        mark: { type: 'point', filled: true, color: BAR_COLOUR, size: 40, opacity: 1 },
        encoding: { x: { field: 'rate', type: 'quantitative' }, description: { field: 'summary' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5 },
        encoding: { x: { field: 'high', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

/** Items per calculator stacked by triage status, in the suspect-rate order of the chart above. */
export function buildStatusByCalculatorChartSpec(
  summary: AuditSummary,
  layout: ChartLayout = 'wide',
): TopLevelSpec {
  const sorted = sortCalculatorsBySuspectRate(summary.byCalculator);
  const labels = new Map(
    sorted.map((calculator) => [
      calculator.calculatorName,
      wrapName(calculator.calculatorName, LAYOUT[layout].wrap),
    ]),
  );
  const order = sorted.map((calculator) => (labels.get(calculator.calculatorName) ?? []).join('\n'));
  const rows = summary.byCalculator.flatMap((calculator) =>
    TRIAGE_STATUSES.filter((status) => calculator.byStatus[status] > 0).map((status) => ({
      calculator: calculator.calculatorName,
      axisLabel: (labels.get(calculator.calculatorName) ?? []).join('\n'),
      status,
      statusOrder: TRIAGE_STATUSES.indexOf(status),
      items: calculator.byStatus[status],
    })),
  );
  const lines = Math.max(1, ...[...labels.values()].map((name) => name.length));
  return {
    description: `Items per calculator by triage status, for ${order.length} calculators; the calculator table gives the same counts.`,
    width: LAYOUT[layout].width,
    height: { step: stepFor(lines, layout) },
    data: { values: rows },
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'axisLabel', type: 'nominal', sort: order, title: null, axis: WRAPPED_LABELS },
      x: {
        field: 'items',
        type: 'quantitative',
        stack: 'zero',
        title: 'Items',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'status',
        type: 'nominal',
        title: 'Triage status',
        scale: {
          domain: [...TRIAGE_STATUSES],
          range: TRIAGE_STATUSES.map(colourOf),
        },
      },
      order: { field: 'statusOrder', type: 'quantitative' },
      description: { field: 'calculator' },
    },
    // Two legend columns of status names are wider than a phone's plot; one column is not.
    config:
      layout === 'wide' ? CHART_CONFIG : { ...CHART_CONFIG, legend: { ...CHART_CONFIG.legend, columns: 1 } },
  };
}

/**
 * Vega numbers clip paths and gradients with process-wide counters; renaming the ids in order of appearance
 * under a prefix derived from the spec keeps the SVG deterministic and unique within one HTML page.
 */
function namespaceSvgIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    const id = match[1];
    if (id !== undefined && !renamed.has(id)) renamed.set(id, `${prefix}-${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg.replace(/(\bid="|url\(#|href="#)([^")]+)/g, (whole, lead: string, id: string) => {
    const replacement = renamed.get(id);
    return replacement === undefined ? whole : `${lead}${replacement}`;
  });
}

/**
 * Advance widths of the printable ASCII characters (space to tilde) in Helvetica, in thousandths of an em; Arial,
 * Liberation Sans and Roboto are close to these. Characters outside the table count as a full em.
 */
const HELVETICA_WIDTHS = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278,
  500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469,
  556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
  278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

/**
 * Headroom over the Helvetica widths, for the wider fallback fonts (DejaVu Sans, where neither Helvetica nor Arial
 * is installed, is up to about 20% wider): text may come out narrower than its room, never wider.
 */
const WIDTH_HEADROOM = 1.2;

/**
 * Estimates the width of one line of chart text in pixels. Without node-canvas Vega guesses 0.8 em for every
 * character, which makes the axis-label column (and so each SVG) about half again as wide as its text.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let thousandths = 0;
  for (const character of text.trim()) {
    const code = character.codePointAt(0) ?? 0;
    thousandths += HELVETICA_WIDTHS[code - 32] ?? 1000;
  }
  return Math.ceil((thousandths * fontSize * WIDTH_HEADROOM) / 1000);
}

/** The part of Vega's (untyped) text-measurement hook that the renderer reads. */
interface VegaTextMetrics {
  width: (item: { fontSize?: number | string | null }, text: unknown) => number;
}

/**
 * Vega measures text through the replaceable `textMetrics.width` (the hook vl-convert uses as well); installing
 * `estimateTextWidth` there is idempotent, and only the report renders charts in this process.
 */
function useTextWidthEstimate(vega: typeof Vega): void {
  const { textMetrics } = vega as unknown as { textMetrics: VegaTextMetrics };
  textMetrics.width = (item, text) => {
    const fontSize = item.fontSize === undefined || item.fontSize === null ? 11 : Number(item.fontSize) || 0;
    const line = typeof text === 'string' ? text : typeof text === 'number' ? String(text) : '';
    return estimateTextWidth(line, fontSize);
  };
}

/** Compiles a Vega-Lite spec and renders it to an SVG string on the server (no DOM, no canvas, no network). */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  // Loaded here, not at the top: vega and vega-lite take ~150 ms and ~40 MB to load, and only a chart needs them.
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  useTextWidthEstimate(vega);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), {
    renderer: 'none',
    logLevel: vega.Warn,
  });
  try {
    const svg = await view.toSVG();
    const prefix = `chart-${createHash('sha256').update(JSON.stringify(spec)).digest('hex').slice(0, 10)}`;
    return namespaceSvgIds(svg, prefix);
  } finally {
    view.finalize();
  }
}

/** The report's charts, in display order; the per-calculator charts are left out when there are no items. */
export function buildAuditCharts(summary: AuditSummary, layout: ChartLayout = 'wide'): AuditChart[] {
  const status = buildStatusChartSpec(summary, layout);
  const category = buildCategoryChartSpec(summary, layout);
  const charts: AuditChart[] = [
    {
      id: 'chart-status',
      title: 'Items per triage status',
      description: status.description ?? '',
      spec: status,
    },
    {
      id: 'chart-category',
      title: 'Items per error category',
      description: category.description ?? '',
      spec: category,
    },
  ];
  if (summary.byCalculator.length === 0) return charts;
  const rate = buildSuspectRateChartSpec(summary, layout);
  const stacked = buildStatusByCalculatorChartSpec(summary, layout);
  charts.push(
    {
      id: 'chart-suspect-rate',
      title: 'Suspect-label rate per calculator, with Wilson 95% confidence intervals',
      description: rate.description ?? '',
      spec: rate,
    },
    {
      id: 'chart-status-by-calculator',
      title: 'Triage status per calculator',
      description: stacked.description ?? '',
      spec: stacked,
    },
  );
  return charts;
}

/**
 * Renders every chart of `buildAuditCharts` to SVG in both layouts (sequentially: the output order is the
 * display order); `svg` is the wide layout, `narrowSvg` the one for phone widths.
 */
export async function renderAuditCharts(summary: AuditSummary): Promise<RenderedAuditChart[]> {
  const narrow = buildAuditCharts(summary, 'narrow');
  const rendered: RenderedAuditChart[] = [];
  for (const [index, chart] of buildAuditCharts(summary, 'wide').entries()) {
    const narrowSpec = narrow[index]?.spec ?? chart.spec;
    rendered.push({
      id: chart.id,
      title: chart.title,
      description: chart.description,
      svg: await renderChartSvg(chart.spec),
      narrowSvg: await renderChartSvg(narrowSpec),
    });
  }
  return rendered;
}
