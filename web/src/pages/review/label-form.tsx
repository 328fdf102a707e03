import { useEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import type { BlindItem, NotComputableReason } from '../../../../src/contracts/review-api';
import { useSignedIn } from '../../app-context';
import { isAltShortcut, isSubmitShortcut, useWindowKeyDown } from '../../components/keyboard';
import { useNoteSelection } from '../../components/note-view';
import type { NoteSpan } from '../../components/note-view';
import { ReasonDialog } from '../../components/reason-dialog';
import { ErrorMessage } from '../../components/status';
import { navigate, pathTo } from '../../router';
import { InputField } from './input-field';
import { collectInputValues, createFields, fieldId } from './input-values';
import type { FieldProblem, FieldState } from './input-values';
import { LiveResult, useLiveResult } from './live-result';
import { LabelDetails, ModeSwitch, ShortcutLegend } from './label-form-parts';
import { buildSubmitRequest } from './submit-request';
import type { LabelMode } from './submit-request';

const MINUTE = 60_000;

/**
 * The live result sticks to the bottom of the window, so a field above it can be in the viewport and still hidden
 * behind it (the browser does not scroll then): scroll just enough to show the focused field.
 */
function keepClearOfLiveResult(target: EventTarget) {
  const live = document.querySelector('[data-testid="live-result"]');
  if (!(target instanceof HTMLElement) || live === null) return;
  if (!(target.compareDocumentPosition(live) & Node.DOCUMENT_POSITION_FOLLOWING)) return;
  const overlap = target.getBoundingClientRect().bottom + 12 - live.getBoundingClientRect().top;
  if (overlap > 0) window.scrollBy({ top: overlap });
}

function formatMeasured(minutes: number): string {
  return String(Math.round(minutes * 10) / 10);
}

/** The blind labelling form for an active assignment: inputs, mode, live result, and the keyboard shortcuts. */
export function LabelForm({
  item,
  noteRef,
  onShowSpan,
}: {
  item: BlindItem;
  noteRef: RefObject<HTMLPreElement | null>;
  onShowSpan: (span: NoteSpan | null) => void;
}) {
  const { api } = useSignedIn();
  const inputs = item.calculator?.inputs ?? [];
  const [startedAt] = useState(() => Date.now());
  const [now, setNow] = useState(startedAt);
  const [mode, setMode] = useState<LabelMode>(inputs.length > 0 ? 'form' : 'direct');
  const [fields, setFields] = useState(() => createFields(inputs));
  const [directAnswer, setDirectAnswer] = useState('');
  const [notComputableReason, setNotComputableReason] = useState<NotComputableReason | ''>('');
  const [comment, setComment] = useState('');
  const [editedMinutes, setEditedMinutes] = useState<string | null>(null);
  const [secondOpinion, setSecondOpinion] = useState(false);
  const [selection, setSelection] = useState<NoteSpan | null>(null);
  const [status, setStatus] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [submitting, setSubmitting] = useState(false);
  const [handingBack, setHandingBack] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const submittingRef = useRef(false);

  useNoteSelection(noteRef, item.note, setSelection);
  const live = useLiveResult(api, item.calculator?.slug ?? null, collectInputValues(inputs, fields));
  const minutes = editedMinutes ?? formatMeasured((now - startedAt) / MINUTE);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => window.clearInterval(timer);
  }, []);

  useEffect(() => {
    setFocusRequest({ id: firstFieldOf(inputs.length > 0 ? 'form' : 'direct') });
    // Only when the item opens.
  }, []);

  useEffect(() => {
    if (focusRequest !== null) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  function updateField(name: string, patch: Partial<FieldState>) {
    setFields((current) => {
      const field = current[name];
      return field === undefined ? current : { ...current, [name]: { ...field, ...patch } };
    });
  }

  function attachSelection(name: string | null) {
    if (name === null) {
      setStatus('Put the focus in an input first, then press Alt+L.');
      return;
    }
    if (selection === null) {
      setStatus('Select the supporting text in the note first.');
      return;
    }
    updateField(name, { span: selection });
    onShowSpan(selection);
    const label = inputs.find((input) => input.name === name)?.label ?? name;
    setStatus(`Attached “${selection.text}” to ${label}.`);
  }

  /** Alt+1/2/3 put the focus in the mode's first field. */
  function firstFieldOf(next: LabelMode): string {
    if (next === 'direct') return 'direct-answer';
    if (next === 'not-computable') return 'nc-reason';
    const first = inputs[0];
    return first === undefined ? 'mode-form' : fieldId(first.name);
  }

  function switchMode(next: LabelMode) {
    setMode(next);
    setFocusRequest({ id: firstFieldOf(next) });
  }

  async function submit() {
    if (submittingRef.current) return;
    const measured = (Date.now() - startedAt) / MINUTE;
    const built = buildSubmitRequest(
      inputs,
      { mode, fields, directAnswer, notComputableReason, comment, minutes, secondOpinion },
      measured,
    );
    if (built.kind === 'problems') {
      setProblems(built.problems);
      const first = built.problems[0];
      if (first !== undefined) setFocusRequest({ id: first.target });
      return;
    }
    setProblems([]);
    setError(null);
    submittingRef.current = true;
    setSubmitting(true);
    try {
      const response = await api.call('submitLabel', {
        params: { id: item.assignmentId },
        body: built.request,
      });
      navigate(response.next === null ? '/queue?empty=1' : pathTo('review', response.next.assignmentId));
    } catch (caught) {
      setError(caught);
      submittingRef.current = false;
      setSubmitting(false);
    }
  }

  async function handBack(reason: string) {
    await api.call('returnAssignment', { params: { id: item.assignmentId }, body: { reason } });
    navigate('/queue');
  }

  useWindowKeyDown((event) => {
    if (handingBack) return;
    let handled = true;
    if (isSubmitShortcut(event)) void submit();
    else if (isAltShortcut(event, 'Digit1')) switchMode('form');
    else if (isAltShortcut(event, 'Digit2')) switchMode('direct');
    else if (isAltShortcut(event, 'Digit3')) switchMode('not-computable');
    else if (isAltShortcut(event, 'KeyL')) {
      const row = document.activeElement?.closest<HTMLElement>('[data-input-name]');
      attachSelection(row?.dataset['inputName'] ?? null);
    } else if (isAltShortcut(event, 'KeyS')) setSecondOpinion((current) => !current);
    else if (isAltShortcut(event, 'KeyH')) setHandingBack(true);
    else handled = false;
    if (handled) event.preventDefault();
  });

  return (
    <>
      <form
        className="label-form"
        data-testid="label-form"
        onFocus={(event) => keepClearOfLiveResult(event.target)}
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ModeSwitch
          mode={mode}
          hasForm={inputs.length > 0}
          onChange={switchMode}
          directAnswer={directAnswer}
          onDirectAnswer={setDirectAnswer}
          notComputableReason={notComputableReason}
          onNotComputableReason={setNotComputableReason}
        />
        {inputs.length > 0 ? (
          <section className="inputs" aria-labelledby="inputs-heading">
            <h3 id="inputs-heading">
              Inputs{' '}
              <span className="hint">
                {mode === 'form'
                  ? 'leave an input empty when the note does not mention it'
                  : 'optional here: record the values and evidence you used'}
              </span>
            </h3>
            <p className="hint selection-status" data-testid="note-selection">
              {selection === null
                ? 'Select text in the note, then press Alt+L in an input to attach it as evidence.'
                : `Selected in the note: “${selection.text}”`}
            </p>
            {inputs.map((input) => {
              const field = fields[input.name];
              if (field === undefined) return null;
              return (
                <InputField
                  key={input.name}
                  input={input}
                  field={field}
                  note={item.note}
                  onChange={(patch) => updateField(input.name, patch)}
                  onAttach={() => attachSelection(input.name)}
                  onShowSpan={onShowSpan}
                />
              );
            })}
          </section>
        ) : (
          <p className="notice" data-testid="no-calculator">
            No calculator form for this item: give a direct answer, or mark it not computable.
          </p>
        )}
        <p className="sr-status" role="status" data-testid="attach-status">
          {status}
        </p>
        {item.calculator !== null && <LiveResult state={live} />}
        <LabelDetails
          comment={comment}
          onComment={setComment}
          minutes={minutes}
          onMinutes={setEditedMinutes}
          secondOpinion={secondOpinion}
          onSecondOpinion={setSecondOpinion}
        />
        {problems.length > 0 && (
          <div className="error" role="alert" data-testid="form-problems">
            <p className="error-message">Fix these first:</p>
            <ul>
              {problems.map((problem) => (
                <li key={`${problem.target}:${problem.text}`}>
                  <a
                    href={`#${problem.target}`}
                    onClick={(event) => {
                      event.preventDefault();
                      setFocusRequest({ id: problem.target });
                    }}
                  >
                    {problem.text}
                  </a>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <div className="actions sticky-actions">
          <button
            type="submit"
            className="primary"
            disabled={submitting}
            data-testid="submit-label"
            aria-keyshortcuts="Control+Enter"
          >
            {submitting ? 'Submitting…' : 'Submit label'} <kbd>Ctrl+Enter</kbd>
          </button>
          <button
            type="button"
            onClick={() => setHandingBack(true)}
            data-testid="hand-back"
            aria-keyshortcuts="Alt+H"
          >
            Hand back <kbd>Alt+H</kbd>
          </button>
        </div>
        <ShortcutLegend />
      </form>
      <ReasonDialog
        open={handingBack}
        title="Hand this item back"
        explanation="It returns to the pool for another physician. Say why (e.g. outside your specialty, note unreadable)."
        confirmLabel="Hand back"
        testId="hand-back"
        onConfirm={handBack}
        onClose={() => setHandingBack(false)}
      />
    </>
  );
}
