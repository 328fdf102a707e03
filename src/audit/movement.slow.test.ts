import { describe, expect, it } from 'vitest';
import { STORE_TARGETS, freshStorePerTest } from '../../test/database.js';
import { buildBmiDataset } from '../dataset/test-fixtures.js';
import {
  completeRun,
  findPreviousRun,
  recordTriage,
  saveDataset,
  startOrResumeRun,
} from '../store/audit-repository.js';
import type { StoreDatabase } from '../store/open.js';
import type { TriageReason, TriageStatus } from '../triage/types.js';
import { compareWithPreviousRun } from './movement.js';

function threeItems() {
  return buildBmiDataset(
    ['1', '2', '3'].map((id) => ({
      id,
      weight: 70,
      label: '24.2',
      lowerLimit: '23',
      upperLimit: '25.4',
      note: `Patient ${id}: 70 kg, 170 cm.`,
    })),
  );
}

function decision(status: TriageStatus, rule: TriageReason['rule']) {
  return {
    status,
    proposedLabel: status === 'relabel-proposed' ? '30' : null,
    reasons: [
      { rule, effect: status === 'needs-physician' ? 'holds' : 'decides', text: rule } as TriageReason,
    ],
    categories: [],
    impact: 0.5,
  };
}

/** Starts a run (its policy hash names it), records its decisions and, unless `finish` is false, completes it. */
async function audit(
  db: StoreDatabase,
  datasetId: string,
  options: { policyHash: string; decisions: Record<string, ReturnType<typeof decision>>; finish?: boolean },
): Promise<string> {
  const run = await startOrResumeRun(db, {
    datasetId,
    verifiers: [{ name: 'recompute', version: '1.0.0', configHash: 'hash' }],
    ruleSet: { id: 'medcalc-v1.0', version: '1' },
    policyName: 'steward-default@1.3.0',
    policyHash: options.policyHash,
  });
  const entries = Object.entries(options.decisions).map(([itemId, value]) => ({ itemId, decision: value }));
  await recordTriage(db, { runId: run.id, datasetId, policyHash: options.policyHash }, entries);
  if (options.finish !== false) await completeRun(db, run.id, {});
  return run.id;
}

describe.each(STORE_TARGETS)('movement between audits on $name', ({ make, openFresh, skip }) => {
  const open = freshStorePerTest({ make, openFresh });

  it.skipIf(skip)(
    'compares with the last completed run used before, item by item, naming the decisive rule',
    async () => {
      const { db } = await open();
      const { datasetId } = await saveDataset(db, threeItems());
      const first = await audit(db, datasetId, {
        policyHash: 'first',
        decisions: {
          '1': decision('confirmed', 'confirmed'),
          '2': decision('confirmed', 'confirmed'),
          '3': decision('needs-physician', 'blocking-finding'),
        },
      });
      expect(await compareWithPreviousRun(db, { runId: first, datasetId })).toBeNull();
      // An interrupted run in between is never "the previous audit": its decisions may be partial.
      await audit(db, datasetId, {
        policyHash: 'interrupted',
        decisions: { '1': decision('not-computable', 'not-computable') },
        finish: false,
      });
      const second = await audit(db, datasetId, {
        policyHash: 'second',
        decisions: {
          '1': decision('needs-physician', 'blind-vs-recompute'),
          '2': decision('confirmed', 'blind-confirmed'),
          '3': decision('relabel-proposed', 'blind-relabel'),
        },
      });
      const movement = await compareWithPreviousRun(db, { runId: second, datasetId });
      expect(movement).toEqual({
        previousRunId: first,
        moved: [
          { itemId: '1', from: 'confirmed', to: 'needs-physician', decisiveRule: 'blind-vs-recompute' },
          { itemId: '3', from: 'needs-physician', to: 'relabel-proposed', decisiveRule: 'blind-relabel' },
        ],
        counts: { 'confirmed→needs-physician': 1, 'needs-physician→relabel-proposed': 1 },
      });

      // Running the first audit again makes the second one the run used before it.
      await audit(db, datasetId, { policyHash: 'first', decisions: {} });
      const again = await compareWithPreviousRun(db, { runId: first, datasetId });
      expect(again?.previousRunId).toBe(second);
      expect(again?.counts).toEqual({
        'needs-physician→confirmed': 1,
        'relabel-proposed→needs-physician': 1,
      });
      // The first run is now used after the second, and the interrupted one never finished: nothing before.
      expect(await findPreviousRun(db, { runId: second, datasetId })).toBeUndefined();
      expect(await compareWithPreviousRun(db, { runId: second, datasetId: 'sha256:other' })).toBeNull();
    },
  );
});
