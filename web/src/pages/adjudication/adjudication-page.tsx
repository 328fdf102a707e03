import { useState } from 'react';
import type { AdjudicationItem } from '../../../../src/contracts/review-api';
import { useSignedIn } from '../../app-context';
import { formatTime } from '../../components/format';
import { NoteView } from '../../components/note-view';
import type { NoteSpan } from '../../components/note-view';
import { ReasonDialog } from '../../components/reason-dialog';
import { ErrorMessage, Loading, usePageTitle } from '../../components/status';
import { useResource } from '../../components/use-resource';
import { Link } from '../../router';
import { DecisionForm } from './decision-form';
import { OriginalLabelCard, ReviewerCard, VerdictCard } from './evidence-cards';

function DecisionView({ item, onReopen }: { item: AdjudicationItem; onReopen: () => void }) {
  const decision = item.decision;
  return (
    <section className="card decision" data-testid="decision">
      <h2>{decision === null ? 'Resolved without adjudication' : 'Decided'}</h2>
      {decision !== null && (
        <dl className="facts">
          <div>
            <dt>Final label</dt>
            <dd data-testid="decision-final-label">
              {decision.outcome === 'not-computable' ? 'Not computable' : (decision.finalLabel ?? '—')}
            </dd>
          </div>
          <div>
            <dt>Error category</dt>
            <dd>{decision.errorCategory ?? '—'}</dd>
          </div>
          <div>
            <dt>By</dt>
            <dd>
              {decision.adjudicator}, {formatTime(decision.decidedAt)}
            </dd>
          </div>
        </dl>
      )}
      {decision !== null && <p className="prose">{decision.rationale}</p>}
      <button type="button" onClick={onReopen} data-testid="reopen">
        Reopen…
      </button>
    </section>
  );
}

export function AdjudicationPage({ batchId, itemId }: { batchId: string; itemId: string }) {
  usePageTitle(`Adjudicate ${itemId}`);
  const { api } = useSignedIn();
  const { resource, reload } = useResource(
    (signal) => api.call('adjudicationItem', { params: { batchId, itemId }, signal }),
    `${batchId}/${itemId}`,
  );
  const [highlight, setHighlight] = useState<NoteSpan | null>(null);
  const [reopening, setReopening] = useState(false);

  if (resource.status === 'loading') return <Loading label="Loading the item…" />;
  if (resource.status === 'error') {
    return (
      <div className="panel">
        <ErrorMessage error={resource.error} onRetry={reload} />
        <Link to="/adjudicate">Back to the list</Link>
      </div>
    );
  }
  const item = resource.data;
  const formOf = (name: string) => item.calculator?.inputs.find((input) => input.name === name);

  async function reopen(reason: string) {
    await api.call('reopen', { params: { batchId, itemId }, body: { reason } });
    setReopening(false);
    reload();
  }

  return (
    <div className="review-layout adjudication" data-testid="adjudication-page">
      <section className="review-source" aria-label="Item">
        <p className="item-meta">
          <Link to="/adjudicate">← Escalated items</Link> · item {item.itemId} · batch {item.batchId}
          {item.calculator !== null && <> · {item.calculator.name}</>} · {item.status}
        </p>
        <h1 className="question" data-testid="question">
          {item.question}
        </h1>
        <NoteView note={item.note} highlight={highlight} />
      </section>
      <section className="review-work" aria-label="Labels and decision">
        <p className="notice" data-testid="escalated-because">
          Escalated because: {item.escalatedBecause}
        </p>
        <div className="card-grid">
          <OriginalLabelCard item={item} />
          {item.reviewers.map((label, index) => (
            <ReviewerCard
              key={label.reviewer}
              label={label}
              index={index}
              formOf={formOf}
              onShowSpan={setHighlight}
            />
          ))}
        </div>
        {item.verdicts.length > 0 && (
          <>
            <h2>Verifiers</h2>
            <div className="card-grid">
              {item.verdicts.map((verdict, index) => (
                <VerdictCard
                  key={`${verdict.verifier}-${index}`}
                  verdict={verdict}
                  index={index}
                  onShowSpan={setHighlight}
                />
              ))}
            </div>
          </>
        )}
        {item.status === 'resolved' ? (
          <DecisionView item={item} onReopen={() => setReopening(true)} />
        ) : (
          <DecisionForm item={item} />
        )}
      </section>
      <ReasonDialog
        open={reopening}
        title="Reopen this item"
        explanation="It goes back to adjudication for a new decision. Say why; the reason is recorded."
        confirmLabel="Reopen"
        testId="reopen"
        onConfirm={reopen}
        onClose={() => setReopening(false)}
      />
    </div>
  );
}
