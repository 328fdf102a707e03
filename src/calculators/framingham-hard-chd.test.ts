import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculator } from './framingham-hard-chd.js';
import { expectComputed, expectNotComputable, runClean, runEntities, valueOf } from './test-kit.js';

const risk = (inputs: Record<string, unknown>) => valueOf(runClean(calculator, inputs));
const man55 = {
  sex: 'male',
  age: 55,
  totalCholesterol: 213,
  hdl: 50,
  systolic: 120,
  bloodPressureTreated: false,
  smoker: false,
};

// Expected values worked by hand (calculator arithmetic, independent of this module), e.g. for man55:
// 52.00961 ln55 = 208.4190; 20.014077 ln213 = 107.2955; -0.905964 ln50 = -3.5441; 1.305784 ln120 = 6.2514;
// -4.605038 ln55 ln213 = -98.8018; -2.93323 (ln55)² = -47.2327; constant -172.300168; L = 0.08748;
// risk = 1 - 0.9402^exp(0.08748) = 6.5085 %. (ATP III point table: 11 points -> 8 %, the same order.)
describe('Framingham hard CHD (ATP III)', () => {
  it('man 55, TC 213, HDL 50, SBP 120 untreated, non-smoker: L = 0.0875, risk 6.51 %', () => {
    expect(risk(man55)).toBeCloseTo(6.5085, 3);
  });

  it('woman 60, TC 240, HDL 45, SBP 150 treated, smoker: L = 2.5118, risk 14.18 %', () => {
    const inputs = {
      sex: 'female',
      age: 60,
      totalCholesterol: 240,
      hdl: 45,
      systolic: 150,
      bloodPressureTreated: true,
      smoker: true,
    };
    expect(risk(inputs)).toBeCloseTo(14.1816, 3);
  });

  it('man 75 smoker uses ln(70) in the smoking term: TC 200, HDL 40, SBP 140 -> L = 1.3977, risk 22.08 %', () => {
    const inputs = {
      sex: 'male',
      age: 75,
      totalCholesterol: 200,
      hdl: 40,
      systolic: 140,
      bloodPressureTreated: false,
      smoker: true,
    };
    expect(risk(inputs)).toBeCloseTo(22.0794, 3);
  });

  it('woman 79 smoker uses ln(78) in the smoking term: risk 7.65 %, with an out-of-range warning', () => {
    const inputs = {
      sex: 'female',
      age: 79,
      totalCholesterol: 200,
      hdl: 50,
      systolic: 130,
      bloodPressureTreated: false,
      smoker: true,
    };
    const result = runClean(calculator, inputs);
    expect(valueOf(result)).toBeCloseTo(7.6487, 3);
    expect(expectComputed(result).warnings).toContainEqual({
      code: 'outside-population',
      text: expect.stringContaining('outside'),
    });
  });

  it('intended age range 30–74 (MDCalc; Wilson 1998 cohort): 30 and 74 silent, 29 and 75 warn', () => {
    const codesAt = (age: number) =>
      expectComputed(runClean(calculator, { ...man55, age })).warnings.map(({ code }) => code);
    expect(codesAt(30)).toEqual([]);
    expect(codesAt(74)).toEqual([]);
    expect(codesAt(29)).toEqual(['outside-population']);
    expect(codesAt(75)).toEqual(['outside-population']);
  });

  it('entity row (man 54, SBP 139 "mm hg", smoker, TC 235, HDL 26, untreated): L = 1.7155, risk 29.02 % (not a fraction)', () => {
    const result = runEntities(calculator, {
      sex: 'Male',
      age: [54, 'years'],
      'Systolic Blood Pressure': [139.0, 'mm hg'],
      Smoker: true,
      'Total cholesterol': [235.0, 'mg/dL'],
      'high-density lipoprotein cholesterol': [26.0, 'mg/dL'],
      'Blood pressure being treated with medicines': false,
    });
    expect(valueOf(result)).toBeCloseTo(29.0234, 3);
    expect(expectComputed(result).warnings).toEqual([]);
  });

  it('cholesterol in mmol/L is converted to mg/dL before the logs: TC 5.5 mmol/L = 212.66 mg/dL', () => {
    const inMmol = risk({ ...man55, totalCholesterol: [5.5, 'mmol/L'] });
    expect(inMmol).toBeCloseTo(risk({ ...man55, totalCholesterol: 212.6575 }), 6);
    expect(inMmol).toBeGreaterThan(6);
  });

  it('missing smoking and treatment status are assumed "no" with assumptions', () => {
    const result = runClean(calculator, {
      sex: 'male',
      age: 55,
      totalCholesterol: 213,
      hdl: 50,
      systolic: 120,
    });
    expect(valueOf(result)).toBeCloseTo(6.5085, 3);
    expect(expectComputed(result).assumptions.filter((text) => text.includes('not mentioned'))).toHaveLength(
      2,
    );
  });

  it('implausible HDL is warned about, not corrected', () => {
    const result = runClean(calculator, { ...man55, hdl: 5 });
    expect(expectComputed(result).warnings).toContainEqual({
      code: 'implausible-value',
      text: expect.stringContaining('HDL'),
    });
  });

  it('missing required inputs are not computable', () => {
    expectNotComputable(runClean(calculator, { sex: 'female', age: 50, totalCholesterol: 200 }), [
      'hdl',
      'systolic',
    ]);
    expectNotComputable(runClean(calculator, { ...man55, sex: undefined }), ['sex']);
  });

  const patient = fc.record({
    sex: fc.constantFrom('male', 'female'),
    age: fc.double({ min: 30, max: 79, noNaN: true }),
    totalCholesterol: fc.double({ min: 120, max: 350, noNaN: true }),
    hdl: fc.double({ min: 20, max: 100, noNaN: true }),
    systolic: fc.double({ min: 90, max: 200, noNaN: true }),
    bloodPressureTreated: fc.boolean(),
    smoker: fc.boolean(),
  });

  it('unit invariance: total and HDL cholesterol in mg/dL vs mmol/L (386.65 g/mol)', () => {
    fc.assert(
      fc.property(patient, (inputs) => {
        const toMmol = (mgDl: number) => (mgDl * 10) / 386.65;
        const si = risk({
          ...inputs,
          totalCholesterol: [toMmol(inputs.totalCholesterol), 'mmol/L'],
          hdl: [toMmol(inputs.hdl), 'mmol/L'],
        });
        expect(si).toBeCloseTo(risk(inputs), 6);
      }),
    );
  });

  it('risk is in (0, 100) and rises with SBP, treatment and smoking, falls with HDL', () => {
    fc.assert(
      fc.property(patient, fc.double({ min: 1, max: 30, noNaN: true }), (inputs, delta) => {
        const value = risk(inputs);
        expect(value).toBeGreaterThan(0);
        expect(value).toBeLessThan(100);
        expect(risk({ ...inputs, systolic: inputs.systolic + delta })).toBeGreaterThan(value);
        expect(risk({ ...inputs, hdl: inputs.hdl + delta })).toBeLessThan(value);
        expect(risk({ ...inputs, smoker: true })).toBeGreaterThanOrEqual(value);
        expect(risk({ ...inputs, bloodPressureTreated: true })).toBeGreaterThanOrEqual(value);
      }),
    );
  });
});
