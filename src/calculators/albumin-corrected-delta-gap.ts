import {
  ELECTROLYTE_INPUTS,
  listMissing,
  recordAlbuminCorrectedAnionGap,
  recordAnionGap,
  recordDeltaGap,
} from './anion-gap-terms.js';
import { ALBUMIN_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Albumin-corrected delta gap: corrected AG − 12, where corrected AG = Na − (Cl + HCO₃) + 2.5 × (4 − albumin g/dL),
 * in mEq/L. The normal gap is fixed at 12 mEq/L, as on MDCalc.
 *
 * Sources: Figge J et al. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10 (correction); Wrenn K. The
 * delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3 (delta gap).
 * MDCalc: "Anion Gap" (reports the albumin-corrected delta gap).
 * Units: electrolytes mmol/L (= mEq/L), albumin g/dL, answer mEq/L. Valid ranges: Na 95–200, Cl 50–160,
 * HCO₃ 1–60 mmol/L, albumin 0.5–6.5 g/dL. Albumin is required.
 */
export const calculator = defineCalculator({
  id: 'albumin-corrected-delta-gap',
  version: '1.0.0',
  name: 'Albumin Corrected Delta Gap',
  medcalcId: 66,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mEq/L',
  summary: 'Corrected AG − 12 mEq/L; corrected AG = Na − (Cl + HCO₃) + 2.5 × (4 − albumin g/dL).',
  reference: {
    primary:
      'Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10.',
    mdcalc: 'Anion Gap',
    others: [
      'Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3.',
    ],
  },
  inputs: { ...ELECTROLYTE_INPUTS, albumin: ALBUMIN_INPUT },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { sodium, chloride, bicarbonate, albumin } = inputs;
    if (
      sodium === undefined ||
      chloride === undefined ||
      bicarbonate === undefined ||
      albumin === undefined
    ) {
      return derivation.notComputable(listMissing(inputs, ['sodium', 'chloride', 'bicarbonate', 'albumin']));
    }
    const anionGap = recordAnionGap(derivation, { sodium, chloride, bicarbonate });
    const corrected = recordAlbuminCorrectedAnionGap(derivation, anionGap, albumin);
    return derivation.number(recordDeltaGap(derivation, corrected, 'albumin-corrected anion gap'), 'mEq/L');
  },
});
