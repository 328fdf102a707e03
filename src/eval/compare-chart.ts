import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from '../report/escape-html.js';
import { BASE_CHART_CONFIG, renderChartSvg } from '../report/charts.js';
import type { ComparisonReport, GroupComparison } from './compare.js';

/** Okabe–Ito colours, one per label version in order (the reference first). */
const VERSION_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#E69F00', '#56B4E9', '#CC79A7', '#000000'];

const CHART_CONFIG = BASE_CHART_CONFIG;

function percent(value: number | null): string {
  return value === null || Number.isNaN(value) ? '–' : `${(100 * value).toFixed(1)}%`;
}

/** A sentence per model, for screen readers and the figure caption. */
export function describeAccuracyChart(group: GroupComparison): string {
  const models = [...new Set(group.accuracy.map((entry) => entry.model))];
  return models
    .map((model) => {
      const parts = group.accuracy
        .filter((entry) => entry.model === model)
        .map(
          (entry) =>
            `${percent(entry.estimate)} on ${entry.version} (95% CI ${percent(entry.low)}–${percent(entry.high)})`,
        );
      return `${model}: ${parts.join(', ')}.`;
    })
    .join(' ');
}

/**
 * Accuracy per model (rows) under each label version (a point per version, offset within the row, with its 95%
 * interval as an error bar): the original labels against the corrected ones at a glance.
 */
export function buildAccuracyChartSpec(report: ComparisonReport): TopLevelSpec {
  const versions = report.versions.map((version) => version.name);
  const models = [...new Set(report.overall.accuracy.map((entry) => entry.model))];
  const values = report.overall.accuracy.map((entry) => ({
    model: entry.model,
    version: entry.version,
    estimate: entry.estimate,
    low: entry.low,
    high: entry.high,
  }));
  return {
    description: describeAccuracyChart(report.overall),
    width: 460,
    height: { step: Math.max(28, 14 * versions.length + 10) },
    data: { values },
    encoding: {
      y: { field: 'model', type: 'nominal', sort: models, title: 'Model' },
      yOffset: { field: 'version', type: 'nominal', sort: versions },
      color: {
        field: 'version',
        type: 'nominal',
        sort: versions,
        scale: { domain: versions, range: VERSION_COLOURS.slice(0, Math.max(1, versions.length)) },
        title: 'Labels',
      },
    },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: {
            field: 'low',
            type: 'quantitative',
            scale: { domain: [0, 1] },
            axis: { format: '%' },
            title: `Accuracy on ${report.sharedItems} shared items (95% CI)`,
          },
          x2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 60 },
        encoding: { x: { field: 'estimate', type: 'quantitative' } },
      },
    ],
    config: CHART_CONFIG,
  };
}

function accuracyTableHtml(report: ComparisonReport): string {
  const versions = report.versions.map((version) => version.name);
  const models = [...new Set(report.overall.accuracy.map((entry) => entry.model))];
  const head = [
    'Model',
    ...versions,
    ...versions.slice(1).map((version) => `${version} − ${report.reference}`),
  ];
  const rows = models.map((model) => {
    const cells = versions.map((version) => {
      const entry = report.overall.accuracy.find(
        (candidate) => candidate.model === model && candidate.version === version,
      );
      return entry === undefined
        ? '–'
        : `${percent(entry.estimate)} (${percent(entry.low)}–${percent(entry.high)})`;
    });
    const differences = versions.slice(1).map((version) => {
      const entry = report.overall.differences.find(
        (candidate) => candidate.model === model && candidate.version === version,
      );
      return entry === undefined
        ? '–'
        : `${percent(entry.estimate)} (${percent(entry.low)}${(entry.low ?? 0) < 0 ? ' to ' : '–'}${percent(entry.high)})`;
    });
    return [model, ...cells, ...differences];
  });
  const line = (cells: string[], tag: 'th' | 'td') =>
    `<tr>${cells.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join('')}</tr>`;
  return `<table>\n<thead>${line(head, 'th')}</thead>\n<tbody>\n${rows.map((row) => line(row, 'td')).join('\n')}\n</tbody>\n</table>`;
}

/** A self-contained page (no script, no external resource): the chart, its caption and the figures as a table. */
export function renderAccuracyPage(report: ComparisonReport, svg: string): string {
  const dropped = report.versions
    .filter((version) => version.droppedItems > 0)
    .map((version) => `${version.droppedItems} of ${version.name}`)
    .join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accuracy by label version</title>
</head>
<body>
<h1>Accuracy by label version</h1>
<p>Rules ${escapeHtml(`${report.ruleSet} ${report.ruleSetVersion}`)}, answer style ${escapeHtml(report.style)}; ${report.sharedItems} items shared by every version${dropped === '' ? '' : ` (dropped: ${escapeHtml(dropped)})`}. Accuracy intervals: Wilson 95% (one sample) or a percentile bootstrap over items (several); differences: paired bootstrap over items, seed ${escapeHtml(report.bootstrap.seed)}, ${report.bootstrap.resamples} resamples.</p>
<figure>
${svg}
<figcaption>${escapeHtml(describeAccuracyChart(report.overall))}</figcaption>
</figure>
${accuracyTableHtml(report)}
</body>
</html>
`;
}

/** The chart's spec, its SVG and the HTML page around it. */
export async function renderAccuracyChart(
  report: ComparisonReport,
): Promise<{ spec: TopLevelSpec; svg: string; html: string }> {
  const spec = buildAccuracyChartSpec(report);
  const svg = await renderChartSvg(spec);
  return { spec, svg, html: renderAccuracyPage(report, svg) };
}
