import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type {
  AdjudicationItem,
  REVIEW_ERROR_CATEGORIES,
  adjudicateRequestSchema,
} from '../../../../src/contracts/review-api';
import { useSignedIn } from '../../app-context';
import { isSubmitShortcut, useWindowKeyDown } from '../../components/keyboard';
import { ErrorMessage } from '../../components/status';
import { navigate } from '../../router';
import { reviewerKey } from './evidence-cards';

type ErrorCategory = (typeof REVIEW_ERROR_CATEGORIES)[number];
type Outcome = z.input<typeof adjudicateRequestSchema>['outcome'];

/** REVIEW_ERROR_CATEGORIES with words; a Record, so a category added to the contract fails to compile here. */
const CATEGORY_LABELS: Record<ErrorCategory, string> = {
  'extraction-error': 'Extraction error (a value read wrongly from the note)',
  'calculator-logic': 'Calculator logic',
  'unit-conversion': 'Unit conversion',
  'underspecified-question': 'Underspecified question',
  'not-computable': 'Not computable',
  'implausible-input': 'Implausible input',
  format: 'Answer format',
  none: 'None: the original label is right',
};

/** Answers to copy into the final label with one click. */
function suggestions(item: AdjudicationItem): { key: string; label: string; value: string }[] {
  const found = [{ key: 'original', label: 'original', value: item.originalLabel }];
  item.reviewers.forEach((reviewer, index) => {
    if (reviewer.answer !== null) {
      found.push({
        key: `reviewer-${reviewerKey(reviewer.reviewer, index)}`,
        label: reviewer.reviewer,
        value: reviewer.answer,
      });
    }
  });
  if (item.triage.proposedLabel !== null) {
    found.push({ key: 'triage', label: 'triage proposal', value: item.triage.proposedLabel });
  }
  return found;
}

export function DecisionForm({ item }: { item: AdjudicationItem }) {
  const { api } = useSignedIn();
  const [outcome, setOutcome] = useState<Outcome>('answer');
  const [finalLabel, setFinalLabel] = useState('');
  const [category, setCategory] = useState<ErrorCategory | ''>('');
  const [rationale, setRationale] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const firstFieldRef = useRef<HTMLSelectElement | null>(null);

  // Focus without scrolling: the adjudicator reads the labels above first.
  useEffect(() => firstFieldRef.current?.focus({ preventScroll: true }), []);

  async function submit() {
    if (busyRef.current) return;
    const label = finalLabel.trim();
    if (outcome === 'answer' && label === '')
      return setProblem('Give the final label, or choose "not computable".');
    if (category === '')
      return setProblem('Choose an error category ("none" when the original label is right).');
    if (rationale.trim() === '') return setProblem('Write the rationale: it goes into the audit trail.');
    setProblem(null);
    setError(null);
    busyRef.current = true;
    setBusy(true);
    try {
      await api.call('adjudicate', {
        params: { batchId: item.batchId, itemId: item.itemId },
        body: {
          outcome,
          ...(outcome === 'answer' ? { finalLabel: label } : {}),
          errorCategory: category,
          rationale: rationale.trim(),
        },
      });
      navigate(`/adjudicate?decided=${encodeURIComponent(item.itemId)}`);
    } catch (caught) {
      setError(caught);
      busyRef.current = false;
      setBusy(false);
    }
  }

  useWindowKeyDown((event) => {
    if (!isSubmitShortcut(event)) return;
    event.preventDefault();
    void submit();
  });

  return (
    <form
      className="decision-form"
      data-testid="decision-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>Decision</h2>
      <div className="inline-fields">
        <div className="field">
          <label htmlFor="decision-outcome">Outcome</label>
          <select
            id="decision-outcome"
            data-testid="decision-outcome"
            ref={firstFieldRef}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as Outcome)}
          >
            <option value="answer">Answer</option>
            <option value="not-computable">Not computable</option>
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="decision-label">Final label</label>
          <input
            id="decision-label"
            data-testid="decision-label"
            type="text"
            autoComplete="off"
            maxLength={200}
            disabled={outcome === 'not-computable'}
            value={outcome === 'not-computable' ? '' : finalLabel}
            onChange={(event) => setFinalLabel(event.target.value)}
          />
        </div>
      </div>
      {outcome === 'answer' && (
        <p className="suggestions">
          Use:{' '}
          {suggestions(item).map((suggestion) => (
            <button
              key={suggestion.key}
              type="button"
              className="small"
              data-testid={`use-${suggestion.key}`}
              onClick={() => setFinalLabel(suggestion.value)}
            >
              {suggestion.label}: {suggestion.value}
            </button>
          ))}
        </p>
      )}
      <div className="field">
        <label htmlFor="decision-category">Error category of the original label</label>
        <select
          id="decision-category"
          data-testid="decision-category"
          value={category}
          onChange={(event) => setCategory(event.target.value as ErrorCategory | '')}
        >
          <option value="">— choose —</option>
          {Object.entries(CATEGORY_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="decision-rationale">Rationale (required)</label>
        <textarea
          id="decision-rationale"
          data-testid="decision-rationale"
          rows={4}
          required
          maxLength={10_000}
          value={rationale}
          onChange={(event) => setRationale(event.target.value)}
        />
      </div>
      {problem !== null && (
        <p className="error" role="alert" data-testid="decision-problem">
          {problem}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      <div className="actions">
        <button
          type="submit"
          className="primary"
          disabled={busy}
          data-testid="decision-submit"
          aria-keyshortcuts="Control+Enter"
        >
          {busy ? 'Saving…' : 'Record decision'} <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </form>
  );
}
