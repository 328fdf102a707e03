/**
 * Confidence intervals for a binomial proportion.
 *
 * Wilson score interval (Wilson EB, J Am Stat Assoc 1927;22:209-12): with p̂ = k/n and z the normal quantile,
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z √(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n). Unlike the Wald
 * interval it stays inside [0, 1] and behaves at p̂ = 0 or 1, which matters for calculators with 2–20 rows.
 */

export interface Interval {
  low: number;
  high: number;
}

export interface Proportion extends Interval {
  successes: number;
  total: number;
  /** successes / total; NaN when total is 0. */
  estimate: number;
}

/** z for a two-sided 95% interval (the 0.975 normal quantile). */
export const Z_95 = 1.959963984540054;

export function wilsonInterval(successes: number, total: number, z = Z_95): Interval {
  if (
    !Number.isInteger(successes) ||
    !Number.isInteger(total) ||
    successes < 0 ||
    total < 0 ||
    successes > total
  ) {
    throw new RangeError(`invalid proportion ${successes}/${total}`);
  }
  if (total === 0) return { low: 0, high: 1 };
  const estimate = successes / total;
  const z2 = z * z;
  const denominator = 1 + z2 / total;
  const centre = (estimate + z2 / (2 * total)) / denominator;
  const halfWidth =
    (z * Math.sqrt((estimate * (1 - estimate)) / total + z2 / (4 * total * total))) / denominator;
  // Floating point can leave a bound a hair inside the estimate at 0 or 1 (1 − 2e-16 at 100%): clamp it.
  return {
    low: Math.min(estimate, Math.max(0, centre - halfWidth)),
    high: Math.max(estimate, Math.min(1, centre + halfWidth)),
  };
}

export function proportion(successes: number, total: number): Proportion {
  return {
    successes,
    total,
    estimate: total === 0 ? Number.NaN : successes / total,
    ...wilsonInterval(successes, total),
  };
}
