import type { FormInput, LabelInput } from '../../../../src/contracts/review-api';
import type { NoteSpan } from '../../components/note-view';

/** What the physician has typed for one calculator input, as text, before it becomes a clean value. */
export interface FieldState {
  /** The number, option, yes/no, sex, date or drug (by input type). */
  value: string;
  /** Quantities: the UCUM unit (prefilled with the calculator's canonical unit). */
  unit: string;
  /** Drug doses: the dose in mg. */
  doseMg: string;
  span: NoteSpan | null;
  timePoint: string;
  assumption: string;
}

export type Fields = Record<string, FieldState>;

export function createFields(inputs: readonly FormInput[]): Fields {
  return Object.fromEntries(
    inputs.map((input) => [
      input.name,
      { value: '', unit: input.unit ?? '', doseMg: '', span: null, timePoint: '', assumption: '' },
    ]),
  );
}

/** A field's clean value: left out when empty ("not mentioned"), or a problem the physician must fix. */
export type ParsedField =
  { kind: 'unset' } | { kind: 'invalid'; problem: string } | { kind: 'value'; value: unknown };

const NUMBER_PATTERN = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

function parseNumber(text: string): { kind: 'number'; value: number } | { kind: 'invalid'; problem: string } {
  const trimmed = text.trim();
  if (/^[-+]?\d+,\d+$/.test(trimmed))
    return { kind: 'invalid', problem: 'use a point as the decimal separator' };
  if (!NUMBER_PATTERN.test(trimmed)) return { kind: 'invalid', problem: 'not a number' };
  return { kind: 'number', value: Number(trimmed) };
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calculator's clean form (`inputValuesSchema`): {value, unit}, true/false, option, number, sex, date, {drug, doseMg}. */
export function parseField(input: FormInput, field: FieldState): ParsedField {
  const text = field.value.trim();
  switch (input.type) {
    case 'quantity': {
      if (text === '') return { kind: 'unset' };
      const number = parseNumber(text);
      if (number.kind === 'invalid') return number;
      const unit = field.unit.trim();
      if (unit === '') return { kind: 'invalid', problem: 'a unit is needed' };
      return { kind: 'value', value: { value: number.value, unit } };
    }
    case 'number': {
      if (text === '') return { kind: 'unset' };
      const number = parseNumber(text);
      return number.kind === 'invalid' ? number : { kind: 'value', value: number.value };
    }
    case 'boolean':
      if (text === 'yes') return { kind: 'value', value: true };
      if (text === 'no') return { kind: 'value', value: false };
      return { kind: 'unset' };
    case 'enum':
    case 'sex':
      return text === '' ? { kind: 'unset' } : { kind: 'value', value: text };
    case 'date':
      if (text === '') return { kind: 'unset' };
      return isCalendarDate(text)
        ? { kind: 'value', value: text }
        : { kind: 'invalid', problem: 'use YYYY-MM-DD' };
    case 'drug-dose': {
      const dose = field.doseMg.trim();
      if (text === '' && dose === '') return { kind: 'unset' };
      if (text === '') return { kind: 'invalid', problem: 'choose the drug' };
      if (dose === '') return { kind: 'invalid', problem: 'enter the dose in mg' };
      const number = parseNumber(dose);
      if (number.kind === 'invalid') return { kind: 'invalid', problem: `dose: ${number.problem}` };
      return { kind: 'value', value: { drug: text, doseMg: number.value } };
    }
  }
}

/** The values for a live compute: every field that parses (a half-typed field is left out, not an error). */
export function collectInputValues(inputs: readonly FormInput[], fields: Fields): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const input of inputs) {
    const field = fields[input.name];
    if (field === undefined) continue;
    const parsed = parseField(input, field);
    if (parsed.kind === 'value') values[input.name] = parsed.value;
  }
  return values;
}

/** The inputs sent with a label: set fields only, each with its span, time point and assumption when given. */
export function collectLabelInputs(inputs: readonly FormInput[], fields: Fields): LabelInput[] {
  const labelInputs: LabelInput[] = [];
  for (const input of inputs) {
    const field = fields[input.name];
    if (field === undefined) continue;
    const parsed = parseField(input, field);
    if (parsed.kind !== 'value') continue;
    const labelInput: LabelInput = { name: input.name, value: parsed.value };
    if (field.span !== null) labelInput.span = field.span;
    if (field.timePoint.trim() !== '') labelInput.timePoint = field.timePoint.trim();
    if (field.assumption.trim() !== '') labelInput.assumption = field.assumption.trim();
    labelInputs.push(labelInput);
  }
  return labelInputs;
}

/** The id of an input's first control: labels point at it, Alt+1 and problem links focus it. */
export function fieldId(name: string): string {
  return `field-${name}`;
}

/** Something to fix before submitting, and the id of the element to focus for it. */
export interface FieldProblem {
  target: string;
  text: string;
}

export function findFieldProblems(inputs: readonly FormInput[], fields: Fields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const input of inputs) {
    const field = fields[input.name];
    if (field === undefined) continue;
    const parsed = parseField(input, field);
    if (parsed.kind === 'invalid')
      problems.push({ target: fieldId(input.name), text: `${input.label}: ${parsed.problem}` });
    else if (
      parsed.kind === 'unset' &&
      (field.span !== null || field.timePoint.trim() !== '' || field.assumption.trim() !== '')
    ) {
      problems.push({
        target: fieldId(input.name),
        text: `${input.label}: has a span, time point or assumption but no value (enter the value, or clear them)`,
      });
    }
  }
  return problems;
}
