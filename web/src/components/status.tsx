import { useEffect } from 'react';
import { ApiError } from '../api';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="loading" role="status" data-testid="loading">
      {label}
    </p>
  );
}

export function describeError(error: unknown): {
  message: string;
  fix: string | undefined;
  issues: string[];
} {
  if (error instanceof ApiError) {
    return {
      message: error.message,
      fix: error.fix,
      issues: error.issues.map((issue) =>
        issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`,
      ),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `Something went wrong: ${message}`, fix: 'Reload the page.', issues: [] };
}

/** An error as the server explained it: message, how to fix it, and the fields at fault. */
export function ErrorMessage({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { message, fix, issues } = describeError(error);
  return (
    <div className="error" role="alert" data-testid="error">
      <p className="error-message">{message}</p>
      {fix !== undefined && <p className="error-fix">{fix}</p>}
      {issues.length > 0 && (
        <ul className="error-issues">
          {issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      )}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry} data-testid="retry">
          Try again
        </button>
      )}
    </div>
  );
}

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Steward`;
  }, [title]);
}
