/**
 * Steward as a library: what `import { … } from 'steward'` gives. The CLI is built on the same functions.
 *
 * - Datasets: {@link loadDataset} reads a CSV/JSONL/Parquet file or a Hugging Face id; {@link loadConfig}
 *   turns an environment into the cache and hub settings it needs.
 * - Scoring: {@link scoreResponses} scores model responses with a rule set from {@link getRuleSet}.
 * - Calculators: {@link getCalculator} finds one of the 55 by slug, id or name; `calculator.run(inputs, …)`
 *   computes it with every step, assumption and warning.
 * - Audits: {@link runAudit} judges every label with verifiers from {@link resolveVerifiers}, triages it under
 *   a policy and stores everything in a store from {@link openStore}.
 *
 * Every failure a caller can act on is an {@link AppError} with a stable `code`.
 *
 * @example
 * ```ts
 * import { getRuleSet, loadConfig, loadDataset, scoreResponses } from 'steward';
 *
 * const config = loadConfig(process.env);
 * const dataset = await loadDataset('ncbi/MedCalc-Bench-v1.0:test', {
 *   cwd: process.cwd(),
 *   hub: { cacheDir: config.cacheDir, endpoint: config.hubEndpoint, token: config.hubToken, offline: config.offline },
 * });
 * const report = scoreResponses({ items: dataset.instances, responses, ruleSet: getRuleSet('medcalc-v1.0') });
 * console.log(report.overall.estimate);
 * ```
 *
 * @module
 */

export { AppError, ERROR_CODES, EXIT_CODES, toAppError } from './app-error.js';
export type { AppErrorOptions, ErrorCode } from './app-error.js';
export { loadConfig } from './config.js';
export type { Config } from './config.js';

// Datasets
export { loadDataset } from './dataset/load.js';
export type { LoadOptions } from './dataset/load.js';
export type { HubOptions } from './dataset/hub.js';
export type {
  Dataset,
  DatasetFormat,
  DatasetLayout,
  DatasetProvenance,
  Instance,
  ValidationProblem,
} from './dataset/instance.js';

// Scoring responses
export { getRuleSet, RULE_SET_IDS, RULE_SETS } from './answers/index.js';
export type { AnswerStyle, RuleSet, RuleSetId, ScoringItem } from './answers/index.js';
export { parseResponsesJsonl } from './eval/responses.js';
export type { ModelResponse } from './eval/responses.js';
export { scoreResponses } from './eval/score.js';
export type { GroupAccuracy, RowResult, ScoredItem, ScoreReport } from './eval/score.js';

// Calculators
export { getCalculator, listCalculators } from './calculators/lookup.js';
export type { Calculator, RunOptions } from './calculators/define.js';
export type {
  CalculatorResult,
  ComputedResult,
  NotComputableResult,
  Reference,
  Step,
} from './calculators/types.js';

// Audits (runAudit's options are re-exported as they are, not wrapped)
export { readAuditReport, runAudit } from './audit/run-audit.js';
export type { AuditOptions, AuditOutcome, AuditPolicy, AuditProgress } from './audit/run-audit.js';
export type { AuditItem, AuditReport, AuditSummary } from './audit/types.js';
export { auditPolicyOf, loadTriagePolicy } from './audit/policy.js';
export { DEFAULT_VERIFIER_NAMES, resolveVerifiers } from './verify/registry.js';
export type { Verifier } from './verify/types.js';
export { chooseStoreTarget, openStore } from './store/open.js';
export type { Store, StoreTarget } from './store/open.js';
