import {
  ELECTROLYTE_INPUTS,
  listMissing,
  recordAlbuminCorrectedAnionGap,
  recordAnionGap,
  recordDeltaGap,
  recordDeltaRatio,
} from './anion-gap-terms.js';
import { ALBUMIN_INPUT } from './common-inputs.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

/**
 * Albumin-corrected delta ratio: (corrected AG − 12) / (24 − HCO₃), unitless, where corrected AG = Na − (Cl + HCO₃)
 * + 2.5 × (4 − albumin g/dL).
 *
 * Sources: Figge J et al. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10 (correction); Wrenn K.
 * Ann Emerg Med 1990;19:1310-3 and Rastegar A. J Am Soc Nephrol 2007;18:2429-31 (delta ratio).
 * MDCalc: "Anion Gap" (reports the albumin-corrected delta ratio).
 * Units: electrolytes mmol/L (= mEq/L), albumin g/dL, answer unitless. Valid ranges: Na 95–200, Cl 50–160,
 * HCO₃ 1–60 mmol/L (meaningful below 24), albumin 0.5–6.5 g/dL. HCO₃ = 24 is not computable (division by zero);
 * above 24 it is computed and warned about. Albumin is required.
 */
export const calculator = defineCalculator({
  id: 'albumin-corrected-delta-ratio',
  version: '1.0.0',
  name: 'Albumin Corrected Delta Ratio',
  medcalcId: 67,
  category: 'lab',
  outputType: 'decimal',
  unit: 'ratio',
  summary:
    '(Corrected AG − 12) / (24 − HCO₃); corrected AG = Na − (Cl + HCO₃) + 2.5 × (4 − albumin g/dL); HCO₃ ≠ 24.',
  reference: {
    primary:
      'Figge J, Jabor A, Kazda A, Fencl V. Anion gap and hypoalbuminemia. Crit Care Med 1998;26:1807-10.',
    mdcalc: 'Anion Gap',
    others: [
      'Wrenn K. The delta (Δ) gap: an approach to mixed acid-base disorders. Ann Emerg Med 1990;19:1310-3.',
      'Rastegar A. Use of the ΔAG/ΔHCO3− ratio in the diagnosis of mixed acid-base disorders. J Am Soc Nephrol 2007;18:2429-31.',
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
    const deltaGap = recordDeltaGap(derivation, corrected, 'albumin-corrected anion gap');
    const ratio = recordDeltaRatio(derivation, deltaGap, bicarbonate);
    return ratio.ok ? derivation.number(ratio.value, 'ratio') : derivation.notComputable([], ratio.reason);
  },
});
