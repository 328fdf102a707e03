/**
 * Why a calculator result deserves a look, as a closed set of codes with what each means. Verifiers and reports
 * route by the code; the text beside it is for people and may change wording freely.
 */
export const WARNING_CODES = {
  'unit-typo-read-as-meant':
    'a misspelled unit, or "m^3" for a cell count, was read as the unit it was clearly meant to be',
  'unit-not-how-measured': 'the quantity is never measured in the unit given; it was converted literally',
  'implausible-value': 'an input lies outside what a living patient can have (or what a dose can be)',
  'implausible-result': 'the result itself cannot be right for a patient (negative, zero, beyond physiology)',
  'inputs-contradict':
    'two inputs contradict each other (diastolic above systolic, a women-only item for a man)',
  'outside-population': 'the patient lies outside the population the formula was derived or validated in',
  'formula-does-not-apply':
    'the values lie where the formula does not describe what it names (Friedewald with triglycerides ≥ 400)',
  'input-read-one-way': 'an input that can be read more than one way was read the way the text states',
  'entity-keys-disagree': 'several entity keys carry one input with different values; the first was used',
  'entity-value-ignored': 'one of several entity keys for an input was unreadable and was ignored',
  'unknown-entity-ignored': 'an entity is not an input of this calculator and was ignored',
} as const satisfies Readonly<Record<string, string>>;

export type WarningCode = keyof typeof WARNING_CODES;

/** One warning on a calculator result: a stable code and the sentence shown to people. */
export interface CalculatorWarning {
  code: WarningCode;
  text: string;
}

/** Why an input present in the source could not be used, with what each code means. */
export const INVALID_INPUT_CODES = {
  'unit-unknown': 'the unit is unknown or cannot be converted to the quantity the input measures',
  'value-unreadable':
    'the value is not a finite number, a known option, drug or date, or not in the expected shape',
  'value-impossible':
    'the value cannot exist: a negative amount, size, count, rate or concentration, a percentage above 100',
} as const satisfies Readonly<Record<string, string>>;

export type InvalidInputCode = keyof typeof INVALID_INPUT_CODES;

/** An input that was present but unusable: its name, the code and the sentence "name: reason". */
export interface InvalidInput {
  input: string;
  code: InvalidInputCode;
  text: string;
}
