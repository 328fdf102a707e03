import { useState } from 'react';
import type { FormEvent } from 'react';
import { useApp } from '../app-context';
import { ErrorMessage, usePageTitle } from '../components/status';
import { Link, navigate, useLocation } from '../router';

/** The contract's minimum (setPasswordRequestSchema); checked here too so the physician hears it at once. */
const MINIMUM_PASSWORD_LENGTH = 12;

/** `/set-password#token=…`: the token sits in the fragment so it never reaches a server log or a Referer. */
function readToken(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token === null || token === '' ? null : token;
}

export function SetPasswordPage() {
  usePageTitle('Set your password');
  const { api, setSession } = useApp();
  const { hash } = useLocation();
  const token = readToken(hash);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || token === null) return;
    setError(null);
    if (password.length < MINIMUM_PASSWORD_LENGTH) {
      setProblem(`Use at least ${MINIMUM_PASSWORD_LENGTH} characters.`);
      return;
    }
    if (password !== repeated) {
      setProblem('The two passwords differ.');
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await api.call('setPassword', { body: { token, password } });
      // Whoever was signed in on this browser is not the person the link was for.
      setSession(null);
      navigate('/login?password=set');
    } catch (caught) {
      setError(caught);
      setBusy(false);
    }
  }

  if (token === null) {
    return (
      <div className="panel narrow" data-testid="set-password-no-token">
        <h1>Set your password</h1>
        <p>This link has no token. Open the full link you were sent, or ask an admin for a new one.</p>
        <p>
          <Link to="/login">Go to sign in</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="panel narrow">
      <h1>Set your password</h1>
      <form onSubmit={(event) => void submit(event)} className="stack" data-testid="set-password-form">
        <label htmlFor="set-password-new">New password</label>
        <input
          id="set-password-new"
          data-testid="set-password-new"
          type="password"
          autoComplete="new-password"
          autoFocus
          required
          minLength={MINIMUM_PASSWORD_LENGTH}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          aria-describedby="set-password-hint"
        />
        <p id="set-password-hint" className="hint">
          At least {MINIMUM_PASSWORD_LENGTH} characters.
        </p>
        <label htmlFor="set-password-repeat">Repeat the password</label>
        <input
          id="set-password-repeat"
          data-testid="set-password-repeat"
          type="password"
          autoComplete="new-password"
          required
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
        />
        {problem !== null && (
          <p className="error" role="alert" data-testid="set-password-problem">
            {problem}
          </p>
        )}
        {error !== null && <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={busy} data-testid="set-password-submit">
          {busy ? 'Saving…' : 'Set password'}
        </button>
      </form>
    </div>
  );
}
