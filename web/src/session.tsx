import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { Me } from '../../src/contracts/auth.js';
import type { Problem } from '../../src/contracts/common.js';
import { authApi } from './api/auth.js';
import { onUnauthenticated, setCsrfToken, toProblem } from './api/client.js';
import { applyLocale } from './i18n.js';
import { clearOfflineCopies } from './sw/register.js';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; problem: Problem }
  | { status: 'anonymous' }
  | { status: 'signed-in'; me: Me };

interface SessionValue {
  state: SessionState;
  /** The signed-in user, or null. */
  me: Me | null;
  /** Records the Me the server just sent (after sign-in or any change to the account). */
  signedIn: (me: Me, options?: { adoptLocale?: boolean }) => void;
  /** Records a Me that arrived late (a background save): ignored if that user has signed out since. */
  updated: (me: Me) => void;
  signedOut: () => void;
  reload: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** The page an account must go through before any other, or null: its password first, then its second factor. */
export const PASSWORD_STEP = '/account/password';
export const SECOND_FACTOR_STEP = '/account/second-factor';

export function requiredStep(me: Me | null): string | null {
  if (!me) return null;
  if (me.mustChangePassword) return PASSWORD_STEP;
  if (me.mustEnrolSecondFactor) return SECOND_FACTOR_STEP;
  return null;
}

/** Who is signed in, loaded once from /api/auth/me and kept in step with every Me received. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const queryClient = useQueryClient();
  // The latest state, for callbacks that run after an await.
  const current = useRef(state);
  useEffect(() => {
    current.current = state;
  }, [state]);

  const signedIn = useCallback(
    (me: Me, { adoptLocale = false } = {}) => {
      // Nothing read for one user may be shown to another.
      const before = current.current;
      if (before.status !== 'signed-in' || before.me.id !== me.id) queryClient.clear();
      setCsrfToken(me.csrfToken);
      setState({ status: 'signed-in', me });
      // The language saved with the account wins over this device's choice when a session starts.
      if (adoptLocale) void applyLocale(me.locale);
    },
    [queryClient],
  );

  const updated = useCallback(
    (me: Me) => {
      const now = current.current;
      if (now.status === 'signed-in' && now.me.id === me.id) signedIn(me);
    },
    [signedIn],
  );

  const signedOut = useCallback(() => {
    queryClient.clear();
    void clearOfflineCopies();
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, [queryClient]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    authApi.me().then(
      (me) => (me ? signedIn(me, { adoptLocale: true }) : signedOut()),
      (error: unknown) => setState({ status: 'failed', problem: toProblem(error) }),
    );
  }, [signedIn, signedOut]);

  useEffect(reload, [reload]);
  useEffect(() => onUnauthenticated(signedOut), [signedOut]);

  const value = useMemo<SessionValue>(
    () => ({ state, me: state.status === 'signed-in' ? state.me : null, signedIn, updated, signedOut, reload }),
    [state, signedIn, updated, signedOut, reload],
  );
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
