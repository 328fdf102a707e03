import { formatNumber, toUcumCode } from '../units/index.js';
import type { Calculator } from './define.js';
import { Derivation } from './derivation.js';
import { defineCalculator } from './define.js';
import type { CalculatorWarning } from './warnings.js';

const OPIOIDS = [
  'codeine',
  'fentanylBuccal',
  'fentanylPatch',
  'hydrocodone',
  'hydromorphone',
  'methadone',
  'morphine',
  'oxycodone',
  'oxymorphone',
  'tapentadol',
  'tramadol',
] as const;
type Opioid = (typeof OPIOIDS)[number];
type FactorTable = 'cdc-2022' | 'cdc-2016';

const DISPLAY: Record<Opioid, string> = {
  codeine: 'Codeine',
  fentanylBuccal: 'Fentanyl buccal/sublingual',
  fentanylPatch: 'Fentanyl patch',
  hydrocodone: 'Hydrocodone',
  hydromorphone: 'Hydromorphone',
  methadone: 'Methadone',
  morphine: 'Morphine',
  oxycodone: 'Oxycodone',
  oxymorphone: 'Oxymorphone',
  tapentadol: 'Tapentadol',
  tramadol: 'Tramadol',
};

/** MME per mg (per µg for buccal fentanyl, per µg/h for the patch); methadone under cdc-2016 is tiered below. */
const FACTORS: Record<FactorTable, Record<Opioid, number>> = {
  'cdc-2022': {
    codeine: 0.15,
    fentanylBuccal: 0.13,
    fentanylPatch: 2.4,
    hydrocodone: 1,
    hydromorphone: 5,
    methadone: 4.7,
    morphine: 1,
    oxycodone: 1.5,
    oxymorphone: 3,
    tapentadol: 0.4,
    tramadol: 0.2,
  },
  'cdc-2016': {
    codeine: 0.15,
    fentanylBuccal: 0.13,
    fentanylPatch: 2.4,
    hydrocodone: 1,
    hydromorphone: 4,
    methadone: Number.NaN,
    morphine: 1,
    oxycodone: 1.5,
    oxymorphone: 3,
    tapentadol: 0.4,
    tramadol: 0.1,
  },
};

/** CDC 2016 methadone tiers by total daily dose (mg/day): up to 20 → 4, 21–40 → 8, 41–60 → 10, above 60 → 12. */
const METHADONE_TIERS_2016: readonly (readonly [upToMgPerDay: number, factor: number])[] = [
  [20, 4],
  [40, 8],
  [60, 10],
];
const METHADONE_TOP_FACTOR_2016 = 12;
const METHADONE_TABLE_END_2016 = 80;

/** Buccal and sublingual fentanyl products come as 100–800 µg tablets and 200–1200 µg films. */
const BUCCAL_MICROGRAMS: readonly [number, number] = [100, 1200];

function doseInput(drug: string, entityNames: readonly string[]) {
  return {
    type: 'quantity',
    quantity: 'drug-mass',
    label: `${drug} dose`,
    entityKeys: entityNames.map((name) => `${name} Dose`),
  } as const;
}

function perDayInput(drug: string, entityNames: readonly string[]) {
  return {
    type: 'quantity',
    quantity: 'doses-per-day',
    label: `${drug} doses per day`,
    entityKeys: entityNames.map((name) => `${name} Dose Per Day`),
  } as const;
}

const PATCH_NAMES = ['FentANYL patch', 'FentaNYL patch', 'Fentanyl patch'];
const BUCCAL_NAMES = ['FentaNYL buccal', 'FentANYL buccal', 'Fentanyl buccal'];

const definition = defineCalculator({
  id: 'morphine-milligram-equivalents',
  version: '1.0.1',
  name: 'Morphine Milligram Equivalents (MME) Calculator',
  medcalcId: 49,
  category: 'dosage',
  outputType: 'decimal',
  unit: 'MME/day',
  summary:
    'Daily MME = Σ dose × doses/day × factor over up to 11 opioids (mg; buccal fentanyl µg; patch µg/h).',
  reference: {
    primary:
      'Dowell D et al. CDC Clinical Practice Guideline for Prescribing Opioids for Pain — United States, 2022. ' +
      'MMWR Recomm Rep 2022;71(RR-3):1-95.',
    mdcalc: 'Morphine Milligram Equivalents (MME) Calculator',
    others: [
      'Dowell D, Haegerich TM, Chou R. CDC Guideline for Prescribing Opioids for Chronic Pain — United States, 2016. ' +
        'MMWR Recomm Rep 2016;65(RR-1):1-49, with the CDC "Calculating total daily dose of opioids" conversion table.',
      'CMS Opioid Oral Morphine Milligram Equivalent conversion factors (buccal/sublingual fentanyl 0.13 per µg).',
    ],
  },
  inputs: {
    codeineDose: doseInput('Codeine', ['Codeine']),
    codeineDosesPerDay: perDayInput('Codeine', ['Codeine']),
    fentanylBuccalDose: doseInput('Fentanyl buccal/sublingual', BUCCAL_NAMES),
    fentanylBuccalDosesPerDay: perDayInput('Fentanyl buccal/sublingual', BUCCAL_NAMES),
    fentanylPatchDose: {
      type: 'quantity',
      quantity: 'transdermal-rate',
      label: 'Fentanyl patch strength',
      entityKeys: PATCH_NAMES.map((name) => `${name} Dose`),
      description:
        'µg/h. A patch written with a mass unit (the benchmark writes "mg") is read as µg/h, with a warning.',
    },
    fentanylPatchDosesPerDay: perDayInput('Fentanyl patch', PATCH_NAMES),
    hydrocodoneDose: doseInput('Hydrocodone', ['HYDROcodone']),
    hydrocodoneDosesPerDay: perDayInput('Hydrocodone', ['HYDROcodone']),
    hydromorphoneDose: doseInput('Hydromorphone', ['HYDROmorphone']),
    hydromorphoneDosesPerDay: perDayInput('Hydromorphone', ['HYDROmorphone']),
    methadoneDose: doseInput('Methadone', ['Methadone']),
    methadoneDosesPerDay: perDayInput('Methadone', ['Methadone']),
    morphineDose: doseInput('Morphine', ['Morphine']),
    morphineDosesPerDay: perDayInput('Morphine', ['Morphine']),
    oxycodoneDose: doseInput('Oxycodone', ['OxyCODONE']),
    oxycodoneDosesPerDay: perDayInput('Oxycodone', ['OxyCODONE']),
    oxymorphoneDose: doseInput('Oxymorphone', ['OxyMORphone']),
    oxymorphoneDosesPerDay: perDayInput('Oxymorphone', ['OxyMORphone']),
    tapentadolDose: doseInput('Tapentadol', ['Tapentadol']),
    tapentadolDosesPerDay: perDayInput('Tapentadol', ['Tapentadol']),
    tramadolDose: doseInput('Tramadol', ['TraMADol']),
    tramadolDosesPerDay: perDayInput('Tramadol', ['TraMADol']),
  },
  options: {
    factors: {
      values: ['cdc-2022', 'cdc-2016'],
      sources: {
        'cdc-2016':
          'Dowell D, Haegerich TM, Chou R. CDC Guideline for Prescribing Opioids for Chronic Pain — United States, 2016. ' +
          'MMWR Recomm Rep 2016;65(RR-1):1-49, with the CDC "Calculating total daily dose of opioids" conversion table.',
      },
      default: 'cdc-2022',
      description:
        "Conversion factors. 'cdc-2022' (default; Dowell 2022 MMWR and the current MDCalc): hydromorphone 5, " +
        "methadone 4.7, tramadol 0.2. 'cdc-2016' (Dowell 2016 MMWR and the CDC 2016 conversion table): hydromorphone " +
        '4, methadone tiered by total daily dose (≤20 mg 4, 21–40 mg 8, 41–60 mg 10, 61–80 mg 12), tramadol 0.1. ' +
        'Both: codeine 0.15, hydrocodone 1, morphine 1, oxycodone 1.5, oxymorphone 3, tapentadol 0.4, fentanyl ' +
        'patch 2.4 per µg/h, buccal/sublingual fentanyl 0.13 per µg (CMS table, as MDCalc).',
    },
  },
  compute(inputs, options) {
    const derivation = new Derivation();
    const missing: string[] = [];
    const regimens: { opioid: Opioid; dose: number; perDay: number }[] = [];
    for (const opioid of OPIOIDS) {
      const dose = inputs[`${opioid}Dose`];
      const perDay = inputs[`${opioid}DosesPerDay`];
      if (dose === undefined && perDay === undefined) continue;
      if (dose === undefined) missing.push(`${opioid}Dose`);
      else if (perDay === undefined) missing.push(`${opioid}DosesPerDay`);
      else regimens.push({ opioid, dose, perDay });
    }
    if (missing.length > 0) return derivation.notComputable(missing);
    if (regimens.length === 0) return derivation.notComputable([], 'no opioid dose given');
    const table: FactorTable = options.factors === 'cdc-2016' ? 'cdc-2016' : 'cdc-2022';
    let total = 0;
    for (const { opioid, dose, perDay } of regimens) {
      total += addDailyMme({ opioid, dose, perDay }, table, derivation);
    }
    derivation.step(`Total = ${formatNumber(total)} MME/day`);
    return derivation.number(total, 'MME/day');
  },
});

/** Adds one opioid's line to the derivation and returns its MME/day. */
function addDailyMme(
  regimen: { opioid: Opioid; dose: number; perDay: number },
  table: FactorTable,
  derivation: Derivation,
): number {
  const { opioid, dose, perDay } = regimen;
  const name = DISPLAY[opioid];
  if (opioid === 'fentanylPatch') {
    if (perDay !== 1) {
      derivation.warn(
        'input-read-one-way',
        `${name}: ${formatNumber(perDay)} per day read as ${formatNumber(perDay)} patches worn at once (a patch ` +
          'delivers its labelled µg/h continuously)',
      );
    }
    const mme = dose * perDay * FACTORS[table].fentanylPatch;
    derivation.step(
      `${name}: ${formatNumber(dose)} µg/h × ${formatNumber(perDay)} × 2.4 = ${formatNumber(mme)} MME/day`,
    );
    return mme;
  }
  if (opioid === 'fentanylBuccal') {
    // mg back to µg; drop the binary noise of the µg → mg → µg round trip (100 µg must stay 100, not 99.99…)
    const micrograms = Number((dose * 1000).toPrecision(12));
    if (micrograms < BUCCAL_MICROGRAMS[0] || micrograms > BUCCAL_MICROGRAMS[1]) {
      derivation.warn(
        'implausible-value',
        `${name} ${formatNumber(micrograms)} µg per dose is outside the 100–1200 µg of marketed products; used as written`,
      );
    }
    const mme = micrograms * perDay * FACTORS[table].fentanylBuccal;
    derivation.step(
      `${name}: ${formatNumber(micrograms)} µg × ${formatNumber(perDay)} × 0.13 = ${formatNumber(mme)} MME/day`,
    );
    return mme;
  }
  let factor = FACTORS[table][opioid];
  if (opioid === 'methadone' && table === 'cdc-2016') {
    const daily = dose * perDay;
    factor = METHADONE_TIERS_2016.find(([upTo]) => daily <= upTo)?.[1] ?? METHADONE_TOP_FACTOR_2016;
    if (daily > METHADONE_TABLE_END_2016) {
      derivation.warn(
        'formula-does-not-apply',
        `methadone ${formatNumber(daily)} mg/day is beyond the 80 mg/day end of the CDC 2016 table; factor 12 used`,
      );
    }
    derivation.step(`Methadone ${formatNumber(daily)} mg/day: CDC 2016 tier factor ${factor}`);
  }
  const mme = dose * perDay * factor;
  derivation.step(
    `${name}: ${formatNumber(dose)} mg × ${formatNumber(perDay)} × ${formatNumber(factor)} = ${formatNumber(mme)} MME/day`,
  );
  return mme;
}

const MASS_UNIT_CODES: ReadonlySet<string> = new Set(['g', 'mg', 'ug']);

/**
 * A fentanyl patch is labelled in µg/h, but MedCalc-Bench writes patch doses as [n, 'mg']. The framework would
 * reject a mass for a rate, so the number is read as written, as µg/h, with a warning (never rescaled by 1000).
 */
function readPatchMassAsRate(
  source: Readonly<Record<string, unknown>>,
  keys: readonly string[],
): { source: Record<string, unknown>; warnings: CalculatorWarning[] } {
  const rewritten: Record<string, unknown> = { ...source };
  const warnings: CalculatorWarning[] = [];
  for (const key of keys) {
    const value = source[key];
    // [number, unit] (entities, clean) or {value, unit} (clean)
    const pair: readonly unknown[] | undefined = Array.isArray(value)
      ? value
      : typeof value === 'object' && value !== null
        ? [(value as Record<string, unknown>)['value'], (value as Record<string, unknown>)['unit']]
        : undefined;
    if (pair === undefined || pair.length !== 2 || typeof pair[1] !== 'string') continue;
    const code = toUcumCode(pair[1]);
    if (code === undefined || !MASS_UNIT_CODES.has(code)) continue;
    rewritten[key] = [pair[0], 'ug/h'];
    warnings.push({
      code: 'input-read-one-way',
      text:
        `"${key}" written as ${String(pair[0])} ${pair[1]}, a mass; a fentanyl patch is labelled in µg/h, so it is ` +
        `read as ${String(pair[0])} µg/h (not rescaled)`,
    });
  }
  return { source: rewritten, warnings };
}

/**
 * Daily oral morphine milligram equivalents: the sum over opioids of dose × doses per day × conversion factor.
 * Factors (cdc-2022, the default): codeine 0.15, hydrocodone 1, hydromorphone 5, methadone 4.7, morphine 1,
 * oxycodone 1.5, oxymorphone 3, tapentadol 0.4, tramadol 0.2 (per mg); fentanyl patch 2.4 per µg/h; buccal or
 * sublingual fentanyl 0.13 per µg. Option `factors` = 'cdc-2016' uses the older table (hydromorphone 4, methadone
 * tiered by daily dose, tramadol 0.1). MME estimates opioid exposure for risk; it is not a conversion ratio for
 * switching opioids.
 *
 * Sources: Dowell D et al. MMWR Recomm Rep 2022;71(RR-3):1-95 (CDC 2022); Dowell D, Haegerich TM, Chou R. MMWR
 * Recomm Rep 2016;65(RR-1):1-49 (CDC 2016); CMS MME conversion factors (buccal fentanyl). MDCalc: "Morphine
 * Milligram Equivalents (MME) Calculator".
 * Inputs: each opioid as a dose (mg; buccal fentanyl in µg or mg; patch in µg/h) plus doses per day (0–48); a dose
 * without its doses per day, or the reverse, is not computable. At least one opioid is required.
 */
export const calculator: Calculator = {
  ...definition,
  run(source, runOptions) {
    const keys =
      runOptions.origin === 'clean'
        ? ['fentanylPatchDose']
        : (definition.inputs['fentanylPatchDose']?.entityKeys ?? []);
    const read = readPatchMassAsRate(source, keys);
    const result = definition.run(read.source, runOptions);
    return { ...result, warnings: [...read.warnings, ...result.warnings] };
  },
};
