import type { NotComputableReason } from '../../../../src/contracts/review-api';
import type { LabelMode } from './submit-request';

const MODES: readonly { mode: LabelMode; label: string; key: string }[] = [
  { mode: 'form', label: 'Form', key: 'Alt+1' },
  { mode: 'direct', label: 'Direct answer', key: 'Alt+2' },
  { mode: 'not-computable', label: 'Not computable', key: 'Alt+3' },
];

/** NOT_COMPUTABLE_REASONS in the contract, with words for people. */
const NOT_COMPUTABLE_REASONS: readonly { reason: NotComputableReason; label: string }[] = [
  { reason: 'missing-input', label: 'A required input is missing from the note' },
  { reason: 'ambiguous-time-point', label: 'The time point is ambiguous' },
  { reason: 'calculator-not-applicable', label: 'The calculator does not apply to this patient' },
];

export function ModeSwitch({
  mode,
  hasForm,
  onChange,
  directAnswer,
  onDirectAnswer,
  notComputableReason,
  onNotComputableReason,
}: {
  mode: LabelMode;
  hasForm: boolean;
  onChange: (mode: LabelMode) => void;
  directAnswer: string;
  onDirectAnswer: (answer: string) => void;
  notComputableReason: NotComputableReason | '';
  onNotComputableReason: (reason: NotComputableReason | '') => void;
}) {
  return (
    <section className="mode-section">
      <fieldset className="mode-switch">
        <legend>Answer by</legend>
        {MODES.map((entry) => (
          <label key={entry.mode} className={mode === entry.mode ? 'selected' : undefined}>
            <input
              type="radio"
              name="label-mode"
              id={`mode-${entry.mode}`}
              data-testid={`mode-${entry.mode}`}
              value={entry.mode}
              checked={mode === entry.mode}
              disabled={entry.mode === 'form' && !hasForm}
              onChange={() => onChange(entry.mode)}
              aria-keyshortcuts={entry.key}
            />
            {entry.label} <kbd>{entry.key}</kbd>
          </label>
        ))}
      </fieldset>
      {mode === 'form' && (
        <p className="hint">Our calculator computes the answer from the inputs you enter below.</p>
      )}
      {mode === 'direct' && (
        <div className="field">
          <label htmlFor="direct-answer">Final answer</label>
          <input
            id="direct-answer"
            data-testid="direct-answer"
            type="text"
            autoComplete="off"
            maxLength={200}
            value={directAnswer}
            onChange={(event) => onDirectAnswer(event.target.value)}
          />
          <p className="hint">
            As the benchmark would state it, e.g. 4, 72.5, 03/14/2021 or (4 weeks, 2 days).
          </p>
        </div>
      )}
      {mode === 'not-computable' && (
        <div className="field">
          <label htmlFor="nc-reason">Why it cannot be computed</label>
          <select
            id="nc-reason"
            data-testid="nc-reason"
            value={notComputableReason}
            onChange={(event) => onNotComputableReason(event.target.value as NotComputableReason | '')}
          >
            <option value="">— choose a reason —</option>
            {NOT_COMPUTABLE_REASONS.map((entry) => (
              <option key={entry.reason} value={entry.reason}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
      )}
    </section>
  );
}

export function LabelDetails({
  comment,
  onComment,
  minutes,
  onMinutes,
  secondOpinion,
  onSecondOpinion,
}: {
  comment: string;
  onComment: (comment: string) => void;
  minutes: string;
  onMinutes: (minutes: string) => void;
  secondOpinion: boolean;
  onSecondOpinion: (secondOpinion: boolean) => void;
}) {
  return (
    <section className="label-details">
      <div className="field">
        <label htmlFor="comment">Comment</label>
        <textarea
          id="comment"
          data-testid="comment"
          rows={3}
          maxLength={10_000}
          value={comment}
          onChange={(event) => onComment(event.target.value)}
        />
      </div>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor="minutes">Minutes spent</label>
          <input
            id="minutes"
            data-testid="minutes"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="value-field"
            value={minutes}
            onChange={(event) => onMinutes(event.target.value)}
            aria-describedby="minutes-hint"
          />
          <p id="minutes-hint" className="hint">
            Measured since you opened the item; correct it if you were interrupted.
          </p>
        </div>
        <label className="checkbox">
          <input
            type="checkbox"
            id="second-opinion"
            data-testid="second-opinion"
            checked={secondOpinion}
            onChange={(event) => onSecondOpinion(event.target.checked)}
            aria-keyshortcuts="Alt+S"
          />
          Ask for a second opinion <kbd>Alt+S</kbd>
        </label>
      </div>
    </section>
  );
}

export const REVIEW_SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: 'Tab / Shift+Tab', action: 'next / previous field' },
  { keys: 'Ctrl+Enter', action: 'submit the label' },
  { keys: 'Alt+1 / Alt+2 / Alt+3', action: 'Form / Direct answer / Not computable' },
  { keys: 'Alt+L', action: 'attach the note selection to the focused input' },
  { keys: 'Alt+S', action: 'toggle second opinion' },
  { keys: 'Alt+H', action: 'hand the item back' },
];

export function ShortcutLegend() {
  return (
    <aside className="shortcut-legend" data-testid="shortcut-legend" aria-label="Keyboard shortcuts">
      <h3>Keyboard</h3>
      <dl>
        {REVIEW_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.keys}>
            <dt>
              <kbd>{shortcut.keys}</kbd>
            </dt>
            <dd>{shortcut.action}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
