import type { ItemHistory } from '../../../store/audit-repository.js';
import type { Verdict } from '../../../verify/types.js';

type StoredInstance = ItemHistory['instance'];

/**
 * An item's history as `loadItemHistory` returns it, for `audit show` tests without a store: a BMI item (row 7)
 * unless `instance` says otherwise, its verdicts stored under the v1.0 rules by run `run-1`, and `decisions`.
 */
export function buildItemHistory(options: {
  instance?: Partial<StoredInstance>;
  verdicts?: readonly Verdict[];
  decisions?: ItemHistory['decisions'];
}): ItemHistory {
  const instance: StoredInstance = {
    datasetId: 'content:x',
    itemId: '7',
    row: 7,
    calculatorId: 6,
    calculatorSlug: 'body-mass-index',
    calculatorName: 'Body Mass Index (BMI)',
    category: 'physical',
    outputType: 'decimal',
    noteId: null,
    noteType: null,
    note: 'A note.',
    question: "What is the patient's BMI?",
    entities: null,
    entitiesText: null,
    label: '30.5',
    lowerLimit: null,
    upperLimit: null,
    explanation: null,
    contentHash: 'c',
    instanceHash: 'i',
    ...options.instance,
  };
  return {
    instance,
    verdicts: (options.verdicts ?? []).map((verdict) => ({
      verdict,
      ruleSet: { id: 'medcalc-v1.0', version: '1' },
      runId: 'run-1',
      createdAt: new Date('2026-12-03T10:00:00Z'),
    })),
    decisions: options.decisions ?? [],
    events: [],
  };
}
