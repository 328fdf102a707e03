import { createHash } from 'node:crypto';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { sortCalculatorsBySuspectRate, suspectRate } from '../audit/summary.js';
import type { AuditSummary } from '../audit/types.js';
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
  svg: string;
}

/** Okabe–Ito colours (distinguishable with the common colour-vision deficiencies); the tables carry the same data. */
export const STATUS_COLOURS: Record<TriageStatus, string> = {
  confirmed: '#009E73',
  'relabel-proposed': '#E69F00',
  'needs-physician': '#D55E00',
  'not-computable': '#0072B2',
};

const BAR_COLOUR = '#0072B2';
const WIDTH = 520;
const STEP = 18;

// Fonts and sizes are pinned: on the server text width is estimated, so the layout must not depend on defaults.
const CHART_CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  view: { stroke: null },
  axis: {
    labelFontSize: 11,
    titleFontSize: 12,
    labelColor: '#222222',
    titleColor: '#222222',
    labelLimit: 320,
  },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'top' as const },
  text: { fontSize: 11, color: '#222222' },
};

function formatPercent(part: number, whole: number): string {
  return whole === 0 ? '0.0%' : `${((100 * part) / whole).toFixed(1)}%`;
}

function buildCountBarSpec(options: {
  description: string;
  rows: { key: string; items: number; label: string }[];
  axisTitle: string;
  colours: string[];
}): TopLevelSpec {
  const keys = options.rows.map((row) => row.key);
  return {
    description: options.description,
    width: WIDTH,
    height: { step: STEP + 6 },
    data: { values: options.rows },
    encoding: {
      y: { field: 'key', type: 'nominal', sort: keys, title: options.axisTitle },
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
export function buildStatusChartSpec(summary: AuditSummary): TopLevelSpec {
  const rows = TRIAGE_STATUSES.map((status) => ({
    key: status,
    items: summary.byStatus[status],
    label: `${summary.byStatus[status]} (${formatPercent(summary.byStatus[status], summary.items)})`,
  }));
  return buildCountBarSpec({
    description: `Items per triage status: ${rows.map((row) => `${row.key} ${row.label}`).join(', ')}.`,
    rows,
    axisTitle: 'Triage status',
    colours: TRIAGE_STATUSES.map((status) => STATUS_COLOURS[status]),
  });
}

/** Items with at least one error or warning finding of each category (an item can count in several). */
export function buildCategoryChartSpec(summary: AuditSummary): TopLevelSpec {
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
  });
}

/** Per-calculator share of items whose triage is not `confirmed`, every calculator, sorted by that share. */
export function buildSuspectRateChartSpec(summary: AuditSummary): TopLevelSpec {
  const sorted = sortCalculatorsBySuspectRate(summary.byCalculator);
  const rows = sorted.map((calculator) => ({
    calculator: calculator.calculatorName,
    rate: suspectRate(calculator),
    label: `${calculator.suspect}/${calculator.items} (${formatPercent(calculator.suspect, calculator.items)})`,
  }));
  return {
    description: `Suspect-label rate per calculator, highest first: ${rows
      .map((row) => `${row.calculator} ${row.label}`)
      .join('; ')}.`,
    width: WIDTH,
    height: { step: STEP },
    data: { values: rows },
    encoding: {
      y: { field: 'calculator', type: 'nominal', sort: rows.map((row) => row.calculator), title: null },
      x: {
        field: 'rate',
        type: 'quantitative',
        title: 'Suspect-label rate (items not confirmed)',
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      },
    },
    layer: [
      { mark: { type: 'bar', color: BAR_COLOUR } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 },
        encoding: { text: { field: 'label' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

/** Items per calculator stacked by triage status, in the suspect-rate order of the chart above. */
export function buildStatusByCalculatorChartSpec(summary: AuditSummary): TopLevelSpec {
  const order = sortCalculatorsBySuspectRate(summary.byCalculator).map(
    (calculator) => calculator.calculatorName,
  );
  const rows = summary.byCalculator.flatMap((calculator) =>
    TRIAGE_STATUSES.filter((status) => calculator.byStatus[status] > 0).map((status) => ({
      calculator: calculator.calculatorName,
      status,
      statusOrder: TRIAGE_STATUSES.indexOf(status),
      items: calculator.byStatus[status],
    })),
  );
  return {
    description: `Items per calculator by triage status, for ${order.length} calculators; the calculator table gives the same counts.`,
    width: WIDTH,
    height: { step: STEP },
    data: { values: rows },
    mark: { type: 'bar', stroke: 'white', strokeWidth: 0.5 },
    encoding: {
      y: { field: 'calculator', type: 'nominal', sort: order, title: null },
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
          range: TRIAGE_STATUSES.map((status) => STATUS_COLOURS[status]),
        },
      },
      order: { field: 'statusOrder', type: 'quantitative' },
    },
    config: CHART_CONFIG,
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

/** Compiles a Vega-Lite spec and renders it to an SVG string on the server (no DOM, no canvas, no network). */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
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
export function buildAuditCharts(summary: AuditSummary): AuditChart[] {
  const status = buildStatusChartSpec(summary);
  const category = buildCategoryChartSpec(summary);
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
  const rate = buildSuspectRateChartSpec(summary);
  const stacked = buildStatusByCalculatorChartSpec(summary);
  charts.push(
    {
      id: 'chart-suspect-rate',
      title: 'Suspect-label rate per calculator',
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

/** Renders every chart of `buildAuditCharts` to SVG (sequentially: the output order is the display order). */
export async function renderAuditCharts(summary: AuditSummary): Promise<RenderedAuditChart[]> {
  const rendered: RenderedAuditChart[] = [];
  for (const chart of buildAuditCharts(summary)) {
    rendered.push({
      id: chart.id,
      title: chart.title,
      description: chart.description,
      svg: await renderChartSvg(chart.spec),
    });
  }
  return rendered;
}
