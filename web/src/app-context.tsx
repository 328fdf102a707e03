import { createContext, useContext } from 'react';
import type { Role, SessionResponse } from '../../src/contracts/review-api';
import type { ApiClient } from './api';

/** Where each role lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  physician: '/queue',
  adjudicator: '/adjudicate',
  admin: '/batches',
};

export interface AppContextValue {
  api: ApiClient;
  session: SessionResponse | null;
  /** After sign-in (a session) or sign-out (null). */
  setSession: (session: SessionResponse | null) => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (value === null) throw new Error('useApp outside <AppContext>');
  return value;
}

/** The API client and the signed-in session, for pages that are only rendered when signed in. */
export function useSignedIn(): AppContextValue & { session: SessionResponse } {
  const value = useApp();
  if (value.session === null) throw new Error('useSignedIn while signed out');
  return { ...value, session: value.session };
}
