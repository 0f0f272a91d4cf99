import type { Access } from '../shared/api/define';

export type Role = 'admin' | 'clerk' | 'viewer';

/** Who is calling. Hosts (IPC, web host) build it from their session; services use it for audit rows. */
export interface CallContext {
  actor: string;
  role: Role;
}

const ALLOWED: Record<Role, Access[]> = {
  admin: ['read', 'write', 'admin'],
  clerk: ['read', 'write'],
  viewer: ['read'],
};

export function roleAllows(role: Role, access: Access): boolean {
  return ALLOWED[role].includes(access);
}

/** Used by tests, scripts and the sample generator. */
export const SYSTEM_CONTEXT: CallContext = { actor: 'hệ thống', role: 'admin' };
