import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { medcalcV1RuleSet } from '../answers/medcalc-v1.js';
import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { identityOf } from './identity.js';
import {
  categoriesOf,
  ERROR_CATEGORIES,
  type Verdict,
  type VerdictUsage,
  type Verifier,
  type VerifyContext,
} from './types.js';

/**
 * The contract every verifier meets (Hono's router `runTest({ newRouter, skip })` is the model): call
 * `runVerifierContract({ make })` from the verifier's own test file. `skip` names checks a verifier cannot meet
 * yet; each skip should say why in a comment where it is passed.
 */
export type VerifierContractCheck =
  'hostile rows' | 'real rows' | 'evidence spans' | 'categories' | 'identity' | 'replay';

export interface VerifierContractOptions {
  /** Builds the verifier under test (called once per check). */
  make: () => Verifier;
  skip?: readonly VerifierContractCheck[];
}

const FIXED_NOW = new Date('2026-01-01T00:00:00.000Z');

/**
 * A context for tests: the v1.0 rule set, a signal that never aborts, a fixed clock, ids counted from 1 and the
 * usage reports collected in `reported`. Two calls give contexts that behave identically.
 */
export function createTestContext(
  overrides: Partial<VerifyContext> = {},
): VerifyContext & { reported: Partial<VerdictUsage>[] } {
  let next = 0;
  const reported: Partial<VerdictUsage>[] = [];
  return {
    ruleSet: medcalcV1RuleSet,
    signal: new AbortController().signal,
    now: () => new Date(FIXED_NOW),
    newId: () => `test-id-${++next}`,
    reportUsage: (usage) => {
      reported.push(usage);
    },
    reported,
    ...overrides,
  };
}

/** Mean arterial pressure from 120/80 mm Hg: the row every hostile variant starts from. */
const BASE: Instance = {
  id: 'contract-base',
  row: 1,
  calculatorId: 5,
  calculatorSlug: 'mean-arterial-pressure',
  calculatorName: 'Mean Arterial Pressure (MAP)',
  category: 'physical',
  outputType: 'decimal',
  noteId: undefined,
  noteType: 'Template',
  note: 'A 54-year-old man. Blood pressure 120/80 mm Hg, heart rate 72 beats per minute.',
  question: "What is the patient's mean arterial pressure in mm Hg?",
  entities: { 'Systolic Blood Pressure': [120, 'mm hg'], 'Diastolic Blood Pressure': [80, 'mm hg'] },
  entitiesText: undefined,
  label: '93.333',
  lowerLimit: '88.66635',
  upperLimit: '99.99965',
  explanation:
    'The mean average pressure is computed by the formula 2/3 * (diastolic blood pressure) + 1/3 * (systolic ' +
    'blood pressure).\nPlugging in the values, we get 2/3 * 80.0 mm Hg + 1/3 * 120.0 mm Hg = 93.333 mm Hg.',
  contentHash: 'contract',
};

/** Rows a verifier meets in the wild or from a hostile file; each must give a verdict, never an exception. */
export const HOSTILE_INSTANCES: readonly Instance[] = [
  { ...BASE, id: 'empty-note', note: '' },
  { ...BASE, id: 'no-entities', entities: undefined },
  { ...BASE, id: 'empty-entities', entities: {} },
  {
    ...BASE,
    id: 'garbage-entities',
    entities: {
      'Systolic Blood Pressure': [Number.NaN, 'mm hg'],
      'Diastolic Blood Pressure': [Number.POSITIVE_INFINITY, 'furlongs'],
      age: 'old',
      '': true,
      nested: [[1, 2], { a: null }],
      weight: { value: 'heavy' },
      sex: null,
    },
  },
  { ...BASE, id: 'nan-limits', label: 'NaN', lowerLimit: 'NaN', upperLimit: 'Infinity' },
  { ...BASE, id: 'empty-label', label: '', lowerLimit: '', upperLimit: '', explanation: '' },
  {
    ...BASE,
    id: 'huge-note',
    note: `${'Blood pressure 120/80 mm Hg, afebrile, no distress. '.repeat(4000)}The end.`,
  },
  { ...BASE, id: 'no-calculator', calculatorSlug: undefined, calculatorId: undefined },
  { ...BASE, id: 'unknown-calculator', calculatorSlug: 'not-a-calculator' as CalculatorSlug },
  {
    ...BASE,
    id: 'nul-characters',
    note: 'Blood\u0000pressure 120/\u000080 mm Hg.\u0000',
    entities: {
      'Systolic\u0000Blood Pressure': [120, 'mm\u0000hg'],
      'Diastolic Blood Pressure': [80, 'mm hg'],
    },
    label: '93.\u0000333',
    explanation: '\u0000',
  },
  {
    ...BASE,
    id: 'score-on-equation-entities',
    calculatorId: 4,
    calculatorSlug: 'cha2ds2-vasc',
    entities: { age: [-5, 'years'], sex: 'Unknown', 'Congestive Heart Failure': 'maybe' },
  },
];

function readRealRows(): Instance[] {
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
  const dataset = buildDataset(table.rows, {
    source: 'test_data.csv',
    format: 'csv',
    headers: table.headers,
  });
  // Every 7th row: all 55 calculators, every entity shape, and quick enough to replay.
  return dataset.instances.filter((_instance, index) => index % 7 === 0);
}

async function verifyAll(verifier: Verifier, instances: readonly Instance[]): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  for (const instance of instances) verdicts.push(await verifier.verify(instance, createTestContext()));
  return verdicts;
}

function expectWellFormed(verdict: Verdict, instance: Instance): void {
  expect(verdict.itemId).toBe(instance.id);
  expect(['supports', 'disputes', 'not-computable', 'abstains']).toContain(verdict.assessment);
  expect(verdict.confidence).toBeGreaterThanOrEqual(0);
  expect(verdict.confidence).toBeLessThanOrEqual(1);
  expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
}

/** Registers the contract's tests for one verifier. */
export function runVerifierContract({ make, skip = [] }: VerifierContractOptions): void {
  const check = (name: VerifierContractCheck) => (skip.includes(name) ? it.skip : it);
  const hostile = HOSTILE_INSTANCES;
  let realRows: Instance[] | undefined;
  const real = (): Instance[] => (realRows ??= readRealRows());

  describe(`verifier contract: ${make().name}`, () => {
    check('hostile rows')('never throws for a hostile row: it gives a well-formed verdict', async () => {
      const verifier = make();
      for (const instance of hostile) {
        const verdict = await verifier.verify(instance, createTestContext());
        expectWellFormed(verdict, instance);
      }
    });

    check('real rows')('never throws for real v1.0 rows, and every verdict is well formed', async () => {
      const instances = real();
      const verdicts = await verifyAll(make(), instances);
      verdicts.forEach((verdict, index) => expectWellFormed(verdict, instances[index] as Instance));
    });

    check('evidence spans')('every evidence span is the stretch of the note it points at', async () => {
      const instances = [...hostile, ...real()];
      const verdicts = await verifyAll(make(), instances);
      verdicts.forEach((verdict, index) => {
        const note = (instances[index] as Instance).note;
        for (const finding of verdict.findings) {
          for (const span of finding.evidence) {
            expect(span.start).toBeGreaterThanOrEqual(0);
            expect(span.end).toBeGreaterThanOrEqual(span.start);
            expect(note.slice(span.start, span.end)).toBe(span.text);
          }
        }
      });
    });

    check('categories')('categories come from the closed set and are those of the findings', async () => {
      for (const verdict of await verifyAll(make(), [...hostile, ...real()])) {
        for (const finding of verdict.findings) {
          expect(ERROR_CATEGORIES).toContain(finding.category);
          expect(['error', 'warning', 'info']).toContain(finding.severity);
        }
        expect(verdict.categories).toEqual(categoriesOf(verdict.findings));
      }
    });

    check('identity')('every verdict names the identity of the verifier that made it', async () => {
      const verifier = make();
      const identity = identityOf(verifier);
      expect(identity).toEqual(identityOf(make()));
      for (const verdict of await verifyAll(verifier, [...hostile, ...real().slice(0, 20)])) {
        expect({
          name: verdict.verifier,
          version: verdict.verifierVersion,
          configHash: verdict.verifierConfigHash,
        }).toEqual(identity);
        if (verdict.usage !== null) {
          for (const count of [verdict.usage.calls, verdict.usage.inputTokens, verdict.usage.outputTokens])
            expect(count).toBeGreaterThanOrEqual(0);
        }
      }
    });

    check('replay')('is deterministic under replay: same instance, same context, same verdict', async () => {
      const verifier = make();
      for (const instance of [...hostile, ...real()]) {
        const first = await verifier.verify(instance, createTestContext());
        const second = await verifier.verify(instance, createTestContext());
        expect(second).toEqual(first);
      }
    });
  });
}
