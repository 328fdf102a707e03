import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './caprini-2005.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

/** Every yes/no factor with its 2005 weight, written out by hand from Caprini 2005 (not read from the module). */
const WEIGHTS: Record<string, number> = {
  majorSurgeryLastMonth: 1,
  congestiveHeartFailure: 1,
  sepsis: 1,
  pneumonia: 1,
  copd: 1,
  acuteMyocardialInfarction: 1,
  swollenLegs: 1,
  varicoseVeins: 1,
  inflammatoryBowelDisease: 1,
  plasterCast: 2,
  centralVenousAccess: 2,
  malignancy: 2,
  familyHistoryThrombosis: 3,
  factorVLeiden: 3,
  prothrombin20210A: 3,
  lupusAnticoagulant: 3,
  anticardiolipinAntibody: 3,
  homocysteine: 3,
  heparinInducedThrombocytopenia: 3,
  otherThrombophilia: 3,
  stroke: 5,
  hipPelvisLegFracture: 5,
  multipleTrauma: 5,
  spinalCordInjury: 5,
};
const base = { age: 30, sex: 'male', surgeryType: 'none', mobility: 'ambulatory', bmi: 22 };
const score = (inputs: Record<string, unknown>) => valueOf(runClean(calculator, { ...base, ...inputs }));

describe('Caprini 2005', () => {
  it('healthy 30-year-old, no surgery, ambulatory, BMI 22: 0', () => {
    expect(score({})).toBe(0);
  });

  it('age bands: 40 -> 0, 41 -> 1, 60 -> 1, 61 -> 2, 74 -> 2, 75 -> 3', () => {
    expect([40, 41, 60, 61, 74, 75].map((age) => score({ age }))).toEqual([0, 1, 1, 2, 2, 3]);
  });

  it('surgery: none 0, minor 1, major/laparoscopic/arthroscopic 2, elective lower-extremity arthroplasty 5', () => {
    const types = [
      'none',
      'minor',
      'major',
      'laparoscopic',
      'arthroscopic',
      'elective-major-lower-extremity-arthroplasty',
    ];
    expect(types.map((surgeryType) => score({ surgeryType }))).toEqual([0, 1, 2, 2, 2, 5]);
  });

  it('mobility: ambulatory 0, bed rest 1, confined > 72 h 2; BMI 25 -> 0, 25.1 -> 1', () => {
    expect(
      ['ambulatory', 'bed-rest', 'confined-over-72-hours'].map((mobility) => score({ mobility })),
    ).toEqual([0, 1, 2]);
    expect(score({ bmi: 25 })).toBe(0);
    expect(score({ bmi: 25.1 })).toBe(1);
  });

  it('each yes/no factor adds its own weight', () => {
    for (const [name, points] of Object.entries(WEIGHTS)) expect(score({ [name]: true })).toBe(points);
  });

  it('prior DVT and prior PE score 3 once, not 6', () => {
    expect(score({ previousDvt: true })).toBe(3);
    expect(score({ previousPe: true })).toBe(3);
    expect(score({ previousDvt: true, previousPe: true })).toBe(3);
  });

  it('women-only items score 1 each for a woman, nothing (with a warning) for a man; sex itself scores 0', () => {
    const women = { pregnantOrPostpartum: true, adverseObstetricHistory: true, hormones: true };
    expect(score({ sex: 'female' })).toBe(0);
    expect(score({ sex: 'female', ...women })).toBe(3);
    const man = runClean(calculator, { ...base, ...women });
    expect(valueOf(man)).toBe(0);
    expect(expectComputed(man).warnings.map(({ code }) => code)).toEqual([
      'inputs-contradict',
      'inputs-contradict',
      'inputs-contradict',
    ]);
  });

  it('benchmark row: 63 y (2) + major surgery type 2 + major surgery < 1 mo 1 + fracture 5 + trauma 5 + varicose 1 + DVT 3 + family 3 + homocysteine 3 + confined 2 + BMI 27.1 1 = 28', () => {
    const result = runEntities(calculator, {
      age: [63.0, 'years'],
      sex: 'Female',
      'Surgery Type': 'major',
      'Major Surgery in the last month': true,
      'Congestive Heart Failure in the last month': false,
      'Sepsis in the last month': false,
      'Pneumonia in the last month': false,
      'Hip, pelvis, or leg fracture in the last month': true,
      'Stroke in the last month': false,
      'Multiple trauma in the last month': true,
      'Acute spinal cord injury causing paralysis in the last month': false,
      'Varicose veins': true,
      'Current swollen legs': false,
      'Previously documented Deep Vein Thrombosis': true,
      'Previously Documented Pulmonary Embolism': false,
      'Family history of thrombosis': true,
      'Positive Factor V Leiden': false,
      'Positive prothrombin 20210A': false,
      'Elevated serum homocysteine': true,
      'Positive lupus anticoagulant': false,
      'Elevated anticardiolipin antibody': false,
      'Heparin-induced thrombocytopenia': false,
      'Other congenital or acquired thrombophilia': false,
      Mobility: 'confined to bed >72 hours',
      'History of inflammatory bowel disease': false,
      'Body Mass Index (BMI)': [27.1, 'kg/m^2'],
      'Acute Myocardial infarction': false,
      'Chronic Obstructive Pulmonary Disease': false,
      'Present or previous malignancy': false,
    });
    expect(valueOf(result)).toBe(28);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('benchmark enum strings: "on bed rest" 1, "normal" 0, "elective major lower extremity arthroplasty" 5, "Nonoperative " 0', () => {
    const run = (entities: Record<string, unknown>) =>
      valueOf(runEntities(calculator, { age: [30, 'years'], ...entities }));
    expect(run({ Mobility: 'on bed rest' })).toBe(1);
    expect(run({ Mobility: 'normal' })).toBe(0);
    expect(run({ Mobility: 'confined to bed >72 hours' })).toBe(2);
    expect(run({ 'Surgery Type': 'elective major lower extremity arthroplasty' })).toBe(5);
    expect(run({ 'Surgery Type': 'laparoscopic' })).toBe(2);
    expect(run({ 'Surgery Type': 'minor' })).toBe(1);
    expect(run({ 'Surgery Type': 'Nonoperative ' })).toBe(0);
  });

  it('missing factors are assumed absent with assumptions; 76-year-old alone: 3', () => {
    const result = runClean(calculator, { age: 76 });
    expect(valueOf(result)).toBe(3);
    const { assumptions } = expectComputed(result);
    expect(assumptions.some((text) => text.startsWith('Mobility'))).toBe(true);
    expect(assumptions.some((text) => text.startsWith('BMI'))).toBe(true);
  });

  it('missing age is not computable', () => {
    expectNotComputable(runClean(calculator, { stroke: true }), ['age']);
  });

  it('everything present in a woman of 80: 3 + 5 + 24 + 31 + 2 + 6 + 3 = 76 (maximum)', () => {
    const all: Record<string, unknown> = {
      age: 80,
      sex: 'female',
      surgeryType: 'elective-major-lower-extremity-arthroplasty',
      mobility: 'confined-over-72-hours',
      bmi: 40,
      previousDvt: true,
      previousPe: true,
      pregnantOrPostpartum: true,
      adverseObstetricHistory: true,
      hormones: true,
    };
    for (const name of Object.keys(WEIGHTS)) all[name] = true;
    expect(score(all)).toBe(76);
  });

  it('always 0..76; adding a factor or years of age never lowers the score', () => {
    const names = Object.keys(WEIGHTS);
    fc.assert(
      fc.property(
        fc.record({
          age: fc.double({ min: 18, max: 100, noNaN: true }),
          bmi: fc.double({ min: 15, max: 50, noNaN: true }),
          sex: fc.constantFrom('male', 'female'),
          flags: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
        }),
        fc.integer({ min: 0, max: names.length - 1 }),
        ({ flags, ...rest }, flip) => {
          const inputs: Record<string, unknown> = { ...rest };
          names.forEach((name, index) => (inputs[name] = flags[index]));
          const value = score(inputs);
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(76);
          expect(score({ ...inputs, [names[flip]!]: true })).toBeGreaterThanOrEqual(value);
          expect(score({ ...inputs, age: rest.age + 5 })).toBeGreaterThanOrEqual(value);
        },
      ),
    );
  });
});
