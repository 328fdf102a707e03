import { describe, expect, it } from 'vitest';
import { RULE_SETS } from '../answers/index.js';
import { buildAccuracyChartSpec, renderAccuracyChart } from './compare-chart.js';
import { compareLabelVersions } from './compare.js';
import type { ScoredItem } from './score.js';

const items = (labels: number[]): ScoredItem[] =>
  labels.map((label, index) => ({
    id: String(index + 1),
    calculatorId: 4,
    calculatorName: 'Score',
    category: 'risk',
    label: String(label),
    lowerLimit: String(label),
    upperLimit: String(label),
  }));

const report = compareLabelVersions({
  versions: [
    { name: 'original', items: items([1, 2, 3]) },
    { name: 'corrected <v1.1>', items: items([1, 2, 4]) },
  ],
  models: [
    {
      model: 'model-a',
      samples: [
        {
          sample: 0,
          responses: [1, 2, 3].map((value, index) => ({
            id: String(index + 1),
            response: `<answer>${value}</answer>`,
            line: index + 1,
          })),
        },
      ],
    },
  ],
  ruleSet: RULE_SETS['relative-5pct'],
  bootstrap: { seed: 'test', resamples: 200 },
});

describe('the accuracy chart', () => {
  it('plots a point and an error bar per model and version, versions in order', () => {
    const spec = buildAccuracyChartSpec(report) as unknown as {
      data: { values: { model: string; version: string; estimate: number; low: number; high: number }[] };
      layer: { mark: { type: string } }[];
    };
    expect(spec.layer.map((layer) => layer.mark.type)).toEqual(['rule', 'point']);
    expect(spec.data.values.map((value) => [value.version, value.estimate])).toEqual([
      ['original', 1],
      ['corrected <v1.1>', 2 / 3],
    ]);
    expect(spec.data.values[0]?.low).toBeCloseTo(0.4385, 3); // Wilson 3/3
  });

  it('renders an SVG and a self-contained HTML page with escaped names and no script', async () => {
    const chart = await renderAccuracyChart(report);
    expect(chart.svg).toMatch(/^<svg/);
    expect(chart.svg).toContain('model-a');
    expect(chart.html).toContain('<figure>');
    expect(chart.html).toContain('corrected &lt;v1.1&gt;');
    expect(chart.html).not.toContain('<script');
    expect(chart.html).toContain('model-a: 100.0% on original');
  });
});
