import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, safeParsePythonLiteral, type PythonValue } from './python-literal.js';

describe('parsePythonLiteral', () => {
  it('parses a MedCalc-Bench entity dict with units, booleans and nested lists', () => {
    const text = "{'age': [87, 'years'], 'Hemoptysis': False, 'sex': 'Female', 'pH': 7.53, 'x': None}";
    expect(parsePythonLiteral(text)).toEqual({
      age: [87, 'years'],
      Hemoptysis: false,
      sex: 'Female',
      pH: 7.53,
      x: null,
    });
  });

  it('keeps apostrophes inside double-quoted strings and escaped quotes inside single-quoted ones', () => {
    expect(parsePythonLiteral(`{"Wells' criteria": True, 'it\\'s': 'a "b"'}`)).toEqual({
      "Wells' criteria": true,
      "it's": 'a "b"',
    });
  });

  it('keeps unicode such as µ, ₂ and ≥ untouched', () => {
    expect(
      parsePythonLiteral("{'PaO₂': [80, 'mm Hg'], 'Platelet count': [149000.0, 'µL'], 'k': '≥24 hours'}"),
    ).toEqual({
      'PaO₂': [80, 'mm Hg'],
      'Platelet count': [149000, 'µL'],
      k: '≥24 hours',
    });
  });

  it('reads tuples as arrays, "(x)" as x, and the input-steroid triple', () => {
    expect(parsePythonLiteral("('14 weeks', '1 days')")).toEqual(['14 weeks', '1 days']);
    expect(parsePythonLiteral('(5)')).toBe(5);
    expect(parsePythonLiteral('(5,)')).toEqual([5]);
    expect(parsePythonLiteral("{'input steroid': ['Dexamethasone PO', 7.96, 'mg']}")).toEqual({
      'input steroid': ['Dexamethasone PO', 7.96, 'mg'],
    });
  });

  it('parses numbers as Python does: exponents, underscores, hex, signs, 1e8 cell counts', () => {
    expect(parsePythonLiteral('[1.19e8, -3, +2.5, 1_000, 0x1F, .5, 5., 0, 00]')).toEqual([
      1.19e8, -3, 2.5, 1000, 31, 0.5, 5, 0, 0,
    ]);
  });

  it('handles escapes: \\n, \\x, \\u, \\U, octal, line continuation, raw strings, implicit concatenation', () => {
    expect(parsePythonLiteral("'a\\nb\\x41\\u00b5\\U0001F600\\101'")).toBe('a\nbAµ😀A');
    expect(parsePythonLiteral("r'\\d+'")).toBe('\\d+');
    expect(parsePythonLiteral('\'ab\' "cd"')).toBe('abcd');
    expect(parsePythonLiteral("'''multi\nline'''")).toBe('multi\nline');
  });

  it('treats an empty dict, trailing commas and comments correctly', () => {
    expect(parsePythonLiteral('{}')).toEqual({});
    expect(parsePythonLiteral("{'a': 1,}")).toEqual({ a: 1 });
    expect(parsePythonLiteral('[1, 2, # two\n 3]')).toEqual([1, 2, 3]);
  });

  it('does not let a "__proto__" key pollute prototypes', () => {
    const value = parsePythonLiteral("{'__proto__': {'polluted': True}}") as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ["{'a': 1", 'missing "}"'],
    ["{'a' 1}", 'expected ":"'],
    ["{'a': tru}", 'unsupported name "tru"'],
    ["'unterminated", 'unterminated string'],
    ['[1, 2', 'missing "]"'],
    ["{'a': 1} extra", 'after the value'],
    ['{[1]: 2}', 'dict keys must be strings or numbers'],
    ['007', 'leading zeros'],
    ["{'a': float('nan')}", 'unsupported name "float"'],
    ["b'bytes'", 'bytes literals are not supported'],
    ['', 'unexpected end of input'],
  ])('rejects %s with a reason and an offset', (text, reason) => {
    const result = safeParsePythonLiteral(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(reason);
      expect(result.offset).toBeGreaterThanOrEqual(0);
    }
  });

  it('round-trips any value written out as a Python literal (property)', () => {
    const key = fc.string({ unit: 'grapheme', maxLength: 12 });
    const leaf = fc.oneof(
      fc.constant(null),
      fc.boolean(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => (Object.is(value, -0) ? 0 : value)),
      fc.integer(),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    );
    const value: fc.Arbitrary<PythonValue> = fc.letrec<{ value: PythonValue }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('value'), { maxLength: 4 }),
        fc.dictionary(key, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    fc.assert(
      fc.property(value, fc.boolean(), (input, tuples) => {
        expect(parsePythonLiteral(writePython(input, tuples))).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but a parse result on arbitrary text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const result = safeParsePythonLiteral(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

/** Writes a value the way Python's repr would (strings escaped with a random quote style). */
function writePython(value: PythonValue, tuples: boolean): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number')
    return Number.isInteger(value) && Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
  if (typeof value === 'string') return writeString(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => writePython(item, tuples));
    if (tuples && items.length > 0) return `(${items.join(', ')},)`;
    return `[${items.join(', ')}]`;
  }
  return `{${Object.entries(value)
    .map(([key, item]) => `${writeString(key)}: ${writePython(item, tuples)}`)
    .join(', ')}}`;
}

function writeString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '\\') body += '\\\\';
    else if (char === quote) body += `\\${quote}`;
    else if (char === '\n') body += '\\n';
    else if (char === '\r') body += '\\r';
    else if (code < 0x20 || code === 0x7f) body += `\\x${code.toString(16).padStart(2, '0')}`;
    else body += char;
  }
  return `${quote}${body}${quote}`;
}
