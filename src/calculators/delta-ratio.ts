import {
  ELECTROLYTE_INPUTS,
  listMissing,
  recordAnionGap,
  recordDeltaGap,
  recordDeltaRatio,
} from './anion-gap-terms.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Delta ratio ("delta-delta"): (AG − 12) / (24 − HCO₃), unitless, with AG = Na − (Cl + HCO₃). Compares the rise of
 * the anion gap with the fall of bicarbonate to detect a mixed disorder in a high-anion-gap metabolic acidosis
 * (roughly: < 0.4 hyperchloraemic acidosis, 1–2 pure high-gap acidosis, > 2 added metabolic alkalosis).
 *
 * Sources: Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3;
 * Rastegar A. Use of the ΔAG/ΔHCO₃⁻ ratio in the diagnosis of mixed acid-base disorders. J Am Soc Nephrol
 * 2007;18:2429-31.
 * MDCalc: "Anion Gap" (reports the delta ratio).
 * Units: electrolytes in mmol/L (= mEq/L), answer unitless. Valid ranges: Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L;
 * meaningful only when HCO₃ is below 24. HCO₃ = 24 is not computable (division by zero); above 24 it is computed
 * and warned about.
 */
export const calculator = defineCalculator({
  id: 'delta-ratio',
  version: '1.0.0',
  name: 'Delta Ratio',
  medcalcId: 64,
  category: 'lab',
  outputType: 'decimal',
  unit: 'ratio',
  summary:
    'Delta ratio = (AG − 12) / (24 − HCO₃), AG = Na − (Cl + HCO₃); needs HCO₃ ≠ 24 (meaningful below 24).',
  reference: {
    primary:
      'Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3.',
    mdcalc: 'Anion Gap',
    others: [
      'Rastegar A. Use of the ΔAG/ΔHCO3− ratio in the diagnosis of mixed acid-base disorders. J Am Soc Nephrol 2007;18:2429-31.',
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
    const deltaGap = recordDeltaGap(derivation, anionGap, 'anion gap');
    const ratio = recordDeltaRatio(derivation, deltaGap, bicarbonate);
    return ratio.ok ? derivation.number(ratio.value, 'ratio') : derivation.notComputable([], ratio.reason);
  },
});
