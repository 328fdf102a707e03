import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mergeHighlights,
  planExcerptWindows,
  renderHighlightedNote,
  renderNoteExcerpt,
} from './note-excerpt.js';

function unescapeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The text of each `<mark>`, unescaped, in order. */
function markedTexts(html: string): string[] {
  return [...html.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((match) => unescapeHtml(match[1] ?? ''));
}

/** The visible note text: marks unwrapped, finding references and ellipses dropped. */
function plainText(html: string): string {
  return unescapeHtml(
    html
      .replace(/<sup class="evidence-ref"[^>]*>[^<]*<\/sup>/g, '')
      .replace(/<span class="excerpt-gap">…<\/span>/g, '…')
      .replace(/<\/?mark[^>]*>/g, ''),
  );
}

const span = (start: number, end: number, finding = 1) => ({ start, end, findings: [finding] });

describe('renderHighlightedNote', () => {
  it('marks a span at the very start and one at the very end', () => {
    const html = renderHighlightedNote('abcdefghij', [span(0, 2, 1), span(8, 10, 2)]);
    expect(html).toBe(
      '<mark title="Evidence for finding 1" data-findings="1">ab</mark><sup class="evidence-ref" aria-label="Evidence for finding 1">F1</sup>' +
        'cdefgh' +
        '<mark title="Evidence for finding 2" data-findings="2">ij</mark><sup class="evidence-ref" aria-label="Evidence for finding 2">F2</sup>',
    );
  });

  it('merges overlapping spans into one mark that names both findings', () => {
    const html = renderHighlightedNote('abcdefghij', [span(2, 5, 1), span(4, 7, 2)]);
    expect(markedTexts(html)).toEqual(['cdefg']);
    expect(html).toContain('data-findings="1 2"');
    expect(plainText(html)).toBe('abcdefghij');
  });

  it('merges adjacent spans (end of one = start of the next) into one mark', () => {
    const html = renderHighlightedNote('abcdefghij', [span(4, 6, 2), span(2, 4, 1)]);
    expect(markedTexts(html)).toEqual(['cdef']);
    expect(html.match(/<mark/g)).toHaveLength(1);
  });

  it('keeps a span nested in another as one mark over the outer span', () => {
    expect(markedTexts(renderHighlightedNote('abcdefghij', [span(1, 9), span(3, 4, 2)]))).toEqual([
      'bcdefghi',
    ]);
  });

  it('escapes the note correctly when a span starts or ends next to or between special characters', () => {
    const note = 'a&b<c>"d\'e';
    expect(renderHighlightedNote(note, [span(1, 4)])).toBe(
      'a<mark title="Evidence for finding 1" data-findings="1">&amp;b&lt;</mark><sup class="evidence-ref" aria-label="Evidence for finding 1">F1</sup>c&gt;&quot;d&#39;e',
    );
    for (let start = 0; start < note.length; start++) {
      for (let end = start + 1; end <= note.length; end++) {
        const html = renderHighlightedNote(note, [span(start, end)]);
        expect(markedTexts(html)).toEqual([note.slice(start, end)]);
        expect(plainText(html)).toBe(note);
      }
    }
  });

  it('clamps spans outside the note and drops empty, reversed or non-numeric ones', () => {
    expect(
      mergeHighlights('abc', [span(-5, 1), span(2, 99), span(1, 1), span(2, 1), span(Number.NaN, 2)]),
    ).toEqual([
      { start: 0, end: 1, findings: [1] },
      { start: 2, end: 3, findings: [1] },
    ]);
    expect(renderHighlightedNote('abc', [])).toBe('abc');
    expect(renderHighlightedNote('', [span(0, 3)])).toBe('');
  });

  it('never splits a surrogate pair', () => {
    const note = 'x😀y';
    expect(markedTexts(renderHighlightedNote(note, [span(2, 4)]))).toEqual(['😀y']);
    expect(markedTexts(renderHighlightedNote(note, [span(0, 2)]))).toEqual(['x😀']);
  });

  it('marks exactly the union of the spans and keeps every character (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '\n'), maxLength: 60 }),
        fc.array(fc.tuple(fc.nat(70), fc.nat(70)), { maxLength: 6 }),
        (note, pairs) => {
          const highlights = pairs.map(([a, b], index) => span(Math.min(a, b), Math.max(a, b), index + 1));
          const html = renderHighlightedNote(note, highlights);
          expect(plainText(html)).toBe(note);
          const covered = new Set<number>();
          for (const { start, end } of highlights) {
            for (let index = start; index < Math.min(end, note.length); index++) covered.add(index);
          }
          const expected: string[] = [];
          let run = '';
          for (let index = 0; index <= note.length; index++) {
            if (covered.has(index)) run += note.charAt(index);
            else if (run !== '') {
              expected.push(run);
              run = '';
            }
          }
          expect(markedTexts(html)).toEqual(expected);
        },
      ),
    );
  });
});

describe('renderNoteExcerpt', () => {
  const words = Array.from({ length: 60 }, (_, index) => `w${String(index).padStart(2, '0')}`);
  const note = words.join(' ');
  const at = (word: string) => note.indexOf(word);

  it('shows windows around distant spans with ellipses, cut at word boundaries', () => {
    const html = renderNoteExcerpt(
      note,
      [span(at('w10'), at('w10') + 3), span(at('w50'), at('w50') + 3, 2)],
      {
        context: 8,
      },
    );
    expect(plainText(html)).toBe('… w08 w09 w10 w11 w12 … w48 w49 w50 w51 w52 …');
    expect(markedTexts(html)).toEqual(['w10', 'w50']);
  });

  it('joins windows that overlap', () => {
    const html = renderNoteExcerpt(
      note,
      [span(at('w10'), at('w10') + 3), span(at('w13'), at('w13') + 3, 2)],
      {
        context: 8,
      },
    );
    expect(plainText(html)).toBe('… w08 w09 w10 w11 w12 w13 w14 w15 …');
  });

  it('has no leading ellipsis for a span at the note start nor a trailing one for a span at the end', () => {
    expect(plainText(renderNoteExcerpt(note, [span(0, 3)], { context: 4 }))).toBe('w00 w01 …');
    expect(plainText(renderNoteExcerpt(note, [span(note.length - 3, note.length)], { context: 4 }))).toBe(
      '… w58 w59',
    );
  });

  it('is empty when there is nothing to mark', () => {
    expect(renderNoteExcerpt(note, [])).toBe('');
    expect(planExcerptWindows(note, [])).toEqual([]);
  });
});
