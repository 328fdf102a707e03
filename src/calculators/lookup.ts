import { AppError } from '../app-error.js';
import {
  findCatalogEntriesBySlugPart,
  findCatalogEntry,
  MEDCALC_CATALOG,
  suggestCalculators,
} from '../catalog/medcalc-bench.js';
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
    const suggestions = candidates.length > 1 ? [] : suggestCalculators(key);
    throw new AppError(
      'CALCULATOR_NOT_FOUND',
      `no calculator "${key}"${candidates.length > 1 ? ` (ambiguous: ${candidates.join(', ')})` : ''}${suggestions.length > 0 ? `; did you mean ${suggestions.join(', ')}?` : ''}`,
      {
        fix: 'Run `steward calc list` to see ids, slugs and names.',
        details: { candidates, suggestions },
      },
    );
  }
  return CALCULATORS[entry.slug];
}
