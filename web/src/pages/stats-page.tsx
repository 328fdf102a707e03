import type { StatsResponse } from '../../../src/contracts/review-api';
import { useSignedIn } from '../app-context';
import type { Estimate } from '../api';
import { formatMinutes } from '../components/format';
import { ErrorMessage, Loading, usePageTitle } from '../components/status';
import { useResource } from '../components/use-resource';

/** Shares (percent agreement, agreement with the final label) as percentages; kappa and alpha as coefficients. */
type Scale = 'share' | 'coefficient';

function formatNumber(value: number, scale: Scale): string {
  return scale === 'share' ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}

export function formatEstimate(estimate: Estimate, scale: Scale): string {
  if (estimate.estimate === null) return `not available: ${estimate.reason ?? 'no data'} (n = ${estimate.n})`;
  const interval =
    estimate.ci === null
      ? 'no CI'
      : `95% CI ${formatNumber(estimate.ci.low, scale)}–${formatNumber(estimate.ci.high, scale)}`;
  return `${formatNumber(estimate.estimate, scale)} (${interval}), n = ${estimate.n}`;
}

const PHYSICIAN_MEASURES: readonly {
  key: Exclude<keyof StatsResponse['physicians'], 'krippendorffAlphaByCalculator'>;
  label: string;
  testId: string;
  scale: Scale;
}[] = [
  { key: 'percentAgreement', label: 'Percent agreement', testId: 'stats-percent-agreement', scale: 'share' },
  { key: 'cohensKappa', label: "Cohen's kappa", testId: 'stats-cohen', scale: 'coefficient' },
  { key: 'fleissKappa', label: "Fleiss' kappa", testId: 'stats-fleiss', scale: 'coefficient' },
  {
    key: 'krippendorffAlphaInterval',
    label: "Krippendorff's alpha (interval, pooled over calculators)",
    testId: 'stats-alpha',
    scale: 'coefficient',
  },
];

function StatsTables({ stats }: { stats: StatsResponse }) {
  return (
    <>
      <h2>Items</h2>
      <dl className="counts" data-testid="stats-items">
        {(['total', 'open', 'escalated', 'resolved', 'fullyLabelled'] as const).map((key) => (
          <div key={key}>
            <dt>{key === 'fullyLabelled' ? 'fully labelled' : key}</dt>
            <dd data-testid={`stats-items-${key}`}>{stats.items[key]}</dd>
          </div>
        ))}
      </dl>
      <h2>Agreement between physicians</h2>
      <table data-testid="stats-physicians">
        <tbody>
          {PHYSICIAN_MEASURES.map((measure) => (
            <tr key={measure.key} data-testid={measure.testId}>
              <th scope="row">{measure.label}</th>
              <td>{formatEstimate(stats.physicians[measure.key], measure.scale)}</td>
            </tr>
          ))}
          {stats.physicians.krippendorffAlphaByCalculator.map((row) => (
            <tr
              key={`alpha-${row.calculatorId ?? 'none'}`}
              data-testid={`stats-alpha-calculator-${row.calculatorId ?? 'none'}`}
            >
              <th scope="row">… within calculator {row.calculatorId ?? '(none)'}</th>
              <td>{formatEstimate(row.estimate, 'coefficient')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Agreement with the final labels</h2>
      {stats.againstFinal.length === 0 ? (
        <p className="hint">No final labels yet.</p>
      ) : (
        <table data-testid="stats-against-final">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Agree / total</th>
              <th scope="col">Estimate</th>
            </tr>
          </thead>
          <tbody>
            {stats.againstFinal.map((row) => (
              <tr key={row.source} data-testid={`stats-against-final-${row.source}`}>
                <th scope="row">{row.source}</th>
                <td>
                  {row.agree} / {row.total}
                </td>
                <td>{formatEstimate(row.estimate, 'share')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Physician time</h2>
      <dl className="counts" data-testid="stats-minutes">
        <div>
          <dt>labels with minutes</dt>
          <dd>{stats.minutes.labels}</dd>
        </div>
        <div>
          <dt>median per label</dt>
          <dd>{formatMinutes(stats.minutes.median)}</dd>
        </div>
        <div>
          <dt>total</dt>
          <dd>{formatMinutes(stats.minutes.total)}</dd>
        </div>
      </dl>
    </>
  );
}

export function StatsPage() {
  usePageTitle('Stats');
  const { api } = useSignedIn();
  const { resource, reload } = useResource((signal) => api.call('stats', { signal }), 'stats');
  return (
    <div className="panel">
      <div className="heading-row">
        <h1>Agreement and progress</h1>
        <button type="button" onClick={reload} data-testid="stats-refresh">
          Refresh
        </button>
      </div>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' && <StatsTables stats={resource.data} />}
    </div>
  );
}
