import { formatNumber } from './derivation.js';

/**
 * Strips the binary round-off that unit conversion leaves behind (150000/µL arrives as 149.99999999999997 ×10⁹/L,
 * 100.4 °F as 38.00000000000006 °C) by keeping 12 significant digits, the precision `formatNumber` prints. Score
 * thresholds then compare the value as the note wrote it. Real digits are never lost: inputs carry far fewer.
 */
export function withoutFloatNoise<Values extends object>(values: Values): Values {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      typeof value === 'number' ? Number(formatNumber(value)) : value,
    ]),
  ) as Values;
}
