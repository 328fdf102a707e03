import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { medcalcV1RuleSet } from '../answers/medcalc-v1.js';
import { CALCULATORS } from '../calculators/registry.js';
import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import { readCsvRows } from '../dataset/read-rows.js';
import type { Divergence } from './divergence.js';
import { createTestContext, runVerifierContract } from './contract.test-suite.js';
import { identityOf } from './identity.js';
import { recomputeInstance } from './recompute.js';
import { createRecomputeVerifier, readEntityQuantities } from './recompute-verifier.js';
import type { Verdict } from './types.js';

const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
const dataset = buildDataset(table.rows, { source: 'test_data.csv', format: 'csv', headers: table.headers });
const recomputeVerifier = createRecomputeVerifier();

function verify(instance: Instance): Verdict {
  return recomputeVerifier.verify(instance, createTestContext()) as Verdict;
}

runVerifierContract({ make: () => createRecomputeVerifier() });

describe('recompute verifier identity', () => {
  it('covers its calculators: one calculator at another version gives another configuration hash', () => {
    const fixed = {
      ...CALCULATORS,
      'mean-arterial-pressure': { ...CALCULATORS['mean-arterial-pressure'], version: '9.9.9' },
    };
    const current = identityOf(createRecomputeVerifier());
    const withFixedCalculator = identityOf(createRecomputeVerifier({ calculators: fixed }));
    expect(withFixedCalculator.name).toBe(current.name);
    expect(withFixedCalculator.configHash).not.toBe(current.configHash);
    expect(identityOf(createRecomputeVerifier({ calculators: { ...CALCULATORS } }))).toEqual(current);
  });

  it('is version 1.3.0, takes the digest of its calculators as configuration, and stamps both on verdicts', () => {
    expect(recomputeVerifier.version).toBe('1.3.0');
    expect(recomputeVerifier.config).toEqual({ calculators: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(verify(map)).toMatchObject({
      verifierVersion: '1.3.0',
      verifierConfigHash: identityOf(recomputeVerifier).configHash,
      usage: null,
    });
  });

  it('recomputes with the calculators it was given', () => {
    const doubled = {
      ...CALCULATORS,
      'mean-arterial-pressure': {
        ...CALCULATORS['mean-arterial-pressure'],
        run: () => ({
          status: 'computed' as const,
          value: { kind: 'number' as const, value: 1 },
          answer: '1',
          unit: 'mm Hg',
          steps: [{ text: 'stub' }],
          assumptions: [],
          warnings: [],
          unknownKeys: [],
        }),
      },
    };
    const verdict = createRecomputeVerifier({ calculators: doubled }).verify(
      map,
      createTestContext(),
    ) as Verdict;
    expect(verdict.proposedLabel).toBe('1');
  });
});

function row(id: string): Instance {
  const instance = dataset.instances.find((candidate) => candidate.id === id);
  if (instance === undefined) throw new Error(`row ${id} missing`);
  return instance;
}

function divergenceOf(verdict: Verdict): Divergence | null {
  return verdict.details['divergence'] as Divergence | null;
}

/** A Mean Arterial Pressure row built in memory: SBP 120, DBP 80 -> MAP 93.333. */
const map: Instance = {
  id: 'synthetic-map',
  row: 1,
  calculatorId: 5,
  calculatorSlug: 'mean-arterial-pressure',
  calculatorName: 'Mean Arterial Pressure (MAP)',
  category: 'physical',
  outputType: 'decimal',
  noteId: undefined,
  noteType: 'Template',
  note: 'Blood pressure 120/80 mm Hg.',
  question: "What is the patient's mean arterial pressure in mm Hg?",
  entities: { 'Systolic Blood Pressure': [120, 'mm hg'], 'Diastolic Blood Pressure': [80, 'mm hg'] },
  entitiesText: undefined,
  label: '93.333',
  lowerLimit: '88.66635',
  upperLimit: '99.99965',
  explanation:
    'The mean average pressure is computed by the formula 2/3 * (diastolic blood pressure) + 1/3 * (systolic blood pressure).\nPlugging in the values, we get 2/3 * 80.0 mm Hg + 1/3 * 120.0 mm Hg = 93.333 mm Hg.',
  contentHash: 'synthetic',
};

describe('recompute verifier: each path on synthetic rows', () => {
  it('supports an agreeing label, with our answer as the proposed label and a JSON-serialisable verdict', () => {
    const verdict = verify(map);
    expect(verdict).toMatchObject({
      verifier: 'recompute',
      verifierVersion: '1.3.0',
      itemId: 'synthetic-map',
      assessment: 'supports',
      proposedLabel: '93.3333333333',
      categories: [],
      confidence: 0.9,
    });
    expect(verdict.details['divergence']).toBeNull();
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict);
  });

  it('disputes a wrong label with a calculator-logic error when the original arithmetic differs', () => {
    const wrong = {
      ...map,
      label: '120',
      lowerLimit: '114',
      upperLimit: '126',
      explanation: map.explanation!.replace('93.333', '120'),
    };
    const verdict = verify(wrong);
    expect(verdict.assessment).toBe('disputes');
    expect(verdict.proposedLabel).toBe('93.3333333333');
    expect(verdict.findings[0]).toMatchObject({ category: 'calculator-logic', severity: 'error' });
    expect(divergenceOf(verdict)).toMatchObject({
      ourStepIndex: 0,
      originalValue: '120',
      kind: 'calculator-logic',
    });
    expect(verdict.confidence).toBe(0.8);
  });

  it('is not computable when a required input is missing, naming it', () => {
    const verdict = verify({ ...map, entities: { 'Systolic Blood Pressure': [120, 'mm hg'] } });
    expect(verdict.assessment).toBe('not-computable');
    expect(verdict.proposedLabel).toBeNull();
    expect(verdict.findings[0]).toMatchObject({ category: 'not-computable', severity: 'error' });
    expect(verdict.findings[0]?.message).toMatch(/missing/);
    expect(verdict.categories).toContain('not-computable');
  });

  it('an unusable input is not computable with an implausible-input or unit-conversion error', () => {
    const verdict = verify({
      ...map,
      entities: { ...map.entities, 'Diastolic Blood Pressure': [80, 'furlongs'] },
    });
    expect(verdict.assessment).toBe('not-computable');
    expect(
      verdict.categories.some((category) => ['unit-conversion', 'implausible-input'].includes(category)),
    ).toBe(true);
  });

  it('abstains without entities or with an unknown calculator, and never throws', () => {
    expect(verify({ ...map, entities: undefined })).toMatchObject({ assessment: 'abstains', confidence: 0 });
    expect(verify({ ...map, calculatorSlug: undefined }).assessment).toBe('abstains');
    // A slug outside the registry abstains as unknown, not through a caught crash.
    expect(verify({ ...map, calculatorSlug: 'not-a-calculator' as CalculatorSlug }).details).toEqual({
      reason: 'unknown calculator',
    });
    const hostile = { ...map, entities: { 'Systolic Blood Pressure': [Number.NaN, 'mm hg'], x: null } };
    expect(() => verify(hostile as unknown as Instance)).not.toThrow();
  });

  it('reports defaults as underspecified-question warnings and implausible values as implausible-input warnings', () => {
    const curb = row(dataset.instances.find((instance) => instance.calculatorSlug === 'curb-65')!.id);
    const withoutConfusion = { ...curb, entities: { ...curb.entities } };
    delete withoutConfusion.entities['Confusion'];
    const verdict = verify(withoutConfusion);
    const assumption = verdict.findings.find((finding) => finding.category === 'underspecified-question');
    expect(assumption?.severity).toBe('warning');
    expect(verdict.confidence).toBeLessThan(0.9);
    const implausible = verify({
      ...map,
      entities: { ...map.entities, 'Systolic Blood Pressure': [1200, 'mm hg'] },
    });
    expect(implausible.findings).toContainEqual(
      expect.objectContaining({ category: 'implausible-input', severity: 'warning' }),
    );
  });

  it('places calculator warnings and unusable inputs by their code, not their wording', () => {
    const ignored = verify({ ...map, entities: { ...map.entities, 'Heart Rate': [72, 'beats per minute'] } });
    expect(ignored.findings).toContainEqual(
      expect.objectContaining({ category: 'extraction-error', severity: 'info' }),
    );
    const unknownUnit = verify({
      ...map,
      entities: { ...map.entities, 'Systolic Blood Pressure': [120, 'furlongs'] },
    });
    expect(unknownUnit.findings).toContainEqual(
      expect.objectContaining({
        category: 'unit-conversion',
        severity: 'error',
        message: expect.stringMatching(/^unusable input/),
      }),
    );
    // "expected [number, unit]" names a unit but is a value in the wrong shape: implausible-input, not unit-conversion.
    const wrongShape = verify({
      ...map,
      entities: { ...map.entities, 'Systolic Blood Pressure': ['high', 'mm hg'] },
    });
    expect(wrongShape.findings).toContainEqual(
      expect.objectContaining({
        category: 'implausible-input',
        severity: 'error',
        message: expect.stringMatching(/^unusable input/),
      }),
    );
  });

  it('flags malformed labels and limits as format findings', () => {
    expect(verify({ ...map, label: 'ninety' }).categories).toContain('format');
    expect(verify({ ...map, lowerLimit: '95', upperLimit: '99' }).findings).toContainEqual(
      expect.objectContaining({ category: 'format', message: expect.stringMatching(/outside its limits/) }),
    );
    expect(verify({ ...map, lowerLimit: '99', upperLimit: '88' }).findings).toContainEqual(
      expect.objectContaining({ category: 'format', message: expect.stringMatching(/exceeds upper/) }),
    );
  });
});

describe('recompute verifier over the whole v1.0 test split', () => {
  const verdicts = dataset.instances.map(verify);

  it('matches recomputeInstance: 848 supports, 5 not computable, the rest disputes', () => {
    const rows = dataset.instances.map((instance) => recomputeInstance(instance, medcalcV1RuleSet));
    verdicts.forEach((verdict, index) => {
      const recomputed = rows[index]!;
      const expected =
        recomputed.recomputed === null ? 'not-computable' : recomputed.agrees ? 'supports' : 'disputes';
      expect(verdict.assessment).toBe(expected);
      expect(verdict.proposedLabel).toBe(recomputed.recomputed);
    });
    const count = (assessment: string): number =>
      verdicts.filter((verdict) => verdict.assessment === assessment).length;
    expect(count('supports')).toBe(848);
    expect(count('not-computable')).toBe(5);
    expect(count('disputes')).toBe(1047 - 848 - 5);
    expect(() => JSON.stringify(verdicts)).not.toThrow();
  });

  it('every dispute has a proposed label and a calculator-logic or unit-conversion error', () => {
    for (const verdict of verdicts.filter((candidate) => candidate.assessment === 'disputes')) {
      expect(verdict.proposedLabel).not.toBeNull();
      expect(
        verdict.findings.some(
          (finding) =>
            finding.severity === 'error' &&
            ['calculator-logic', 'unit-conversion'].includes(finding.category),
        ),
      ).toBe(true);
    }
  });

  it('the v1.0 labels and limits follow their own conventions: no format findings', () => {
    expect(verdicts.filter((verdict) => verdict.categories.includes('format'))).toEqual([]);
  });

  it('pins the category distribution and how many disputes got a located divergence', () => {
    const categories = new Map<string, number>();
    for (const verdict of verdicts)
      for (const category of verdict.categories)
        categories.set(category, (categories.get(category) ?? 0) + 1);
    const disputes = verdicts.filter((verdict) => verdict.assessment === 'disputes');
    const located = disputes.filter((verdict) => divergenceOf(verdict) !== null);
    const kinds = new Map<string, number>();
    for (const verdict of located) {
      const kind = divergenceOf(verdict)!.kind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect(Object.fromEntries([...categories].sort())).toMatchInlineSnapshot(`
      {
        "calculator-logic": 149,
        "extraction-error": 13,
        "implausible-input": 63,
        "not-computable": 5,
        "underspecified-question": 170,
        "unit-conversion": 46,
      }
    `);
    expect({
      located: located.length,
      disputes: disputes.length,
      kinds: Object.fromEntries([...kinds].sort()),
    }).toMatchInlineSnapshot(`
      {
        "disputes": 194,
        "kinds": {
          "calculator-logic": 147,
          "unit-conversion": 46,
        },
        "located": 193,
      }
    `);
    expect(located.length).toBeGreaterThan(disputes.length * 0.9);
  });

  it('CKD-EPI κ row 25: our eGFR against the original plug-in that used κ = 0.7 for a man', () => {
    const divergence = divergenceOf(verdicts[24]!);
    expect(verdicts[24]!.itemId).toBe('25');
    expect(divergence).toMatchObject({ kind: 'calculator-logic', originalValue: '80.852' });
    expect(divergence?.originalSentence).toContain('(0.87/0.7)**-0.302');
  });

  it('CKD-EPI SI row 23: creatinine 80.4 µmol/L is 0.9095 mg/dL, the original rounded it to 0.9', () => {
    const verdict = verify(row('23'));
    expect(verdict.findings[0]).toMatchObject({ category: 'unit-conversion', entity: 'creatinine' });
    expect(divergenceOf(verdict)).toMatchObject({ ourStepIndex: 1, ourValue: 0.9094848, originalValue: 0.9 });
  });

  it('calcium-correction row 114: 2.26 mmol/L is 9.058 mg/dL, the original wrote 8.0 (intermediate rounding)', () => {
    const verdict = verify(row('114'));
    expect(verdict.categories).toContain('unit-conversion');
    expect(divergenceOf(verdict)).toMatchObject({
      kind: 'unit-conversion',
      entity: 'Calcium',
      originalValue: 8,
    });
    expect(divergenceOf(verdict)?.originalSentence).toMatch(/converts to 8\.0 mg Calcium\/dL/);
    expect(verdict.findings[0]?.evidence[0]?.text).toBe('2.26');
  });

  it('APACHE II row 868: 34.9 °C with the unit typo read as °F (1.611 °C), +4 instead of +1', () => {
    const divergence = divergenceOf(verify(row('868')));
    expect(divergence).toMatchObject({
      ourStepIndex: 0,
      kind: 'unit-conversion',
      entity: 'Temperature',
      ourValue: 34.9,
      originalValue: 1.611,
      points: { ours: 1, original: 4 },
    });
  });

  it('APACHE II row 872: WBC 7000/µL compared with ×10⁹/L thresholds is a unit-conversion divergence', () => {
    const divergence = divergenceOf(verify(row('872')));
    expect(divergence).toMatchObject({
      kind: 'unit-conversion',
      entity: 'White blood cell count',
      ourValue: 7,
    });
    expect(divergence?.originalSentence).toMatch(/above 40 x10\^9\/L/);
  });

  it('due-date row 928: cycle 22 days subtracts 6 days (09/11/2014); the original added them (09/23/2014)', () => {
    const divergence = divergenceOf(verify(row('928')));
    expect(divergence).toMatchObject({
      ourStepIndex: 1,
      kind: 'calculator-logic',
      ourValue: '09/11/2014',
      originalValue: '09/23/2014',
    });
  });

  it('RCRI row 240 and Child-Pugh row 200: a criterion the original scores 0 or never scores', () => {
    expect(divergenceOf(verify(row('240')))).toMatchObject({
      ourStep: 'History of cerebrovascular disease: yes: +1',
      points: { ours: 1, original: 0 },
      originalSentence:
        'The patient note does not mention about cerebrovascular disease and is assumed to be absent.',
    });
    expect(divergenceOf(verify(row('200')))).toMatchObject({
      ourStep: 'Ascites: absent: +1',
      originalSentenceIndex: null,
      points: { ours: 1, original: null },
    });
  });

  it('GCS row 848: the criteria agree, the total does not (verbal counted twice)', () => {
    expect(divergenceOf(verify(row('848')))).toMatchObject({ ourStep: 'Total: 9 points', originalValue: 12 });
  });

  it('SOFA row 888: FiO₂ 60 % used as 60 gives P/F 1.267 where ours is 126.7', () => {
    expect(divergenceOf(verify(row('888')))).toMatchObject({ ourStepIndex: 0, originalValue: 1.267 });
  });

  it('entity quantities carry our exact canonical value', () => {
    expect(readEntityQuantities(row('23'))).toEqual([
      { entity: 'age', rawValue: 74, rawUnit: 'years', value: 74, converted: false },
      { entity: 'creatinine', rawValue: 80.4, rawUnit: 'µmol/L', value: 0.9094848, converted: true },
    ]);
  });
});
