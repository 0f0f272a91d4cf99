import type { Access } from '../shared/api/define';

export type Role = 'admin' | 'clerk' | 'viewer';

/** Who is calling. Hosts (IPC, web host) build it from their session; services use it for audit rows. */
export interface CallContext {
  /** The username audit rows name. */
  actor: string;
  role: Role;
  /** The signed-in account (absent for scripts, tests and a host's preset context). */
  userId?: number | null;
  /** The session the call came with, so auth.logout / auth.changePassword know which one is theirs. */
  sessionToken?: string | null;
}

const ALLOWED: Record<Role, Access[]> = {
  admin: ['read', 'write', 'admin'],
  clerk: ['read', 'write'],
  viewer: ['read'],
};

export function roleAllows(role: Role, access: Access): boolean {
  return ALLOWED[role].includes(access);
}

/** Calls made before signing in: only the public auth calls accept it (see PUBLIC_CALLS). */
export const ANONYMOUS_CONTEXT: CallContext = Object.freeze({ actor: '', role: 'viewer' as Role });

export function isAnonymous(ctx: CallContext): boolean {
  return ctx.actor === '';
}

/** Used by tests, scripts and the sample generator. */
export const SYSTEM_CONTEXT: CallContext = { actor: 'hệ thống', role: 'admin' };
