import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RULE_SETS } from './index.js';
import {
  extractJsonAnswerLenient,
  extractJsonAnswerV1,
  extractTagAnswer,
  findLastTagCapture,
  findLastV1Capture,
} from './extract-raw.js';
import { findLastLenientValue } from './lenient-scan.js';
import { stripRuns, type ScanCounter } from './text-scan.js';
import type { AnswerStyle } from './types.js';

/** The patterns the scanners replace, verbatim: the reference they must agree with. */
const ORIGINAL = {
  v1: /[Aa]nswer":\s*(.*?)\}/g,
  tag: /<answer>([\s\S]*?)<[\\/]answer>/gi,
  lenient: /["']answer["']\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\]|\([^)]*\)|[^,}\n]+)/gi,
};

function lastCapture(pattern: RegExp, text: string): string | undefined {
  let last: string | undefined;
  for (const match of text.matchAll(pattern)) last = match[1];
  return last;
}

const PIECES = [
  'answer',
  'Answer',
  'ANSWER',
  'nswer',
  '"',
  "'",
  ':',
  ' ',
  '  ',
  '\n',
  '\r',
  '\t',
  '\u2028',
  '\\',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ',',
  '<answer>',
  '</answer>',
  '<\\answer>',
  '<ANSWER>',
  '</Answer>',
  '<',
  '/',
  '1',
  'x',
  '"answer": ',
  "'answer':",
  '"answer":"',
];
const modelText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const anyText = fc.oneof(modelText, fc.string({ unit: 'binary', maxLength: 200 }));

/** Responses built to make a backtracking extractor quadratic: a key repeated with no closing delimiter. */
function adversarialResponses(repetitions: number): Record<string, string> {
  return {
    repeatedKey: `{"answer": ${'"answer": '.repeat(repetitions)}`,
    repeatedThinking: `{"step_by_step_thinking": ${'"step_by_step_thinking": "answer": '.repeat(repetitions)}`,
    openTags: '<answer>'.repeat(repetitions),
    lenientBrackets: '"answer": [,'.repeat(repetitions),
    lenientParentheses: "'answer': (}".repeat(repetitions),
    lenientStrings: `"answer": "${'\\"answer\\": \\"'.repeat(repetitions)}`,
    quotes: `{"answer": ${'"'.repeat(repetitions * 10)}x }`,
  };
}

function countSteps(scan: (text: string, counter: ScanCounter) => unknown, text: string): number {
  const counter = { steps: 0 };
  scan(text, counter);
  return counter.steps;
}

describe('answer extraction scanners agree with the patterns they replace', () => {
  it('findLastV1Capture = last capture of /[Aa]nswer":\\s*(.*?)\\}/g on collapsed text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const collapsed = text.replace(/\s+/g, ' ');
        expect(findLastV1Capture(collapsed)).toBe(lastCapture(ORIGINAL.v1, collapsed));
      }),
      { numRuns: 3000 },
    );
  });

  it('findLastTagCapture = last capture of /<answer>([\\s\\S]*?)<[\\\\/]answer>/gi', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(findLastTagCapture(text)).toBe(lastCapture(ORIGINAL.tag, text));
      }),
      { numRuns: 3000 },
    );
  });

  it('findLastLenientValue = last capture of the lenient answer pattern', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(findLastLenientValue(text)).toBe(lastCapture(ORIGINAL.lenient, text));
      }),
      { numRuns: 5000 },
    );
  });

  it('stripRuns = replace(/^"+|"+$/g, "")', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('"', 'a', ' ', "'"), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(stripRuns(text, '"')).toBe(text.replace(/^"+|"+$/g, ''));
        expect(stripRuns(text, `"'`)).toBe(text.replace(/^["']+|["']+$/g, ''));
      }),
    );
  });
});

describe('answer extraction on any input', () => {
  it('never throws, and what it extracts comes from the response', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const extract of [extractJsonAnswerV1, extractTagAnswer, extractJsonAnswerLenient]) {
          const answer = extract(text);
          if (answer !== undefined && extract !== extractJsonAnswerLenient)
            expect(text.replace(/\s+/g, ' ')).toContain(answer.replace(/\s+/g, ' '));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('is idempotent: an extracted answer put back in its own wrapper extracts to itself', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tagged = extractTagAnswer(text);
        if (tagged !== undefined && !/<[\\/]answer>/i.test(tagged))
          expect(extractTagAnswer(`<answer>${tagged}</answer>`)).toBe(tagged);
        const json = extractJsonAnswerV1(text);
        if (json !== undefined && !json.includes('}'))
          expect(extractJsonAnswerV1(`{"answer": "${json}"}`)).toBe(json);
      }),
      { numRuns: 2000 },
    );
  });

  it('does work linear in the response length on adversarial responses (steps counted, n vs 4n)', () => {
    const small = adversarialResponses(5_000);
    const large = adversarialResponses(20_000);
    for (const name of Object.keys(small)) {
      const smallText = small[name] ?? '';
      const largeText = large[name] ?? '';
      for (const scan of [findLastV1Capture, findLastTagCapture, findLastLenientValue]) {
        const smallSteps = countSteps(scan, smallText);
        const largeSteps = countSteps(scan, largeText);
        // Linear: at most a few reads per character, and 4× the input is at most ~4× the work.
        expect(largeSteps, `${name} / ${scan.name}`).toBeLessThanOrEqual(4 * largeText.length);
        expect(largeSteps, `${name} / ${scan.name}`).toBeLessThanOrEqual(4.5 * Math.max(smallSteps, 1));
      }
    }
  });

  it('scores the 200,000-repetition responses of issue 17 with every rule set and style', () => {
    const item = { calculatorId: 6, label: '24.2', lowerLimit: '23', upperLimit: '25.4' };
    for (const response of Object.values(adversarialResponses(200_000))) {
      for (const ruleSet of Object.values(RULE_SETS)) {
        for (const style of ['json', 'tag', 'auto'] as AnswerStyle[]) {
          expect(ruleSet.scoreResponse(response, item, style).correct).toBe(false);
        }
      }
    }
  }, 20_000);
});
