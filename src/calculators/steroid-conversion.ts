import { formatNumber } from '../units/index.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';

const STEROIDS = [
  'betamethasone',
  'cortisone',
  'dexamethasone',
  'hydrocortisone',
  'methylprednisolone',
  'prednisolone',
  'prednisone',
  'triamcinolone',
] as const;
type Steroid = (typeof STEROIDS)[number];

/** Dose (mg) with the glucocorticoid effect of 5 mg prednisone; IV and PO forms share it (as in MDCalc). */
const EQUIVALENT_MG: Record<Steroid, number> = {
  betamethasone: 0.75,
  cortisone: 25,
  dexamethasone: 0.75,
  hydrocortisone: 20,
  methylprednisolone: 4,
  prednisolone: 5,
  prednisone: 5,
  triamcinolone: 4,
};

/** The routes MDCalc lists per drug, as the benchmark writes them ("PrednisoLONE PO", "Dexamethasone IV"). */
const ROUTES: Record<Steroid, readonly ('iv' | 'po')[]> = {
  betamethasone: ['iv'],
  cortisone: ['po'],
  dexamethasone: ['iv', 'po'],
  hydrocortisone: ['iv', 'po'],
  methylprednisolone: ['iv', 'po'],
  prednisolone: ['po'],
  prednisone: ['po'],
  triamcinolone: ['iv'],
};

const STEROID_ALIASES: Record<string, Steroid> = Object.fromEntries(
  STEROIDS.flatMap((steroid) => ROUTES[steroid].map((route) => [`${steroid} ${route}`, steroid] as const)),
);

/** 1 g methylprednisolone (a pulse) = 1250 mg prednisone; more than that is worth a second look. */
const PULSE_PREDNISONE_MG = 1250;

/**
 * Equipotent glucocorticoid dose: target dose = input dose / equivalent(input) × equivalent(target), with these
 * doses equal to 5 mg prednisone: betamethasone 0.75, cortisone 25, dexamethasone 0.75, hydrocortisone 20,
 * methylprednisolone 4, prednisolone 5, prednisone 5, triamcinolone 4 mg. IV and oral forms of one drug are
 * treated as equal, as MDCalc does. The equivalence covers glucocorticoid (anti-inflammatory) effect only, not
 * mineralocorticoid effect or duration of action.
 *
 * Source: Liu D et al. A practical guide to the monitoring and management of the complications of systemic
 * corticosteroid therapy. Allergy Asthma Clin Immunol 2013;9:30 (equivalence table). MDCalc: "Steroid Conversion
 * Calculator".
 * Inputs: input steroid [drug with route, dose, mass unit] (dose above 0); target steroid as a drug with route.
 */
export const calculator = defineCalculator({
  id: 'steroid-conversion',
  version: '1.0.0',
  name: 'Steroid Conversion Calculator',
  medcalcId: 24,
  category: 'dosage',
  outputType: 'decimal',
  unit: 'mg',
  summary:
    'Equipotent glucocorticoid dose in mg of the target drug (prednisone 5 = methylprednisolone 4 = dexamethasone 0.75 …).',
  reference: {
    primary: 'Liu D et al. Allergy Asthma Clin Immunol 2013;9:30.',
    mdcalc: 'Steroid Conversion Calculator',
  },
  inputs: {
    inputSteroid: {
      type: 'drug-dose',
      label: 'Current steroid and dose',
      drugs: STEROIDS,
      aliases: STEROID_ALIASES,
      entityKeys: ['input steroid'],
      description: 'Drug name with route, e.g. ["MethylPrednisoLONE IV", 40, "mg"].',
    },
    targetSteroid: {
      type: 'enum',
      label: 'Steroid to convert to',
      options: STEROIDS,
      aliases: STEROID_ALIASES,
      entityKeys: ['target steroid'],
    },
  },
  options: {},
  compute(inputs) {
    const derivation = new Derivation();
    const { inputSteroid, targetSteroid } = inputs;
    if (inputSteroid === undefined || targetSteroid === undefined) {
      return derivation.notComputable([
        ...(inputSteroid === undefined ? ['inputSteroid'] : []),
        ...(targetSteroid === undefined ? ['targetSteroid'] : []),
      ]);
    }
    const { drug, doseMg } = inputSteroid;
    if (doseMg <= 0)
      derivation.warn('implausible-value', `input dose ${formatNumber(doseMg)} mg is not a dose`);
    const prednisoneMg = (doseMg / EQUIVALENT_MG[drug]) * EQUIVALENT_MG.prednisone;
    if (prednisoneMg > PULSE_PREDNISONE_MG) {
      derivation.warn(
        'implausible-value',
        `${formatNumber(doseMg)} mg ${drug} equals ${formatNumber(prednisoneMg)} mg prednisone, more than a 1 g ` +
          'methylprednisolone pulse: check the dose',
      );
    }
    const value = (doseMg / EQUIVALENT_MG[drug]) * EQUIVALENT_MG[targetSteroid];
    derivation.step(
      `${formatNumber(doseMg)} mg ${drug} / ${formatNumber(EQUIVALENT_MG[drug])} mg × ` +
        `${formatNumber(EQUIVALENT_MG[targetSteroid])} mg = ${formatNumber(value)} mg ${targetSteroid}`,
    );
    return derivation.number(value, 'mg');
  },
});
