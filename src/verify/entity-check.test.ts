import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { requireSharedFile, V1_TEST_CSV } from '../../test/shared-data.js';
import { medcalcV1RuleSet } from '../answers/medcalc-v1.js';
import { buildDataset } from '../dataset/build.js';
import type { Instance } from '../dataset/instance.js';
import type { PythonValue } from '../dataset/python-literal.js';
import { readCsvRows } from '../dataset/read-rows.js';
import { entityCheckVerifier } from './entity-check.js';
import { categoriesOf, ERROR_CATEGORIES, type Verdict } from './types.js';

const context = { ruleSet: medcalcV1RuleSet };

function makeInstance(
  note: string,
  entities: Record<string, PythonValue> | undefined,
  explanation?: string,
): Instance {
  return {
    id: 'synthetic',
    row: 1,
    calculatorId: undefined,
    calculatorSlug: undefined,
    calculatorName: 'synthetic',
    category: undefined,
    outputType: undefined,
    noteId: undefined,
    noteType: undefined,
    note,
    question: '',
    entities,
    entitiesText: undefined,
    label: '0',
    lowerLimit: undefined,
    upperLimit: undefined,
    explanation,
    contentHash: 'synthetic',
  };
}

function check(note: string, entities: Record<string, PythonValue>, explanation?: string): Verdict {
  const verdict = entityCheckVerifier.verify(makeInstance(note, entities, explanation), context) as Verdict;
  for (const finding of verdict.findings) {
    for (const span of finding.evidence) expect(note.slice(span.start, span.end)).toBe(span.text);
  }
  return verdict;
}

function findingsFor(verdict: Verdict, entity: string) {
  return verdict.findings.filter((finding) => finding.entity === entity && finding.severity !== 'info');
}

describe('entity-check: numeric values', () => {
  it('finds a value written the same way, or with another spelling of its unit', () => {
    const verdict = check('Labs: Cr 1.40 mg/dl, BUN 34.', { creatinine: [1.4, 'mg/dL'] });
    expect(verdict.findings).toEqual([]);
    expect(verdict.assessment).toBe('supports');
    expect(verdict.details).toMatchObject({ numericChecked: 1, valuesFound: 1, valuesNearName: 1 });
  });

  it('finds a value the note gives in another unit (124 µmol/L = 1.40 mg/dL)', () => {
    const verdict = check('Serum creatinine was 124 µmol/L on admission.', { creatinine: [1.4, 'mg/dL'] });
    expect(findingsFor(verdict, 'creatinine')).toEqual([]);
  });

  it('finds heights, weights and temperatures written in lb, ft/in and °F', () => {
    const verdict = check('He is 5 ft 7 in tall and weighs 150 lb. Temperature 100.6 °F.', {
      height: [170, 'cm'],
      weight: [68, 'kg'],
      Temperature: [38.1, 'degrees celsius'],
    });
    expect(verdict.findings).toEqual([]);
  });

  it.each([
    ['An 87-year-old man presented.'],
    ['Patient is 87 yo.'],
    ['A man aged 87 presented.'],
    ['He is 87 years old.'],
  ])('finds an age written as "%s"', (note) => {
    expect(check(note, { age: [87, 'years'] }).findings).toEqual([]);
  });

  it('finds an age written in words', () => {
    expect(check('A sixty-five-year-old woman.', { age: [65, 'years'] }).findings).toEqual([]);
  });

  it('disputes a value the note contradicts next to the analyte name (error with the evidence span)', () => {
    const note = 'Laboratory studies show creatinine of 2.3 mg/dL.';
    const verdict = check(note, { creatinine: [1.4, 'mg/dL'] });
    expect(verdict.assessment).toBe('disputes');
    expect(verdict.categories).toEqual(['extraction-error']);
    const [finding] = findingsFor(verdict, 'creatinine');
    expect(finding?.severity).toBe('error');
    expect(finding?.evidence[0]?.text).toBe('creatinine of 2.3');
  });

  it('reads the diastolic pressure after the slash', () => {
    const verdict = check('BP 122/84 mmHg.', { 'Diastolic Blood Pressure': [81, 'mm Hg'] });
    expect(findingsFor(verdict, 'Diastolic Blood Pressure')[0]?.evidence[0]?.text).toBe('BP 122/84');
    expect(check('BP 122/84 mmHg.', { 'Diastolic Blood Pressure': [84, 'mm Hg'] }).findings).toEqual([]);
  });

  it('warns (only) when the value is merely absent', () => {
    const verdict = check('The patient felt unwell.', { creatinine: [1.4, 'mg/dL'] });
    expect(verdict.assessment).toBe('supports');
    expect(findingsFor(verdict, 'creatinine')).toMatchObject([
      { category: 'extraction-error', severity: 'warning', evidence: [] },
    ]);
  });

  it('warns when the value occurs only far from any name for it', () => {
    const verdict = check('Bilirubin was 1.7 mg/dL. Creatinine was normal.', { creatinine: [1.7, 'mg/dL'] });
    expect(findingsFor(verdict, 'creatinine')).toMatchObject([
      { severity: 'warning', evidence: [{ text: '1.7' }] },
    ]);
  });

  it('reports a count stored "per L" that the note gives per µL as a unit error', () => {
    const verdict = check('White blood cell count of 13,700/µL.', { 'White blood cell count': [13700, 'L'] });
    expect(verdict.categories).toContain('unit-conversion');
    expect(verdict.assessment).toBe('disputes');
  });
});

describe('entity-check: units written differently', () => {
  it('warns when the note writes the same number in another unit (fentanyl "mg" vs stored µg)', () => {
    const verdict = check('The patient takes 20 mg of FentaNYL buccal 2 times a day.', {
      'FentaNYL buccal Dose': [20, 'µg'],
    });
    expect(findingsFor(verdict, 'FentaNYL buccal Dose')).toMatchObject([
      { category: 'unit-conversion', severity: 'warning', evidence: [{ text: '20' }] },
    ]);
  });

  it('keeps it as context when the entity repaired a unit typo in the note ("sodium 132 mg/dl")', () => {
    const verdict = check('Sodium 132 mg/dl, chloride 96 mg/dl.', { Sodium: [132, 'mEq/L'] });
    expect(verdict.categories).toEqual([]);
    expect(verdict.findings).toMatchObject([{ category: 'unit-conversion', severity: 'info' }]);
  });
});

describe('entity-check: true criteria', () => {
  it('supports a criterion the note states with a synonym', () => {
    const verdict = check('PMH: HTN, DM2, CHF (EF 30%).', {
      'Hypertension history': true,
      'Diabetes history': true,
      'Congestive Heart Faliure': true,
    });
    expect(verdict.findings).toEqual([]);
    expect(verdict.details).toMatchObject({ booleansChecked: 3, booleansSupported: 3 });
  });

  it('disputes a criterion the note mentions only negated', () => {
    const verdict = check('He has no history of diabetes and denies chest pain.', {
      'Diabetes history': true,
    });
    expect(verdict.assessment).toBe('disputes');
    expect(findingsFor(verdict, 'Diabetes history')).toMatchObject([
      { severity: 'error', evidence: [{ text: 'diabetes' }] },
    ]);
  });

  it('keeps a negation inside its clause', () => {
    const verdict = check('While there is no history of stroke, he had significant bleeding.', {
      'Prior major bleeding or predisposition to bleeding': true,
    });
    expect(verdict.findings).toEqual([]);
  });

  it('warns when nothing supports the criterion, and leaves judgment criteria alone', () => {
    const verdict = check('Sore throat for two days.', {
      'Hypertension history': true,
      'Alternative diagnosis to Deep Vein Thrombosis as likely or more likely': true,
    });
    expect(verdict.findings).toMatchObject([{ entity: 'Hypertension history', severity: 'warning' }]);
    expect(verdict.details).toMatchObject({ booleansTrue: 2, booleansChecked: 1 });
  });
});

describe('entity-check: plausibility and units', () => {
  it('flags an impossible albumin as an implausible-input error', () => {
    const verdict = check('Albumin 17.1 g/dL.', { Albumin: [17.1, 'g/dL'] });
    expect(findingsFor(verdict, 'Albumin')).toMatchObject([
      { category: 'implausible-input', severity: 'error' },
    ]);
  });

  it('flags sodium in mg/dL as a unit-conversion error', () => {
    const verdict = check('Sodium 137 mg/dL.', { Sodium: [137, 'mg/dL'] });
    expect(findingsFor(verdict, 'Sodium')).toMatchObject([
      { category: 'unit-conversion', severity: 'error' },
    ]);
  });

  it('flags unknown unit text and the misspelled Celsius the v1.0 code read as Fahrenheit', () => {
    const verdict = check('Na 140, temperature 37.2 C.', {
      Sodium: [140, 'bananas'],
      Temperature: [37.2, 'degrees celsisus'],
    });
    expect(findingsFor(verdict, 'Sodium')).toMatchObject([
      { category: 'unit-conversion', severity: 'warning' },
    ]);
    expect(findingsFor(verdict, 'Temperature')).toMatchObject([
      { category: 'unit-conversion', severity: 'error' },
    ]);
  });
});

describe('entity-check: explanation', () => {
  it('warns when the explanation states another value than the stored entity', () => {
    const note = 'Creatinine of 158 µmol/L.';
    const verdict = check(
      note,
      { creatinine: [1.79, 'mg/dL'] },
      'The concentration of creatinine is 190.2 µmol/L.',
    );
    expect(findingsFor(verdict, 'creatinine')).toMatchObject([
      {
        category: 'extraction-error',
        severity: 'warning',
        message: expect.stringMatching(/explanation uses 190.2/),
      },
    ]);
    expect(verdict.details).toMatchObject({ explanationStatements: 1 });
  });

  it('is silent when the explanation states the entity in another unit', () => {
    const verdict = check(
      'Creatinine 1.4 mg/dL.',
      { creatinine: [1.4, 'mg/dL'] },
      'The concentration of creatinine is 123.8 µmol/L.',
    );
    expect(verdict.findings).toEqual([]);
  });
});

describe('entity-check: assessment', () => {
  it('abstains without entities', () => {
    const verdict = check('Anything.', undefined as unknown as Record<string, PythonValue>);
    expect(verdict).toMatchObject({ assessment: 'abstains', proposedLabel: null, confidence: 0 });
  });

  it('never throws on odd entity shapes', () => {
    const verdict = check('Note.', {
      weird: { nested: [1, 2] },
      nothing: null,
      creatinine: ['high', 'mg/dL'],
      age: [],
      height: [5, 'ft', 7, 'in'],
    });
    expect(['supports', 'disputes']).toContain(verdict.assessment);
  });
});

describe('entity-check over the whole v1.0 test split', () => {
  const table = readCsvRows(readFileSync(requireSharedFile(V1_TEST_CSV), 'utf8'), 'test_data.csv');
  const dataset = buildDataset(table.rows, {
    source: 'test_data.csv',
    format: 'csv',
    headers: table.headers,
  });

  it('never throws, every evidence span slices to its text, and the distribution is recorded', async () => {
    const started = performance.now();
    const verdicts: Verdict[] = [];
    for (const instance of dataset.instances)
      verdicts.push(await entityCheckVerifier.verify(instance, context));
    const elapsed = performance.now() - started;
    expect(verdicts).toHaveLength(1047);
    const perCategory = new Map<string, number>();
    const rowsPerCategory = new Map<string, number>();
    verdicts.forEach((verdict, index) => {
      const note = dataset.instances[index]?.note ?? '';
      expect(verdict.categories).toEqual(categoriesOf(verdict.findings));
      expect(verdict.proposedLabel).toBeNull();
      expect(verdict.assessment).toBe(
        verdict.findings.some((finding) => finding.severity === 'error') ? 'disputes' : 'supports',
      );
      for (const finding of verdict.findings) {
        expect(ERROR_CATEGORIES).toContain(finding.category);
        for (const span of finding.evidence) expect(note.slice(span.start, span.end)).toBe(span.text);
        const key = `${finding.category}/${finding.severity}`;
        perCategory.set(key, (perCategory.get(key) ?? 0) + 1);
      }
      for (const category of verdict.categories)
        rowsPerCategory.set(category, (rowsPerCategory.get(category) ?? 0) + 1);
    });
    const withErrors = verdicts.filter((verdict) => verdict.assessment === 'disputes').length;
    const withWarnings = verdicts.filter((verdict) =>
      verdict.findings.some((f) => f.severity === 'warning'),
    ).length;
    // A report, not an assertion on the figures.
    console.log(
      `entity-check v1.0 test: ${withErrors}/1047 rows with errors, ${withWarnings} with warnings, ${elapsed.toFixed(0)} ms`,
    );
    for (const [key, count] of [...perCategory].sort()) console.log(`  findings ${key}: ${count}`);
    for (const [key, count] of [...rowsPerCategory].sort()) console.log(`  rows with ${key}: ${count}`);
    // Cold start included (UCUM tables, regex compilation); the warm pass is several times faster.
    expect(elapsed).toBeLessThan(2000);
  });

  it('catches the documented entity defects: sodium in mg/dL (rows 753, 794), albumin 17.1 g/dL (row 772)', () => {
    const verdictFor = (row: number) =>
      entityCheckVerifier.verify(dataset.instances[row - 1] as Instance, context) as Verdict;
    expect(verdictFor(753).findings).toContainEqual(
      expect.objectContaining({ entity: 'Sodium', category: 'unit-conversion' }),
    );
    expect(verdictFor(794).assessment).toBe('disputes');
    expect(verdictFor(772).findings).toContainEqual(
      expect.objectContaining({ entity: 'Albumin', category: 'implausible-input', severity: 'error' }),
    );
  });
});
