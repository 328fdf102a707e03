import { escapeHtml } from './escape-html.js';

/** A stretch of the note to highlight, with the numbers of the findings it is evidence for. */
export interface NoteHighlight {
  start: number;
  end: number;
  findings: readonly number[];
}

/** Highlights after clamping, snapping and merging: disjoint, sorted, never touching. */
export interface MarkedRange {
  start: number;
  end: number;
  findings: number[];
}

export interface NoteExcerptOptions {
  /** Characters of context kept on each side of a highlight (before snapping to a word boundary); default 80. */
  context?: number;
}

const DEFAULT_CONTEXT = 80;
/** How far a window edge may move outwards to reach whitespace instead of cutting a word. */
const WORD_SNAP = 20;
/** Windows closer than this are joined: an ellipsis that hides a few characters only gets in the way. */
const JOIN_GAP = 16;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Moves a boundary off the middle of a surrogate pair (outwards), so no half character is ever emitted. */
function snapToCharacter(text: string, offset: number, direction: 'backward' | 'forward'): number {
  if (offset <= 0 || offset >= text.length) return offset;
  const splitsPair = isHighSurrogate(text.charCodeAt(offset - 1)) && isLowSurrogate(text.charCodeAt(offset));
  if (!splitsPair) return offset;
  return direction === 'backward' ? offset - 1 : offset + 1;
}

function clampOffset(value: number, length: number): number {
  return Math.min(Math.max(Math.trunc(value), 0), length);
}

/**
 * Clamps the highlights to the note, drops empty or non-numeric ones, and merges those that overlap or touch
 * into single ranges (so one `<mark>` per contiguous stretch of evidence).
 */
export function mergeHighlights(note: string, highlights: readonly NoteHighlight[]): MarkedRange[] {
  const ranges = highlights
    .filter((highlight) => Number.isFinite(highlight.start) && Number.isFinite(highlight.end))
    .map((highlight) => ({
      start: snapToCharacter(note, clampOffset(highlight.start, note.length), 'backward'),
      end: snapToCharacter(note, clampOffset(highlight.end, note.length), 'forward'),
      findings: [...highlight.findings],
    }))
    .filter((range) => range.end > range.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: MarkedRange[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.start <= last.end) {
      last.end = Math.max(last.end, range.end);
      last.findings.push(...range.findings);
    } else {
      merged.push(range);
    }
  }
  for (const range of merged) range.findings = [...new Set(range.findings)].sort((a, b) => a - b);
  return merged;
}

function renderMark(note: string, range: MarkedRange): string {
  const text = escapeHtml(note.slice(range.start, range.end));
  if (range.findings.length === 0) return `<mark>${text}</mark>`;
  const references = range.findings.map((finding) => `F${finding}`).join(' ');
  const label = `Evidence for finding${range.findings.length > 1 ? 's' : ''} ${range.findings.join(', ')}`;
  return (
    `<mark title="${label}" data-findings="${range.findings.join(' ')}">${text}</mark>` +
    `<sup class="evidence-ref" aria-label="${label}">${references}</sup>`
  );
}

/** The note between `from` and `to`, HTML-escaped, with the ranges inside it wrapped in `<mark>`. */
function renderMarkedText(
  note: string,
  window: { start: number; end: number },
  ranges: readonly MarkedRange[],
): string {
  let html = '';
  let position = window.start;
  for (const range of ranges) {
    if (range.end <= window.start || range.start >= window.end) continue;
    const start = Math.max(range.start, window.start);
    const end = Math.min(range.end, window.end);
    html += escapeHtml(note.slice(position, start));
    html += renderMark(note, { start, end, findings: range.findings });
    position = end;
  }
  return html + escapeHtml(note.slice(position, window.end));
}

/** The whole note, escaped, with every highlight marked. */
export function renderHighlightedNote(note: string, highlights: readonly NoteHighlight[]): string {
  return renderMarkedText(note, { start: 0, end: note.length }, mergeHighlights(note, highlights));
}

function findWindowStart(note: string, offset: number): number {
  for (let index = offset; index > 0 && index >= offset - WORD_SNAP; index--) {
    if (/\s/.test(note.charAt(index - 1))) return index;
  }
  return offset - WORD_SNAP <= 0 ? 0 : snapToCharacter(note, offset, 'backward');
}

function findWindowEnd(note: string, offset: number): number {
  for (let index = offset; index < note.length && index <= offset + WORD_SNAP; index++) {
    if (/\s/.test(note.charAt(index))) return index;
  }
  return offset + WORD_SNAP >= note.length ? note.length : snapToCharacter(note, offset, 'forward');
}

/** Context windows around the ranges, snapped to word boundaries and joined when they overlap or nearly do. */
export function planExcerptWindows(
  note: string,
  ranges: readonly MarkedRange[],
  context: number = DEFAULT_CONTEXT,
): { start: number; end: number }[] {
  const windows: { start: number; end: number }[] = [];
  for (const range of ranges) {
    const start = findWindowStart(note, Math.max(0, range.start - context));
    const end = findWindowEnd(note, Math.min(note.length, range.end + context));
    const last = windows.at(-1);
    if (last !== undefined && start <= last.end + JOIN_GAP) last.end = Math.max(last.end, end);
    else windows.push({ start: Math.min(start, range.start), end: Math.max(end, range.end) });
  }
  return windows;
}

const GAP = '<span class="excerpt-gap">…</span>';

/**
 * The parts of the note around its highlights, HTML-escaped, with the evidence in `<mark>` and an ellipsis
 * wherever text is left out. Returns the empty string when there is nothing to highlight.
 */
export function renderNoteExcerpt(
  note: string,
  highlights: readonly NoteHighlight[],
  options: NoteExcerptOptions = {},
): string {
  const ranges = mergeHighlights(note, highlights);
  const windows = planExcerptWindows(note, ranges, options.context ?? DEFAULT_CONTEXT);
  if (windows.length === 0) return '';
  const parts = windows.map((window) => renderMarkedText(note, window, ranges));
  const first = windows[0];
  const last = windows.at(-1);
  const leading = first !== undefined && first.start > 0 ? `${GAP} ` : '';
  const trailing = last !== undefined && last.end < note.length ? ` ${GAP}` : '';
  return leading + parts.join(` ${GAP} `) + trailing;
}
