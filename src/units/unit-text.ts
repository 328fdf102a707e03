/**
 * Maps the free-text unit strings found in benchmark entities (typos included) onto UCUM codes.
 * Matching is on a normalised form: lower case, µ/μ -> u, "mcg" -> "ug", spaces collapsed.
 */

const ALIASES: Record<string, string> = {
  // concentrations
  'mg/dl': 'mg/dL',
  'g/dl': 'g/dL',
  'g/l': 'g/L',
  'mg/l': 'mg/L',
  'umol/l': 'umol/L',
  'mmol/l': 'mmol/L',
  'mol/l': 'mol/L',
  'meq/l': 'meq/L',
  'pmol/l': 'pmol/L',
  'uiu/ml': 'u[IU]/mL',
  'miu/l': 'm[IU]/L',
  'mu/l': 'm[IU]/L',
  'u/l': 'U/L',
  'iu/l': 'U/L',
  // counts: the benchmark writes a count per microlitre as [n, 'µL'] and per litre as [n, 'L']
  ul: '/uL',
  '/ul': '/uL',
  'cells/ul': '/uL',
  'per ul': '/uL',
  mm3: '/mm3',
  '/mm3': '/mm3',
  'mm^3': '/mm3',
  'cells/mm3': '/mm3',
  l: '/L',
  '/l': '/L',
  'per l': '/L',
  '10^9/l': '10*9/L',
  'x10^9/l': '10*9/L',
  '×10^9/l': '10*9/L',
  '10*9/l': '10*9/L',
  'x 10^9/l': '10*9/L',
  '10^3/ul': '10*3/uL',
  'x10^3/ul': '10*3/uL',
  'k/ul': '10*3/uL',
  '10^12/l': '10*12/L',
  // mass, length, time
  kg: 'kg',
  g: 'g',
  mg: 'mg',
  ug: 'ug',
  lb: '[lb_av]',
  lbs: '[lb_av]',
  pound: '[lb_av]',
  pounds: '[lb_av]',
  oz: '[oz_av]',
  cm: 'cm',
  mm: 'mm',
  m: 'm',
  in: '[in_i]',
  inch: '[in_i]',
  inches: '[in_i]',
  ft: '[ft_i]',
  feet: '[ft_i]',
  foot: '[ft_i]',
  years: 'a',
  year: 'a',
  yr: 'a',
  yrs: 'a',
  y: 'a',
  months: 'mo',
  month: 'mo',
  mo: 'mo',
  weeks: 'wk',
  week: 'wk',
  days: 'd',
  day: 'd',
  // temperatures (the benchmark misspells both)
  'degrees celsius': 'Cel',
  'degrees celsisus': 'Cel',
  'degree celsius': 'Cel',
  celsius: 'Cel',
  '°c': 'Cel',
  c: 'Cel',
  'degrees fahrenheit': '[degF]',
  'degrees fahreinheit': '[degF]',
  'degree fahrenheit': '[degF]',
  fahrenheit: '[degF]',
  '°f': '[degF]',
  f: '[degF]',
  // rates and pressures
  'beats per minute': '/min',
  bpm: '/min',
  '/min': '/min',
  'per minute': '/min',
  'breaths per minute': '/min',
  'breaths/min': '/min',
  'mm hg': 'mm[Hg]',
  mmhg: 'mm[Hg]',
  kpa: 'kPa',
  msec: 'ms',
  ms: 'ms',
  s: 's',
  sec: 's',
  '%': '%',
  percent: '%',
  'kg/m^2': 'kg/m2',
  'kg/m2': 'kg/m2',
  'ml/day': 'mL/d',
  'ml/d': 'mL/d',
  'ml/24h': 'mL/d',
  'ml/24 h': 'mL/d',
  'l/day': 'L/d',
  'ml/h': 'mL/h',
  'ml/hr': 'mL/h',
  'ug/kg/min': 'ug/kg/min',
  'mc/kg/min': 'ug/kg/min',
  'per day': '/d',
  '/day': '/d',
  'times per day': '/d',
  'ug/h': 'ug/h',
  'ug/hr': 'ug/h',
  'ug/hour': 'ug/h',
};

export function normaliseUnitText(text: string): string {
  return text.trim().toLowerCase().replace(/[µμ]/g, 'u').replace(/mcg/g, 'ug').replace(/\s+/g, ' ');
}

/** The UCUM code for a free-text unit, or undefined if the text is not a unit we know. */
export function toUcumCode(text: string): string | undefined {
  return ALIASES[normaliseUnitText(text)];
}

/** True when the unit text is a known misspelling that we read as the unit it was meant to be. */
export function isMisspelledUnit(text: string): boolean {
  const normalised = normaliseUnitText(text);
  return (
    normalised === 'degrees celsisus' || normalised === 'degrees fahreinheit' || normalised === 'mc/kg/min'
  );
}
