import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAYS_GROUP,
  findStrExpression,
  GFR,
  NUMBER_LIST,
  OUT_OF,
  PERCENT,
  WEEKS_DAYS,
  WEEKS_GROUP,
} from './harness-patterns.js';

/** The original harness's patterns, verbatim: the reference the linear forms must agree with. */
const ORIGINAL = {
  weeksDays: /\(?["']?(\d+)\s*(weeks?)?["']?,?\s*["']?(\d+)\s*(days?)?["']?\s*\)?/,
  outOf: /(\d+) out of/,
  numberList: /-?\d+(?:, ?-?\d+)+/,
  gfr: /(-?\d+(\.\d+)?)\s*mL\/min\/1.73/,
  percent: /(-?\d+(?:\.\d+)?)%/g,
  str: /str\((.*)\)/,
};

const PIECES = [
  '1',
  '2',
  '0',
  '12',
  '.',
  ' ',
  '  ',
  '\n',
  '\t',
  '-',
  '%',
  '(',
  ')',
  '[',
  '"',
  "'",
  ',',
  ', ',
  'weeks',
  'week',
  'days',
  'day',
  'mL/min/1.73',
  'mL/min/1x73',
  ' out of',
  'str(',
  'x',
  'a',
];
const modelText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

function allMatches(pattern: RegExp, text: string): string[] {
  return [...text.matchAll(pattern)].map((match) => `${match.index}:${match[1] ?? match[0]}`);
}

describe('harness patterns: the linear forms match exactly what the original patterns matched', () => {
  it('WEEKS_DAYS: same weeks and days captures', () => {
    fc.assert(
      fc.property(modelText, (text) => {
        const original = ORIGINAL.weeksDays.exec(text);
        const linear = WEEKS_DAYS.exec(text);
        expect([linear?.index, linear?.[0], linear?.[WEEKS_GROUP], linear?.[DAYS_GROUP]]).toEqual([
          original?.index,
          original?.[0],
          original?.[1],
          original?.[3],
        ]);
      }),
      { numRuns: 3000 },
    );
  });

  it('OUT_OF, NUMBER_LIST and GFR: same match and capture', () => {
    fc.assert(
      fc.property(modelText, (text) => {
        for (const [linear, original] of [
          [OUT_OF, ORIGINAL.outOf],
          [NUMBER_LIST, ORIGINAL.numberList],
          [GFR, ORIGINAL.gfr],
        ] as const) {
          const a = linear.exec(text);
          const b = original.exec(text);
          expect([a?.index, a?.[0], a?.[1]]).toEqual([b?.index, b?.[0], b?.[1]]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('PERCENT: the same sequence of global matches', () => {
    fc.assert(
      fc.property(modelText, (text) => {
        expect(allMatches(PERCENT, text)).toEqual(allMatches(ORIGINAL.percent, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('findStrExpression: the capture of /str\\((.*)\\)/', () => {
    fc.assert(
      fc.property(modelText, (text) => {
        expect(findStrExpression(text)).toBe(ORIGINAL.str.exec(text)?.[1]);
      }),
      { numRuns: 3000 },
    );
  });

  // Each of these took the original patterns billions of steps (quadratic backtracking); here they must simply
  // finish (vitest's timeout catches a hang; timings are in bench/adversarial-inputs.ts).
  it('completes on 100 kB adversarial inputs', () => {
    const digits = `${'1'.repeat(100_000)}x`;
    const spaces = `1${' '.repeat(100_000)}x`;
    expect(WEEKS_DAYS.exec(spaces)).toBeNull();
    expect(WEEKS_DAYS.exec(`1, ${' '.repeat(100_000)}x`)).toBeNull();
    expect(OUT_OF.exec(digits)).toBeNull();
    expect(NUMBER_LIST.exec(digits)).toBeNull();
    expect(GFR.exec(`${digits} mL/min/1.73`)).toBeNull();
    expect(allMatches(PERCENT, `${digits}%`)).toEqual([]);
    expect(findStrExpression('str('.repeat(50_000))).toBeUndefined();
    expect(findStrExpression(`${'str(\n'.repeat(20_000)}str(1)`)).toBe('1');
  }, 10_000);
});
