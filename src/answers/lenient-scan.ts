import { hasWordAt, indexOfCounted, type ScanCounter } from './text-scan.js';

/**
 * A linear-time equivalent of the lenient answer pattern
 * `/["']answer["']\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\[[^\]]*\]|\([^)]*\)|[^,}\n]+)/gi`, which backtracked
 * quadratically on, e.g., `"answer": [,` repeated with no `]`. It yields the same last capture: tried in the
 * pattern's order, a quoted value must close, a bracketed one must find its closer, and otherwise the value is the
 * text up to `,`, `}` or a line feed (when that is empty the pattern's `\s*` gives back one whitespace character).
 */

const WHITESPACE = /\s/;
/** What `.` does not match (no `s` flag). */
const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029']);

function isWhitespace(char: string | undefined): boolean {
  return char !== undefined && WHITESPACE.test(char);
}

function isQuote(char: string | undefined): boolean {
  return char === '"' || char === "'";
}

interface ValueMatch {
  value: string;
  end: number;
}

class LenientScanner {
  /** Per quote character, the last string scan that found no closing quote: [opened at, failed at]. */
  private readonly failedStrings = new Map<string, [number, number]>();
  /** Per closer (`]`, `)`), the position from which it no longer occurs. */
  private readonly absentFrom = new Map<string, number>();

  constructor(
    private readonly text: string,
    private readonly counter: ScanCounter | undefined,
  ) {}

  private count(steps: number): void {
    if (this.counter) this.counter.steps += steps;
  }

  findLast(): string | undefined {
    const text = this.text;
    let last: string | undefined;
    let position = 0;
    while (position < text.length) {
      this.count(1);
      if (isQuote(text[position]) && hasWordAt(text, position + 1, 'answer') && isQuote(text[position + 7])) {
        const match = this.matchValue(position + 8);
        if (match !== undefined) {
          last = match.value;
          position = match.end;
          continue;
        }
      }
      position++;
    }
    return last;
  }

  /** The value after a key ending at `afterKey`, or undefined when the pattern does not match there. */
  private matchValue(afterKey: number): ValueMatch | undefined {
    const text = this.text;
    let index = afterKey;
    while (isWhitespace(text[index])) index++;
    this.count(index - afterKey + 1);
    if (text[index] !== ':') return undefined;
    const spaceStart = index + 1;
    let start = spaceStart;
    while (isWhitespace(text[start])) start++;
    this.count(start - spaceStart);
    const first = text[start];
    if (isQuote(first)) {
      const close = this.closeString(start, first ?? '');
      if (close >= 0) return { value: text.slice(start, close + 1), end: close + 1 };
    } else if (first === '[' || first === '(') {
      const close = this.findCloser(first === '[' ? ']' : ')', start + 1);
      if (close >= 0) return { value: text.slice(start, close + 1), end: close + 1 };
    }
    if (first !== undefined && first !== ',' && first !== '}' && first !== '\n') {
      let end = start + 1;
      while (end < text.length && text[end] !== ',' && text[end] !== '}' && text[end] !== '\n') end++;
      this.count(end - start);
      return { value: text.slice(start, end), end };
    }
    // `\s*` gives back whitespace: the bare value can be the last whitespace character that is not a line feed.
    for (let back = start - 1; back >= spaceStart; back--) {
      this.count(1);
      if (text[back] !== '\n') return { value: text[back] ?? '', end: back + 1 };
    }
    return undefined;
  }

  /**
   * Index of the quote closing a string opened at `open`, or -1. A scan that fails stays failed for any later
   * opening inside it: that quote was escaped in the earlier scan, so both scans continue in step to the same end.
   */
  private closeString(open: number, quote: string): number {
    const text = this.text;
    const failed = this.failedStrings.get(quote);
    if (failed !== undefined && open > failed[0] && open < failed[1]) return -1;
    let index = open + 1;
    for (;;) {
      if (index >= text.length) break;
      const char = text[index];
      if (char === quote) {
        this.count(index - open);
        return index;
      }
      if (char === '\\') {
        const next = text[index + 1];
        if (next === undefined || LINE_TERMINATORS.has(next)) break;
        index += 2;
      } else index++;
    }
    this.count(index - open);
    this.failedStrings.set(quote, [open, index]);
    return -1;
  }

  private findCloser(closer: string, from: number): number {
    const absent = this.absentFrom.get(closer);
    if (absent !== undefined && from >= absent) return -1;
    const index = indexOfCounted({ text: this.text, needle: closer, from, counter: this.counter });
    if (index < 0) this.absentFrom.set(closer, from);
    return index;
  }
}

/** The last value capture of the lenient answer pattern (see the module comment), or undefined. */
export function findLastLenientValue(text: string, counter?: ScanCounter): string | undefined {
  return new LenientScanner(text, counter).findLast();
}
