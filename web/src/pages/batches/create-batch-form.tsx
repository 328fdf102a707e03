import { useState } from 'react';
import type { FormEvent } from 'react';
import type { CreateBatchRequest } from '../../../../src/contracts/review-api';
import { useSignedIn } from '../../app-context';
import { ErrorMessage } from '../../components/status';

interface BatchDraft {
  name: string;
  budget: string;
  reviewersPerItem: string;
  extraReviewerRate: string;
  leaseHours: string;
}

const EMPTY_DRAFT: BatchDraft = {
  name: '',
  budget: '',
  reviewersPerItem: '2',
  extraReviewerRate: '0',
  leaseHours: '48',
};

function toRequest(draft: BatchDraft): CreateBatchRequest {
  const request: CreateBatchRequest = {
    name: draft.name.trim(),
    reviewersPerItem: Number(draft.reviewersPerItem),
    extraReviewerRate: Number(draft.extraReviewerRate),
    leaseHours: Number(draft.leaseHours),
  };
  if (draft.budget.trim() !== '') request.budget = Number(draft.budget);
  return request;
}

const FIELDS: readonly {
  key: keyof BatchDraft;
  id: string;
  label: string;
  hint: string;
  attributes: { min?: number; max?: number; step?: string; required?: boolean };
}[] = [
  {
    key: 'budget',
    id: 'batch-budget',
    label: 'Budget (items)',
    hint: 'Empty: every item in the queue.',
    attributes: { min: 1, step: '1' },
  },
  {
    key: 'reviewersPerItem',
    id: 'batch-reviewers-per-item',
    label: 'Reviewers per item',
    hint: 'Independent blind labels per item.',
    attributes: { min: 1, max: 10, step: '1', required: true },
  },
  {
    key: 'extraReviewerRate',
    id: 'batch-extra-reviewer-rate',
    label: 'Extra reviewer rate',
    hint: 'Share of items (0–1) that get one more physician, to measure agreement.',
    attributes: { min: 0, max: 1, step: '0.01', required: true },
  },
  {
    key: 'leaseHours',
    id: 'batch-lease-hours',
    label: 'Lease (hours)',
    hint: 'How long a physician holds an item before it returns to the pool.',
    attributes: { min: 0.05, max: 720, step: 'any', required: true },
  },
];

/** Builds a batch from the latest audit's review queue (the most consequential items first). */
export function CreateBatchForm({ onCreated }: { onCreated: () => void }) {
  const { api } = useSignedIn();
  const [draft, setDraft] = useState<BatchDraft>(EMPTY_DRAFT);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const batch = await api.call('createBatch', { body: toRequest(draft) });
      setCreated(`Created “${batch.name}” with ${batch.items} items.`);
      setDraft(EMPTY_DRAFT);
      onCreated();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="create-batch-heading">
      <h2 id="create-batch-heading">Create a batch</h2>
      <form className="grid-form" onSubmit={(event) => void submit(event)} data-testid="batch-form">
        <label htmlFor="batch-name">Name</label>
        <div>
          <input
            id="batch-name"
            data-testid="batch-name"
            type="text"
            required
            maxLength={200}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.target.value })}
          />
        </div>
        {FIELDS.map((field) => (
          <FieldRow
            key={field.key}
            id={field.id}
            label={field.label}
            hint={field.hint}
            attributes={field.attributes}
            value={draft[field.key]}
            onChange={(value) => setDraft({ ...draft, [field.key]: value })}
          />
        ))}
        <div className="grid-form-actions">
          <button type="submit" className="primary" disabled={busy} data-testid="batch-create">
            {busy ? 'Creating…' : 'Create batch'}
          </button>
        </div>
      </form>
      {created !== null && (
        <p className="notice" role="status" data-testid="batch-created">
          {created}
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}

function FieldRow({
  id,
  label,
  hint,
  attributes,
  value,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  attributes: { min?: number; max?: number; step?: string; required?: boolean };
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <div>
        <input
          id={id}
          data-testid={id}
          type="number"
          {...attributes}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      </div>
    </>
  );
}
