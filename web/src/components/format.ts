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

/** A label value as a reviewer recorded it ({value, unit}, {drug, doseMg}, true/false, text). */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('value' in record && 'unit' in record) return `${String(record['value'])} ${String(record['unit'])}`;
    if ('drug' in record && 'doseMg' in record)
      return `${String(record['drug'])} ${String(record['doseMg'])} mg`;
  }
  return JSON.stringify(value);
}
