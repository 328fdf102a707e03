/**
 * One full audit in this process, for `npm run bench` (which starts it as a child, so each run has a fresh
 * heap and its own peak RSS): load the v1.0 test CSV, open the store in the given folder, audit with both
 * verifiers under the default policy, render the HTML report. Prints one JSON line of timings.
 */
import { fileURLToPath } from 'node:url';
import { medcalcV1RuleSet } from '../src/answers/medcalc-v1.js';
import { auditPolicyOf } from '../src/audit/policy.js';
import { runAudit } from '../src/audit/run-audit.js';
import { loadDataset } from '../src/dataset/load.js';
import { renderAuditReportHtml } from '../src/report/audit-html.js';
import { openStore } from '../src/store/open.js';
import { DEFAULT_POLICY } from '../src/triage/policy.js';
import { resolveVerifiers, DEFAULT_VERIFIER_NAMES } from '../src/verify/registry.js';

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: audit-once.ts <db folder>');
const csvPath = fileURLToPath(new URL('../../shared/data/medcalc-bench-v1.0/test_data.csv', import.meta.url));

const started = performance.now();
const lap = (() => {
  let last = started;
  return () => {
    const now = performance.now();
    const elapsed = now - last;
    last = now;
    return Math.round(elapsed);
  };
})();
const dataset = await loadDataset(csvPath, {
  cwd: process.cwd(),
  hub: { cacheDir: dataDir, endpoint: 'http://127.0.0.1:9', token: undefined, offline: true },
});
const loadMs = lap();
const store = await openStore({ kind: 'pglite', dataDir });
const openMs = lap();
const outcome = await runAudit({
  db: store.db,
  dataset,
  verifiers: resolveVerifiers(DEFAULT_VERIFIER_NAMES),
  ruleSet: medcalcV1RuleSet,
  policy: auditPolicyOf(DEFAULT_POLICY),
});
const auditMs = lap();
const html = await renderAuditReportHtml(outcome.report);
const reportMs = lap();
await store.close();
const closeMs = lap();
console.log(
  JSON.stringify({
    items: dataset.instances.length,
    state: outcome.state,
    verdictsWritten: outcome.verdictsWritten,
    reportBytes: html.length,
    ms: { load: loadMs, open: openMs, audit: auditMs, report: reportMs, close: closeMs },
    totalMs: Math.round(performance.now() - started),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
