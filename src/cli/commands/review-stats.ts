import { computeReviewStats } from '../../review/stats.js';
import { formatTable } from '../io.js';
import type { CommandResult } from '../io.js';
import { openCliStore } from '../open-store.js';
import type { reviewStatsSpec } from '../command-table.js';
import type { CommandInput } from '../define-command.js';
import type { StatsResponse } from '../../contracts/review-api.js';

type Estimate = StatsResponse['physicians']['percentAgreement'];

function formatEstimate(estimate: Estimate, percent: boolean): string {
  const show = (value: number) => (percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3));
  if (estimate.estimate === null) return `– (${estimate.reason ?? 'not defined'})`;
  const ci =
    estimate.ci === null
      ? `no CI${estimate.reason === undefined ? '' : `: ${estimate.reason}`}`
      : `95% CI ${show(estimate.ci.low)}–${show(estimate.ci.high)}`;
  return `${show(estimate.estimate)} (${ci}), n ${estimate.n}`;
}

/** `steward review stats`: agreement figures with 95% CIs, the same JSON as `GET /api/stats`. */
export async function reviewStatsCommand(
  options: CommandInput<typeof reviewStatsSpec>,
): Promise<CommandResult> {
  const store = await openCliStore(options.io, options.db, true);
  try {
    const stats = await computeReviewStats(store.db);
    const { items, physicians } = stats;
    const text = [
      `review items: ${items.total} (${items.open} open, ${items.escalated} escalated, ${items.resolved} resolved); ${items.fullyLabelled} with every label in`,
      '',
      'between physicians:',
      `  percent agreement (within the answer rules' tolerance): ${formatEstimate(physicians.percentAgreement, true)}`,
      `  Cohen's kappa (answer / not computable, 2 raters):      ${formatEstimate(physicians.cohensKappa, false)}`,
      `  Fleiss' kappa (3+ raters):                              ${formatEstimate(physicians.fleissKappa, false)}`,
      `  Krippendorff's alpha (interval, numeric answers):       ${formatEstimate(physicians.krippendorffAlphaInterval, false)} (pooled over calculators: overstates agreement)`,
      ...physicians.krippendorffAlphaByCalculator.map(
        (row) =>
          `    within calculator ${row.calculatorId ?? '(none)'}: ${formatEstimate(row.estimate, false)}`,
      ),
      '',
      'agreement with the final labels:',
      stats.againstFinal.length === 0
        ? '  (no decided item yet)'
        : formatTable(
            ['source', 'agree', 'total', 'share (95% Wilson CI)'],
            stats.againstFinal.map((row) => [
              row.source,
              String(row.agree),
              String(row.total),
              formatEstimate(row.estimate, true),
            ]),
          ),
      '',
      `minutes: ${stats.minutes.labels} labels timed, median ${stats.minutes.median === null ? '–' : stats.minutes.median.toFixed(1)} min, total ${stats.minutes.total.toFixed(1)} min`,
    ].join('\n');
    return { text, json: stats };
  } finally {
    await store.close();
  }
}
