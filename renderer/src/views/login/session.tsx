import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../../shared/api/security';

// Who is signed in, for the views: hide or disable what the role may not do. The main process / web host
// enforces the same rules on every call; this only keeps the screen honest.

export interface SessionValue {
  user: SessionUser;
  signOut(): Promise<void>;
}

/** Without a provider (component tests) the screen behaves as for an administrator. */
const fallback: SessionValue = { user: { id: null, username: '', fullName: '', role: 'admin' }, signOut: async () => {} };

export const SessionContext = createContext<SessionValue>(fallback);

export const useSession = () => useContext(SessionContext);

/** False for viewers ("Chỉ xem"): grids are read-only and write buttons hidden. */
export const useCanWrite = () => useContext(SessionContext).user.role !== 'viewer';

export const useIsAdmin = () => useContext(SessionContext).user.role === 'admin';
