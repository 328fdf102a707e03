import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { Role, SessionResponse } from '../../src/contracts/review-api';
import { ApiError, createApiClient } from './api';
import { AppContext, HOME_BY_ROLE } from './app-context';
import { ErrorMessage, Loading } from './components/status';
import { TopBar } from './components/top-bar';
import { Link, matchPath, navigate, useLocation } from './router';
import { AdjudicationListPage } from './pages/adjudication/adjudication-list-page';
import { AdjudicationPage } from './pages/adjudication/adjudication-page';
import { BatchesPage } from './pages/batches/batches-page';
import { LoginPage } from './pages/login-page';
import { MyReviewsPage } from './pages/my-reviews-page';
import { QueuePage } from './pages/queue-page';
import { ReviewPage } from './pages/review/review-page';
import { SetPasswordPage } from './pages/set-password-page';
import { StatsPage } from './pages/stats-page';

interface PageRoute {
  pattern: string;
  roles: readonly Role[];
  render: (parameters: Record<string, string>) => ReactNode;
}

const PAGES: readonly PageRoute[] = [
  { pattern: '/queue', roles: ['physician'], render: () => <QueuePage /> },
  {
    pattern: '/review/:assignmentId',
    roles: ['physician'],
    // A new key per item: the form, timer and live result start fresh.
    render: ({ assignmentId = '' }) => <ReviewPage key={assignmentId} assignmentId={assignmentId} />,
  },
  { pattern: '/my', roles: ['physician'], render: () => <MyReviewsPage /> },
  { pattern: '/adjudicate', roles: ['adjudicator'], render: () => <AdjudicationListPage /> },
  {
    pattern: '/adjudicate/:batchId/:itemId',
    roles: ['adjudicator'],
    render: ({ batchId = '', itemId = '' }) => (
      <AdjudicationPage key={`${batchId}/${itemId}`} batchId={batchId} itemId={itemId} />
    ),
  },
  { pattern: '/batches', roles: ['admin'], render: () => <BatchesPage /> },
  { pattern: '/stats', roles: ['adjudicator', 'admin'], render: () => <StatsPage /> },
];

const PUBLIC_PATHS = ['/login', '/set-password'];

function renderSignedIn(pathname: string, session: SessionResponse): ReactNode {
  for (const page of PAGES) {
    const parameters = matchPath(page.pattern, pathname);
    if (parameters === null) continue;
    if (!page.roles.includes(session.user.role)) {
      return (
        <div className="panel" data-testid="forbidden">
          <h1>Not for your role</h1>
          <p>
            This page is for {page.roles.join(' and ')} accounts; you are signed in as {session.user.role}.
          </p>
          <p>
            <Link to={HOME_BY_ROLE[session.user.role]}>Go to your home page</Link>
          </p>
        </div>
      );
    }
    return page.render(parameters);
  }
  return (
    <div className="panel" data-testid="not-found">
      <h1>Page not found</h1>
      <p>
        <Link to={HOME_BY_ROLE[session.user.role]}>Go to your home page</Link>
      </p>
    </div>
  );
}

export function App() {
  const [session, setSession] = useState<SessionResponse | null | 'loading'>('loading');
  const [sessionError, setSessionError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [api] = useState(() => createApiClient({ onUnauthorized: () => setSession(null) }));
  const location = useLocation();

  useEffect(() => {
    const controller = new AbortController();
    api.call('session', { signal: controller.signal }).then(
      (current) => setSession(current),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setSession(null);
        else setSessionError(error);
      },
    );
    return () => controller.abort();
  }, [api, attempt]);

  useEffect(() => {
    api.setCsrfToken(session === 'loading' || session === null ? null : session.csrfToken);
  }, [api, session]);

  const isPublic = PUBLIC_PATHS.includes(location.pathname);
  const signedOutElsewhere = session === null && !isPublic;
  useEffect(() => {
    if (!signedOutElsewhere) return;
    const query = location.search.toString();
    const here = location.pathname + (query === '' ? '' : `?${query}`);
    navigate(here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`, { replace: true });
  }, [signedOutElsewhere, location.pathname, location.search]);

  useEffect(() => {
    if (session === 'loading' || session === null || location.pathname !== '/') return;
    navigate(HOME_BY_ROLE[session.user.role], { replace: true });
  }, [session, location.pathname]);

  if (session === 'loading') {
    if (sessionError !== null) {
      return (
        <main className="page narrow">
          <ErrorMessage
            error={sessionError}
            onRetry={() => {
              setSessionError(null);
              setAttempt((count) => count + 1);
            }}
          />
        </main>
      );
    }
    return (
      <main className="page narrow">
        <Loading label="Checking your session…" />
      </main>
    );
  }

  const context = { api, session, setSession };
  let content: ReactNode;
  if (location.pathname === '/set-password') content = <SetPasswordPage />;
  else if (location.pathname === '/login' || session === null) content = <LoginPage />;
  else content = renderSignedIn(location.pathname, session);

  return (
    <AppContext.Provider value={context}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {session !== null && <TopBar />}
      <main id="main" className="page" tabIndex={-1}>
        {content}
      </main>
    </AppContext.Provider>
  );
}
