/**
 * The MedCalc-Bench calculator catalog: each benchmark calculator id mapped onto Steward's stable slug, with the
 * benchmark's display name, category and output type. Facts from ../shared/docs/calculators.json (v1.0 test split).
 * This module is data only; it has no dependencies so that dataset, answers and calculators can all use it.
 */

export type BenchmarkCategory = 'lab' | 'physical' | 'risk' | 'severity' | 'diagnosis' | 'date' | 'dosage';
/** `weeks-days` is the gestational-age tuple that v1.0 files label "integer". */
export type BenchmarkOutputType = 'decimal' | 'integer' | 'date' | 'weeks-days';

export interface CatalogEntry {
  /** Steward's stable calculator id. */
  slug: CalculatorSlug;
  /** MedCalc-Bench `Calculator ID`. */
  medcalcId: number;
  /** The v1.0 `Calculator Name`, typos included (they are how rows name the calculator). */
  name: string;
  category: BenchmarkCategory;
  outputType: BenchmarkOutputType;
  /** The answer's unit, as the benchmark question expects it. */
  unit: string;
  kind: 'equation-based' | 'rule-based';
}

export const CALCULATOR_SLUGS = [
  'creatinine-clearance-cockcroft-gault',
  'ckd-epi-2021',
  'cha2ds2-vasc',
  'mean-arterial-pressure',
  'body-mass-index',
  'calcium-correction',
  'wells-pe',
  'mdrd-gfr',
  'ideal-body-weight',
  'qtc-bazett',
  'estimated-due-date',
  'child-pugh',
  'wells-dvt',
  'revised-cardiac-risk-index',
  'heart-score',
  'fib-4',
  'centor-mcisaac',
  'glasgow-coma-scale',
  'maintenance-fluids',
  'meld-na',
  'steroid-conversion',
  'has-bled',
  'sodium-correction-hyperglycemia',
  'glasgow-blatchford',
  'apache-ii',
  'pneumonia-severity-index',
  'serum-osmolality',
  'homa-ir',
  'charlson-comorbidity-index',
  'feverpain',
  'caprini-2005',
  'free-water-deficit',
  'anion-gap',
  'fena',
  'sofa',
  'ldl-friedewald',
  'curb-65',
  'framingham-hard-chd',
  'perc',
  'morphine-milligram-equivalents',
  'sirs',
  'qtc-fridericia',
  'qtc-framingham',
  'qtc-hodges',
  'qtc-rautaharju',
  'body-surface-area',
  'target-weight',
  'adjusted-body-weight',
  'delta-gap',
  'delta-ratio',
  'albumin-corrected-anion-gap',
  'albumin-corrected-delta-gap',
  'albumin-corrected-delta-ratio',
  'estimated-conception-date',
  'estimated-gestational-age',
] as const;

export type CalculatorSlug = (typeof CALCULATOR_SLUGS)[number];

export const MEDCALC_CATALOG: readonly CatalogEntry[] = [
  {
    slug: 'creatinine-clearance-cockcroft-gault',
    medcalcId: 2,
    name: 'Creatinine Clearance (Cockcroft-Gault Equation)',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mL/min',
    kind: 'equation-based',
  },
  {
    slug: 'ckd-epi-2021',
    medcalcId: 3,
    name: 'CKD-EPI Equations for Glomerular Filtration Rate',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mL/min/1.73 m²',
    kind: 'equation-based',
  },
  {
    slug: 'cha2ds2-vasc',
    medcalcId: 4,
    name: 'CHA2DS2-VASc Score for Atrial Fibrillation Stroke Risk',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'mean-arterial-pressure',
    medcalcId: 5,
    name: 'Mean Arterial Pressure (MAP)',
    category: 'physical',
    outputType: 'decimal',
    unit: 'mm Hg',
    kind: 'equation-based',
  },
  {
    slug: 'body-mass-index',
    medcalcId: 6,
    name: 'Body Mass Index (BMI)',
    category: 'physical',
    outputType: 'decimal',
    unit: 'kg/m²',
    kind: 'equation-based',
  },
  {
    slug: 'calcium-correction',
    medcalcId: 7,
    name: 'Calcium Correction for Hypoalbuminemia',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mg/dL',
    kind: 'equation-based',
  },
  {
    slug: 'wells-pe',
    medcalcId: 8,
    name: "Wells' Criteria for Pulmonary Embolism",
    category: 'risk',
    outputType: 'decimal',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'mdrd-gfr',
    medcalcId: 9,
    name: 'MDRD GFR Equation',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mL/min/1.73 m²',
    kind: 'equation-based',
  },
  {
    slug: 'ideal-body-weight',
    medcalcId: 10,
    name: 'Ideal Body Weight',
    category: 'physical',
    outputType: 'decimal',
    unit: 'kg',
    kind: 'equation-based',
  },
  {
    slug: 'qtc-bazett',
    medcalcId: 11,
    name: 'QTc Bazett Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'msec',
    kind: 'equation-based',
  },
  {
    slug: 'estimated-due-date',
    medcalcId: 13,
    name: 'Estimated Due Date',
    category: 'date',
    outputType: 'date',
    unit: 'date MM/DD/YYYY',
    kind: 'equation-based',
  },
  {
    slug: 'child-pugh',
    medcalcId: 15,
    name: 'Child-Pugh Score for Cirrhosis Mortality',
    category: 'severity',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'wells-dvt',
    medcalcId: 16,
    name: "Wells' Criteria for DVT",
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'revised-cardiac-risk-index',
    medcalcId: 17,
    name: 'Revised Cardiac Risk Index for Pre-Operative Risk',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'heart-score',
    medcalcId: 18,
    name: 'HEART Score for Major Cardiac Events',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'fib-4',
    medcalcId: 19,
    name: 'Fibrosis-4 (FIB-4) Index for Liver Fibrosis',
    category: 'lab',
    outputType: 'decimal',
    unit: 'index',
    kind: 'equation-based',
  },
  {
    slug: 'centor-mcisaac',
    medcalcId: 20,
    name: 'Centor Score (Modified/McIsaac) for Strep Pharyngitis',
    category: 'severity',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'glasgow-coma-scale',
    medcalcId: 21,
    name: 'Glasgow Coma Score (GCS)',
    category: 'severity',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'maintenance-fluids',
    medcalcId: 22,
    name: 'Maintenance Fluids Calculations',
    category: 'physical',
    outputType: 'decimal',
    unit: 'mL/hr',
    kind: 'equation-based',
  },
  {
    slug: 'meld-na',
    medcalcId: 23,
    name: 'MELD Na (UNOS/OPTN)',
    category: 'lab',
    outputType: 'decimal',
    unit: 'points',
    kind: 'equation-based',
  },
  {
    slug: 'steroid-conversion',
    medcalcId: 24,
    name: 'Steroid Conversion Calculator',
    category: 'dosage',
    outputType: 'decimal',
    unit: 'mg',
    kind: 'equation-based',
  },
  {
    slug: 'has-bled',
    medcalcId: 25,
    name: 'HAS-BLED Score for Major Bleeding Risk',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'sodium-correction-hyperglycemia',
    medcalcId: 26,
    name: 'Sodium Correction for Hyperglycemia',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mEq/L',
    kind: 'equation-based',
  },
  {
    slug: 'glasgow-blatchford',
    medcalcId: 27,
    name: 'Glasgow-Blatchford Bleeding Score (GBS)',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'apache-ii',
    medcalcId: 28,
    name: 'APACHE II Score',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'pneumonia-severity-index',
    medcalcId: 29,
    name: 'PSI Score: Pneumonia Severity Index for CAP',
    category: 'severity',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'serum-osmolality',
    medcalcId: 30,
    name: 'Serum Osmolality',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mOsm/kg',
    kind: 'equation-based',
  },
  {
    slug: 'homa-ir',
    medcalcId: 31,
    name: 'HOMA-IR (Homeostatic Model Assessment for Insulin Resistance)',
    category: 'lab',
    outputType: 'decimal',
    unit: 'index',
    kind: 'equation-based',
  },
  {
    slug: 'charlson-comorbidity-index',
    medcalcId: 32,
    name: 'Charlson Comorbidity Index (CCI)',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'feverpain',
    medcalcId: 33,
    name: 'FeverPAIN Score for Strep Pharyngitis',
    category: 'diagnosis',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'caprini-2005',
    medcalcId: 36,
    name: 'Caprini Score for Venous Thromboembolism (2005)',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'free-water-deficit',
    medcalcId: 38,
    name: 'Free Water Deficit',
    category: 'lab',
    outputType: 'decimal',
    unit: 'L',
    kind: 'equation-based',
  },
  {
    slug: 'anion-gap',
    medcalcId: 39,
    name: 'Anion Gap',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mEq/L',
    kind: 'equation-based',
  },
  {
    slug: 'fena',
    medcalcId: 40,
    name: 'Fractional Excretion of Sodium (FENa)',
    category: 'lab',
    outputType: 'decimal',
    unit: '%',
    kind: 'equation-based',
  },
  {
    slug: 'sofa',
    medcalcId: 43,
    name: 'Sequential Organ Failure Assessment (SOFA) Score',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'ldl-friedewald',
    medcalcId: 44,
    name: 'LDL Calculated',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mg/dL',
    kind: 'equation-based',
  },
  {
    slug: 'curb-65',
    medcalcId: 45,
    name: 'CURB-65 Score for Pneumonia Severity',
    category: 'risk',
    outputType: 'integer',
    unit: 'points',
    kind: 'rule-based',
  },
  {
    slug: 'framingham-hard-chd',
    medcalcId: 46,
    name: 'Framingham Risk Score for Hard Coronary Heart Disease',
    category: 'lab',
    outputType: 'decimal',
    unit: '% (10-year risk)',
    kind: 'equation-based',
  },
  {
    slug: 'perc',
    medcalcId: 48,
    name: 'PERC Rule for Pulmonary Embolism',
    category: 'diagnosis',
    outputType: 'integer',
    unit: 'criteria count',
    kind: 'rule-based',
  },
  {
    slug: 'morphine-milligram-equivalents',
    medcalcId: 49,
    name: 'Morphine Milligram Equivalents (MME) Calculator',
    category: 'dosage',
    outputType: 'decimal',
    unit: 'MME/day',
    kind: 'equation-based',
  },
  {
    slug: 'sirs',
    medcalcId: 51,
    name: 'SIRS Criteria',
    category: 'diagnosis',
    outputType: 'integer',
    unit: 'criteria count',
    kind: 'rule-based',
  },
  {
    slug: 'qtc-fridericia',
    medcalcId: 56,
    name: 'QTc Fridericia Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'msec',
    kind: 'equation-based',
  },
  {
    slug: 'qtc-framingham',
    medcalcId: 57,
    name: 'QTc Framingham Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'msec',
    kind: 'equation-based',
  },
  {
    slug: 'qtc-hodges',
    medcalcId: 58,
    name: 'QTc Hodges Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'msec',
    kind: 'equation-based',
  },
  {
    slug: 'qtc-rautaharju',
    medcalcId: 59,
    name: 'QTc Rautaharju Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'msec',
    kind: 'equation-based',
  },
  {
    slug: 'body-surface-area',
    medcalcId: 60,
    name: 'Body Surface Area Calculator',
    category: 'physical',
    outputType: 'decimal',
    unit: 'm²',
    kind: 'equation-based',
  },
  {
    slug: 'target-weight',
    medcalcId: 61,
    name: 'Target weight',
    category: 'physical',
    outputType: 'decimal',
    unit: 'kg',
    kind: 'equation-based',
  },
  {
    slug: 'adjusted-body-weight',
    medcalcId: 62,
    name: 'Adjusted Body Weight',
    category: 'physical',
    outputType: 'decimal',
    unit: 'kg',
    kind: 'equation-based',
  },
  {
    slug: 'delta-gap',
    medcalcId: 63,
    name: 'Delta Gap',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mEq/L',
    kind: 'equation-based',
  },
  {
    slug: 'delta-ratio',
    medcalcId: 64,
    name: 'Delta Ratio',
    category: 'lab',
    outputType: 'decimal',
    unit: 'ratio',
    kind: 'equation-based',
  },
  {
    slug: 'albumin-corrected-anion-gap',
    medcalcId: 65,
    name: 'Albumin Corrected Anion Gap',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mEq/L',
    kind: 'equation-based',
  },
  {
    slug: 'albumin-corrected-delta-gap',
    medcalcId: 66,
    name: 'Albumin Corrected Delta Gap',
    category: 'lab',
    outputType: 'decimal',
    unit: 'mEq/L',
    kind: 'equation-based',
  },
  {
    slug: 'albumin-corrected-delta-ratio',
    medcalcId: 67,
    name: 'Albumin Corrected Delta Ratio',
    category: 'lab',
    outputType: 'decimal',
    unit: 'ratio',
    kind: 'equation-based',
  },
  {
    slug: 'estimated-conception-date',
    medcalcId: 68,
    name: 'Estimated of Conception',
    category: 'date',
    outputType: 'date',
    unit: 'date MM/DD/YYYY',
    kind: 'equation-based',
  },
  {
    slug: 'estimated-gestational-age',
    medcalcId: 69,
    name: 'Estimated Gestational Age',
    category: 'date',
    outputType: 'weeks-days',
    unit: '(weeks, days)',
    kind: 'equation-based',
  },
];

const bySlug = new Map(MEDCALC_CATALOG.map((entry) => [entry.slug, entry]));
const byMedcalcId = new Map(MEDCALC_CATALOG.map((entry) => [entry.medcalcId, entry]));
const byName = new Map(MEDCALC_CATALOG.map((entry) => [normaliseName(entry.name), entry]));

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\s+/g, ' ');
}

export function findCatalogEntryBySlug(slug: string): CatalogEntry | undefined {
  return bySlug.get(slug as CalculatorSlug);
}

export function findCatalogEntryByMedcalcId(id: number): CatalogEntry | undefined {
  return byMedcalcId.get(id);
}

/**
 * Short names clinicians type for a calculator (lower-case, spaces as hyphens). Names shared by several
 * calculators are left out: the lookup names the candidates instead (`CALCULATOR_SHARED_NAMES`, or a part of
 * several slugs such as "qtc" and "wells").
 */
export const CALCULATOR_ALIASES: Readonly<Record<string, CalculatorSlug>> = {
  bmi: 'body-mass-index',
  bsa: 'body-surface-area',
  gcs: 'glasgow-coma-scale',
  map: 'mean-arterial-pressure',
  meld: 'meld-na',
  'meld-sodium': 'meld-na',
  crcl: 'creatinine-clearance-cockcroft-gault',
  'cockcroft-gault': 'creatinine-clearance-cockcroft-gault',
  cha2ds2vasc: 'cha2ds2-vasc',
  'chads-vasc': 'cha2ds2-vasc',
  hasbled: 'has-bled',
  curb65: 'curb-65',
  psi: 'pneumonia-severity-index',
  port: 'pneumonia-severity-index',
  apache: 'apache-ii',
  apache2: 'apache-ii',
  cci: 'charlson-comorbidity-index',
  charlson: 'charlson-comorbidity-index',
  fib4: 'fib-4',
  homa: 'homa-ir',
  ldl: 'ldl-friedewald',
  mme: 'morphine-milligram-equivalents',
  gbs: 'glasgow-blatchford',
  rcri: 'revised-cardiac-risk-index',
  ibw: 'ideal-body-weight',
  abw: 'adjusted-body-weight',
  'anion-gap': 'anion-gap',
  ag: 'anion-gap',
  osm: 'serum-osmolality',
  osmolality: 'serum-osmolality',
  fwd: 'free-water-deficit',
  edd: 'estimated-due-date',
  'due-date': 'estimated-due-date',
  'child-pugh-score': 'child-pugh',
  centor: 'centor-mcisaac',
  mcisaac: 'centor-mcisaac',
  caprini: 'caprini-2005',
  'fe-na': 'fena',
  'wells-dvt-score': 'wells-dvt',
  'wells-pe-score': 'wells-pe',
  'corrected-calcium': 'calcium-correction',
  'corrected-sodium': 'sodium-correction-hyperglycemia',
};

/**
 * Short names that several calculators answer to and that no slug part gives away: "egfr" is estimated by CKD-EPI
 * and by MDRD, and "gfr" would otherwise pick MDRD alone (the one slug containing it). The lookup lists these
 * instead of choosing.
 */
export const CALCULATOR_SHARED_NAMES: Readonly<Record<string, readonly CalculatorSlug[]>> = {
  egfr: ['ckd-epi-2021', 'mdrd-gfr'],
  gfr: ['ckd-epi-2021', 'mdrd-gfr'],
};

/** A lookup key as slugs and aliases spell it: trimmed, lower-case, spaces and underscores as hyphens. */
function normaliseKey(key: string): string {
  return key
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/**
 * Edit distance between two short strings where swapping two neighbouring characters is one edit, like an insertion,
 * a deletion or a substitution ("gsc" is one edit from "gcs"): the optimal string alignment distance.
 */
export function editDistance(left: string, right: string): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      let best = Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution);
      const swapped =
        row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1];
      if (swapped) best = Math.min(best, (beforePrevious[column - 2] ?? 0) + 1);
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** Up to three slugs (or aliases' slugs) close to a key that names no calculator, closest first. */
export function suggestCalculators(key: string): CalculatorSlug[] {
  const needle = normaliseKey(key);
  if (needle === '') return [];
  const names: [string, CalculatorSlug][] = [
    ...MEDCALC_CATALOG.map((entry): [string, CalculatorSlug] => [entry.slug, entry.slug]),
    ...Object.entries(CALCULATOR_ALIASES),
  ];
  const scored = names
    .map(([name, slug]) => {
      // A misspelt start of a long slug ("glasgw") is close to the slug's prefix of the same length.
      const prefix = name.slice(0, needle.length + 1);
      const whole = editDistance(needle, name) / Math.max(needle.length, name.length);
      const start =
        needle.length >= 4 ? editDistance(needle, prefix) / Math.max(needle.length, prefix.length) : 1;
      return { slug, distance: Math.min(whole, start) };
    })
    .filter((candidate) => candidate.distance <= 0.4)
    .sort((left, right) => left.distance - right.distance);
  return [...new Set(scored.map((candidate) => candidate.slug))].slice(0, 3);
}

/**
 * Looks a calculator up by slug (spaces and underscores read as hyphens), benchmark id (as text), display name
 * (case-insensitive) or short name; failing those, by a part of a slug that names exactly one calculator
 * ("cockcroft-gault", "caprini"). A shared short name ("egfr") names none.
 */
export function findCatalogEntry(key: string): CatalogEntry | undefined {
  const trimmed = key.trim();
  if (/^\d+$/.test(trimmed)) return byMedcalcId.get(Number(trimmed));
  const normalised = normaliseKey(trimmed);
  const alias = CALCULATOR_ALIASES[normalised];
  const exact =
    bySlug.get(normalised as CalculatorSlug) ??
    byName.get(normaliseName(trimmed)) ??
    (alias === undefined ? undefined : bySlug.get(alias));
  if (exact !== undefined || trimmed.length < 3) return exact;
  const partial = findCatalogEntriesBySlugPart(trimmed);
  return partial.length === 1 ? partial[0] : undefined;
}

/**
 * The calculators a shared short name stands for ("egfr": CKD-EPI and MDRD), else those whose slug contains the
 * text (lower-cased, spaces and underscores read as hyphens).
 */
export function findCatalogEntriesBySlugPart(text: string): CatalogEntry[] {
  const needle = normaliseKey(text);
  const shared = CALCULATOR_SHARED_NAMES[needle];
  if (shared !== undefined) return MEDCALC_CATALOG.filter((entry) => shared.includes(entry.slug));
  return MEDCALC_CATALOG.filter((entry) => entry.slug.includes(needle));
}
