import { describe, expect, it } from 'vitest';
import { STORE_TARGETS } from '../../../test/database.js';
import { medcalcV1RuleSet } from '../../answers/medcalc-v1.js';
import { auditItemViewSchema, buildAuditItemView } from '../../audit/item-view.js';
import { auditPolicyOf } from '../../audit/policy.js';
import { runAudit } from '../../audit/run-audit.js';
import { buildBmiDataset } from '../../dataset/test-fixtures.js';
import type { ItemHistory } from '../../store/audit-repository.js';
import { openStore } from '../../store/open.js';
import { makeLlmVerdict } from '../../triage/__fixtures__/llm-verdicts.js';
import { makeVerdict } from '../../triage/__fixtures__/verdicts.js';
import { DEFAULT_POLICY } from '../../triage/policy.js';
import { resolveVerifiers } from '../../verify/registry.js';
import type { CliIo } from '../io.js';
import { buildItemHistory } from './__fixtures__/item-history.js';
import { auditShowCommand, renderAuditShowText } from './audit-show.js';

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

/** One item of the calculator with a recompute and an llm-recompute verdict and a decision proposing `proposed`. */
function historyOf(calculator: { id: number; name: string }, label: string, proposed: string): ItemHistory {
  const ruleSet = { id: 'medcalc-v1.0', version: '1' };
  return buildItemHistory({
    instance: {
      itemId: '812',
      row: 812,
      calculatorId: calculator.id,
      calculatorSlug: null,
      calculatorName: calculator.name,
      category: null,
      outputType: null,
      question: 'What is the score?',
      label,
    },
    verdicts: [
      makeVerdict('recompute', 'disputes', { proposedLabel: proposed }),
      makeLlmVerdict('llm-recompute', 'disputes', { answer: proposed }),
    ],
    decisions: [
      {
        decision: {
          status: 'relabel-proposed',
          proposedLabel: proposed,
          reasons: [],
          categories: [],
          impact: 1,
        },
        policyHash: 'p'.repeat(64),
        decidedAt: new Date('2026-12-03T10:00:00Z'),
        run: {
          id: 'run-1',
          verifiers: [],
          ruleSet,
          policyName: 'default',
          lastUsedAt: new Date('2026-12-03T10:00:00Z'),
        },
      },
    ],
  });
}

const CHA2DS2_VASC = { id: 4, name: 'CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk' };
const BMI = { id: 6, name: 'Body Mass Index (BMI)' };

describe('audit show labels at the calculator precision (issue 17)', () => {
  it("shows an integer calculator's labels whole in the text; the JSON keeps them exact", () => {
    const history = historyOf(CHA2DS2_VASC, '3.0', '3.9999999999');
    const text = renderAuditShowText(history, { source: 'memory', terminal: false });
    expect(text).toContain('\noriginal label: 3\n');
    expect(text).toContain('    relabel-proposed · proposed label 4 · impact 1.000');
    expect(text).toMatch(/\n {2}recompute@\S+ \(medcalc-v1\.0 rules\): disputes · proposes 4 · /);
    expect(text).toContain('    vote: agreed on 4 · ');
    // The runs are what the models wrote.
    expect(text).toContain('      #0 openai/gpt-test (cached): 3.9999999999');
    const view = auditItemViewSchema.parse(
      JSON.parse(JSON.stringify(buildAuditItemView(history, { id: 'content:x', source: 'memory' }))),
    );
    expect(view.item.label).toBe('3.0');
    expect(view.triage[0]?.proposedLabel).toBe('3.9999999999');
    expect(view.verdicts.map((verdict) => verdict.proposedLabel)).toEqual(['3.9999999999', '3.9999999999']);
    expect(view.verdicts[1]?.llm?.vote.answer).toBe('3.9999999999');
  });

  it("shows a decimal calculator's labels to 3 places and keeps a short one as written", () => {
    const text = renderAuditShowText(historyOf(BMI, '3.0', '24.2214532872'), {
      source: 'memory',
      terminal: false,
    });
    expect(text).toContain('\noriginal label: 3.0\n');
    expect(text).toContain('    relabel-proposed · proposed label 24.221 · impact 1.000');
    expect(text).toContain(' · proposes 24.221 · ');
    expect(text).toContain('    vote: agreed on 24.221 · ');
  });
});
