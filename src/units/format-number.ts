/**
 * Renders a number for people: integers as written, other values to `significantDigits` significant digits, which
 * drops binary-float noise (0.1 + 0.2 -> 0.3). Derivations use the default 12, which rounds away no real digit;
 * messages may ask for fewer.
 */
export function formatNumber(value: number, significantDigits = 12): string {
  if (Object.is(value, -0)) return '0';
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(significantDigits)));
}
