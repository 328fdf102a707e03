import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './pneumonia-severity-index.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

/** A 50-year-old man with every finding normal and every comorbidity denied: 50 points. */
const normal = {
  age: 50,
  sex: 'male',
  nursingHomeResident: false,
  neoplasticDisease: false,
  liverDisease: false,
  congestiveHeartFailure: false,
  cerebrovascularDisease: false,
  renalDisease: false,
  alteredMentalStatus: false,
  respiratoryRate: 18,
  systolic: 125,
  temperature: 37.5,
  heartRate: 90,
  ph: 7.4,
  bloodUreaNitrogen: 15,
  sodium: 138,
  glucose: 110,
  hematocrit: 40,
  pao2: 80,
  pleuralEffusion: false,
};

function score(changes: Record<string, unknown>, options: Record<string, string> = {}): number {
  return valueOf(runClean(calculator, { ...normal, ...changes }, options));
}

/** "value:points added" pairs on both sides of a cut-off (Fine 1997, Table 2). */
function expectAdded(input: string, pairs: string, options: Record<string, string> = {}): void {
  for (const pair of pairs.split(' ')) {
    const [value, points] = pair.split(':').map(Number);
    expect(`${value}:${score({ [input]: value }, options) - 50}`).toBe(`${value}:${points}`);
  }
}

const flags = [
  'nursingHomeResident',
  'neoplasticDisease',
  'liverDisease',
  'congestiveHeartFailure',
  'cerebrovascularDisease',
  'renalDisease',
  'alteredMentalStatus',
  'pleuralEffusion',
] as const;

describe('Pneumonia Severity Index', () => {
  it('50-year-old man, nothing abnormal: age alone = 50', () => {
    expect(score({})).toBe(50);
  });

  it('72-year-old woman with CHF, cerebrovascular disease and pH 7.2: (72 − 10) + 10 + 10 + 30 = 112', () => {
    const changes = {
      age: 72,
      sex: 'female',
      congestiveHeartFailure: true,
      cerebrovascularDisease: true,
      ph: 7.2,
    };
    expect(score(changes)).toBe(112);
  });

  it('80-year-old man with every finding: 80 + comorbid 110 + exam 65 + labs/x-ray 110 = 365', () => {
    const comorbid = Object.fromEntries(flags.map((flag) => [flag, true]));
    const exam = { respiratoryRate: 32, systolic: 85, temperature: 34, heartRate: 130 };
    const labs = { ph: 7.3, bloodUreaNitrogen: 40, sodium: 125, glucose: 300, hematocrit: 28, pao2: 55 };
    expect(score({ age: 80, ...comorbid, ...exam, ...labs })).toBe(365);
  });

  it('each comorbidity and finding adds its own weight', () => {
    const weights = [10, 30, 20, 10, 10, 10, 20, 10];
    flags.forEach((flag, index) =>
      expect(`${flag}:${score({ [flag]: true }) - 50}`).toBe(`${flag}:${weights[index]}`),
    );
  });

  it('vital-sign cut-offs: RR 29/30, SBP 90/89, pulse 124/125, temperature 35/34.9 and 39.9/40', () => {
    expectAdded('respiratoryRate', '29:0 30:20');
    expectAdded('systolic', '90:0 89:20');
    expectAdded('heartRate', '124:0 125:10');
    expectAdded('temperature', '35:0 34.9:15 39.9:0 40:15');
  });

  it('laboratory cut-offs: pH 7.35/7.34, BUN 29.9/30, Na 130/129, glucose 249/250, Hct 30/29.9, PaO₂ 60/59', () => {
    expectAdded('ph', '7.35:0 7.34:30');
    expectAdded('bloodUreaNitrogen', '29.9:0 30:20');
    expectAdded('sodium', '130:0 129:20');
    expectAdded('glucose', '249:0 250:10');
    expectAdded('hematocrit', '30:0 29.9:10');
    expectAdded('pao2', '60:0 59:10');
  });

  it('SaO₂ <90 % also counts as hypoxaemia, once: SaO₂ 89 +10, with PaO₂ 55 still +10; SaO₂ 90 0', () => {
    expect(score({ oxygenSaturation: 89 })).toBe(60);
    expect(score({ oxygenSaturation: 89, pao2: 55 })).toBe(60);
    expect(score({ oxygenSaturation: 90 })).toBe(50);
  });

  it('option labCutoffs=si: BUN ≥11 mmol/L (30.8 mg/dL) and glucose ≥14 mmol/L (252.2 mg/dL)', () => {
    expectAdded('bloodUreaNitrogen', '30:0 30.8:0 30.9:20', { labCutoffs: 'si' });
    expectAdded('glucose', '250:0 252:0 252.3:10', { labCutoffs: 'si' });
    expect(score({ bloodUreaNitrogen: [11, 'mmol/L'], glucose: [14, 'mmol/L'] }, { labCutoffs: 'si' })).toBe(
      80,
    );
  });

  it('benchmark entities: "degrees celsisus" is Celsius, "Faliure" typo, glucose in mmol/L', () => {
    // 66 M: 66 + CHF 10 + renal 10 + RR 31 20 + 38.2 °C 0 + pH 7.38 0 + BUN 34 20 + Na 131 0
    // + glucose 15 mmol/L (270 mg/dL) 10 + Hct 33 0 + PaO₂ 64 0 + effusion 10 = 146
    const result = expectComputed(
      runEntities(calculator, {
        age: [66.0, 'years'],
        sex: 'Male',
        'Congestive Heart Faliure': true,
        'Renal disease': true,
        'Liver disease severity': false,
        'Neoplastic disease': false,
        'Cerebrovascular disease history': false,
        'Nursing home resident': false,
        'Altered mental status': false,
        'respiratory rate': [31.0, 'breaths per minute'],
        'Heart Rate or Pulse': [104.0, 'beats per minute'],
        'Systolic Blood Pressure': [118.0, 'mm Hg'],
        Temperature: [38.2, 'degrees celsisus'],
        pH: 7.38,
        'Blood Urea Nitrogen (BUN)': [34.0, 'mg/dL'],
        Sodium: [131.0, 'mEq/L'],
        Glucose: [15.0, 'mmol/L'],
        Hematocrit: [33.0, '%'],
        'Partial pressure of oxygen (PaO₂) for Apache II': [64.0, 'mm Hg'],
        'Pleural effusion on x-ray': true,
      }),
    );
    expect(result.value).toEqual({ kind: 'number', value: 146 });
    expect(
      result.warnings.filter(
        ({ code }) => code === 'unknown-entity-ignored' || code === 'entity-value-ignored',
      ),
    ).toEqual([]);
  });

  it('95 °F is exactly 35 °C and 104 °F exactly 40 °C despite conversion round-off: 0 and +15', () => {
    expect(score({ temperature: [95, 'degrees fahrenheit'] })).toBe(50);
    expect(score({ temperature: [104, 'degrees fahreinheit'] })).toBe(65);
  });

  it('only age and sex given: age points, every other item assumed absent/normal', () => {
    const result = expectComputed(runClean(calculator, { age: 40, sex: 'female' }));
    expect(result.value).toEqual({ kind: 'number', value: 30 });
    // 7 comorbidities/AMS + 9 vitals and labs + oxygenation + effusion = 18 defaults (plus "age read as years").
    expect(result.assumptions.filter((text) => text.includes('not mentioned')).length).toBe(18);
  });

  it('missing age or sex is not computable', () => {
    expectNotComputable(runClean(calculator, { age: 70 }), ['sex']);
    expectNotComputable(runClean(calculator, { sex: 'male' }), ['age']);
  });

  it('unit invariance: BUN as mmol/L urea, glucose in mmol/L, temperature in °F', () => {
    fc.assert(
      fc.property(
        fc.record({
          bloodUreaNitrogen: fc.integer({ min: 2, max: 120 }).map((whole) => whole + 0.5),
          glucose: fc.integer({ min: 40, max: 600 }).map((whole) => whole + 0.5),
          temperature: fc.integer({ min: 320, max: 420 }).map((tenths) => tenths / 10 + 0.05),
        }),
        ({ bloodUreaNitrogen, glucose, temperature }) => {
          const converted = score({
            bloodUreaNitrogen: [bloodUreaNitrogen / 2.8014, 'mmol/L'],
            glucose: [glucose / 18.016, 'mmol/L'],
            temperature: [(temperature * 9) / 5 + 32, 'degrees fahrenheit'],
          });
          expect(converted).toBe(score({ bloodUreaNitrogen, glucose, temperature }));
        },
      ),
    );
  });

  it('older age or an added comorbidity never lowers the score; a woman scores exactly 10 less', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 18, max: 105 }),
        fc.constantFrom(...flags),
        fc.array(fc.boolean(), { minLength: flags.length, maxLength: flags.length }),
        (age, flag, values) => {
          const inputs: Record<string, unknown> = { age };
          flags.forEach((name, index) => (inputs[name] = values[index]));
          const value = score(inputs);
          expect(score({ ...inputs, age: age + 1 })).toBe(value + 1);
          expect(score({ ...inputs, [flag]: true })).toBeGreaterThanOrEqual(value);
          expect(score({ ...inputs, sex: 'female' })).toBe(value - 10);
        },
      ),
    );
  });
});
