import ucum from '@lhncbc/ucum-lhc';

// The library is CommonJS without types; this is the one place that touches it.
interface UcumConversion {
  status: 'succeeded' | 'failed' | 'error';
  toVal: number | null;
  msg: string[];
}
interface UcumUtils {
  convertUnitTo(
    fromCode: string,
    value: number,
    toCode: string,
    options?: { molecularWeight?: number; charge?: number },
  ): UcumConversion;
}

const utils = (ucum as { UcumLhcUtils: { getInstance(): UcumUtils } }).UcumLhcUtils.getInstance();

export interface UcumConversionOptions {
  /** g/mol, for mass <-> amount-of-substance conversions. */
  molecularWeight?: number;
  /** Valence, for equivalents <-> moles. */
  charge?: number;
}

/**
 * Converts a value between two UCUM unit codes without rounding. Returns undefined when UCUM cannot convert
 * (incommensurable units), so callers can report the reason.
 */
export function convertUcum(
  value: number,
  units: { from: string; to: string },
  options: UcumConversionOptions = {},
): number | undefined {
  if (units.from === units.to) return value;
  const result = utils.convertUnitTo(units.from, value, units.to, {
    ...(options.molecularWeight === undefined ? {} : { molecularWeight: options.molecularWeight }),
    ...(options.charge === undefined ? {} : { charge: options.charge }),
  });
  return result.status === 'succeeded' && typeof result.toVal === 'number' ? result.toVal : undefined;
}
