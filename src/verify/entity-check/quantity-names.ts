import type { QuantityKind } from '../../units/index.js';
import { compileTerm, type NamePattern } from './note-text.js';

/**
 * What notes call each measured quantity (see `compileTerm` for the term syntax: lower case = any case at word
 * boundaries, `*` = stem, capitals = case-sensitive abbreviation). Keys that share a quantity kind but name
 * different analytes (ALT/AST, total/HDL cholesterol, the vasopressors) have their own entry by entity key.
 */
const KIND_NAMES: Partial<Record<QuantityKind, readonly string[]>> = {
  age: ['age', 'aged', 'years old', 'year old'],
  'body-weight': ['weight', 'weigh*', 'wt', 'Wt', 'body mass', 'BW'],
  'body-height': ['height', 'tall', 'Ht', 'ht', 'stature', 'length'],
  'body-mass-index': ['BMI', 'body mass index', 'body-mass index'],
  temperature: [
    'temperature',
    'temp',
    'Temp',
    'T',
    'Tmax',
    'febrile',
    'afebrile',
    'fever*',
    'pyrex*',
    'hypotherm*',
  ],
  'heart-rate': ['heart rate', 'HR', 'pulse', 'PR', 'P', 'tachycardi*', 'bradycardi*', 'heartbeat', 'beats'],
  'respiratory-rate': [
    'respiratory rate',
    'respiration*',
    'RR',
    'R',
    'breaths',
    'breathing',
    'tachypn*',
    'respiratory',
  ],
  'qt-interval': ['QT', 'QTc', 'QT interval'],
  'fraction-inspired-oxygen': [
    'FiO2',
    'FIO2',
    'FiO₂',
    'fraction of inspired oxygen',
    'inspired oxygen',
    'oxygen',
    'O2',
    'O₂',
  ],
  'oxygen-saturation': [
    'satur*',
    'sat',
    'sats',
    'oximetry',
    'pulse ox',
    'pulse-ox',
    'SpO2',
    'SaO2',
    'SpO₂',
    'SaO₂',
    'O2 sat',
    'oxygen',
  ],
  hematocrit: ['hematocrit', 'haematocrit', 'Hct', 'HCT', 'PCV', 'Ht'],
  creatinine: ['creatinin*', 'creat', 'Cr', 'SCr', 'sCr', 'Creat', 'CRE', 'Cre'],
  'urine-creatinine': ['creatinine', 'UCr', 'Cr'],
  glucose: [
    'glucose',
    'hyperglyc*',
    'hypoglyc*',
    'sugar',
    'glyc*',
    'BG',
    'BS',
    'Glu',
    'GLU',
    'glc',
    'FBG',
    'FPG',
    'FBS',
  ],
  'blood-urea-nitrogen': ['BUN', 'urea', 'blood urea nitrogen', 'urea nitrogen', 'Ur'],
  bilirubin: ['bilirubin*', 'hyperbilirubin*', 'bili', 'TBil', 'TBIL', 'T-bil', 'T.bil', 'TB'],
  calcium: ['calcium', 'hypercalc*', 'hypocalc*', 'Ca', 'Ca2+', 'Ca++'],
  albumin: ['albumin', 'hypoalbumin*', 'Alb', 'ALB'],
  cholesterol: ['cholesterol', 'TC'],
  triglycerides: ['triglyceride*', 'hypertriglycerid*', 'TG', 'TGs', 'TAG'],
  sodium: ['sodium', 'hyponatr*', 'hypernatr*', 'Na', 'Na+'],
  'urine-sodium': ['sodium', 'UNa', 'Na'],
  potassium: ['potassium', 'hypokal*', 'hyperkal*', 'K', 'K+'],
  chloride: ['chloride', 'chlorine', 'hypochlor*', 'hyperchlor*', 'CI-', 'CI', 'Cl', 'Cl-'],
  bicarbonate: [
    'bicarbonate',
    'bicarb',
    'HCO3',
    'HCO₃',
    'HCO3-',
    'CO2',
    'tCO2',
    'TCO2',
    'total CO2',
    'CO₂',
    'carbon dioxide',
  ],
  hemoglobin: ['hemoglobin', 'haemoglobin', 'Hb', 'Hgb', 'HGB', 'Hb/Hct'],
  insulin: ['insulin'],
  'white-cell-count': [
    'white blood cell*',
    'white cell*',
    'WBC',
    'WBCs',
    'leukocyt*',
    'leucocyt*',
    'white count',
    'white blood count',
    'TLC',
    'WCC',
  ],
  'platelet-count': ['platelet*', 'PLT', 'Plt', 'PLTs', 'thrombocyt*'],
  'urine-output': ['urine output', 'urine', 'UOP', 'diuresis', 'urinary output', 'output'],
  'partial-pressure': [
    'PaO2',
    'PaO₂',
    'pO2',
    'PO2',
    'pO₂',
    'partial pressure',
    'oxygen tension',
    'arterial oxygen',
  ],
  'blood-pressure': ['blood pressure', 'BP', 'B.P.'],
};

const KEY_NAMES: Readonly<Record<string, readonly string[]>> = {
  'Systolic Blood Pressure': ['systolic', 'SBP'],
  'Diastolic Blood Pressure': ['diastolic', 'DBP'],
  'Alanine aminotransferase': [
    'alanine aminotransferase',
    'alanine transaminase',
    'ALT',
    'SGPT',
    'GPT',
    'ALAT',
  ],
  'Aspartate aminotransferase': [
    'aspartate aminotransferase',
    'aspartate transaminase',
    'AST',
    'SGOT',
    'GOT',
    'ASAT',
  ],
  'Total cholesterol': ['total cholesterol', 'cholesterol', 'TC', 'T-Chol'],
  'high-density lipoprotein cholesterol': [
    'high-density lipoprotein',
    'high density lipoprotein',
    'HDL',
    'HDL-C',
  ],
  'PaCO₂': ['PaCO2', 'PaCO₂', 'pCO2', 'PCO2', 'pCO₂', 'carbon dioxide'],
  norEPINEPHrine: ['norepinephrine', 'noradrenaline', 'levophed'],
  EPINEPHrine: ['epinephrine', 'adrenaline'],
  DOPamine: ['dopamine'],
  DOBUTamine: ['dobutamine'],
  'Urine creatinine': ['urine creatinine', 'urinary creatinine', 'UCr', 'creatinine'],
  'Urine sodium': ['urine sodium', 'urinary sodium', 'UNa', 'sodium'],
  'international normalized ratio': [
    'INR',
    'international normalized ratio',
    'international normalised ratio',
    'PT-INR',
  ],
  pH: ['pH'],
  'Glasgow Coma Score': ['GCS', 'Glasgow', 'coma scale', 'coma score'],
  'A-a gradient': ['A-a', 'A–a', 'gradient', 'alveolar-arterial', 'alveolar–arterial'],
  'cycle length': ['cycle', 'cycles', 'menstrual'],
  'Number of Alcoholic Drinks Per Week': [
    'drink*',
    'alcohol*',
    'beer*',
    'wine*',
    'liquor',
    'spirits',
    'EtOH',
    'ethanol',
  ],
  'Body Mass Index (BMI)': ['BMI', 'body mass index', 'body-mass index'],
  'FentANYL patch Dose': ['fentanyl', 'patch'],
  'FentaNYL patch Dose': ['fentanyl', 'patch'],
  'FentaNYL buccal Dose': ['fentanyl', 'buccal'],
};

/** Kinds whose canonical value a distinctive unit already names ("110 bpm" is a heart rate). */
const DISTINCTIVE_UNITS: Partial<Record<QuantityKind, RegExp>> = {
  'heart-rate': /^\s*(?:bpm|beats)/i,
  'respiratory-rate': /^\s*(?:breaths|bpm|respirations)/i,
  temperature: /^\s*(?:°|º|˚|degrees? ?[CF]|[CF]\b)/i,
  'body-weight': /^\s*(?:kg|kilograms?|lbs?|pounds)\b/i,
  'body-mass-index': /^\s*kg\/m/i,
  'qt-interval': /^\s*(?:ms|msec|milliseconds)\b/i,
  'vasopressor-dose': /^\s*(?:mcg|µg|μg|ug)\/kg\/min/i,
};

const compiled = new Map<string, NamePattern[]>();

/** Names from the key itself: "Heart Rate or Pulse" -> "heart rate", "pulse"; "(BUN)" -> "BUN". */
function deriveKeyNames(key: string): string[] {
  const names: string[] = [];
  for (const inner of key.matchAll(/\(([^)]+)\)/g)) names.push(inner[1] ?? '');
  const plain = key
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\bfor Apache II\b|\bDose Per Day\b|\bDose\b|\bPre-operative\b|\bpercentage\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (const part of plain.split(/\s+or\s+/i)) {
    const name = part.trim().toLowerCase();
    if (name.length >= 3) names.push(name);
  }
  return names.filter((name) => name.length > 0);
}

/** The name patterns for a numeric entity: its key's own names, its quantity kind's names, names from the key. */
export function namesForQuantity(key: string, kind: QuantityKind | undefined): NamePattern[] {
  const cacheKey = `${key}\u0000${kind ?? ''}`;
  const cached = compiled.get(cacheKey);
  if (cached !== undefined) return cached;
  const terms = new Set<string>([
    ...(KEY_NAMES[key] ?? []),
    ...(kind !== undefined && KEY_NAMES[key] === undefined ? (KIND_NAMES[kind] ?? []) : []),
    ...(kind === 'blood-pressure' ? (KIND_NAMES['blood-pressure'] ?? []) : []),
    ...deriveKeyNames(key),
  ]);
  const names = [...terms].map(compileTerm);
  compiled.set(cacheKey, names);
  return names;
}

export function hasDistinctiveUnit(kind: QuantityKind | undefined, after: string): boolean {
  if (kind === undefined) return false;
  return DISTINCTIVE_UNITS[kind]?.test(after) ?? false;
}
