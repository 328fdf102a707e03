import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkQuotes, computeQuotePenalty, locateQuote } from './quotes.js';

const NOTE = 'On admission, serum  creatinine was\n1.4 mg/dL. Blood pressure 120/80 mm Hg.';

describe('locateQuote', () => {
  it('finds an exact quote at its offsets', () => {
    const match = locateQuote(NOTE, 'Blood pressure 120/80');
    expect(match).toMatchObject({ found: true, exact: true });
    if (match.found) expect(NOTE.slice(match.span.start, match.span.end)).toBe('Blood pressure 120/80');
  });

  it('finds a quote ignoring case and whitespace, spanning the note’s own text', () => {
    const match = locateQuote(NOTE, '"Serum creatinine was 1.4 MG/DL"');
    expect(match.found).toBe(true);
    if (match.found) {
      expect(match.exact).toBe(false);
      expect(match.span.text).toBe('serum  creatinine was\n1.4 mg/dL');
      expect(NOTE.slice(match.span.start, match.span.end)).toBe(match.span.text);
    }
  });

  it('does not find a fabricated or empty quote', () => {
    expect(locateQuote(NOTE, 'creatinine was 2.1 mg/dL').found).toBe(false);
    expect(locateQuote(NOTE, '  "" ').found).toBe(false);
  });

  it('every found span slices the note exactly (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (note, from, length) => {
        const start = from % (note.length + 1);
        const quote = note.slice(start, start + (length % 20)).toUpperCase();
        const match = locateQuote(note, quote);
        if (match.found) expect(note.slice(match.span.start, match.span.end)).toBe(match.span.text);
      }),
    );
  });
});

describe('checkQuotes', () => {
  it('turns a quote not in the note into an extraction-error warning and halves confidence when all are', () => {
    const checked = checkQuotes(NOTE, [
      { input: 'creatinine', quote: 'creatinine was 2.1 mg/dL', runIndex: 0 },
      { input: 'systolic', quote: null, runIndex: 0 },
    ]);
    expect(checked).toMatchObject({ checked: 1, fabricated: 1, spans: [] });
    expect(checked.findings[0]).toMatchObject({
      category: 'extraction-error',
      severity: 'warning',
      entity: 'creatinine',
    });
    expect(checked.findings[0]?.message).toContain('not found in the note');
    expect(computeQuotePenalty(checked)).toBe(0.5);
    expect(computeQuotePenalty({ checked: 4, fabricated: 1 })).toBe(0.875);
    expect(computeQuotePenalty({ checked: 0, fabricated: 0 })).toBe(1);
  });
});
