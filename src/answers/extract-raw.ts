/**
 * Isolating the answer text inside a model response, before any rule set interprets it.
 *
 * Every extractor here is a hand-written scan that reads each character of the response a bounded number of times,
 * so its work is linear in the response's length on any input (the regular expressions they replace backtracked
 * quadratically on, e.g., an `"answer":` key repeated 200,000 times with no closing brace). Each one reproduces the
 * match of the regular expression named in its comment exactly; `extract-raw.test.ts` checks that against the
 * regular expressions themselves on random inputs.
 */

import { findLastLenientValue } from './lenient-scan.js';
import { hasWordAt, indexOfCounted, stripRuns, type ScanCounter } from './text-scan.js';

/** Whitespace other than single spaces: only then is the collapse needed. */
const NEEDS_COLLAPSE = /[^\S ]| {2}/;

const PLACEHOLDERS = new Set([
  'str(short_and_direct_answer_of_the_question)',
  'str(value which is the answer to the question)',
  'X.XX',
]);

/** Index of the next `[Aa]nswer":` at or after `from`, or -1. */
function findV1Key(text: string, from: number, counter?: ScanCounter): number {
  for (let index = indexOfCounted({ text, needle: 'nswer":', from: from + 1, counter }); index >= 0;) {
    const before = text[index - 1];
    if (before === 'a' || before === 'A') return index - 1;
    index = indexOfCounted({ text, needle: 'nswer":', from: index + 1, counter });
  }
  return -1;
}

/**
 * The last capture of the harness's `/[Aa]nswer":\s*(.*?)\}/g` over whitespace-collapsed text (where the only
 * whitespace left is single spaces, so `.` matches every character). A match starts at the first key at or after
 * the previous match's end and ends at the first `}` after the key; once a key has no `}` after it, no later key
 * has one either.
 */
export function findLastV1Capture(text: string, counter?: ScanCounter): string | undefined {
  let last: string | undefined;
  let from = 0;
  for (;;) {
    const key = findV1Key(text, from, counter);
    if (key < 0) return last;
    let start = key + 'answer":'.length;
    while (text[start] === ' ') start++;
    const close = indexOfCounted({ text, needle: '}', from: start, counter });
    if (close < 0) return last;
    last = text.slice(start, close);
    from = close + 1;
  }
}

/**
 * The v1.0 harness's raw answer: last `answer": … }` capture, stripped of whitespace and double quotes.
 * Returns undefined for "Not Found" (no match, or a prompt placeholder).
 */
export function extractJsonAnswerV1(response: string): string | undefined {
  // Fast exit: without `nswer"` the pattern cannot match, so skip the whitespace collapse.
  if (!response.includes('nswer"')) return undefined;
  const collapsed = NEEDS_COLLAPSE.test(response) ? response.replace(/\s+/g, ' ') : response;
  const last = findLastV1Capture(collapsed);
  if (last === undefined) return undefined;
  const stripped = stripRuns(last.trim(), '"');
  return PLACEHOLDERS.has(stripped) ? undefined : stripped;
}

/** Index of the next `<answer>` (any case) at or after `from`, or -1. */
function findOpeningTag(text: string, from: number, counter?: ScanCounter): number {
  for (let index = indexOfCounted({ text, needle: '<', from, counter }); index >= 0;) {
    if (hasWordAt(text, index + 1, 'answer>')) return index;
    index = indexOfCounted({ text, needle: '<', from: index + 1, counter });
  }
  return -1;
}

/** Index of the next `</answer>` or `<\answer>` (any case) at or after `from`, or -1. */
function findClosingTag(text: string, from: number, counter?: ScanCounter): number {
  for (let index = indexOfCounted({ text, needle: '<', from, counter }); index >= 0;) {
    const slash = text[index + 1];
    if ((slash === '/' || slash === '\\') && hasWordAt(text, index + 2, 'answer>')) return index;
    index = indexOfCounted({ text, needle: '<', from: index + 1, counter });
  }
  return -1;
}

/**
 * The last capture of `/<answer>([\s\S]*?)<[\\/]answer>/gi`: each match runs from the first opening tag at or
 * after the previous match's end to the first closing tag after it.
 */
export function findLastTagCapture(response: string, counter?: ScanCounter): string | undefined {
  let last: string | undefined;
  let from = 0;
  for (;;) {
    const open = findOpeningTag(response, from, counter);
    if (open < 0) return last;
    const close = findClosingTag(response, open + '<answer>'.length, counter);
    if (close < 0) return last;
    last = response.slice(open + '<answer>'.length, close);
    from = close + '</answer>'.length;
  }
}

/** The last `<answer>…</answer>` (also the `<\answer>` closing some prompts ask for), trimmed. */
export function extractTagAnswer(response: string): string | undefined {
  // Fast exit: no tag at all.
  if (!response.includes('<')) return undefined;
  return findLastTagCapture(response)?.trim();
}

/**
 * A tolerant JSON-style answer for the corrected rules: the last `"answer": <value>` whose value is a JSON string
 * (escapes decoded), a list, or a bare token up to `,` or `}`. Single-quoted keys and values are accepted.
 */
export function extractJsonAnswerLenient(response: string): string | undefined {
  const last = findLastLenientValue(response);
  if (last === undefined) return undefined;
  const value = last.trim();
  if (value.startsWith('"')) {
    try {
      return String(JSON.parse(value)).trim();
    } catch {
      return value.slice(1, -1).trim();
    }
  }
  if (value.startsWith("'")) return value.slice(1, -1).trim();
  return value;
}
