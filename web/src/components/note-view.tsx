import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/** Offsets into the note (`note.slice(start, end) === text`), as the contract's spans. */
export interface NoteSpan {
  start: number;
  end: number;
  text: string;
}

const HIGHLIGHT_NAME = 'steward-span';

function supportsHighlights(): boolean {
  return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
}

/**
 * Highlights a span with the CSS Custom Highlight API, which styles a range without touching the DOM: the note
 * stays one text node, so selection offsets keep mapping to the note string. Scrolls the span into view.
 */
function showHighlight(element: HTMLElement, span: NoteSpan | null): void {
  if (!supportsHighlights()) return;
  CSS.highlights.delete(HIGHLIGHT_NAME);
  const text = element.firstChild;
  if (span === null || !(text instanceof Text)) return;
  const length = text.length;
  const range = document.createRange();
  range.setStart(text, Math.min(span.start, length));
  range.setEnd(text, Math.min(Math.max(span.end, span.start), length));
  CSS.highlights.set(HIGHLIGHT_NAME, new Highlight(range));
  const spanBox = range.getBoundingClientRect();
  const noteBox = element.getBoundingClientRect();
  if (spanBox.top < noteBox.top || spanBox.bottom > noteBox.bottom) {
    element.scrollTop += spanBox.top - noteBox.top - noteBox.height / 3;
  }
}

/**
 * The patient note as ONE text node in a `<pre>` (white-space: pre-wrap), so that a selection's offsets are
 * offsets into the note string.
 */
export function NoteView({
  note,
  highlight = null,
  noteRef,
}: {
  note: string;
  highlight?: NoteSpan | null;
  noteRef?: RefObject<HTMLPreElement | null>;
}) {
  const ownRef = useRef<HTMLPreElement | null>(null);
  const ref = noteRef ?? ownRef;
  useEffect(() => {
    if (ref.current !== null) showHighlight(ref.current, highlight);
  }, [ref, highlight]);
  useEffect(() => () => void (supportsHighlights() && CSS.highlights.delete(HIGHLIGHT_NAME)), []);
  return (
    <pre className="note" data-testid="note" ref={ref} tabIndex={0} aria-label="Patient note">
      {note}
    </pre>
  );
}

/** The document's selection clipped to the note element, as note offsets with surrounding blanks trimmed. */
export function readNoteSelection(element: HTMLElement, note: string): NoteSpan | null {
  const selection = window.getSelection();
  if (selection === null || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const selected = selection.getRangeAt(0).cloneRange();
  const whole = document.createRange();
  whole.selectNodeContents(element);
  if (selected.compareBoundaryPoints(Range.START_TO_START, whole) < 0) {
    selected.setStart(whole.startContainer, whole.startOffset);
  }
  if (selected.compareBoundaryPoints(Range.END_TO_END, whole) > 0) {
    selected.setEnd(whole.endContainer, whole.endOffset);
  }
  if (selected.collapsed || !element.contains(selected.commonAncestorContainer)) return null;
  const before = document.createRange();
  before.setStart(whole.startContainer, whole.startOffset);
  before.setEnd(selected.startContainer, selected.startOffset);
  let start = before.toString().length;
  let end = start + selected.toString().length;
  while (start < end && /\s/.test(note.charAt(start))) start += 1;
  while (end > start && /\s/.test(note.charAt(end - 1))) end -= 1;
  if (start === end || end > note.length) return null;
  return { start, end, text: note.slice(start, end) };
}

/**
 * The last non-empty selection made in the note. It survives moving the focus to a form field (which is how a
 * physician attaches it with Alt+L) and is cleared by a plain click in the note.
 */
export function useNoteSelection(
  noteRef: RefObject<HTMLPreElement | null>,
  note: string,
  onChange: (span: NoteSpan | null) => void,
): void {
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  useEffect(() => {
    function track() {
      const element = noteRef.current;
      const selection = window.getSelection();
      if (element === null || selection === null || selection.rangeCount === 0) return;
      const span = readNoteSelection(element, note);
      if (span !== null) onChangeRef.current(span);
      else if (selection.isCollapsed && element.contains(selection.anchorNode)) onChangeRef.current(null);
    }
    document.addEventListener('selectionchange', track);
    return () => document.removeEventListener('selectionchange', track);
  }, [noteRef, note]);
}

/** The first place a quote occurs in the note (exact, then ignoring case), as a span. */
export function findQuote(note: string, quote: string): NoteSpan | null {
  const trimmed = quote.trim();
  if (trimmed === '') return null;
  let start = note.indexOf(trimmed);
  if (start === -1) start = note.toLowerCase().indexOf(trimmed.toLowerCase());
  if (start === -1) return null;
  return { start, end: start + trimmed.length, text: note.slice(start, start + trimmed.length) };
}
