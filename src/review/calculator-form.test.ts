import { describe, expect, it } from 'vitest';
import { getCalculator } from '../calculators/lookup.js';
import { listCalculators } from '../calculators/lookup.js';
import { computeFromForm, describeCalculatorForm, findFormCalculator } from './calculator-form.js';

describe('describeCalculatorForm', () => {
  it('describes every calculator input with a unit a physician can read back', () => {
    for (const calculator of listCalculators()) {
      const form = describeCalculatorForm(calculator);
      expect(form.inputs.map((input) => input.name)).toEqual(Object.keys(calculator.inputs));
      for (const input of form.inputs.filter((candidate) => candidate.type === 'quantity')) {
        // The prefilled unit must compute: a value with it converts without an unknown-unit problem.
        const result = calculator.run({ [input.name]: { value: 1, unit: input.unit } }, { origin: 'clean' });
        const invalid = result.status === 'not-computable' ? result.invalid : [];
        expect(
          invalid.filter((problem) => problem.text.startsWith(`${input.name}:`)),
          `${calculator.id}.${input.name}`,
        ).toEqual([]);
      }
    }
    const age = describeCalculatorForm(getCalculator('mdrd-gfr')).inputs.find(
      (input) => input.name === 'age',
    );
    expect(age?.unit).toBe('years');
  });
});

describe('computeFromForm', () => {
  it('computes CHA2DS2-VASc from clean inputs, with its steps', () => {
    const calculator = getCalculator('cha2ds2-vasc');
    const result = computeFromForm(calculator, {
      age: { value: 70, unit: 'years' },
      sex: 'female',
      hypertension: true,
    });
    // Age 65–74: 1, female: 1, hypertension: 1.
    expect(result).toMatchObject({ status: 'computed', answer: '3' });
    expect(result.steps.length).toBeGreaterThan(0);
  });

  it('names unknown inputs', () => {
    expect(() => computeFromForm(getCalculator('cha2ds2-vasc'), { weight: 3 })).toThrow(
      /unknown input: weight/,
    );
  });

  it('finds no calculator for an item without a slug', () => {
    expect(findFormCalculator(null)).toBeNull();
    expect(findFormCalculator('no-such-calculator')).toBeNull();
  });
});
