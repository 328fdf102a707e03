import { extractJsonAnswerV1, extractTagAnswer } from './extract-raw.js';
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
import { ExpressionError, evaluatePythonExpression } from './python-expression.js';
import { evalNumeral, formatPyNumber, numericValue, roundPython } from './python-number.js';
import type { AnswerStyle, RuleSet, ScoringItem, Verdict } from './types.js';

/**
 * Rule set `medcalc-v1.0`: the original MedCalc-Bench v1.0 harness (evaluation/run.py `extract_answer` and
 * evaluate.py `check_correctness` at commit 72748cc), reproduced rule for rule so that accuracies match published
 * ones. The one deliberate difference: `str(<expression>)` answers are evaluated by a safe arithmetic evaluator
 * (python-expression.ts) instead of Python's eval.
 */

const DATE_IDS = new Set([13, 68]);
const WEEKS_DAYS_IDS = new Set([69]);
const INTEGER_IDS = new Set([4, 15, 16, 17, 18, 20, 21, 25, 27, 28, 29, 32, 33, 36, 43, 45, 48, 51]);
const DECIMAL_IDS = new Set([
  2, 3, 5, 6, 7, 8, 9, 10, 11, 19, 22, 23, 24, 26, 30, 31, 38, 39, 40, 44, 46, 49, 56, 57, 58, 59, 60, 61, 62,
  63, 64, 65, 66, 67,
]);

type AnswerKind = 'date' | 'weeks-days' | 'integer' | 'decimal';

/** Answer kind per calculator id, as an array so the hot path is one index. */
const KIND_BY_ID: (AnswerKind | undefined)[] = [];
for (const id of DATE_IDS) KIND_BY_ID[id] = 'date';
for (const id of WEEKS_DAYS_IDS) KIND_BY_ID[id] = 'weeks-days';
for (const id of INTEGER_IDS) KIND_BY_ID[id] = 'integer';
for (const id of DECIMAL_IDS) KIND_BY_ID[id] = 'decimal';

function kindOf(calculatorId: number | undefined): AnswerKind | undefined {
  return calculatorId === undefined ? undefined : KIND_BY_ID[calculatorId];
}

type Normalised = { ok: true; answer: string } | { ok: false; reason: string };

const DATE_AT_START = /^(0?[1-9]|1[0-2])\/(0?[1-9]|[12][0-9]|3[01])\/(\d{4})/;
const NUMBER = /-?\d+(?:\.\d+)?/g;

/** The last match of a global pattern (its first group if it has one). */
function lastMatch(pattern: RegExp, text: string): string | undefined {
  let last: string | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text))
    last = match[1] ?? match[0];
  return last;
}

function normaliseDate(raw: string): Normalised {
  const match = DATE_AT_START.exec(raw);
  if (!match) return { ok: true, answer: 'N/A' };
  const pad = (text = '') => text.padStart(2, '0');
  return { ok: true, answer: `${pad(match[1])}/${pad(match[2])}/${match[3] ?? ''}` };
}

function parseWeeksDays(text: string): [string, string] | undefined {
  const match = WEEKS_DAYS.exec(text);
  const weeks = match?.[WEEKS_GROUP];
  const days = match?.[DAYS_GROUP];
  return weeks !== undefined && days !== undefined ? [weeks, days] : undefined;
}

function normaliseWeeksDays(raw: string): Normalised {
  // The harness first matched the raw text without checking for a match, so no (weeks, days) at all raised.
  if (parseWeeksDays(raw) === undefined) return { ok: false, reason: 'no (weeks, days) in the answer' };
  const cleaned = raw.replace(/\[/g, '(').replace(/\]/g, ')').replace(/['"]/g, '');
  const pair = parseWeeksDays(cleaned);
  return { ok: true, answer: pair ? `(${pair[0]}, ${pair[1]})` : 'N/A' };
}

function normaliseInteger(raw: string): Normalised {
  const outOf = OUT_OF.exec(raw);
  if (outOf?.[1] !== undefined) return { ok: true, answer: outOf[1] };
  const list = NUMBER_LIST.exec(raw);
  if (list) return { ok: true, answer: String(list[0].split(',').length) };
  return { ok: true, answer: lastMatch(NUMBER, raw) ?? 'N/A' };
}

/** The harness's clean-up of a `str(...)` expression before eval, replacement for replacement. */
function cleanExpression(expression: string): string {
  let cleaned = expression
    .split('^')
    .join('**')
    .split('is odd')
    .join('% 2 == 1')
    .split('is even')
    .join('% 2 == 0')
    .split('sqrt')
    .join('math.sqrt')
    .split('.math')
    .join('')
    .split('weight')
    .join('')
    .split('height')
    .join('')
    .split('mg/dl')
    .join('')
    .split('g/dl')
    .join('')
    .split('mmol/L')
    .join('')
    .split('kg')
    .join('')
    .split('g')
    .join('')
    .split('mEq/L')
    .join('');
  cleaned = cleaned.split('#')[0] ?? '';
  const opens = (cleaned.match(/\(/g) ?? []).length;
  const closes = (cleaned.match(/\)/g) ?? []).length;
  if (opens > closes) cleaned += ')'.repeat(opens - closes);
  else if (closes > opens) cleaned = '('.repeat(closes - opens) + cleaned;
  return cleaned;
}

function evalNumeralOrFail(text: string): Normalised {
  const number = evalNumeral(text);
  return number === undefined
    ? { ok: false, reason: `"${text}" is not a valid Python number (leading zeros)` }
    : { ok: true, answer: formatPyNumber(number) };
}

function normaliseDecimal(raw: string): Normalised {
  // The substring checks only skip regexes that cannot match; the rules are the regexes.
  const expression = raw.includes('str(') ? findStrExpression(raw) : undefined;
  if (expression !== undefined) {
    try {
      return { ok: true, answer: evaluatePythonExpression(cleanExpression(expression)) };
    } catch (error) {
      if (error instanceof ExpressionError) return { ok: true, answer: 'N/A' };
      throw error;
    }
  }
  const gfr = raw.includes('mL/min/1') ? GFR.exec(raw) : null;
  if (gfr?.[1] !== undefined) return evalNumeralOrFail(gfr[1]);
  const percent = raw.includes('%') ? lastMatch(PERCENT, raw) : undefined;
  if (percent !== undefined) {
    const number = evalNumeral(percent);
    if (number === undefined)
      return { ok: false, reason: `"${percent}" is not a valid Python number (leading zeros)` };
    return { ok: true, answer: formatPyNumber({ type: 'float', value: numericValue(number) / 100 }) };
  }
  const last = lastMatch(NUMBER, raw);
  return last === undefined ? { ok: true, answer: 'N/A' } : evalNumeralOrFail(last);
}

function normalise(raw: string, calculatorId: number | undefined): Normalised {
  switch (kindOf(calculatorId)) {
    case 'date':
      return normaliseDate(raw);
    case 'weeks-days':
      return normaliseWeeksDays(raw);
    case 'integer':
      return normaliseInteger(raw);
    case 'decimal':
      return normaliseDecimal(raw);
    default:
      return {
        ok: false,
        reason: `calculator id ${String(calculatorId)} is not one of the v1.0 calculators`,
      };
  }
}

const scalarCache = new Map<string, number | undefined>();

/** Python's eval of an answer or limit string (memoised: labels and limits repeat across responses). */
function evalScalar(text: string): number | undefined {
  if (scalarCache.has(text)) return scalarCache.get(text);
  const value = evalScalarUncached(text);
  if (scalarCache.size > 100_000) scalarCache.clear();
  scalarCache.set(text, value);
  return value;
}

/** Python's eval of an answer or limit string, as far as the checks use it: a numeral, True or False. */
function evalScalarUncached(text: string): number | undefined {
  if (text === 'True') return 1;
  if (text === 'False') return 0;
  const numeral = evalNumeral(text);
  if (numeral !== undefined) return numericValue(numeral);
  // `\d+(?:\.\d*)?` is the harness's `\d+\.?\d*` without its two overlapping digit runs.
  if (/^-?(\d+(?:\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(text) && !/^-?0\d+$/.test(text)) return Number(text);
  return undefined;
}

function parseStrictDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!match) return undefined;
  const [month, day, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return `${month}/${day}/${year}`;
}

function fail(answer: string, reason: string): Verdict {
  return { extracted: answer, correct: false, reason };
}

function check(answer: string, item: ScoringItem): Verdict {
  const kind = kindOf(item.calculatorId);
  if (kind === 'date') {
    const given = parseStrictDate(answer);
    const expected = parseStrictDate(item.label);
    if (given === undefined) return fail(answer, `"${answer}" is not a date MM/DD/YYYY`);
    if (expected === undefined) return fail(answer, `label "${item.label}" is not a date`);
    return {
      extracted: answer,
      correct: given === expected,
      reason: given === expected ? 'same date' : `date differs from ${item.label}`,
    };
  }
  if (kind === 'weeks-days') {
    const given = parseWeeksDays(answer);
    const expected = parseWeeksDays(item.label);
    if (given === undefined) return fail(answer, `"${answer}" has no (weeks, days)`);
    if (expected === undefined) return fail(answer, `label "${item.label}" has no (weeks, days)`);
    const same = given[0] === expected[0] && given[1] === expected[1];
    return {
      extracted: answer,
      correct: same,
      reason: same ? 'same (weeks, days)' : `(weeks, days) differs from (${expected.join(', ')})`,
    };
  }
  const value = evalScalar(answer);
  if (value === undefined) return fail(answer, `"${answer}" is not a number`);
  if (kind === 'integer') {
    const expected = evalScalar(item.label);
    if (expected === undefined) return fail(answer, `label "${item.label}" is not a number`);
    const rounded = numericValue(roundPython(value));
    return {
      extracted: answer,
      correct: rounded === expected,
      reason: rounded === expected ? `rounds to ${expected}` : `rounds to ${rounded}, label ${item.label}`,
    };
  }
  const lower = evalScalar(item.lowerLimit ?? '');
  const upper = evalScalar(item.upperLimit ?? '');
  if (lower === undefined || upper === undefined)
    return fail(answer, 'the row has no numeric Lower/Upper Limit');
  const inside = lower <= value && value <= upper;
  return {
    extracted: answer,
    correct: inside,
    reason: `${inside ? 'within' : 'outside'} [${item.lowerLimit ?? ''}, ${item.upperLimit ?? ''}]`,
  };
}

function judge(raw: string | undefined, item: ScoringItem): Verdict {
  const normalised = normalise(raw ?? 'Not Found', item.calculatorId);
  if (!normalised.ok)
    return { extracted: null, correct: false, reason: `extraction failed: ${normalised.reason}` };
  if (normalised.answer === 'N/A') {
    return {
      extracted: 'N/A',
      correct: false,
      reason: raw === undefined ? 'no answer found' : 'no usable answer',
    };
  }
  return check(normalised.answer, item);
}

export const medcalcV1RuleSet: RuleSet = {
  id: 'medcalc-v1.0',
  version: '1.0.0',
  description:
    'The original MedCalc-Bench v1.0 harness: last JSON "answer" match, per-calculator extraction, integer rounding (half to even), ±5% limits from the row.',
  defaultStyle: 'json',
  scoreResponse(response: string, item: ScoringItem, style: AnswerStyle = 'json'): Verdict {
    const raw =
      style === 'tag'
        ? extractTagAnswer(response)
        : style === 'auto'
          ? (extractTagAnswer(response) ?? extractJsonAnswerV1(response))
          : extractJsonAnswerV1(response);
    return judge(raw, item);
  },
  judgeAnswer(answer: string, item: ScoringItem): Verdict {
    return judge(answer, item);
  },
};
