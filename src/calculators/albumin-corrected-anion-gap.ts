import {
  ELECTROLYTE_INPUTS,
  listMissing,
  recordAlbuminCorrectedAnionGap,
  recordAnionGap,
} from './anion-gap-terms.js';
import { ALBUMIN_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Albumin-corrected anion gap: AG + 2.5 × (4 − albumin g/dL), in mEq/L, with AG = Na − (Cl + HCO₃). Each g/dL of
 * albumin below 4 hides about 2.5 mEq/L of anion gap.
 *
 * Source: Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10.
 * MDCalc: "Anion Gap" (reports the albumin-corrected anion gap).
 * Units: electrolytes mmol/L (= mEq/L), albumin g/dL (g/L and mg/dL converted), answer mEq/L. Valid ranges:
 * Na 95–200, Cl 50–160, HCO₃ 1–60 mmol/L, albumin 0.5–6.5 g/dL (values outside are warned about, not corrected).
 * Albumin is required: with no albumin there is nothing to correct for.
 */
export const calculator = defineCalculator({
  id: 'albumin-corrected-anion-gap',
  version: '1.0.0',
  name: 'Albumin Corrected Anion Gap',
  medcalcId: 65,
  category: 'lab',
  outputType: 'decimal',
  unit: 'mEq/L',
  summary: 'AG + 2.5 × (4 − albumin g/dL) in mEq/L; AG = Na − (Cl + HCO₃); albumin 0.5–6.5 g/dL.',
  reference: {
    primary:
      'Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10.',
    mdcalc: 'Anion Gap',
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
    return derivation.number(recordAlbuminCorrectedAnionGap(derivation, anionGap, albumin), 'mEq/L');
  },
});
