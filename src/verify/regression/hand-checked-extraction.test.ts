import { describe, expect, it } from 'vitest';
import { entityFindings, findingsOf, recomputeVerdict } from './__fixtures__/hand-checked-rows.js';

/**
 * Rows of the v1.0 test split read by hand for issue 14 §2 (note, stored entities, question). Catches: the
 * check is right about the note. Non-catches: a naive check would fire and ours must not.
 */
describe('censored and qualified values (catches)', () => {
  it.each([
    [503, 'Bicarbonate', 'below'], // anion gap: "bicarbonate below 10 mmol/L" stored as 10
    [137, 'Heart Rate or Pulse', 'under'], // Wells PE: "a resting pulse under 60" stored as 60
    [350, 'Number of Alcoholic Drinks Per Week', 'up to'], // HAS-BLED: "up to 12 drinks per week" stored as 12
    [15, 'creatinine', '2.04–2.81'], // Cockcroft-Gault: "Cr level of 2.04–2.81 mg/dL" stored as 2.04
    [147, 'creatinine', '10–15'], // MDRD: "creatinine 10–15" stored as 10
  ])('row %i: %s stored as exact, the note says "%s"', (row, entity, words) => {
    const [finding] = findingsOf(row, 'qualified');
    expect(finding).toMatchObject({ entity, severity: 'warning', category: 'extraction-error' });
    expect(finding?.message).toContain(words);
  });
});

describe("values that are not the patient's measurement (catches)", () => {
  it.each([
    [330, 'lost'], // maintenance fluids: "had lost 4 kg in weight" stored as the weight 4 kg
    [332, 'loss of'], // maintenance fluids: "weight loss of seven kilos" stored as the weight 7 kg
    [481, 'weight loss'], // free water deficit: "an 8 kg weight loss" stored as the weight 8 kg
  ])('row %i: a weight change stored as the weight ("%s")', (row, cue) => {
    const [finding] = findingsOf(row, 'notThePatient');
    expect(finding).toMatchObject({ entity: 'weight', severity: 'error', category: 'extraction-error' });
    expect(finding?.message).toContain(cue);
  });

  it('row 585 (PERC): "to maintain oxygen saturation above 90%" is a target, not the saturation measured', () => {
    expect(findingsOf(585, 'notThePatient')).toMatchObject([{ entity: 'O₂ saturation percentage' }]);
  });
});

describe('values a naive qualifier or context check would misread (non-catches)', () => {
  it.each([
    [331, '"148 cm in height and 54 kg in weight" is the weight'],
    [713, '"182 cm in height and 70 kg in weight" is the weight'],
    [707, '"A 68-year-old man (170 cm, 70 kg)": a parenthesis that gives values, not a reference range'],
    [99, '"(180 cm, 60 kg)" likewise'],
    [490, '"HCO3- 9 mEq/L": the minus belongs to the name, not a range'],
    [737, '"HCO3- 30 mEq/L" likewise'],
    [894, '"maintained at nearly 600 mL/day" is an approximate measurement, not a bound'],
    [898, '"daily urine output of 950 mL" is an output, not a dose'],
    [891, '"urine output of only 132 mL/day" is an output, not a dose'],
    [991, '"60 mg of FentANYL" is the dose the MME entity stores'],
  ])('row %i: %s', (row) => {
    expect([...findingsOf(row, 'qualified'), ...findingsOf(row, 'notThePatient')]).toEqual([]);
  });
});

describe('several values at different time points', () => {
  it('row 594 (SIRS): 38 °C on admission, 102.6 °F later in the ICU; the choice moves the count (warning)', () => {
    const findings = findingsOf(594, 'timePoints');
    expect(findings.find((finding) => finding.entity === 'Temperature')).toMatchObject({
      category: 'underspecified-question',
      severity: 'warning',
      evidence: [{ text: '38' }, { text: '102.6' }],
    });
    // Pulse 125 then 116, respiratory rate 22 then 30: either value meets the criterion, so only context.
    expect(findings.filter((finding) => finding.severity !== 'info').map((f) => f.entity)).toEqual([
      'Temperature',
    ]);
  });

  it.each([
    [870, '"138/92 mmHg": the systolic is not another diastolic value'],
    [562, '"148 mg/dL and 61 mg/dL, respectively": a list of two analytes, not two HDL values'],
    [685, '"153 cm and 53 kg, respectively"'],
    [599, 'SIRS with WBC 7K: one value per analyte'],
  ])('row %i is silent: %s', (row) => {
    expect(findingsOf(row, 'timePoints').filter((finding) => finding.severity !== 'info')).toEqual([]);
  });
});

describe('inputs without a clinical default that the note never mentions', () => {
  it('row 260 (HEART, a pulmonary embolism case): no ECG and no troponin, both scored normal', () => {
    expect(findingsOf(260, 'undocumented')).toMatchObject([
      { entity: 'Electrocardiogram Test', category: 'not-computable', severity: 'warning' },
      { entity: 'Initial troponin', category: 'not-computable', severity: 'warning' },
    ]);
  });

  it('row 206 (Child-Pugh): "no detectable ascites" is stated; mental status never is', () => {
    expect(findingsOf(206, 'undocumented')).toMatchObject([{ entity: 'Encephalopathy' }]);
  });

  it('rows 203 and 271 are silent: "abdomen is soft" and "absent asterixis" (203), an ECG reading (271)', () => {
    expect(findingsOf(203, 'undocumented')).toEqual([]);
    expect(findingsOf(271, 'undocumented')).toEqual([]);
  });
});

describe('labels named in issue 14', () => {
  it('row 43 (CHA2DS2-VASc 8): vascular disease has no support (aortic valve calcification is not vascular disease)', () => {
    expect(entityFindings(43)).toContainEqual(
      expect.objectContaining({ entity: 'Vascular disease history', category: 'extraction-error' }),
    );
  });

  it.each([849, 851, 853])(
    'row %i (GCS): the label is above the maximum of 15, a calculator-logic error',
    (row) => {
      expect(recomputeVerdict(row).findings).toContainEqual(
        expect.objectContaining({
          category: 'calculator-logic',
          severity: 'error',
          message: expect.stringMatching(/outside the possible range .* \(3 to 15\)/),
        }),
      );
    },
  );

  it('row 879 (APACHE II 26 vs 3): all three independent bugs are named', () => {
    const verdict = recomputeVerdict(879);
    const divergences = verdict.details['divergences'] as {
      kind: string;
      entity?: string;
      ourStep: string;
    }[];
    expect(
      divergences.map((divergence) => [divergence.kind, divergence.entity ?? divergence.ourStep]),
    ).toEqual([
      ['unit-conversion', 'Temperature'],
      ['unit-conversion', 'White blood cell count'],
      ['calculator-logic', expect.stringMatching(/Glasgow|GCS/)],
    ]);
    expect(verdict.findings[0]?.message).toContain('3 independent divergences');
  });

  it('row 918 (Caprini 2 vs 28): every criterion the original left out is named, not only the first', () => {
    const divergences = recomputeVerdict(918).details['divergences'] as { kind: string }[];
    expect(divergences.length).toBeGreaterThanOrEqual(3);
    expect(divergences.every((divergence) => divergence.kind === 'calculator-logic')).toBe(true);
  });
});
