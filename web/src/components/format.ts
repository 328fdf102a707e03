/** A time for people: local date and time to the minute, or the raw text if it does not parse. */
export function formatTime(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  return time.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatMinutes(minutes: number | null): string {
  if (minutes === null) return '—';
  return `${minutes.toLocaleString(undefined, { maximumFractionDigits: 1 })} min`;
}

/**
 * A label value as a reviewer recorded it ({value, unit}, {drug, doseMg}, true/false, text). The calculator's
 * canonical UCUM unit is shown as it is written for people (`a` → `years`) when the form says how.
 */
export function formatValue(value: unknown, input?: { unit?: string; unitDisplay?: string }): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('value' in record && 'unit' in record) {
      const unit = String(record['unit']);
      const shown = input?.unitDisplay !== undefined && unit === input.unit ? input.unitDisplay : unit;
      return `${String(record['value'])} ${shown}`;
    }
    if ('drug' in record && 'doseMg' in record)
      return `${String(record['drug'])} ${String(record['doseMg'])} mg`;
  }
  return JSON.stringify(value);
}
