import { useEffect, useState } from 'react';
import { findQuote } from '../../components/note-view';
import type { NoteSpan } from '../../components/note-view';

/** A quote typed from the note becomes the span (first occurrence); a selection attached with Alt+L shows here. */
export function QuoteField({
  id,
  testId,
  note,
  span,
  onSpan,
}: {
  id: string;
  testId: string;
  note: string;
  span: NoteSpan | null;
  onSpan: (span: NoteSpan | null) => void;
}) {
  const [text, setText] = useState(span?.text ?? '');
  const [missing, setMissing] = useState(false);
  const spanText = span?.text ?? '';
  useEffect(() => {
    setText(spanText);
    setMissing(false);
  }, [spanText]);

  function commit() {
    if (text === spanText) return;
    if (text.trim() === '') {
      onSpan(null);
      return;
    }
    const found = findQuote(note, text);
    setMissing(found === null);
    if (found !== null) onSpan(found);
  }

  return (
    <>
      <label htmlFor={id}>Quote</label>
      <div>
        <input
          id={id}
          data-testid={testId}
          type="text"
          autoComplete="off"
          placeholder="type words from the note, or select them and press Alt+L"
          value={text}
          onChange={(event) => setText(event.target.value)}
          onBlur={commit}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey) {
              event.preventDefault();
              commit();
            }
          }}
          aria-invalid={missing}
        />
        {missing && (
          <p className="field-problem" data-testid={`${testId}-missing`}>
            Not found in the note.
          </p>
        )}
      </div>
    </>
  );
}
