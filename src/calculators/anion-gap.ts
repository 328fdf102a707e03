import { ELECTROLYTE_INPUTS, listMissing, recordAnionGap } from './anion-gap-terms.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Serum anion gap: AG = Na − (Cl + HCO₃), in mEq/L. Potassium is not included (the usual modern form).
 *
 * Source: Kraut JA, Madias NE. Serum anion gap: its uses and limitations in clinical medicine. Clin J Am Soc
 * Nephrol 2007;2:162-74.
 * MDCalc: "Anion Gap".
 * Units: sodium, chloride and bicarbonate in mmol/L (= mEq/L; mg/dL is converted literally and warned about),
 * answer mEq/L. Valid ranges: Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L; reference interval roughly 3–12 mEq/L
 * depending on the analyser. A negative result is computed and warned about.
 */
export const calculator = defineCalculator({
  id: 'anion-gap',
  version: '1.0.0',
  name: 'Anion Gap',
  medcalcId: 39,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mEq/L',
  summary: 'AG = Na − (Cl + HCO₃) in mEq/L (Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L).',
  reference: {
    primary:
      'Kraut JA, Madias NE. Serum anion gap: its uses and limitations in clinical medicine. Clin J Am Soc Nephrol 2007;2:162-74.',
    mdcalc: 'Anion Gap',
  },
  inputs: { ...ELECTROLYTE_INPUTS },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sodium, chloride, bicarbonate } = inputs;
    if (sodium === undefined || chloride === undefined || bicarbonate === undefined) {
      return derivation.notComputable(listMissing(inputs, ['sodium', 'chloride', 'bicarbonate']));
    }
    return derivation.number(recordAnionGap(derivation, { sodium, chloride, bicarbonate }), 'mEq/L');
  },
});
