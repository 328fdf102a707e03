import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { HOME_BY_ROLE, useApp } from '../app-context';
import { ErrorMessage, usePageTitle } from '../components/status';
import { navigate, useLocation } from '../router';

/** Only same-site paths: `?next=//evil.example` must not send anyone away. */
function readNextPath(search: URLSearchParams): string | null {
  const next = search.get('next');
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/login'))
    return null;
  return next;
}

export function LoginPage() {
  usePageTitle('Sign in');
  const { api, session, setSession } = useApp();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const nextPath = readNextPath(search);

  useEffect(() => {
    if (session !== null) navigate(nextPath ?? HOME_BY_ROLE[session.user.role], { replace: true });
  }, [session, nextPath]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const signedIn = await api.call('login', { body: { email: email.trim(), password } });
      // The redirect happens in the effect above, once the session is set.
      setSession(signedIn);
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  return (
    <div className="panel narrow">
      <h1>Sign in to Steward</h1>
      {search.get('password') === 'set' && (
        <p className="notice" role="status" data-testid="password-set">
          Your password is set. Sign in with it.
        </p>
      )}
      <form onSubmit={(event) => void submit(event)} className="stack" data-testid="login-form">
        <label htmlFor="login-email">E-mail</label>
        <input
          id="login-email"
          data-testid="login-email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <label htmlFor="login-password">Password</label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="hint">New here? Open the one-time link you were sent to set your password.</p>
    </div>
  );
}
