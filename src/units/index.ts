export {
  convertToCanonical,
  checkPlausible,
  INSULIN_PMOL_PER_MICRO_IU,
  type Conversion,
  type ConversionFailureCode,
  type ConversionWarning,
  type ConversionWarningCode,
} from './convert.js';
export { formatNumber } from './format-number.js';
export {
  QUANTITY_KINDS,
  getQuantityKind,
  possibleRange,
  type QuantityKind,
  type QuantityKindSpec,
} from './quantities.js';
export { toUcumCode, normaliseUnitText } from './unit-text.js';
export * from './calendar.js';
