/**
 * Quantity kinds: what each clinical quantity is measured in inside Steward (its canonical UCUM unit), the molar
 * mass or valence that links mass and amount of substance, and the range outside which a value is implausible
 * for a living patient (reported as a warning, never corrected).
 *
 * Molar masses (g/mol) are stated once here: creatinine 113.12, glucose 180.16, urea nitrogen 28.014 (N2 per
 * urea molecule, so 1 mmol/L urea = 2.8014 mg/dL BUN), bilirubin 584.66, calcium 40.078, cholesterol 386.65,
 * triglycerides 885.7 (as triolein), sodium 22.99, potassium 39.098, chloride 35.45, bicarbonate 61.017,
 * hemoglobin 16,114.5 (monomer).
 */

export interface QuantityKindSpec {
  /** Canonical UCUM code: every calculator receives values in this unit. */
  canonical: string;
  /** How the canonical unit is written for people. */
  display: string;
  molecularWeight?: number;
  charge?: number;
  /** Plausible range in the canonical unit: outside it, a warning names the value and the reason. */
  plausible: readonly [number, number];
  /** Unit codes that are commensurable but clinically wrong for this analyte (e.g. sodium in mg/dL). */
  suspiciousUnits?: readonly string[];
  /** Values that can exist at all, in the canonical unit (default: see `possibleRange`). Outside: rejected. */
  possible?: readonly [number, number];
}

export const QUANTITY_KINDS = {
  age: { canonical: 'a', display: 'years', plausible: [0, 120] },
  'body-weight': { canonical: 'kg', display: 'kg', plausible: [0.3, 400] },
  'body-height': { canonical: 'cm', display: 'cm', plausible: [30, 250] },
  'body-mass-index': { canonical: 'kg/m2', display: 'kg/m²', plausible: [8, 100] },
  temperature: { canonical: 'Cel', display: '°C', plausible: [25, 45] },
  'heart-rate': { canonical: '/min', display: 'beats/min', plausible: [10, 300] },
  'respiratory-rate': { canonical: '/min', display: 'breaths/min', plausible: [2, 80] },
  'blood-pressure': { canonical: 'mm[Hg]', display: 'mm Hg', plausible: [10, 300] },
  'partial-pressure': { canonical: 'mm[Hg]', display: 'mm Hg', plausible: [5, 800] },
  'qt-interval': { canonical: 'ms', display: 'msec', plausible: [150, 800] },
  'fraction-inspired-oxygen': { canonical: '%', display: '%', plausible: [21, 100] },
  'oxygen-saturation': { canonical: '%', display: '%', plausible: [30, 100] },
  hematocrit: { canonical: '%', display: '%', plausible: [5, 75] },
  creatinine: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 113.12, plausible: [0.1, 25] },
  'urine-creatinine': { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 113.12, plausible: [1, 1000] },
  glucose: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 180.16, plausible: [10, 3000] },
  'blood-urea-nitrogen': {
    canonical: 'mg/dL',
    display: 'mg/dL',
    molecularWeight: 28.014,
    plausible: [1, 300],
  },
  bilirubin: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 584.66, plausible: [0.05, 60] },
  calcium: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 40.078, charge: 2, plausible: [2, 20] },
  albumin: { canonical: 'g/dL', display: 'g/dL', plausible: [0.5, 6.5] },
  cholesterol: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 386.65, plausible: [5, 1500] },
  triglycerides: { canonical: 'mg/dL', display: 'mg/dL', molecularWeight: 885.7, plausible: [10, 10000] },
  sodium: {
    canonical: 'mmol/L',
    display: 'mmol/L',
    molecularWeight: 22.99,
    charge: 1,
    plausible: [95, 200],
    suspiciousUnits: ['mg/dL', 'g/dL', 'mg/L', 'g/L'],
  },
  'urine-sodium': {
    canonical: 'mmol/L',
    display: 'mmol/L',
    molecularWeight: 22.99,
    charge: 1,
    plausible: [1, 400],
  },
  potassium: {
    canonical: 'mmol/L',
    display: 'mmol/L',
    molecularWeight: 39.098,
    charge: 1,
    plausible: [1, 10],
    suspiciousUnits: ['mg/dL', 'g/dL', 'mg/L', 'g/L'],
  },
  chloride: {
    canonical: 'mmol/L',
    display: 'mmol/L',
    molecularWeight: 35.45,
    charge: 1,
    plausible: [50, 160],
    suspiciousUnits: ['mg/dL', 'g/dL', 'mg/L', 'g/L'],
  },
  bicarbonate: {
    canonical: 'mmol/L',
    display: 'mmol/L',
    molecularWeight: 61.017,
    charge: 1,
    plausible: [1, 60],
    suspiciousUnits: ['mg/dL', 'g/dL', 'mg/L', 'g/L'],
  },
  hemoglobin: { canonical: 'g/dL', display: 'g/dL', molecularWeight: 16114.5, plausible: [1.5, 25] },
  /** Insulin is in international units; its pmol/L conversion is a special case in convert.ts. */
  insulin: { canonical: 'u[IU]/mL', display: 'µIU/mL', plausible: [0.2, 2000] },
  'liver-enzyme': { canonical: 'U/L', display: 'U/L', plausible: [1, 30000] },
  'white-cell-count': { canonical: '10*9/L', display: '×10⁹/L', plausible: [0.05, 500] },
  'platelet-count': { canonical: '10*9/L', display: '×10⁹/L', plausible: [1, 2500] },
  'urine-output': { canonical: 'mL/d', display: 'mL/day', plausible: [0, 20000] },
  'vasopressor-dose': { canonical: 'ug/kg/min', display: 'µg/kg/min', plausible: [0, 100] },
  'drug-mass': { canonical: 'mg', display: 'mg', plausible: [0, 100000] },
  'doses-per-day': { canonical: '/d', display: 'per day', plausible: [0, 48] },
  /** Transdermal delivery rate (fentanyl patch strength). */
  'transdermal-rate': { canonical: 'ug/h', display: 'µg/h', plausible: [6, 400] },
} as const satisfies Record<string, QuantityKindSpec>;

export type QuantityKind = keyof typeof QUANTITY_KINDS;

export function getQuantityKind(kind: QuantityKind): QuantityKindSpec {
  return QUANTITY_KINDS[kind];
}

/**
 * The values a quantity can take at all (not only in a living patient): none of these amounts, sizes, counts,
 * rates or concentrations is negative, a percentage is at most 100, and a temperature is above absolute zero.
 * A value outside is rejected with this range, never computed with.
 */
export function possibleRange(kind: QuantityKind): readonly [number, number] {
  const spec: QuantityKindSpec = QUANTITY_KINDS[kind];
  if (spec.possible !== undefined) return spec.possible;
  if (spec.canonical === 'Cel') return [-273.15, Number.POSITIVE_INFINITY];
  if (spec.canonical === '%') return [0, 100];
  return [0, Number.POSITIVE_INFINITY];
}
