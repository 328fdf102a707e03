/**
 * PostgreSQL text and jsonb cannot hold U+0000: it is stored as U+FFFD (the dataset loader warns about it).
 * Only `src/store/` needs this; everything written to a text or jsonb column passes through here.
 */

const NUL = '\u0000';
const REPLACEMENT = '\uFFFD';

export function storableText(text: string): string;
export function storableText(text: string | undefined): string | undefined;
export function storableText(text: string | undefined): string | undefined {
  return text?.replaceAll(NUL, REPLACEMENT);
}

function replaceNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes(NUL) ? value.replaceAll(NUL, REPLACEMENT) : value;
  if (Array.isArray(value)) return value.map((entry) => replaceNul(entry));
  if (value !== null && typeof value === 'object') {
    // What JSON.stringify would write for it (a Date becomes its ISO string).
    const { toJSON } = value as { toJSON?: unknown };
    if (typeof toJSON === 'function') return replaceNul((toJSON as () => unknown).call(value));
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
        key.replaceAll(NUL, REPLACEMENT),
        replaceNul(entry),
      ]),
    );
  }
  return value;
}

/**
 * A JSON value as a jsonb column can hold it: U+0000 in any string value or object key becomes U+FFFD. Only
 * string contents change (walking the value, not its serialised text), so the six characters `\u0000` written
 * out in a string are kept as they are. `undefined` is stored as SQL NULL.
 */
export function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  return replaceNul(value);
}

/** Inserts are chunked so one statement stays well below PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 200;

export function splitIntoChunks<T>(values: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < values.length; index += size) out.push(values.slice(index, index + size));
  return out;
}
