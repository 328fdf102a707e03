import { ELECTROLYTE_INPUTS, listMissing, recordAnionGap, recordDeltaGap } from './anion-gap-terms.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Delta gap: the rise of the anion gap above normal, ΔAG = AG − 12 = Na − (Cl + HCO₃) − 12, in mEq/L. The normal
 * gap is fixed at 12 mEq/L, as on MDCalc (which does not let users change it).
 *
 * Source: Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3;
 * anion gap per Kraut JA, Madias NE, Clin J Am Soc Nephrol 2007;2:162-74.
 * MDCalc: "Anion Gap" (reports the delta gap).
 * Units: electrolytes in mmol/L (= mEq/L), answer mEq/L. Valid ranges: Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L.
 * A negative delta gap (AG below 12) is a valid answer.
 */
export const calculator = defineCalculator({
  id: 'delta-gap',
  version: '1.0.0',
  name: 'Delta Gap',
  medcalcId: 63,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mEq/L',
  summary: 'Delta gap = AG − 12 mEq/L, AG = Na − (Cl + HCO₃) (Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L).',
  reference: {
    primary:
      'Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3.',
    mdcalc: 'Anion Gap',
    others: [
      'Kraut JA, Madias NE. Serum anion gap: its uses and limitations in clinical medicine. Clin J Am Soc Nephrol 2007;2:162-74.',
    ],
  },
  inputs: { ...ELECTROLYTE_INPUTS },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sodium, chloride, bicarbonate } = inputs;
    if (sodium === undefined || chloride === undefined || bicarbonate === undefined) {
      return derivation.notComputable(listMissing(inputs, ['sodium', 'chloride', 'bicarbonate']));
    }
    const anionGap = recordAnionGap(derivation, { sodium, chloride, bicarbonate });
    return derivation.number(recordDeltaGap(derivation, anionGap, 'anion gap'), 'mEq/L');
  },
});
