import { describe, expect, it } from 'vitest';
import { splitIntoChunks, storableJson, storableText } from './storable.js';

describe('storableJson', () => {
  it('replaces a real NUL in string values and keys by U+FFFD', () => {
    expect(storableJson({ 'a\u0000b': ['x\u0000', { deep: '\u0000' }], n: 1, t: true, z: null })).toEqual({
      'a\uFFFDb': ['x\uFFFD', { deep: '\uFFFD' }],
      n: 1,
      t: true,
      z: null,
    });
  });

  it('keeps the six characters \\u0000 written out in a string (no NUL in it)', () => {
    const text = String.raw`a regex like /\u0000/ or a path C:\u0000dir`;
    expect(text).toHaveLength(43);
    expect(storableJson({ message: text, list: [text] })).toEqual({ message: text, list: [text] });
    // A string with both: only the real NUL changes.
    expect(storableJson([`${String.raw`\u0000`}\u0000`])).toEqual([`${String.raw`\u0000`}\uFFFD`]);
  });

  it('stores undefined and null as SQL NULL and writes a Date as JSON would', () => {
    expect(storableJson(undefined)).toBeNull();
    expect(storableJson(null)).toBeNull();
    expect(storableJson({ at: new Date('2026-01-02T03:04:05.000Z') })).toEqual({
      at: '2026-01-02T03:04:05.000Z',
    });
  });
});

describe('storableText and splitIntoChunks', () => {
  it('replaces NUL in text and splits inserts into chunks', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText(undefined)).toBeUndefined();
    expect(splitIntoChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});
