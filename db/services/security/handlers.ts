import type { CallName } from '../../../shared/api/contract';
import type { Handler } from '../../handlers';
import type { securityCalls } from '../../../shared/api/security';
import { authStatus, changePassword, createUser, listUsers, login, logout, resetPassword, setupAdmin, updateUser } from './users';

type Names = keyof typeof securityCalls & CallName;
/** The security area's services, by call name. */
export const securityHandlers: { [K in Names]: Handler<K> } = {
  'auth.status': (db, _input, ctx) => authStatus(db, ctx),
  'auth.setupAdmin': (db, input) => setupAdmin(db, input),
  'auth.login': (db, input) => login(db, input),
  'auth.logout': (db, _input, ctx) => logout(db, ctx),
  'auth.changePassword': changePassword,
  'users.list': (db) => listUsers(db),
  'users.create': createUser,
  'users.update': updateUser,
  'users.resetPassword': resetPassword,
};
