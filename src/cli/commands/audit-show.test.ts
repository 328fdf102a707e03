import { describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../../../test/database.js';
import { medcalcV1RuleSet } from '../../answers/medcalc-v1.js';
import { auditItemViewSchema } from '../../audit/item-view.js';
import { auditPolicyOf } from '../../audit/policy.js';
import { runAudit } from '../../audit/run-audit.js';
import { buildBmiDataset } from '../../dataset/test-fixtures.js';
import { openStore } from '../../store/open.js';
import { DEFAULT_POLICY } from '../../triage/policy.js';
import { resolveVerifiers } from '../../verify/registry.js';
import type { CliIo } from '../io.js';
import { auditShowCommand } from './audit-show.js';

function bmiDataset() {
  return buildBmiDataset([
    { id: '1', weight: 70, label: '24.221' },
    { id: '2', weight: 80, label: '30.5' },
  ]);
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
