import { useEffect, useRef, useState } from 'react';
import type { ComputeResponse } from '../../../../src/contracts/review-api';
import type { ApiClient } from '../../api';
import { isAbortError } from '../../api';
import { describeError } from '../../components/status';

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MILLISECONDS = 150;

type LiveState =
  | { status: 'idle' }
  | { status: 'computing'; previous: ComputeResponse | null }
  | { status: 'ready'; result: ComputeResponse }
  | { status: 'error'; error: unknown };

/** Our calculator's result for the inputs typed so far, recomputed (debounced) as they change. */
export function useLiveResult(
  api: ApiClient,
  slug: string | null,
  inputs: Record<string, unknown>,
): LiveState {
  const [state, setState] = useState<LiveState>({ status: 'idle' });
  // The values as a key: a re-render with equal values must not start a new request.
  const key = JSON.stringify(inputs);
  const inputsRef = useRef(inputs);
  inputsRef.current = inputs;
  useEffect(() => {
    if (slug === null) return undefined;
    const controller = new AbortController();
    setState((current) => ({
      status: 'computing',
      previous:
        current.status === 'ready'
          ? current.result
          : current.status === 'computing'
            ? current.previous
            : null,
    }));
    const timer = window.setTimeout(() => {
      api
        .call('compute', {
          params: { slug },
          body: { inputs: inputsRef.current },
          signal: controller.signal,
        })
        .then(
          (result) => setState({ status: 'ready', result }),
          (error: unknown) => {
            if (!isAbortError(error) && !controller.signal.aborted) setState({ status: 'error', error });
          },
        );
    }, DEBOUNCE_MILLISECONDS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [api, slug, key]);
  return state;
}

function ResultList({ title, items, testId }: { title: string; items: readonly string[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <div className="result-list">
      <h4>{title}</h4>
      <ol data-testid={testId}>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ol>
    </div>
  );
}

function ResultBody({ result, stale }: { result: ComputeResponse; stale: boolean }) {
  return (
    <div className={stale ? 'stale' : undefined}>
      {result.status === 'computed' ? (
        <p className="live-answer" data-testid="live-answer">
          <strong>{result.answer}</strong> {result.unit}
        </p>
      ) : (
        <p className="live-not-computable" data-testid="live-not-computable">
          Not computable: {result.reason}
          {result.missing.length > 0 && <>; missing: {result.missing.join(', ')}</>}
        </p>
      )}
      {result.warnings.length > 0 && (
        <ul className="warnings" data-testid="live-warnings">
          {result.warnings.map((warning, index) => (
            <li key={index}>{warning}</li>
          ))}
        </ul>
      )}
      <details className="steps">
        <summary>
          Steps ({result.steps.length})
          {result.assumptions.length > 0 && `, assumptions (${result.assumptions.length})`}
        </summary>
        <ResultList title="Steps" items={result.steps} testId="live-steps" />
        <ResultList title="Assumptions" items={result.assumptions} testId="live-assumptions" />
      </details>
    </div>
  );
}

export function LiveResult({ state }: { state: LiveState }) {
  let body;
  switch (state.status) {
    case 'idle':
      body = <p className="hint">Enter inputs to see our calculator's result.</p>;
      break;
    case 'computing':
      body =
        state.previous === null ? (
          <p className="hint">Computing…</p>
        ) : (
          <ResultBody result={state.previous} stale />
        );
      break;
    case 'ready':
      body = <ResultBody result={state.result} stale={false} />;
      break;
    case 'error': {
      const { message, fix } = describeError(state.error);
      body = (
        <p className="field-problem" role="alert">
          Live result unavailable: {message} {fix}
        </p>
      );
      break;
    }
  }
  return (
    <section className="live-result" data-testid="live-result" aria-live="polite" aria-label="Live result">
      <h3>Live result</h3>
      {body}
    </section>
  );
}
