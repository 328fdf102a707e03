import type { BatchSummary } from '../../../../src/contracts/review-api';
import { useSignedIn } from '../../app-context';
import { formatTime } from '../../components/format';
import { ErrorMessage, Loading, usePageTitle } from '../../components/status';
import { useResource } from '../../components/use-resource';
import { CreateBatchForm } from './create-batch-form';
import { UsersTable } from './users-table';

function BatchRow({ batch }: { batch: BatchSummary }) {
  const share = batch.labelsRequired === 0 ? 0 : batch.labelsSubmitted / batch.labelsRequired;
  return (
    <tr data-testid={`batch-row-${batch.id}`}>
      <th scope="row">
        {batch.name}
        <div className="hint">{batch.id}</div>
      </th>
      <td>{batch.source}</td>
      <td>{batch.items}</td>
      <td>
        {batch.open} / {batch.escalated} / {batch.resolved}
      </td>
      <td>
        <progress max={1} value={share} aria-label={`${batch.name}: labels submitted`} />{' '}
        {batch.labelsSubmitted} / {batch.labelsRequired}
      </td>
      <td>
        {batch.reviewersPerItem}
        {batch.extraReviewerRate > 0 && ` (+1 for ${Math.round(batch.extraReviewerRate * 100)}%)`}
      </td>
      <td>{Math.round((batch.leaseMinutes / 60) * 10) / 10} h</td>
      <td>
        {formatTime(batch.createdAt)}
        <div className="hint">{batch.createdBy}</div>
      </td>
    </tr>
  );
}

export function BatchesPage() {
  usePageTitle('Batches');
  const { api } = useSignedIn();
  const { resource, reload } = useResource((signal) => api.call('batches', { signal }), 'batches');
  return (
    <div className="panel">
      <h1>Review batches</h1>
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.batches.length === 0 ? (
          <p className="notice" data-testid="batches-empty">
            No batch yet: create one below from the latest audit's queue.
          </p>
        ) : (
          <div className="table-scroll">
            <table data-testid="batches-table">
              <thead>
                <tr>
                  <th scope="col">Batch</th>
                  <th scope="col">Source</th>
                  <th scope="col">Items</th>
                  <th scope="col">Open / escalated / resolved</th>
                  <th scope="col">Labels</th>
                  <th scope="col">Reviewers per item</th>
                  <th scope="col">Lease</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {resource.data.batches.map((batch) => (
                  <BatchRow key={batch.id} batch={batch} />
                ))}
              </tbody>
            </table>
          </div>
        ))}
      <CreateBatchForm onCreated={reload} />
      <UsersTable />
    </div>
  );
}
