import { AppError } from '../app-error.js';
import { findCatalogEntriesBySlugPart, findCatalogEntry, MEDCALC_CATALOG } from '../catalog/medcalc-bench.js';
import type { Calculator } from './define.js';
import { CALCULATORS } from './registry.js';

/** All calculators in benchmark order. */
export function listCalculators(): Calculator[] {
  return MEDCALC_CATALOG.map((entry) => CALCULATORS[entry.slug]);
}

/** Finds a calculator by slug, MedCalc-Bench id or display name; throws CALCULATOR_NOT_FOUND otherwise. */
export function getCalculator(key: string): Calculator {
  const entry = findCatalogEntry(key);
  if (entry === undefined) {
    const candidates = findCatalogEntriesBySlugPart(key).map((candidate) => candidate.slug);
    throw new AppError(
      'CALCULATOR_NOT_FOUND',
      `no calculator "${key}"${candidates.length > 1 ? ` (ambiguous: ${candidates.join(', ')})` : ''}`,
      {
        fix: 'Run `steward calc list` to see ids, slugs and names.',
      },
    );
  }
  return CALCULATORS[entry.slug];
}
