import { formatNumber } from '../units/index.js';
import { BICARBONATE_INPUT, CHLORIDE_INPUT, SODIUM_INPUT } from './common-inputs.js';
import { type Derivation } from './derivation.js';
import type { InputSchema } from './types.js';

/**
 * The arithmetic shared by the six anion-gap calculators (anion gap, delta gap, delta ratio and their
 * albumin-corrected forms), so that each constant and each formula line exists once.
 *
 * Reference values are those MDCalc "Anion Gap" uses: normal anion gap 12 mEq/L, normal bicarbonate 24 mEq/L,
 * normal albumin 4 g/dL, and 2.5 mEq/L of anion gap per g/dL of albumin (Figge J et al., Crit Care Med
 * 1998;26:1807-10). Monovalent ions: 1 mEq/L = 1 mmol/L, so the inputs arrive in mmol/L and the gaps are in mEq/L.
 */

/** Normal anion gap, mEq/L (the subtrahend of the delta gap). */
export const NORMAL_ANION_GAP = 12;
/** Normal serum bicarbonate, mEq/L (the reference of the delta ratio's denominator). */
export const NORMAL_BICARBONATE = 24;
/** Normal serum albumin, g/dL. */
export const NORMAL_ALBUMIN = 4;
/** Anion gap carried by 1 g/dL of albumin, mEq/L (Figge 1998). */
export const ANION_GAP_PER_ALBUMIN = 2.5;

/** Sodium, chloride and bicarbonate as MedCalc-Bench names them ("Sodium", "Chloride", "Bicarbonate"). */
export const ELECTROLYTE_INPUTS = {
  sodium: SODIUM_INPUT,
  chloride: CHLORIDE_INPUT,
  bicarbonate: BICARBONATE_INPUT,
} as const satisfies InputSchema;

export interface ElectrolyteValues {
  sodium?: number | undefined;
  chloride?: number | undefined;
  bicarbonate?: number | undefined;
  albumin?: number | undefined;
}

/** The names among `required` whose value is missing, in the order given. */
export function listMissing(
  values: ElectrolyteValues,
  required: readonly (keyof ElectrolyteValues)[],
): string[] {
  return required.filter((name) => values[name] === undefined);
}

/** AG = Na − (Cl + HCO₃), recorded as a step; a negative gap is warned about (it points to a measurement problem). */
export function recordAnionGap(
  derivation: Derivation,
  values: { sodium: number; chloride: number; bicarbonate: number },
): number {
  const { sodium, chloride, bicarbonate } = values;
  const anionGap = sodium - (chloride + bicarbonate);
  derivation.step(
    `Anion gap = Na − (Cl + HCO₃) = ${formatNumber(sodium)} − (${formatNumber(chloride)} + ${formatNumber(bicarbonate)}) = ${formatNumber(anionGap)} mEq/L`,
  );
  if (anionGap < 0) {
    derivation.warn(
      'implausible-result',
      `negative anion gap ${formatNumber(anionGap)} mEq/L: usually a laboratory or transcription error ` +
        '(or unmeasured cations such as lithium, bromide or an IgG paraprotein); check the electrolytes',
    );
  }
  return anionGap;
}

/** Albumin-corrected AG = AG + 2.5 × (4 − albumin g/dL), recorded as a step. */
export function recordAlbuminCorrectedAnionGap(
  derivation: Derivation,
  anionGap: number,
  albumin: number,
): number {
  const corrected = anionGap + ANION_GAP_PER_ALBUMIN * (NORMAL_ALBUMIN - albumin);
  derivation.step(
    `Albumin-corrected anion gap = AG + 2.5 × (4 − albumin) = ${formatNumber(anionGap)} + 2.5 × (4 − ${formatNumber(albumin)}) = ${formatNumber(corrected)} mEq/L`,
  );
  return corrected;
}

/** Delta gap = gap − 12, recorded as a step; `name` says which gap ("anion gap", "albumin-corrected anion gap"). */
export function recordDeltaGap(derivation: Derivation, gap: number, name: string): number {
  const deltaGap = gap - NORMAL_ANION_GAP;
  derivation.step(`Delta gap = ${name} − 12 = ${formatNumber(gap)} − 12 = ${formatNumber(deltaGap)} mEq/L`);
  return deltaGap;
}

export type DeltaRatioOutcome = { ok: true; value: number } | { ok: false; reason: string };

/**
 * Delta ratio = delta gap / (24 − HCO₃). A bicarbonate of exactly 24 leaves no denominator (the ratio is
 * undefined); above 24 the denominator is negative and the ratio has no acid–base meaning, which is warned about.
 */
export function recordDeltaRatio(
  derivation: Derivation,
  deltaGap: number,
  bicarbonate: number,
): DeltaRatioOutcome {
  const bicarbonateFall = NORMAL_BICARBONATE - bicarbonate;
  derivation.step(
    `Fall in bicarbonate = 24 − HCO₃ = 24 − ${formatNumber(bicarbonate)} = ${formatNumber(bicarbonateFall)} mEq/L`,
  );
  if (bicarbonateFall === 0) {
    return {
      ok: false,
      reason: `bicarbonate ${formatNumber(bicarbonate)} mEq/L equals the normal 24 mEq/L, so 24 − HCO₃ = 0 and the delta ratio is undefined (division by zero)`,
    };
  }
  if (bicarbonateFall < 0) {
    derivation.warn(
      'formula-does-not-apply',
      `bicarbonate ${formatNumber(bicarbonate)} mEq/L is above 24: there is no fall in bicarbonate, so the delta ratio ` +
        '(negative denominator) does not describe a metabolic acidosis',
    );
  }
  const ratio = deltaGap / bicarbonateFall;
  derivation.step(
    `Delta ratio = ${formatNumber(deltaGap)} / ${formatNumber(bicarbonateFall)} = ${formatNumber(ratio)}`,
  );
  return { ok: true, value: ratio };
}
