import { isMisspelledUnit, normaliseUnitText } from '../../units/unit-text.js';
import { convertToCanonical, formatNumber, QUANTITY_KINDS } from '../../units/index.js';
import type { Finding } from '../types.js';
import type { NumericEntity } from './entity-values.js';

/**
 * Unit and range checks on one numeric entity, without the note.
 *
 * Categories (a documented choice): a unit the analyte is never measured in (sodium in mg/dL), a unit the v1.0
 * label code reads wrongly (the misspelling "degrees celsisus", which it took for Fahrenheit; cell counts "per
 * m^3") and unit text no converter knows are `unit-conversion`, because the label code took the unit literally.
 * A value outside the kind's plausible range in a unit that is fine is `implausible-input`.
 *
 * Severity: `error` when the label is very likely affected: the literal reading of a wrong unit is implausible,
 * the Celsius misspelling (always read as °F by v1.0), or a value beyond physiology: outside the plausible range
 * by more than half the range's width on either side, below a tenth of its lower end, or negative. Otherwise
 * `warning`. A misspelling the code reads correctly ("degrees fahreinheit", "mc/kg/min") is `info`.
 */
export function checkEntityPlausibility(entity: NumericEntity): Finding[] {
  const findings: Finding[] = [];
  const add = (category: Finding['category'], severity: Finding['severity'], message: string): void => {
    findings.push({ category, severity, entity: entity.key, message, evidence: [] });
  };
  const kind = entity.kind;
  if (kind !== undefined && entity.unit !== '') {
    const conversion = convertToCanonical(kind, entity.value, entity.unit);
    if (!conversion.ok) {
      add('unit-conversion', 'warning', `${entity.key} ${entity.display}: ${conversion.reason}`);
      return findings;
    }
    const spec = QUANTITY_KINDS[kind];
    const suspicious = conversion.warnings.some((warning) => warning.code === 'unit-not-how-measured');
    if (suspicious) {
      const literalImplausible = isOutside(conversion.value, spec.plausible, 0);
      add(
        'unit-conversion',
        literalImplausible ? 'error' : 'warning',
        `${entity.key} ${entity.display}: ${kind} is not measured in ${entity.unit}; read literally it is ` +
          `${formatNumber(conversion.value, 4)} ${spec.display}`,
      );
      return findings;
    }
    if (kind === 'temperature' && isMisspelledUnit(entity.unit) && /celsi/i.test(entity.unit)) {
      add(
        'unit-conversion',
        'error',
        `${entity.key} ${entity.display}: misspelled unit; the v1.0 label code reads every unit other than ` +
          '"degrees celsius" as Fahrenheit',
      );
    } else if (isMisspelledUnit(entity.unit)) {
      findings.push({
        category: 'unit-conversion',
        severity: 'info',
        entity: entity.key,
        message: `${entity.key} ${entity.display}: misspelled unit "${entity.unit}", read as the unit it was meant to be`,
        evidence: [],
      });
    }
    if (
      (kind === 'white-cell-count' || kind === 'platelet-count') &&
      /^m\^?3$/.test(normaliseUnitText(entity.unit))
    ) {
      add(
        'unit-conversion',
        'warning',
        `${entity.key} ${entity.display}: a count "per m^3" means per mm³; the v1.0 SIRS code took it as per cubic metre`,
      );
    }
  }
  const range = entity.plausible;
  const value = entity.canonical ?? (kind === undefined ? entity.value : undefined);
  if (range !== undefined && value !== undefined && isOutside(value, range, 0)) {
    const impossible = value < 0 || isOutside(value, range, 0.5) || (range[0] > 0 && value < range[0] / 10);
    const unit = kind === undefined ? '' : ` ${QUANTITY_KINDS[kind].display}`;
    add(
      'implausible-input',
      impossible ? 'error' : 'warning',
      `${entity.key} ${entity.display} (${formatNumber(value, 4)}${unit}) is outside the plausible range ` +
        `${range[0]}–${range[1]}${unit}${impossible ? ', beyond what a living patient can have' : ''}`,
    );
  }
  return findings;
}

/** Outside [low, high] widened by `margin` × the range's width on each side. */
function isOutside(value: number, range: readonly [number, number], margin: number): boolean {
  const width = (range[1] - range[0]) * margin;
  return value < range[0] - width || value > range[1] + width;
}
