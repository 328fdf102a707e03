import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from './status';

/**
 * A modal asking for a reason (hand back, reopen). The native `<dialog>` traps focus and closes on Escape.
 * Test ids: `<testId>-dialog`, `<testId>-reason`, `<testId>-confirm`, `<testId>-cancel`.
 */
export function ReasonDialog({
  open,
  title,
  explanation,
  confirmLabel,
  testId,
  onConfirm,
  onClose,
}: {
  open: boolean;
  title: string;
  explanation: string;
  confirmLabel: string;
  testId: string;
  onConfirm: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog === null) return;
    if (open && !dialog.open) {
      setReason('');
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  async function submit(event: { preventDefault(): void }) {
    event.preventDefault();
    if (reason.trim() === '' || busy) return;
    setBusy(true);
    setError(null);
    try {
      await onConfirm(reason.trim());
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const reasonId = `${testId}-reason`;
  return (
    <dialog ref={dialogRef} className="dialog" data-testid={`${testId}-dialog`} onClose={onClose}>
      <form onSubmit={(event) => void submit(event)}>
        <h2>{title}</h2>
        <p className="hint">{explanation}</p>
        <label htmlFor={reasonId}>Reason</label>
        <textarea
          id={reasonId}
          data-testid={reasonId}
          value={reason}
          required
          rows={3}
          maxLength={2000}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              // Keep Ctrl+Enter from also reaching the page's own submit shortcut.
              event.stopPropagation();
              void submit(event);
            }
          }}
        />
        {error !== null && <ErrorMessage error={error} />}
        <div className="actions">
          <button
            type="submit"
            className="primary"
            disabled={busy || reason.trim() === ''}
            data-testid={`${testId}-confirm`}
          >
            {busy ? 'Working…' : confirmLabel}
          </button>
          <button type="button" onClick={onClose} data-testid={`${testId}-cancel`}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
