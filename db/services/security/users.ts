import type { AppDb } from '../../open';
import { inTransaction } from '../../open';
import { isAnonymous, type CallContext, type Role } from '../../context';
import { AppFailure, fail } from '../../../shared/api/envelope';
import type { CallOutput, ParsedInput } from '../../../shared/api/contract';
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, type SessionUser, type User } from '../../../shared/api/security';
import { writeAudit, diffEntries, type AuditAction, type AuditEntry } from '../audit';
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from './password';
import { sessionsFor } from './sessions';

// Accounts, sign-in with a stored lockout, and the administrator's user management. Every change is one
// transaction with audit rows; password hashes never reach an audit row or the renderer. Sign-ins are audited too
// (entity 'user'): sign_in, sign_in_failed with the name tried and the reason (never the password), lockout,
// sign_out, password_change(_failed), password_reset.

interface UserRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  version: number;
}

const WRONG_CREDENTIALS = 'Tên đăng nhập hoặc mật khẩu không đúng.';

export const usernameKey = (username: string) => username.normalize('NFC').trim().toLowerCase();

function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    role: r.role,
    active: !!r.active,
    lockedUntil: r.locked_until && r.locked_until > new Date().toISOString() ? r.locked_until : null,
    failedAttempts: r.failed_attempts,
    lastLoginAt: r.last_login_at,
    createdAt: r.created_at,
    version: r.version,
  };
}

export const toSessionUser = (r: { id: number; username: string; full_name: string; role: Role }): SessionUser => ({
  id: r.id,
  username: r.username,
  fullName: r.full_name,
  role: r.role,
});

export function userById(db: AppDb, id: number): UserRow | undefined {
  return db.sqlite.prepare('select * from users where id = ?').get(id) as UserRow | undefined;
}

function userByName(db: AppDb, username: string): UserRow | undefined {
  return db.sqlite.prepare('select * from users where username_key = ?').get(usernameKey(username)) as UserRow | undefined;
}

export const userCount = (db: AppDb) => (db.sqlite.prepare('select count(*) as n from users').get() as { n: number }).n;

const AUDITED_FIELDS = ['username', 'fullName', 'role', 'active'];
const auditView = (r: UserRow) => ({ username: r.username, fullName: r.full_name, role: r.role, active: !!r.active });

function insertUser(db: AppDb, ctx: CallContext, input: { username: string; fullName: string; role: Role }, hash: string): UserRow {
  if (userByName(db, input.username)) {
    throw fail.validation('Tên đăng nhập này đã có người dùng.', { username: 'Tên đăng nhập này đã có người dùng.' });
  }
  const r = db.sqlite
    .prepare(
      `insert into users (username, username_key, full_name, role, password_hash, password_changed_at)
       values (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
    )
    .run(input.username, usernameKey(input.username), input.fullName, input.role, hash);
  const row = userById(db, Number(r.lastInsertRowid))!;
  writeAudit(db, ctx, diffEntries('user', row.id, null, {}, auditView(row), AUDITED_FIELDS).map((e) => ({ ...e, action: 'create' as const })));
  return row;
}

/** Why a sign-in was refused, stored in the audit row (field 'reason'); the renderer words it. */
export type SignInFailure = 'unknown_user' | 'wrong_password' | 'locked' | 'disabled';

/**
 * A name that matches no account, for the audit row of a refused sign-in: its first two characters and its
 * length (as stars). People type their password into the name box by mistake, and the audit log is read by others:
 * the whole text would put that password there in the clear. Enough is kept to see a run of guesses.
 */
export function triedName(username: string): string {
  const chars = [...username.normalize('NFC').trim()];
  if (chars.length === 0) return '(để trống)';
  return `${chars.slice(0, 2).join('')}${'*'.repeat(Math.min(Math.max(chars.length - 2, 1), 20))}`;
}

function auditAuth(db: AppDb, actor: { username: string; role: Role }, action: AuditAction, entityId: number, extra: Partial<AuditEntry> = {}) {
  writeAudit(db, { actor: actor.username, role: actor.role }, [{ action, entity: 'user', entityId, ...extra }]);
}

/** A refused sign-in, named by the account when it exists, else by the name tried (entity id 0). */
function auditFailedSignIn(db: AppDb, tried: string, row: UserRow | undefined, reason: SignInFailure) {
  inTransaction(db, () => auditAuth(db, { username: row?.username ?? triedName(tried), role: row?.role ?? 'viewer' }, 'sign_in_failed', row?.id ?? 0, { field: 'reason', newValue: reason }));
}

function signIn(db: AppDb, row: UserRow): CallOutput<'auth.login'> {
  const token = sessionsFor(db).create(row.id);
  return { token, user: toSessionUser(row) };
}

export function authStatus(db: AppDb, ctx: CallContext): CallOutput<'auth.status'> {
  const needsSetup = userCount(db) === 0;
  if (isAnonymous(ctx)) return { needsSetup, user: null };
  if (ctx.userId != null) {
    const row = userById(db, ctx.userId);
    if (row) return { needsSetup, user: toSessionUser(row) };
  }
  // A host's preset context (tests, scripts): signed in without an account.
  return { needsSetup, user: { id: null, username: ctx.actor, fullName: ctx.actor, role: ctx.role } };
}

export async function setupAdmin(db: AppDb, input: ParsedInput<'auth.setupAdmin'>): Promise<CallOutput<'auth.setupAdmin'>> {
  const refused = () => fail.forbidden('Ứng dụng đã có tài khoản quản trị. Hãy đăng nhập; nếu quên mật khẩu, nhờ quản trị viên đặt lại.');
  if (userCount(db) > 0) throw refused();
  const hash = await hashPassword(input.password);
  const row = inTransaction(db, () => {
    // Checked again inside the write lock: two windows finishing the setup at once create one administrator.
    if (userCount(db) > 0) throw refused();
    return insertUser(db, { actor: input.username, role: 'admin' }, { username: input.username, fullName: input.fullName, role: 'admin' }, hash);
  });
  markLogin(db, row.id);
  return signIn(db, userById(db, row.id)!);
}

function lockoutMessage(until: string): string {
  const d = new Date(until);
  const hh = String(d.getHours()).padStart(2, '0');
  const mm = String(d.getMinutes()).padStart(2, '0');
  return `Tài khoản đang tạm khoá vì nhập sai mật khẩu ${MAX_FAILED_ATTEMPTS} lần. Hãy thử lại sau ${hh}:${mm}, hoặc nhờ quản trị viên đặt lại mật khẩu.`;
}

/**
 * Counts a wrong password (at sign-in, or as the current password when changing it), with its audit row; the
 * fifth in a row locks the account for LOCKOUT_MINUTES (stored, so a restart does not lift it).
 */
function recordFailure(db: AppDb, row: UserRow, action: 'sign_in_failed' | 'password_change_failed'): string | null {
  return inTransaction(db, () => {
    const fresh = userById(db, row.id)!;
    const attempts = fresh.failed_attempts + 1;
    auditAuth(db, fresh, action, row.id, { field: 'reason', newValue: 'wrong_password' });
    if (attempts >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(Date.now() + LOCKOUT_MINUTES * 60_000).toISOString();
      db.sqlite.prepare('update users set failed_attempts = 0, locked_until = ? where id = ?').run(until, row.id);
      auditAuth(db, fresh, 'lockout', row.id, { field: 'lockedUntil', oldValue: fresh.locked_until, newValue: until });
      return until;
    }
    db.sqlite.prepare('update users set failed_attempts = ? where id = ?').run(attempts, row.id);
    return null;
  });
}

/** A successful sign-in: the failure count and any lockout cleared, the time kept, and an audit row. */
function markLogin(db: AppDb, id: number) {
  inTransaction(db, () => {
    db.sqlite
      .prepare(`update users set failed_attempts = 0, locked_until = null, last_login_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
      .run(id);
    auditAuth(db, userById(db, id)!, 'sign_in', id);
  });
}

function isLocked(row: UserRow): boolean {
  return !!row.locked_until && row.locked_until > new Date().toISOString();
}

export async function login(db: AppDb, input: ParsedInput<'auth.login'>): Promise<CallOutput<'auth.login'>> {
  const row = userByName(db, input.username);
  if (!row) {
    await verifyAgainstDummy(input.password);
    auditFailedSignIn(db, input.username, undefined, 'unknown_user');
    throw fail.validation(WRONG_CREDENTIALS, { password: WRONG_CREDENTIALS });
  }
  // A locked account is refused before the password is even checked, so guessing during the lockout is useless.
  if (isLocked(row)) {
    auditFailedSignIn(db, input.username, row, 'locked');
    throw new AppFailure('forbidden', lockoutMessage(row.locked_until!));
  }
  if (!(await verifyPassword(input.password, row.password_hash))) {
    const lockedUntil = recordFailure(db, row, 'sign_in_failed');
    if (lockedUntil) throw new AppFailure('forbidden', lockoutMessage(lockedUntil));
    throw fail.validation(WRONG_CREDENTIALS, { password: WRONG_CREDENTIALS });
  }
  if (!row.active) {
    auditFailedSignIn(db, input.username, row, 'disabled');
    throw fail.forbidden('Tài khoản này đã bị vô hiệu hoá. Hãy liên hệ quản trị viên.');
  }
  if (needsRehash(row.password_hash)) {
    const hash = await hashPassword(input.password);
    inTransaction(db, () => db.sqlite.prepare('update users set password_hash = ? where id = ?').run(hash, row.id));
  }
  markLogin(db, row.id);
  return signIn(db, userById(db, row.id)!);
}

export function logout(db: AppDb, ctx: CallContext): CallOutput<'auth.logout'> {
  sessionsFor(db).revoke(ctx.sessionToken);
  // Only a signed-in account signs out; a host's preset context (tests, scripts) has no session to end.
  const row = ctx.userId != null ? userById(db, ctx.userId) : undefined;
  if (row) inTransaction(db, () => auditAuth(db, row, 'sign_out', row.id));
  return {};
}

function requireAccount(db: AppDb, ctx: CallContext): UserRow {
  const row = ctx.userId != null ? userById(db, ctx.userId) : undefined;
  if (!row) throw fail.forbidden('Phiên làm việc này không gắn với tài khoản nào nên không đổi được mật khẩu.');
  return row;
}

export async function changePassword(db: AppDb, input: ParsedInput<'auth.changePassword'>, ctx: CallContext): Promise<CallOutput<'auth.changePassword'>> {
  const row = requireAccount(db, ctx);
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    recordFailure(db, row, 'password_change_failed');
    throw fail.validation('Mật khẩu hiện tại không đúng.', { currentPassword: 'Mật khẩu hiện tại không đúng.' });
  }
  const hash = await hashPassword(input.password);
  inTransaction(db, () => {
    db.sqlite
      .prepare(`update users set password_hash = ?, failed_attempts = 0, password_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'), version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
      .run(hash, row.id);
    writeAudit(db, ctx, [{ action: 'password_change', entity: 'user', entityId: row.id }]);
  });
  // Other sessions of this account (another window, a forgotten browser tab) end with the old password.
  sessionsFor(db).revokeUser(row.id, ctx.sessionToken);
  return {};
}

export function listUsers(db: AppDb): User[] {
  const rows = db.sqlite.prepare('select * from users order by active desc, username_key').all() as UserRow[];
  return rows.map(toUser);
}

export async function createUser(db: AppDb, input: ParsedInput<'users.create'>, ctx: CallContext): Promise<User> {
  const hash = await hashPassword(input.password);
  return toUser(inTransaction(db, () => insertUser(db, ctx, input, hash)));
}

const activeAdmins = (db: AppDb, exceptId: number) =>
  (db.sqlite.prepare(`select count(*) as n from users where role = 'admin' and active = 1 and id <> ?`).get(exceptId) as { n: number }).n;

export function updateUser(db: AppDb, input: ParsedInput<'users.update'>, ctx: CallContext): User {
  const result = inTransaction(db, () => {
    const before = userById(db, input.id);
    if (!before) throw fail.notFound('tài khoản');
    if (before.version !== input.version) throw fail.conflict(toUser(before));
    const next = {
      fullName: input.changes.fullName ?? before.full_name,
      role: input.changes.role ?? before.role,
      active: input.changes.active ?? !!before.active,
    };
    const losesAdmin = before.role === 'admin' && !!before.active && (next.role !== 'admin' || !next.active);
    if (losesAdmin && activeAdmins(db, before.id) === 0) {
      throw fail.validation('Phải còn ít nhất một quản trị viên đang hoạt động.', {
        [input.changes.active === false ? 'active' : 'role']: 'Phải còn ít nhất một quản trị viên đang hoạt động.',
      });
    }
    db.sqlite
      .prepare(`update users set full_name = ?, role = ?, active = ?, version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`)
      .run(next.fullName, next.role, next.active ? 1 : 0, before.id);
    const after = userById(db, before.id)!;
    writeAudit(db, ctx, diffEntries('user', before.id, null, auditView(before), auditView(after), AUDITED_FIELDS));
    return after;
  });
  // A disabled account is signed out at once; a changed role applies from the next call (sessions read it each call).
  if (!result.active) sessionsFor(db).revokeUser(result.id);
  return toUser(result);
}

export async function resetPassword(db: AppDb, input: ParsedInput<'users.resetPassword'>, ctx: CallContext): Promise<User> {
  if (!userById(db, input.id)) throw fail.notFound('tài khoản');
  const hash = await hashPassword(input.password);
  const row = inTransaction(db, () => {
    const before = userById(db, input.id);
    if (!before) throw fail.notFound('tài khoản');
    db.sqlite
      .prepare(
        `update users set password_hash = ?, failed_attempts = 0, locked_until = null, password_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ','now'),
         version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') where id = ?`,
      )
      .run(hash, before.id);
    writeAudit(db, ctx, [{ action: 'password_reset', entity: 'user', entityId: before.id }]);
    return userById(db, before.id)!;
  });
  sessionsFor(db).revokeUser(row.id, ctx.sessionToken);
  return toUser(row);
}
