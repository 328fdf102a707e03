import { describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../../../test/database.js';
import { medcalcV1RuleSet } from '../../answers/medcalc-v1.js';
import { auditItemViewSchema } from '../../audit/item-view.js';
import { auditPolicyOf } from '../../audit/policy.js';
import { runAudit } from '../../audit/run-audit.js';
import { buildDataset } from '../../dataset/build.js';
import { openStore } from '../../store/open.js';
import { DEFAULT_POLICY } from '../../triage/policy.js';
import { resolveVerifiers } from '../../verify/registry.js';
import type { CliIo } from '../io.js';
import { auditShowCommand } from './audit-show.js';

const HEADER = [
  'Row Number',
  'Calculator ID',
  'Calculator Name',
  'Category',
  'Output Type',
  'Note ID',
  'Note Type',
  'Patient Note',
  'Question',
  'Relevant Entities',
  'Ground Truth Answer',
  'Lower Limit',
  'Upper Limit',
  'Ground Truth Explanation',
];

function bmiDataset() {
  const row = (id: string, weight: number, label: string) => ({
    'Row Number': id,
    'Calculator ID': '6',
    'Calculator Name': 'Body Mass Index (BMI)',
    Category: 'physical',
    'Output Type': 'decimal',
    'Note ID': `n${id}`,
    'Note Type': 'Extracted',
    'Patient Note': `A patient weighing ${weight} kg, 170 cm tall.`,
    Question: "What is the patient's BMI?",
    'Relevant Entities': `{'weight': [${weight}, 'kg'], 'height': [170, 'cm']}`,
    'Ground Truth Answer': label,
    'Lower Limit': '1',
    'Upper Limit': '100',
    'Ground Truth Explanation': 'BMI = weight / height^2.',
  });
  return buildDataset([row('1', 70, '24.221'), row('2', 80, '30.5')], {
    source: 'memory',
    format: 'csv',
    headers: HEADER,
  });
}

/** Every key of a JSON value, outside the free-form objects (entities, verdict details, event payloads). */
function keysOf(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const entry of value) keysOf(entry, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      into.push(key);
      if (!['entities', 'details', 'payload'].includes(key)) keysOf(entry, into);
    }
  }
  return into;
}

describe.each(STORE_TARGETS)('audit show on $name', ({ make, skip }) => {
  it.skipIf(skip)(
    'prints the documented item view, not database rows; the text stays as it was',
    async () => {
      const target = await make();
      try {
        const store = await openStore(target.target);
        try {
          await runAudit({
            db: store.db,
            dataset: bmiDataset(),
            verifiers: resolveVerifiers(['recompute', 'entity-check']),
            ruleSet: medcalcV1RuleSet,
            policy: auditPolicyOf(DEFAULT_POLICY),
          });
        } finally {
          await store.close();
        }
        const io: CliIo = {
          stdout: () => undefined,
          stderr: () => undefined,
          env: target.target.kind === 'postgres' ? { DATABASE_URL: target.target.url } : {},
          cwd: '/',
          isTty: false,
        };
        const db = target.target.kind === 'pglite' ? target.target.dataDir : undefined;
        const result = await auditShowCommand({ id: '2', ...(db === undefined ? {} : { db }), io });
        // What the CLI prints: the value through JSON.
        const json: unknown = JSON.parse(JSON.stringify(result.json));
        const view = auditItemViewSchema.parse(json);
        expect(view.item).toMatchObject({ id: '2', label: '30.5', lowerLimit: '1', calculatorId: 6 });
        expect(view.verdicts.map((verdict) => verdict.verifier.name).sort()).toEqual([
          'entity-check',
          'recompute',
        ]);
        expect(view.verdicts[0]?.ruleSet).toEqual({
          id: medcalcV1RuleSet.id,
          version: medcalcV1RuleSet.version,
        });
        expect(view.triage[0]?.reasons.length).toBeGreaterThan(0);
        expect(view.events.map((event) => event.kind)).toContain('triage.decided');
        const keys = keysOf(json);
        expect(keys.filter((key) => key.includes('_'))).toEqual([]);
        for (const raw of [
          'itemId',
          'datasetId',
          'verifierVersion',
          'verifierConfigHash',
          'ruleSetVersion',
        ]) {
          expect(keys).not.toContain(raw);
        }
        expect(result.text).toContain('item 2 (row 2) · Body Mass Index (BMI) (id 6) · memory');
        expect(result.text).toContain('original label: 30.5 (limits 1 – 100)');
        expect(result.text).toMatch(
          /\n {2}recompute@\S+ \(medcalc-v1\.0 rules\): supports · proposes 27\.68/,
        );
      } finally {
        await target.cleanup();
      }
    },
  );
});
