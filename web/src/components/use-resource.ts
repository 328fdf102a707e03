import { useEffect, useRef, useState } from 'react';

export type Resource<DATA> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: DATA };

/**
 * Loads data for a key (usually the URL's ids); a new key starts over, `reload()` refetches while the old data
 * stays on screen. Stale answers are dropped (the request is aborted).
 */
export function useResource<DATA>(
  load: (signal: AbortSignal) => Promise<DATA>,
  key: string,
): { resource: Resource<DATA>; reload: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; resource: Resource<DATA> }>({
    key,
    resource: { status: 'loading' },
  });
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ key, resource: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [key, attempt]);

  return {
    resource: state.key === key ? state.resource : { status: 'loading' },
    reload: () => setAttempt((count) => count + 1),
  };
}
