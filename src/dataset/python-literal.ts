/**
 * A strict parser for Python literals as MedCalc-Bench writes `Relevant Entities`: dicts, lists, tuples, sets,
 * str (single/double/triple quotes, escapes, r/u prefixes, implicit concatenation), int/float (underscores,
 * exponents, hex/octal/binary), True/False/None. Dicts become plain objects (keys must be str or int), lists and
 * tuples become arrays, None becomes null. Anything else is a parse error with its offset; nothing is "repaired".
 * Containers may nest at most `MAX_LITERAL_DEPTH` levels, so any input is an error or a value, never a stack
 * overflow; the work is linear in the text's length.
 */

/**
 * How deep dicts, lists, tuples, sets and parentheses may nest. MedCalc-Bench entities nest at most three levels
 * (a dict of lists); 64 leaves ample room and keeps the recursive parser far from the stack limit.
 */
export const MAX_LITERAL_DEPTH = 64;

export type PythonValue = null | boolean | number | string | PythonValue[] | { [key: string]: PythonValue };

export class PythonLiteralError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(`${message} at offset ${offset}`);
    this.name = 'PythonLiteralError';
    this.offset = offset;
  }
}

export type PythonParseResult =
  { ok: true; value: PythonValue } | { ok: false; error: string; offset: number };

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** A Python number token, matched in place (sticky) at the parser's position. Every branch ends in optional parts, so
 * the first attempt succeeds: no backtracking beyond the token. */
const NUMBER_TOKEN =
  /[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?(?:[eE][+-]?\d(?:_?\d)*)?)/y;

class Parser {
  private position = 0;
  private depth = 0;
  constructor(private readonly text: string) {}

  parseDocument(): PythonValue {
    const value = this.parseValue();
    this.skipSpace();
    if (this.position < this.text.length)
      this.fail(`unexpected "${this.text[this.position]}" after the value`);
    return value;
  }

  private fail(message: string): never {
    throw new PythonLiteralError(message, this.position);
  }

  private skipSpace(): void {
    while (this.position < this.text.length) {
      const char = this.text[this.position];
      if (char === ' ' || char === '\t' || char === '\n' || char === '\r') this.position++;
      else if (char === '#') {
        while (this.position < this.text.length && this.text[this.position] !== '\n') this.position++;
      } else break;
    }
  }

  private parseValue(): PythonValue {
    this.skipSpace();
    const char = this.text[this.position];
    if (char === undefined) this.fail('unexpected end of input');
    if (char === '{') return this.nest(() => this.parseDictOrSet());
    if (char === '[') return this.nest(() => this.parseSequence('[', ']'));
    if (char === '(') return this.nest(() => this.parseTuple());
    if (char === "'" || char === '"') return this.parseStrings();
    if (/[rRuUbB]/.test(char) && /['"]/.test(this.peekAfterPrefix())) return this.parseStrings();
    if (/[0-9.+-]/.test(char)) return this.parseNumber();
    return this.parseKeyword();
  }

  /** Parses one container level, failing (not overflowing the stack) beyond MAX_LITERAL_DEPTH. */
  private nest(parse: () => PythonValue): PythonValue {
    if (this.depth >= MAX_LITERAL_DEPTH) this.fail(`nested deeper than ${MAX_LITERAL_DEPTH} levels`);
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private peekAfterPrefix(): string {
    let index = this.position;
    while (index < this.text.length && /[rRuUbB]/.test(this.text[index] ?? '') && index - this.position < 2)
      index++;
    return this.text[index] ?? '';
  }

  private parseKeyword(): PythonValue {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.position, this.position + 40));
    const word = match?.[0];
    if (word === 'True' || word === 'False' || word === 'None') {
      this.position += word.length;
      return word === 'None' ? null : word === 'True';
    }
    return this.fail(
      word === undefined ? `unexpected "${this.text[this.position]}"` : `unsupported name "${word}"`,
    );
  }

  private parseNumber(): number {
    NUMBER_TOKEN.lastIndex = this.position;
    const match = NUMBER_TOKEN.exec(this.text);
    const token = match?.[0] ?? '';
    if (!/\d/.test(token)) this.fail('malformed number');
    const sign = token.startsWith('-') ? -1 : 1;
    const body = token.replace(/^[+-]/, '').replace(/_/g, '');
    let value: number;
    if (/^0[xX]/.test(body)) value = parseInt(body.slice(2), 16);
    else if (/^0[oO]/.test(body)) value = parseInt(body.slice(2), 8);
    else if (/^0[bB]/.test(body)) value = parseInt(body.slice(2), 2);
    else {
      if (/^0\d/.test(body) && /^\d+$/.test(body) && !/^0+$/.test(body))
        this.fail('leading zeros in an integer');
      value = Number(body);
    }
    if (!Number.isFinite(value)) this.fail('malformed number');
    this.position += token.length;
    if (/^[A-Za-z_]/.test(this.text[this.position] ?? '')) this.fail('malformed number');
    return sign * value;
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private parseStrings(): string {
    let result = this.parseString();
    for (;;) {
      const save = this.position;
      this.skipSpace();
      const char = this.text[this.position] ?? '';
      if (char === "'" || char === '"' || (/[rRuU]/.test(char) && /['"]/.test(this.peekAfterPrefix()))) {
        result += this.parseString();
      } else {
        this.position = save;
        return result;
      }
    }
  }

  private parseString(): string {
    let raw = false;
    while (/[rRuUbB]/.test(this.text[this.position] ?? '')) {
      const prefix = (this.text[this.position] ?? '').toLowerCase();
      if (prefix === 'b') this.fail('bytes literals are not supported');
      if (prefix === 'r') raw = true;
      this.position++;
    }
    const quote = this.text[this.position] ?? '';
    const triple = this.text.startsWith(quote.repeat(3), this.position);
    const delimiter = triple ? quote.repeat(3) : quote;
    const start = this.position;
    this.position += delimiter.length;
    let result = '';
    for (;;) {
      if (this.position >= this.text.length) {
        this.position = start;
        this.fail('unterminated string');
      }
      if (this.text.startsWith(delimiter, this.position)) {
        this.position += delimiter.length;
        return result;
      }
      const char = this.text[this.position] ?? '';
      if (!triple && char === '\n') this.fail('newline inside a single-quoted string');
      if (char === '\\') {
        result += raw ? this.readRawEscape() : this.readEscape();
        continue;
      }
      result += char;
      this.position++;
    }
  }

  private readRawEscape(): string {
    const next = this.text[this.position + 1] ?? '';
    this.position += 2;
    return `\\${next}`;
  }

  private readEscape(): string {
    const next = this.text[this.position + 1];
    if (next === undefined) this.fail('dangling backslash');
    this.position += 2;
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return simple;
    if (next === '\n') return '';
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const digits = this.text.slice(this.position, this.position + hexLength);
      if (!new RegExp(`^[0-9a-fA-F]{${hexLength}}$`).test(digits)) this.fail(`malformed \\${next} escape`);
      this.position += hexLength;
      const codePoint = parseInt(digits, 16);
      if (codePoint > 0x10ffff) this.fail('escape beyond Unicode');
      return String.fromCodePoint(codePoint);
    }
    if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(this.text[this.position] ?? ''))
        digits += this.text[this.position++];
      return String.fromCodePoint(parseInt(digits, 8));
    }
    if (next === 'N') this.fail('named Unicode escapes are not supported');
    // Python keeps unknown escapes verbatim.
    return `\\${next}`;
  }

  private parseItems(close: string): PythonValue[] {
    const items: PythonValue[] = [];
    for (;;) {
      this.skipSpace();
      if (this.text[this.position] === close) {
        this.position++;
        return items;
      }
      items.push(this.parseValue());
      this.skipSpace();
      const char = this.text[this.position];
      if (char === ',') this.position++;
      else if (char !== close)
        this.fail(char === undefined ? `missing "${close}"` : `expected "," or "${close}"`);
    }
  }

  private parseSequence(open: string, close: string): PythonValue[] {
    this.position += open.length;
    return this.parseItems(close);
  }

  private parseTuple(): PythonValue {
    const start = this.position;
    this.position++;
    this.skipSpace();
    if (this.text[this.position] === ')') {
      this.position++;
      return [];
    }
    const first = this.parseValue();
    this.skipSpace();
    if (this.text[this.position] === ')') {
      // "(x)" is a parenthesised value in Python, not a tuple; we keep it as the value inside.
      this.position++;
      return first;
    }
    if (this.text[this.position] !== ',') {
      this.position = start;
      this.fail('malformed tuple');
    }
    this.position++;
    return [first].concat(this.parseItems(')'));
  }

  private parseDictOrSet(): PythonValue {
    this.position++;
    this.skipSpace();
    const result: { [key: string]: PythonValue } = {};
    if (this.text[this.position] === '}') {
      this.position++;
      return result;
    }
    const firstKey = this.parseValue();
    this.skipSpace();
    if (this.text[this.position] !== ':') {
      // A set literal: keep it as a list.
      let items = [firstKey];
      if (this.text[this.position] === ',') {
        this.position++;
        // concat, not push(...): spreading a 200,000-item set into arguments overflows the stack.
        items = items.concat(this.parseItems('}'));
      } else if (this.text[this.position] === '}') this.position++;
      else this.fail('expected ":" or ","');
      return items;
    }
    let key: PythonValue = firstKey;
    for (;;) {
      if (typeof key !== 'string' && typeof key !== 'number')
        this.fail('dict keys must be strings or numbers');
      this.skipSpace();
      if (this.text[this.position] !== ':') this.fail('expected ":"');
      this.position++;
      const value = this.parseValue();
      Object.defineProperty(result, String(key), {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      const char = this.text[this.position];
      if (char === ',') {
        this.position++;
        this.skipSpace();
        if (this.text[this.position] === '}') {
          this.position++;
          return result;
        }
        key = this.parseValue();
        continue;
      }
      if (char === '}') {
        this.position++;
        return result;
      }
      this.fail(char === undefined ? 'missing "}"' : 'expected "," or "}"');
    }
  }
}

/** Parses a Python literal; throws PythonLiteralError. */
export function parsePythonLiteral(text: string): PythonValue {
  return new Parser(text).parseDocument();
}

/** Parses a Python literal without throwing. */
export function safeParsePythonLiteral(text: string): PythonParseResult {
  try {
    return { ok: true, value: parsePythonLiteral(text) };
  } catch (error) {
    if (error instanceof PythonLiteralError) return { ok: false, error: error.message, offset: error.offset };
    throw error;
  }
}
