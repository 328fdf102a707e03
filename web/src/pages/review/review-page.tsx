import { useRef, useState } from 'react';
import { useSignedIn } from '../../app-context';
import { formatTime } from '../../components/format';
import { NoteView } from '../../components/note-view';
import type { NoteSpan } from '../../components/note-view';
import { ErrorMessage, Loading, usePageTitle } from '../../components/status';
import { useResource } from '../../components/use-resource';
import { Link } from '../../router';
import { LabelForm } from './label-form';
import { OwnLabelView } from './own-label-view';

const STATUS_TEXT = {
  returned: 'You handed this item back; it is no longer yours to label.',
  expired: 'The lease on this item ran out before a label was submitted; it went back to the pool.',
} as const;

/** Blind labelling: the note and question on the left, the form (or your submitted label) on the right. */
export function ReviewPage({ assignmentId }: { assignmentId: string }) {
  usePageTitle('Review');
  const { api } = useSignedIn();
  const { resource, reload } = useResource(
    (signal) => api.call('assignment', { params: { id: assignmentId }, signal }),
    assignmentId,
  );
  const noteRef = useRef<HTMLPreElement | null>(null);
  const [highlight, setHighlight] = useState<NoteSpan | null>(null);

  if (resource.status === 'loading') return <Loading label="Loading the item…" />;
  if (resource.status === 'error') {
    return (
      <div className="panel">
        <ErrorMessage error={resource.error} onRetry={reload} />
        <p>
          <Link to="/queue">Back to the queue</Link>
        </p>
      </div>
    );
  }
  const item = resource.data;

  let right;
  if (item.ownLabel !== null) {
    right = <OwnLabelView label={item.ownLabel} item={item} onShowSpan={setHighlight} />;
  } else if (item.status === 'returned' || item.status === 'expired') {
    right = (
      <p className="notice" data-testid="assignment-inactive">
        {STATUS_TEXT[item.status]} <Link to="/queue">Back to the queue</Link>
      </p>
    );
  } else {
    right = <LabelForm item={item} noteRef={noteRef} onShowSpan={setHighlight} />;
  }

  return (
    <div className="review-layout" data-testid="review-page">
      <section className="review-source" aria-label="Item">
        <p className="item-meta">
          <span data-testid="item-id">
            Item {item.itemId} · batch {item.batchId}
          </span>
          {item.calculator !== null && <span data-testid="calculator-name"> · {item.calculator.name}</span>}
          {item.status === 'active' && <span> · lease ends {formatTime(item.expiresAt)}</span>}
        </p>
        <h1 className="question" data-testid="question">
          {item.question}
        </h1>
        <NoteView note={item.note} highlight={highlight} noteRef={noteRef} />
      </section>
      <section className="review-work" aria-label="Your label">
        {right}
      </section>
    </div>
  );
}
