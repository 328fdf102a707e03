import { getRuleSet } from '../answers/index.js';
import type { StatsResponse } from '../contracts/review-api.js';
import { parseCalendarDate } from '../units/index.js';
import { cohensKappa, fleissKappa, krippendorffAlphaInterval } from '../stats/agreement.js';
import type { ConfidenceInterval } from '../stats/agreement.js';
import { proportion } from '../stats/proportion.js';
import type { StoreDatabase } from '../store/open.js';
import { loadReviewedItems, loadRunVerdictsForItems } from '../store/review-outcomes.js';
import type { ReviewedItem } from '../store/review-outcomes.js';
import type { StoredLabel } from '../store/review-records.js';
import type { Verdict } from '../verify/types.js';
import { createAnswerAgreement } from './resolve.js';

/**
 * Agreement figures of the review (`GET /api/stats`, `steward review stats`):
 * - between physicians, on the items whose every required label is in: percent agreement within the answer
 *   rules' tolerance (an item agrees when all its labels agree pairwise; Wilson 95% CI), Cohen's kappa on the
 *   outcome categories (answer / not computable) for items with 2 labels, Fleiss' kappa for items with 3 or more,
 *   and Krippendorff's alpha (interval) on the numeric answers (dates as days, gestational ages as days);
 * - of the original labels and of each verifier with the final labels of decided items (Wilson 95% CI).
 * Bootstrap intervals are seeded, so the same store gives the same figures.
 */

const STATS_SEED = 'steward-review-stats';

type Estimate = StatsResponse['physicians']['percentAgreement'];

function toEstimate(figure: {
  estimate: number | null;
  ci: ConfidenceInterval | { low: number; high: number } | null;
  n: number;
  reason: string | null;
}): Estimate {
  const { estimate, n } = figure;
  // A zero-width interval from a handful of items (e.g. one rater used one category) claims a certainty it lacks.
  const degenerate = figure.ci !== null && figure.ci.low === figure.ci.high && n < 30;
  const ci = degenerate ? null : figure.ci;
  const reason =
    figure.reason ??
    (degenerate ? `no interval: it collapses to one point with ${n} item${n === 1 ? '' : 's'}` : null);
  return {
    estimate,
    ci: ci === null ? null : { low: ci.low, high: ci.high },
    n,
    ...(reason === null ? {} : { reason }),
  };
}

/** An answer as a number for interval alpha: numbers, US dates (days since 1970), "(N weeks, M days)" (days). */
export function answerToNumber(answer: string): number | null {
  const trimmed = answer.trim();
  if (trimmed !== '' && Number.isFinite(Number(trimmed))) return Number(trimmed);
  const date = parseCalendarDate(trimmed);
  if (date !== undefined) return Date.UTC(date.year, date.month - 1, date.day) / 86_400_000;
  const weeks = /(\d+)\s*weeks?/i.exec(trimmed);
  const days = /(\d+)\s*days?/i.exec(trimmed);
  if (weeks !== null || days !== null) return Number(weeks?.[1] ?? 0) * 7 + Number(days?.[1] ?? 0);
  return null;
}

function labelsAgree(
  left: StoredLabel,
  right: StoredLabel,
  same: (a: string, b: string) => boolean,
): boolean {
  if (left.outcome === 'not-computable' || right.outcome === 'not-computable')
    return left.outcome === right.outcome;
  return same(left.answer ?? '', right.answer ?? '');
}

/** Whether a source's answer (null = not computable) matches the item's final decision. */
function matchesFinal(
  item: ReviewedItem,
  answer: string | null,
  same: (a: string, b: string) => boolean,
): boolean {
  if (item.finalOutcome === 'not-computable' || answer === null)
    return item.finalOutcome === 'not-computable' && answer === null;
  return same(answer, item.finalLabel ?? '');
}

/** What a verdict says the label should be: its proposal, the original label when it supports it, null for N/A. */
function verdictAnswer(verdict: Verdict, item: ReviewedItem): string | null | undefined {
  if (verdict.assessment === 'abstains') return undefined;
  if (verdict.assessment === 'not-computable') return null;
  if (verdict.assessment === 'supports') return verdict.proposedLabel ?? item.originalLabel;
  return verdict.proposedLabel ?? undefined;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function summarizeReview(
  items: readonly ReviewedItem[],
  verdictsByItem: ReadonlyMap<string, readonly Verdict[]>,
): StatsResponse {
  const sameFor = (item: ReviewedItem) =>
    createAnswerAgreement(getRuleSet(item.ruleSet), item.calculatorId ?? undefined);
  const full = items.filter((item) => item.labels.length >= Math.max(2, item.requiredReviewers));
  const perItem = full.map((item) => {
    const same = sameFor(item);
    const allAgree = item.labels.every((label, index) =>
      item.labels.slice(index + 1).every((other) => labelsAgree(label, other, same)),
    );
    return {
      batchId: item.batchId,
      itemId: item.itemId,
      reviewers: item.labels.length,
      allAgree,
      status: item.status,
    };
  });
  const agreeing = perItem.filter((item) => item.allAgree).length;
  const share = proportion(agreeing, perItem.length);
  const category = (label: StoredLabel) => label.outcome;
  const pairs = full
    .filter((item) => item.labels.length === 2)
    .map((item) => ({
      first: category(item.labels[0] as StoredLabel),
      second: category(item.labels[1] as StoredLabel),
    }));
  const cohen = cohensKappa(pairs);
  const many = full
    .filter((item) => item.labels.length >= 3)
    .map((item) => ({ id: `${item.batchId}/${item.itemId}`, categories: item.labels.map(category) }));
  const fleiss = fleissKappa(many, { seed: STATS_SEED });
  const numericUnit = (item: ReviewedItem) => ({
    id: `${item.batchId}/${item.itemId}`,
    values: item.labels.flatMap((label) => {
      const value = label.outcome === 'answer' && label.answer !== null ? answerToNumber(label.answer) : null;
      return value === null ? [] : [value];
    }),
  });
  const alpha = krippendorffAlphaInterval(full.map(numericUnit), { seed: STATS_SEED });
  // Within each calculator: pooled alpha mixes scales (a GFR of 60 vs a score of 3) and so overstates agreement.
  const calculatorIds = [...new Set(full.map((item) => item.calculatorId))].sort(
    (left, right) => (left ?? Number.MAX_SAFE_INTEGER) - (right ?? Number.MAX_SAFE_INTEGER),
  );
  const alphaByCalculator = calculatorIds.flatMap((calculatorId) => {
    const units = full.filter((item) => item.calculatorId === calculatorId).map(numericUnit);
    if (units.length < 2) return [];
    const result = krippendorffAlphaInterval(units, { seed: `${STATS_SEED}/${calculatorId ?? 'none'}` });
    return [
      {
        calculatorId,
        estimate: toEstimate({
          estimate: result.alpha,
          ci: result.ci,
          n: result.n,
          reason: result.reason ?? result.ciReason,
        }),
      },
    ];
  });

  const decided = items.filter((item) => item.status === 'resolved' && item.finalOutcome !== null);
  const sources = new Map<string, { agree: number; total: number }>();
  const count = (source: string, agrees: boolean) => {
    const entry = sources.get(source) ?? { agree: 0, total: 0 };
    entry.total += 1;
    if (agrees) entry.agree += 1;
    sources.set(source, entry);
  };
  for (const item of decided) {
    const same = sameFor(item);
    count('original label', matchesFinal(item, item.originalLabel, same));
    for (const verdict of verdictsByItem.get(`${item.batchId}\u0000${item.itemId}`) ?? []) {
      const answer = verdictAnswer(verdict, item);
      if (answer !== undefined)
        count(`${verdict.verifier}@${verdict.verifierVersion}`, matchesFinal(item, answer, same));
    }
  }
  const minutes = items.flatMap((item) =>
    item.labels.flatMap((label) => (label.minutes === null ? [] : [label.minutes])),
  );
  return {
    schemaVersion: 1,
    items: {
      total: items.length,
      open: items.filter((item) => item.status === 'open').length,
      escalated: items.filter((item) => item.status === 'escalated').length,
      resolved: items.filter((item) => item.status === 'resolved').length,
      fullyLabelled: full.length,
    },
    physicians: {
      percentAgreement: toEstimate({
        estimate: perItem.length === 0 ? null : share.estimate,
        ci: perItem.length === 0 ? null : share,
        n: perItem.length,
        reason: perItem.length === 0 ? 'no item has all its labels yet' : null,
      }),
      cohensKappa: toEstimate({
        estimate: cohen.kappa,
        ci: cohen.ci,
        n: cohen.n,
        reason: cohen.reason ?? cohen.ciReason,
      }),
      fleissKappa: toEstimate({
        estimate: fleiss.kappa,
        ci: fleiss.ci,
        n: fleiss.n,
        reason:
          many.length === 0
            ? 'no item has 3 or more labels (items with 2 are in Cohen’s kappa)'
            : (fleiss.reason ?? fleiss.ciReason),
      }),
      krippendorffAlphaInterval: toEstimate({
        estimate: alpha.alpha,
        ci: alpha.ci,
        n: alpha.n,
        reason: alpha.reason ?? alpha.ciReason,
      }),
      krippendorffAlphaByCalculator: alphaByCalculator,
    },
    againstFinal: [...sources.entries()].map(([source, { agree, total }]) => {
      const result = proportion(agree, total);
      return {
        source,
        agree,
        total,
        estimate: toEstimate({ estimate: result.estimate, ci: result, n: total, reason: null }),
      };
    }),
    perItem,
    minutes: {
      labels: minutes.length,
      median: median(minutes),
      total: minutes.reduce((sum, value) => sum + value, 0),
    },
  };
}

/** The figures over every review batch in the store. */
export async function computeReviewStats(db: StoreDatabase): Promise<StatsResponse> {
  const items = await loadReviewedItems(db);
  const verdicts = new Map<string, Verdict[]>();
  const decided = items.filter((item) => item.status === 'resolved' && item.runId !== null);
  const byRun = new Map<string, ReviewedItem[]>();
  for (const item of decided) byRun.set(item.runId ?? '', [...(byRun.get(item.runId ?? '') ?? []), item]);
  for (const [runId, runItems] of byRun) {
    const loaded = await loadRunVerdictsForItems(db, {
      runId,
      datasetId: runItems[0]?.datasetId ?? '',
      itemIds: runItems.map((item) => item.itemId),
    });
    for (const item of runItems)
      verdicts.set(`${item.batchId}\u0000${item.itemId}`, loaded.get(item.itemId) ?? []);
  }
  return summarizeReview(items, verdicts);
}
