import { createHash } from 'node:crypto';
import { compareText } from '../compare-text.js';
import type { CalculatorSlug } from '../catalog/medcalc-bench.js';
import type { Calculator } from './define.js';
import { calculator as adjustedBodyWeight } from './adjusted-body-weight.js';
import { calculator as albuminCorrectedAnionGap } from './albumin-corrected-anion-gap.js';
import { calculator as albuminCorrectedDeltaGap } from './albumin-corrected-delta-gap.js';
import { calculator as albuminCorrectedDeltaRatio } from './albumin-corrected-delta-ratio.js';
import { calculator as anionGap } from './anion-gap.js';
import { calculator as apacheIi } from './apache-ii.js';
import { calculator as bodyMassIndex } from './body-mass-index.js';
import { calculator as bodySurfaceArea } from './body-surface-area.js';
import { calculator as calciumCorrection } from './calcium-correction.js';
import { calculator as caprini2005 } from './caprini-2005.js';
import { calculator as centorMcisaac } from './centor-mcisaac.js';
import { calculator as cha2ds2Vasc } from './cha2ds2-vasc.js';
import { calculator as charlsonComorbidityIndex } from './charlson-comorbidity-index.js';
import { calculator as childPugh } from './child-pugh.js';
import { calculator as ckdEpi2021 } from './ckd-epi-2021.js';
import { calculator as creatinineClearanceCockcroftGault } from './creatinine-clearance-cockcroft-gault.js';
import { calculator as curb65 } from './curb-65.js';
import { calculator as deltaGap } from './delta-gap.js';
import { calculator as deltaRatio } from './delta-ratio.js';
import { calculator as estimatedConceptionDate } from './estimated-conception-date.js';
import { calculator as estimatedDueDate } from './estimated-due-date.js';
import { calculator as estimatedGestationalAge } from './estimated-gestational-age.js';
import { calculator as fena } from './fena.js';
import { calculator as feverpain } from './feverpain.js';
import { calculator as fib4 } from './fib-4.js';
import { calculator as framinghamHardChd } from './framingham-hard-chd.js';
import { calculator as freeWaterDeficit } from './free-water-deficit.js';
import { calculator as glasgowBlatchford } from './glasgow-blatchford.js';
import { calculator as glasgowComaScale } from './glasgow-coma-scale.js';
import { calculator as hasBled } from './has-bled.js';
import { calculator as heartScore } from './heart-score.js';
import { calculator as homaIr } from './homa-ir.js';
import { calculator as idealBodyWeight } from './ideal-body-weight.js';
import { calculator as ldlFriedewald } from './ldl-friedewald.js';
import { calculator as maintenanceFluids } from './maintenance-fluids.js';
import { calculator as mdrdGfr } from './mdrd-gfr.js';
import { calculator as meanArterialPressure } from './mean-arterial-pressure.js';
import { calculator as meldNa } from './meld-na.js';
import { calculator as morphineMilligramEquivalents } from './morphine-milligram-equivalents.js';
import { calculator as perc } from './perc.js';
import { calculator as pneumoniaSeverityIndex } from './pneumonia-severity-index.js';
import { calculator as qtcBazett } from './qtc-bazett.js';
import { calculator as qtcFramingham } from './qtc-framingham.js';
import { calculator as qtcFridericia } from './qtc-fridericia.js';
import { calculator as qtcHodges } from './qtc-hodges.js';
import { calculator as qtcRautaharju } from './qtc-rautaharju.js';
import { calculator as revisedCardiacRiskIndex } from './revised-cardiac-risk-index.js';
import { calculator as serumOsmolality } from './serum-osmolality.js';
import { calculator as sirs } from './sirs.js';
import { calculator as sodiumCorrectionHyperglycemia } from './sodium-correction-hyperglycemia.js';
import { calculator as sofa } from './sofa.js';
import { calculator as steroidConversion } from './steroid-conversion.js';
import { calculator as targetWeight } from './target-weight.js';
import { calculator as wellsDvt } from './wells-dvt.js';
import { calculator as wellsPe } from './wells-pe.js';

/** A table of calculators by slug, as verifiers take it (the real one is `CALCULATORS`; tests pass variants). */
export type CalculatorRegistry = Readonly<Record<CalculatorSlug, Calculator>>;

/**
 * Every calculator, keyed by slug. A `Record` over the closed slug union: a calculator missing here fails to
 * compile. Look-ups by benchmark id or name go through the catalog first, then here.
 */
export const CALCULATORS: CalculatorRegistry = {
  'creatinine-clearance-cockcroft-gault': creatinineClearanceCockcroftGault,
  'ckd-epi-2021': ckdEpi2021,
  'cha2ds2-vasc': cha2ds2Vasc,
  'mean-arterial-pressure': meanArterialPressure,
  'body-mass-index': bodyMassIndex,
  'calcium-correction': calciumCorrection,
  'wells-pe': wellsPe,
  'mdrd-gfr': mdrdGfr,
  'ideal-body-weight': idealBodyWeight,
  'qtc-bazett': qtcBazett,
  'estimated-due-date': estimatedDueDate,
  'child-pugh': childPugh,
  'wells-dvt': wellsDvt,
  'revised-cardiac-risk-index': revisedCardiacRiskIndex,
  'heart-score': heartScore,
  'fib-4': fib4,
  'centor-mcisaac': centorMcisaac,
  'glasgow-coma-scale': glasgowComaScale,
  'maintenance-fluids': maintenanceFluids,
  'meld-na': meldNa,
  'steroid-conversion': steroidConversion,
  'has-bled': hasBled,
  'sodium-correction-hyperglycemia': sodiumCorrectionHyperglycemia,
  'glasgow-blatchford': glasgowBlatchford,
  'apache-ii': apacheIi,
  'pneumonia-severity-index': pneumoniaSeverityIndex,
  'serum-osmolality': serumOsmolality,
  'homa-ir': homaIr,
  'charlson-comorbidity-index': charlsonComorbidityIndex,
  feverpain: feverpain,
  'caprini-2005': caprini2005,
  'free-water-deficit': freeWaterDeficit,
  'anion-gap': anionGap,
  fena: fena,
  sofa: sofa,
  'ldl-friedewald': ldlFriedewald,
  'curb-65': curb65,
  'framingham-hard-chd': framinghamHardChd,
  perc: perc,
  'morphine-milligram-equivalents': morphineMilligramEquivalents,
  sirs: sirs,
  'qtc-fridericia': qtcFridericia,
  'qtc-framingham': qtcFramingham,
  'qtc-hodges': qtcHodges,
  'qtc-rautaharju': qtcRautaharju,
  'body-surface-area': bodySurfaceArea,
  'target-weight': targetWeight,
  'adjusted-body-weight': adjustedBodyWeight,
  'delta-gap': deltaGap,
  'delta-ratio': deltaRatio,
  'albumin-corrected-anion-gap': albuminCorrectedAnionGap,
  'albumin-corrected-delta-gap': albuminCorrectedDeltaGap,
  'albumin-corrected-delta-ratio': albuminCorrectedDeltaRatio,
  'estimated-conception-date': estimatedConceptionDate,
  'estimated-gestational-age': estimatedGestationalAge,
};

/**
 * The calculator for a slug, or undefined for a slug no calculator has (rows built by hand or by a hostile file
 * can carry any text; inherited names such as "constructor" are no calculator either).
 */
export function findCalculator(
  slug: string | undefined,
  calculators: CalculatorRegistry = CALCULATORS,
): Calculator | undefined {
  return slug !== undefined && Object.hasOwn(calculators, slug)
    ? calculators[slug as CalculatorSlug]
    : undefined;
}

/**
 * A digest of every calculator's `slug@version` (sorted by slug): part of the configuration of the verifiers that run calculators,
 * so a calculator whose version changes gives the verifier a new identity and its stored verdicts are redone.
 */
/** Bumped whenever `read-inputs.ts` can read a value differently; part of `digestCalculators`. */
export const READ_INPUTS_VERSION = 2;

export function digestCalculators(calculators: CalculatorRegistry): string {
  const versions = Object.values(calculators)
    .map((calculator) => `${calculator.id}@${calculator.version}`)
    .sort(compareText);
  // The shared input reader changes results too (2: impossible values are rejected).
  versions.push(`read-inputs@${READ_INPUTS_VERSION}`);
  return createHash('sha256').update(versions.join('\n')).digest('hex');
}
