/**
 * Timings that used to be assertions in unit tests (they failed at random on a busy machine): each verifier over
 * the whole v1.0 test split, and rendering a 1,047-item HTML report. Each figure is the median of several runs
 * after one warm-up, with the budget the unit test used to assert; `npm run bench` prints and records them.
 */
import { medcalcV1RuleSet } from '../src/answers/medcalc-v1.js';
import type { Dataset } from '../src/dataset/instance.js';
import { buildSyntheticAuditReport } from '../src/report/__fixtures__/synthetic-audit.js';
import { renderAuditReportHtml } from '../src/report/audit-html.js';
import { resolveVerifiers } from '../src/verify/registry.js';
import type { VerifyContext } from '../src/verify/types.js';

export interface UnitTiming {
  medianMs: number;
  runs: number;
  /** What the unit test used to assert; over it means a regression worth a look, not a failed build. */
  budgetMs: number;
  withinBudget: boolean;
}

const RUNS = 5;

function findMedian(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function measure(budgetMs: number, work: () => Promise<unknown>): Promise<UnitTiming> {
  await work();
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  const medianMs = Math.round(findMedian(times));
  return { medianMs, runs: RUNS, budgetMs, withinBudget: medianMs <= budgetMs };
}

function createBenchContext(): VerifyContext {
  return {
    ruleSet: medcalcV1RuleSet,
    signal: new AbortController().signal,
    now: () => new Date(0),
    newId: () => 'bench',
    reportUsage: () => undefined,
  };
}

async function verifyEveryInstance(verifierName: string, dataset: Dataset): Promise<void> {
  const [verifier] = resolveVerifiers([verifierName]);
  if (verifier === undefined) throw new Error(`no verifier ${verifierName}`);
  const context = createBenchContext();
  for (const instance of dataset.instances) await verifier.verify(instance, context);
}

export async function measureUnitTimings(dataset: Dataset): Promise<Record<string, UnitTiming>> {
  const report = buildSyntheticAuditReport(1047);
  return {
    'entity-check verifier, v1.0 test split': await measure(2000, () =>
      verifyEveryInstance('entity-check', dataset),
    ),
    'recompute verifier, v1.0 test split': await measure(2000, () =>
      verifyEveryInstance('recompute', dataset),
    ),
    'HTML report, 1,047 items': await measure(2000, () => renderAuditReportHtml(report)),
  };
}
