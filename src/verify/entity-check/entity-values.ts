import type { CalculatorSlug } from '../../catalog/medcalc-bench.js';
import { CALCULATORS, findCalculator } from '../../calculators/registry.js';
import type { InputSpec } from '../../calculators/types.js';
import type { PythonValue } from '../../dataset/python-literal.js';
import { QUANTITY_KINDS, type QuantityKind } from '../../units/index.js';
import { toCanonical } from './note-units.js';

let anyCalculatorSpecs: Map<string, InputSpec> | undefined;

function indexAllSpecs(): Map<string, InputSpec> {
  const specs = new Map<string, InputSpec>();
  for (const calculator of Object.values(CALCULATORS)) {
    for (const spec of Object.values(calculator.inputs)) {
      for (const key of spec.entityKeys) if (!specs.has(key)) specs.set(key, spec);
    }
  }
  return specs;
}

/** The input spec that reads an entity key: the row's own calculator first, then any calculator. */
export function findInputSpec(key: string, slug: CalculatorSlug | undefined): InputSpec | undefined {
  // A slug no calculator has (a hand-built or hostile row) is read like a row without a calculator.
  const calculator = findCalculator(slug);
  if (calculator !== undefined) {
    const own = Object.values(calculator.inputs).find((spec) => spec.entityKeys.includes(key));
    if (own !== undefined) return own;
  }
  anyCalculatorSpecs ??= indexAllSpecs();
  return anyCalculatorSpecs.get(key);
}

/** A numeric entity, read from one of the benchmark's value shapes. */
export interface NumericEntity {
  key: string;
  kind: QuantityKind | undefined;
  value: number;
  decimals: number;
  /** The unit text as the entity writes it ('' for unitless numbers). */
  unit: string;
  /** The value in the kind's canonical unit (undefined without a kind or when the unit does not convert). */
  canonical: number | undefined;
  /** For drug doses, the drug text ("Dexamethasone PO"). */
  drug?: string;
  /** How the entity is shown in messages: "1.4 mg/dL". */
  display: string;
  /** Plausible range in the canonical unit (quantity kinds) or of the bare number (number specs with one). */
  plausible?: readonly [number, number];
}

export function countDecimalsOf(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 0;
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(8)));
}

/** Reads [value, unit], [ft, 'ft', in, 'in'], bare numbers and [drug, dose, unit]; undefined for other shapes. */
export function readNumericEntity(
  key: string,
  raw: PythonValue,
  spec: InputSpec | undefined,
): NumericEntity | undefined {
  const kind: QuantityKind | undefined =
    spec?.type === 'quantity' ? spec.quantity : spec?.type === 'drug-dose' ? 'drug-mass' : undefined;
  const plausible =
    spec?.type === 'number'
      ? spec.plausible
      : kind === undefined
        ? undefined
        : QUANTITY_KINDS[kind].plausible;
  const make = (value: number, unit: string, drug?: string): NumericEntity => ({
    key,
    ...(plausible === undefined ? {} : { plausible }),
    kind,
    value,
    decimals: countDecimalsOf(value),
    unit,
    canonical:
      kind === undefined ? undefined : toCanonical(kind, value, unit === '' ? canonicalUnitOf(kind) : unit),
    ...(drug === undefined ? {} : { drug }),
    display: `${drug === undefined ? '' : `${drug} `}${formatValue(value)}${unit === '' ? '' : ` ${unit}`}`,
  });
  if (typeof raw === 'number' && Number.isFinite(raw)) return make(raw, '');
  if (!Array.isArray(raw)) return undefined;
  const [first, second, third, fourth] = raw;
  if (raw.length === 2 && typeof first === 'number' && typeof second === 'string') return make(first, second);
  if (
    raw.length === 3 &&
    typeof first === 'string' &&
    typeof second === 'number' &&
    typeof third === 'string'
  )
    return make(second, third, first);
  if (
    raw.length === 4 &&
    typeof first === 'number' &&
    typeof second === 'string' &&
    typeof third === 'number' &&
    typeof fourth === 'string' &&
    kind !== undefined
  ) {
    const total = (toCanonical(kind, first, second) ?? NaN) + (toCanonical(kind, third, fourth) ?? NaN);
    if (!Number.isFinite(total)) return undefined;
    const entity = make(total, canonicalUnitOf(kind));
    return { ...entity, display: `${first} ${second} ${third} ${fourth}` };
  }
  return undefined;
}

const CANONICAL_TEXT: Partial<Record<QuantityKind, string>> = {
  age: 'years',
  'body-height': 'cm',
  'body-weight': 'kg',
  temperature: 'degrees celsius',
};

function canonicalUnitOf(kind: QuantityKind): string {
  return CANONICAL_TEXT[kind] ?? QUANTITY_KINDS[kind].canonical;
}
