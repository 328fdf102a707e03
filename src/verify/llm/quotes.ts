import type { EvidenceSpan, Finding } from '../types.js';

/** Where a model's quote sits in the note: found (exactly, or ignoring case and whitespace), or not at all. */
export type QuoteMatch =
  { found: true; exact: boolean; span: EvidenceSpan } | { found: false; quote: string };

/** Quote marks and ellipses models wrap around a quotation; they are not part of the note's text. */
const WRAPPING = /^[\s"'“”‘’`«»…]+|[\s"'“”‘’`«»…]+$/g;

interface NormalizedText {
  text: string;
  /** For each code unit of `text`: the original offset where the character it came from starts. */
  starts: number[];
  /** For each code unit of `text`: the original offset just after the character it came from. */
  ends: number[];
}

/** Lower-cased, with every whitespace run collapsed to one space, keeping a map back to original offsets. */
function normalizeText(text: string): NormalizedText {
  const normalized: NormalizedText = { text: '', starts: [], ends: [] };
  let offset = 0;
  let inSpace = false;
  for (const character of text) {
    const start = offset;
    offset += character.length;
    if (/\s/.test(character)) {
      if (!inSpace) {
        normalized.text += ' ';
        normalized.starts.push(start);
        normalized.ends.push(offset);
      }
      inSpace = true;
      continue;
    }
    inSpace = false;
    const lower = character.toLowerCase();
    normalized.text += lower;
    for (let unit = 0; unit < lower.length; unit++) {
      normalized.starts.push(start);
      normalized.ends.push(offset);
    }
  }
  return normalized;
}

/**
 * Finds a verbatim quote in the note: first exactly, then ignoring case and runs of whitespace. The span is mapped
 * back to the note's own offsets, so `note.slice(span.start, span.end) === span.text` always holds (the text is
 * the note's, not the model's). Quote marks and ellipses around the quote are ignored; an empty quote is not found.
 */
export function locateQuote(note: string, quote: string): QuoteMatch {
  const trimmed = quote.replace(WRAPPING, '');
  if (trimmed === '') return { found: false, quote };
  const exact = note.indexOf(trimmed);
  if (exact >= 0) {
    return { found: true, exact: true, span: { start: exact, end: exact + trimmed.length, text: trimmed } };
  }
  const haystack = normalizeText(note);
  const needle = normalizeText(trimmed).text.trim();
  const at = needle === '' ? -1 : haystack.text.indexOf(needle);
  if (at < 0) return { found: false, quote };
  const start = haystack.starts[at] ?? 0;
  const end = haystack.ends[at + needle.length - 1] ?? start;
  return { found: true, exact: false, span: { start, end, text: note.slice(start, end) } };
}

/** The quotes of one verdict, checked: evidence for the found ones, a finding for each one not in the note. */
export interface CheckedQuotes {
  spans: EvidenceSpan[];
  findings: Finding[];
  checked: number;
  fabricated: number;
}

/**
 * Checks each `{ input, quote }` against the note. A quote that is not in the note is an `extraction-error`
 * warning naming the input (the model claimed evidence the note does not contain); null or empty quotes are
 * skipped (not every answer has one).
 */
export function checkQuotes(
  note: string,
  quotes: readonly { input: string; quote: string | null; runIndex: number }[],
): CheckedQuotes {
  const checked: CheckedQuotes = { spans: [], findings: [], checked: 0, fabricated: 0 };
  for (const { input, quote, runIndex } of quotes) {
    if (quote === null || quote.trim() === '') continue;
    checked.checked += 1;
    const match = locateQuote(note, quote);
    if (match.found) {
      checked.spans.push(match.span);
      continue;
    }
    checked.fabricated += 1;
    checked.findings.push({
      category: 'extraction-error',
      severity: 'warning',
      entity: input,
      message: `run ${runIndex}: the quote given for ${input} was not found in the note: "${quote.slice(0, 200)}"`,
      evidence: [],
    });
  }
  return checked;
}

/**
 * How much a verdict's confidence keeps when some of its quotes are not in the note: 1 with none fabricated,
 * down to 0.5 when every quote is (the verdict's reading of the note is then unsupported).
 */
export function computeQuotePenalty(checked: Pick<CheckedQuotes, 'checked' | 'fabricated'>): number {
  return checked.checked === 0 ? 1 : 1 - 0.5 * (checked.fabricated / checked.checked);
}
