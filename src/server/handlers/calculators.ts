import { AppError } from '../../app-error.js';
import { computeFromForm, describeCalculatorForm, findFormCalculator } from '../../review/calculator-form.js';
import { defineHandler } from './define-handler.js';

function calculatorOr404(slug: string | undefined) {
  const calculator = findFormCalculator(slug ?? null);
  if (calculator === null) {
    throw new AppError('CALCULATOR_NOT_FOUND', `no calculator "${slug ?? ''}"`, {
      fix: 'Use the slug of the item’s calculator.',
    });
  }
  return calculator;
}

export const calculatorForm = defineHandler('calculatorForm', async ({ params }) =>
  Promise.resolve(describeCalculatorForm(calculatorOr404(params['slug']))),
);

export const compute = defineHandler('compute', async ({ params, body }) =>
  Promise.resolve(computeFromForm(calculatorOr404(params['slug']), body.inputs)),
);
