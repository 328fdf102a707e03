import type { StoreDatabase } from './open.js';
import { auditRuns, datasets, events, instances, triageDecisions, verdicts } from './schema.js';

/** How many rows each table holds (tests and store summaries). */
export async function countRows(db: StoreDatabase) {
  const [datasetCount, instanceCount, verdictCount, decisionCount, eventCount, runCount] = await Promise.all([
    db.$count(datasets),
    db.$count(instances),
    db.$count(verdicts),
    db.$count(triageDecisions),
    db.$count(events),
    db.$count(auditRuns),
  ]);
  return {
    datasets: datasetCount,
    instances: instanceCount,
    verdicts: verdictCount,
    triageDecisions: decisionCount,
    events: eventCount,
    auditRuns: runCount,
  };
}
