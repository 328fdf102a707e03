import { useSignedIn } from '../../app-context';
import { ErrorMessage, Loading, usePageTitle } from '../../components/status';
import { useResource } from '../../components/use-resource';
import { Link, pathTo, useLocation } from '../../router';

export function AdjudicationListPage() {
  usePageTitle('Adjudicate');
  const { api } = useSignedIn();
  const { search } = useLocation();
  const { resource, reload } = useResource(
    (signal) => api.call('adjudicationQueue', { signal }),
    'adjudications',
  );
  const decided = search.get('decided');
  return (
    <div className="panel">
      <h1>Escalated items</h1>
      {decided !== null && (
        <p className="notice" role="status" data-testid="adjudication-decided">
          Decision recorded for item {decided}.
        </p>
      )}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {resource.status === 'ready' &&
        (resource.data.items.length === 0 ? (
          <p className="notice" data-testid="adjudication-empty">
            Nothing to adjudicate: no item is escalated.
          </p>
        ) : (
          <table data-testid="adjudication-list">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Calculator</th>
                <th scope="col">Reviewers</th>
                <th scope="col">Escalated because</th>
              </tr>
            </thead>
            <tbody>
              {resource.data.items.map((entry) => (
                <tr key={`${entry.batchId}/${entry.itemId}`}>
                  <td>
                    <Link
                      to={pathTo('adjudicate', entry.batchId, entry.itemId)}
                      data-testid={`adjudication-item-${entry.batchId}-${entry.itemId}`}
                    >
                      {entry.itemId}
                    </Link>
                    <div className="hint">batch {entry.batchId}</div>
                  </td>
                  <td>{entry.calculatorName}</td>
                  <td>{entry.reviewers}</td>
                  <td>{entry.escalatedBecause}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
