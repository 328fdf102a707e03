import { useSignedIn } from '../app-context';
import type { MyReview } from '../api';
import { formatTime } from '../components/format';
import { ErrorMessage, Loading, usePageTitle } from '../components/status';
import { useResource } from '../components/use-resource';

function describeAnswer(outcome: MyReview['outcome'], answer: string | null): string {
  return outcome === 'not-computable' ? 'Not computable' : (answer ?? '—');
}

function AgreementCell({ review }: { review: MyReview }) {
  if (!review.decided) return <span className="badge">Pending</span>;
  if (review.agreesWithFinal === null) return <span className="badge">—</span>;
  return review.agreesWithFinal ? (
    <span className="badge agree">Agreed</span>
  ) : (
    <span className="badge disagree">Differed</span>
  );
}

export function MyReviewsPage() {
  usePageTitle('My reviews');
  const { api } = useSignedIn();
  const { resource, reload } = useResource((signal) => api.call('myReviews', { signal }), 'my-reviews');
  return (
    <div className="panel">
      <h1>My reviews</h1>
      <p className="hint">
        The final label appears once an item is decided (by agreement or by an adjudicator).
      </p>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.reviews.length === 0 ? (
          <p className="notice" data-testid="my-reviews-empty">
            You have not submitted any label yet.
          </p>
        ) : (
          <table data-testid="my-reviews">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Calculator</th>
                <th scope="col">Your answer</th>
                <th scope="col">Submitted</th>
                <th scope="col">Final label</th>
                <th scope="col">Decided by</th>
                <th scope="col">You</th>
              </tr>
            </thead>
            <tbody>
              {resource.data.reviews.map((review) => (
                <tr
                  key={`${review.batchId}/${review.itemId}`}
                  data-testid={`my-review-${review.batchId}-${review.itemId}`}
                >
                  <td>{review.itemId}</td>
                  <td>{review.calculatorName}</td>
                  <td>{describeAnswer(review.outcome, review.answer)}</td>
                  <td>{formatTime(review.submittedAt)}</td>
                  <td>
                    {review.decided && review.finalOutcome !== null
                      ? describeAnswer(review.finalOutcome, review.finalLabel)
                      : '—'}
                  </td>
                  <td>{review.provenanceMethod ?? '—'}</td>
                  <td>
                    <AgreementCell review={review} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
