/**
 * A label as people read it in tables and reports: recomputed values are stored unrounded (the release step
 * decides rounding), so long decimals are shown to 3 places. The stored and JSON values stay exact.
 */
export function formatLabelForDisplay(label: string): string {
  if (!/^-?\d+\.\d{4,}$/.test(label)) return label;
  return String(Number(Number(label).toFixed(3)));
}
