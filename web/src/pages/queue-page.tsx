import { useRef, useState } from 'react';
import { useSignedIn } from '../app-context';
import { isTypingTarget, useWindowKeyDown } from '../components/keyboard';
import { formatTime } from '../components/format';
import { ErrorMessage, Loading, usePageTitle } from '../components/status';
import { useResource } from '../components/use-resource';
import { Link, navigate, pathTo, useLocation } from '../router';

export function QueuePage() {
  usePageTitle('Queue');
  const { api } = useSignedIn();
  const { search } = useLocation();
  const { resource, reload } = useResource((signal) => api.call('queue', { signal }), 'queue');
  const [starting, setStarting] = useState(false);
  const [nothingNext, setNothingNext] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const startingRef = useRef(false);

  async function startNext() {
    if (startingRef.current) return;
    startingRef.current = true;
    setStarting(true);
    setError(null);
    try {
      const { assignment } = await api.call('nextAssignment', {});
      if (assignment === null) {
        setNothingNext(true);
        reload();
      } else {
        navigate(pathTo('review', assignment.assignmentId));
        return;
      }
    } catch (caught) {
      setError(caught);
    }
    startingRef.current = false;
    setStarting(false);
  }

  useWindowKeyDown((event) => {
    if (event.key !== 'n' || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target))
      return;
    event.preventDefault();
    void startNext();
  });

  const queue = resource.status === 'ready' ? resource.data : null;
  const queueEmpty =
    search.get('empty') === '1' ||
    nothingNext ||
    (queue !== null && queue.available === 0 && queue.active.length === 0);

  return (
    <div className="panel">
      <div className="heading-row">
        <h1>Your queue</h1>
        <button
          type="button"
          className="primary"
          onClick={() => void startNext()}
          disabled={starting}
          autoFocus
          data-testid="queue-next"
          aria-keyshortcuts="n"
        >
          {starting ? 'Assigning…' : 'Start next item'} <kbd>n</kbd>
        </button>
      </div>
      {queueEmpty && (
        <p className="notice" role="status" data-testid="queue-empty">
          Queue empty: no item is waiting for you right now. New items appear when an admin creates a batch.
        </p>
      )}
      {error !== null && <ErrorMessage error={error} />}
      {resource.status === 'loading' && <Loading />}
      {resource.status === 'error' && <ErrorMessage error={resource.error} onRetry={reload} />}
      {queue !== null && (
        <>
          <dl className="counts" data-testid="queue-counts">
            <div>
              <dt>Available to you</dt>
              <dd data-testid="queue-available">{queue.available}</dd>
            </div>
            <div>
              <dt>Submitted</dt>
              <dd data-testid="queue-submitted">{queue.submitted}</dd>
            </div>
            <div>
              <dt>In progress</dt>
              <dd data-testid="queue-active-count">{queue.active.length}</dd>
            </div>
          </dl>
          <h2>In progress</h2>
          {queue.active.length === 0 ? (
            <p className="hint">Nothing in progress. Press n to start the next item.</p>
          ) : (
            <table data-testid="queue-active">
              <thead>
                <tr>
                  <th scope="col">Item</th>
                  <th scope="col">Calculator</th>
                  <th scope="col">Batch</th>
                  <th scope="col">Assigned</th>
                  <th scope="col">Lease ends</th>
                </tr>
              </thead>
              <tbody>
                {queue.active.map((entry) => (
                  <tr key={entry.assignmentId} data-testid={`queue-item-${entry.assignmentId}`}>
                    <td>
                      <Link to={pathTo('review', entry.assignmentId)}>{entry.itemId}</Link>
                    </td>
                    <td>{entry.calculatorName}</td>
                    <td>{entry.batchName}</td>
                    <td>{formatTime(entry.assignedAt)}</td>
                    <td>{formatTime(entry.expiresAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}
