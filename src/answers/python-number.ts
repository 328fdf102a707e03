/**
 * The few pieces of Python number semantics the original MedCalc-Bench harness relies on: which numeral strings
 * `eval` accepts, how `str()` prints a float, and `round()` (half-to-even on the exact binary value).
 */

/** A Python runtime number: ints and floats print differently, and bools compare as 0/1. */
export type PyNumber =
  { type: 'int'; value: number } | { type: 'float'; value: number } | { type: 'bool'; value: boolean };

export function numericValue(number: PyNumber): number {
  return number.type === 'bool' ? (number.value ? 1 : 0) : number.value;
}

/**
 * Evaluates a numeral matched by `-?\d+(\.\d+)?` as Python's `eval` would: integers with a leading zero (other
 * than all zeros) are a SyntaxError, so this returns undefined for them.
 */
export function evalNumeral(text: string): PyNumber | undefined {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match) return undefined;
  const [, sign = '', digits = '', fraction] = match;
  if (fraction === undefined) {
    if (digits.length > 1 && digits.startsWith('0') && !/^0+$/.test(digits)) return undefined;
    const value = Number(`${sign}${digits}`);
    return { type: 'int', value: Object.is(value, -0) ? 0 : value };
  }
  return { type: 'float', value: Number(text) };
}

/** Python's repr/str of a float: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function formatPythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e16) {
    // In this range JavaScript and Python both print the shortest round-trip digits in plain notation.
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const body = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const exponentSign = exponent < 0 ? '-' : '+';
    return `${sign}${body}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return `${sign}${digits}${'0'.repeat(integerDigits - digits.length)}.0`;
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

/** Python `str()` of a runtime number. */
export function formatPyNumber(number: PyNumber): string {
  if (number.type === 'bool') return number.value ? 'True' : 'False';
  if (number.type === 'int') return String(number.value);
  return formatPythonFloat(number.value);
}

/** The exact decimal expansion of a double, as [digits, decimal exponent]: value = digits × 10^exponent. */
function exactDecimal(value: number): { digits: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biasedExponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & 0xfffffffffffffn;
  let exponent2: number;
  if (biasedExponent === 0) exponent2 = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent2 = biasedExponent - 1075;
  }
  if (exponent2 >= 0) return { digits: mantissa << BigInt(exponent2), exponent: 0 };
  // m × 2^-k = m × 5^k × 10^-k
  return { digits: mantissa * 5n ** BigInt(-exponent2), exponent: exponent2 };
}

/**
 * Python's `round(value, ndigits)` for a float: rounds the exact binary value half-to-even at `ndigits`
 * decimals. With `ndigits` undefined it returns an int, as Python does.
 */
export function roundPython(value: number, ndigits?: number): PyNumber {
  if (!Number.isFinite(value)) return { type: 'float', value };
  if (ndigits === undefined && Math.abs(value) < 2 ** 52) {
    // Fast path: a double's fractional part is exact here, so a tie is exactly 0.5.
    const floor = Math.floor(value);
    const fraction = value - floor;
    const rounded = fraction > 0.5 || (fraction === 0.5 && floor % 2 !== 0) ? floor + 1 : floor;
    return { type: 'int', value: Object.is(rounded, -0) ? 0 : rounded };
  }
  const places = ndigits ?? 0;
  const { digits, exponent } = exactDecimal(value);
  const sign = value < 0 ? -1 : 1;
  let rounded: bigint;
  const shift = -exponent - places;
  if (shift <= 0) {
    rounded = digits * 10n ** BigInt(-shift);
  } else {
    const divisor = 10n ** BigInt(shift);
    const quotient = digits / divisor;
    const remainder = digits % divisor;
    const twice = remainder * 2n;
    rounded = twice > divisor || (twice === divisor && quotient % 2n === 1n) ? quotient + 1n : quotient;
  }
  const result = sign * Number(`${rounded}e${-places}`);
  if (ndigits === undefined) return { type: 'int', value: Object.is(result, -0) ? 0 : result };
  return { type: 'float', value: result };
}
