/**
 * What an item id may be, by the header that carries it. MedCalc-Bench v1.0 numbers its rows: `Row Number` is an
 * int 1..N (medcalc-reference.md §2), so anything but a positive whole number there is a mistake (a shifted column,
 * a spreadsheet's "1.0"). Relabelled files name the column `Unique ID` / `uid` / `id` and use their own ids (such as
 * `a1`), so those may be any text on one line; control characters (line breaks, tabs, NUL) are refused because ids
 * are printed, passed on command lines and used as database keys.
 */

const ROW_NUMBER = /^[1-9][0-9]*$/;
// eslint-disable-next-line no-control-regex -- the point is to find control characters.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Why `id` (already trimmed, not empty) is not valid under `header`, or undefined when it is. */
export function describeInvalidId(id: string, header: string): string | undefined {
  const isRowNumber = header.toLowerCase().replace(/[^a-z0-9]/g, '') === 'rownumber';
  const shown = JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id);
  if (isRowNumber) {
    return ROW_NUMBER.test(id)
      ? undefined
      : `${shown} is not a row number: expected a positive whole number (1, 2, 3, …) as MedCalc-Bench v1.0 numbers its rows`;
  }
  return CONTROL_CHARACTER.test(id)
    ? `${shown} contains a control character (line break, tab or NUL): an id must be one line of printable text`
    : undefined;
}
