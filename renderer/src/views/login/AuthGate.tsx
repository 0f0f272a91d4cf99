import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { call, errorMessage, SIGNED_OUT_EVENT } from '../../api';
import type { SessionUser } from '../../../../shared/api/security';
import { SessionContext } from './session';
import { LoginScreen } from './LoginScreen';
import { SetupScreen } from './SetupScreen';
import './login.css';

type State = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'setup' } | { kind: 'login'; notice?: string } | { kind: 'in'; user: SessionUser };

/**
 * Shows the first-run administrator setup, the sign-in screen, or (signed in) the app with the user in context.
 * A session that ends while working (idle for 8 hours, account disabled) brings the sign-in screen back.
 */
export function AuthGate({ children }: { children: (user: SessionUser) => ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const check = useCallback(async (notice?: string) => {
    try {
      const s = await call('auth.status', {});
      setState(s.user ? { kind: 'in', user: s.user } : s.needsSetup ? { kind: 'setup' } : { kind: 'login', notice });
    } catch (e) {
      setState({ kind: 'error', message: errorMessage(e) });
    }
  }, []);

  useEffect(() => {
    void check();
    const onSignedOut = () => void check('Phiên đăng nhập đã kết thúc. Hãy đăng nhập lại.');
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [check]);

  const signOut = useCallback(async () => {
    await call('auth.logout', {}).catch(() => {});
    await check();
  }, [check]);

  // One context value per signed-in user, so views do not re-render just because the shell did.
  const signedInUser = state.kind === 'in' ? state.user : null;
  const session = useMemo(() => (signedInUser ? { user: signedInUser, signOut } : null), [signedInUser, signOut]);

  switch (state.kind) {
    case 'loading':
      return <p className="view-padded">Đang tải…</p>;
    case 'error':
      return (
        <p className="view-padded error-text" role="alert">
          {state.message}
        </p>
      );
    case 'setup':
      return <SetupScreen onDone={(user) => setState({ kind: 'in', user })} />;
    case 'login':
      return <LoginScreen notice={state.notice} onDone={(user) => setState({ kind: 'in', user })} />;
    case 'in':
      return <SessionContext.Provider value={session!}>{children(state.user)}</SessionContext.Provider>;
  }
}
