/**
 * The original v1.0 harness's regular expressions that `medcalc-v1.ts` applies to model text, in forms that run in
 * linear time. `harness-patterns.test.ts` checks each against the harness's own pattern on random inputs.
 */

/*
 * The harness's patterns, rewritten only where they backtracked super-linearly; each rewrite matches exactly what
 * the original matched (the tests compare both on random inputs):
 * - `(?<!\d)` before a leading `\d+`: a match can never start inside a run of digits (the run's first digit would
 *   have matched first with the same continuation), so skipping those starts changes nothing but the work, which
 *   was quadratic on a long run of digits.
 * - In WEEKS_DAYS the whitespace after the weeks number is taken whole, as an atomic `(?=(\s*))\2`: giving some of
 *   it back could only hand it to the next `\s*`, and retrying every split was quadratic in the run's length.
 */
export const WEEKS_DAYS = /\(?["']?(\d+)(?=(\s*))\2(weeks?)?["']?,?\s*["']?(\d+)\s*(days?)?["']?\s*\)?/;
export const WEEKS_GROUP = 1;
export const DAYS_GROUP = 4;
export const OUT_OF = /(?<!\d)(\d+) out of/;
export const NUMBER_LIST = /-?(?<!\d)\d+(?:, ?-?\d+)+/;
export const GFR = /(-?(?<!\d)\d+(\.\d+)?)\s*mL\/min\/1.73/;

export const PERCENT = /(-?(?<!\d)\d+(?:\.\d+)?)%/g;

/**
 * The capture of the harness's `/str\((.*)\)/`: from the first `str(` that has a `)` after it on its line (`.`
 * stops at line breaks) to the last `)` on that line. Linear: a line without one is skipped whole, where the
 * pattern retried every later `str(` on it.
 */
export function findStrExpression(raw: string): string | undefined {
  for (let from = 0; ;) {
    const open = raw.indexOf('str(', from);
    if (open < 0) return undefined;
    const start = open + 'str('.length;
    let lineEnd = start;
    while (lineEnd < raw.length && !isLineTerminator(raw[lineEnd])) lineEnd++;
    for (let close = lineEnd - 1; close >= start; close--) {
      if (raw[close] === ')') return raw.slice(start, close);
    }
    from = lineEnd;
  }
}

function isLineTerminator(char: string | undefined): boolean {
  return char === '\n' || char === '\r' || char === '\u2028' || char === '\u2029';
}
