import { useState } from 'react';
import type { Role } from '../../../src/contracts/review-api';
import { useSignedIn } from '../app-context';
import { Link, navigate, useLocation } from '../router';
import { ErrorMessage } from './status';

const LINKS_BY_ROLE: Record<Role, readonly { to: string; label: string; testId: string }[]> = {
  physician: [
    { to: '/queue', label: 'Queue', testId: 'nav-queue' },
    { to: '/my', label: 'My reviews', testId: 'nav-my' },
  ],
  adjudicator: [
    { to: '/adjudicate', label: 'Adjudicate', testId: 'nav-adjudicate' },
    { to: '/stats', label: 'Stats', testId: 'nav-stats' },
  ],
  admin: [
    { to: '/batches', label: 'Batches', testId: 'nav-batches' },
    { to: '/stats', label: 'Stats', testId: 'nav-stats' },
  ],
};

export function TopBar() {
  const { api, session, setSession } = useSignedIn();
  const { pathname } = useLocation();
  const [error, setError] = useState<unknown>(null);

  async function signOut() {
    setError(null);
    try {
      await api.call('logout', {});
    } catch (caught) {
      setError(caught);
      return;
    }
    setSession(null);
    navigate('/login');
  }

  return (
    <header className="top-bar">
      <span className="brand">Steward</span>
      <nav aria-label="Main">
        {LINKS_BY_ROLE[session.user.role].map((link) => {
          const current = pathname === link.to || pathname.startsWith(`${link.to}/`);
          return (
            <Link
              key={link.to}
              to={link.to}
              data-testid={link.testId}
              aria-current={current ? 'page' : undefined}
            >
              {link.label}
            </Link>
          );
        })}
      </nav>
      <div className="user-menu" data-testid="user-menu">
        <span data-testid="user-email">{session.user.email}</span>
        <span className="role" data-testid="user-role">
          {session.user.role}
        </span>
        <button type="button" onClick={() => void signOut()} data-testid="logout">
          Sign out
        </button>
      </div>
      {error !== null && <ErrorMessage error={error} />}
    </header>
  );
}
