/**
 * The audit store's repository, one module per concern; every function returns checked domain types (jsonb
 * columns are parsed in `records.ts`). Import from here or from the concern's module.
 */
export {
  SYSTEM_ACTOR,
  datasetKey,
  fileDatasetKey,
  loadDatasetRecord,
  loadInstances,
  saveDataset,
} from './datasets.js';
export type { StoredDataset, StoredInstance } from './datasets.js';
export { completeRun, latestRun, runKeyOf, startOrResumeRun } from './runs.js';
export { findPreviousRun } from './previous-run.js';
export type { AuditRun, RuleSetIdentity, RunHandle, RunSpec } from './runs.js';
export { existingVerdictKeys, loadVerdicts, recordVerdicts, verdictKey } from './verdicts.js';
export type { VerdictScope } from './verdicts.js';
export { loadTriage, recordTriage } from './triage-decisions.js';
export { loadItemHistory } from './item-history.js';
export type { ItemHistory, StoredDecision, StoredEvent, StoredVerdict } from './item-history.js';
export { countRows } from './counts.js';
