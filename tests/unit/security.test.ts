import { afterEach, describe, expect, it, vi } from 'vitest';
import crypto from 'node:crypto';
import { openTestDb } from '../helpers/db';
import { seedSmall } from '../helpers/fixtures';
import { createSessionDispatcher } from '../../db/dispatcher';
import { contract, CALL_NAMES } from '../../shared/api/contract';
import { hashPassword, parseHash, verifyPassword } from '../../db/services/security/password';
import { SessionStore, setSessionStore } from '../../db/services/security/sessions';
import type { AppDb } from '../../db/open';
import type { AuditRow } from '../../shared/api/audit';
import { actionLabel, auditFieldLabel, entityLabel, formatAuditValue, recordLabel } from '../../renderer/src/views/audit/labels';

const ADMIN = { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' };

async function setup() {
  const db = await openTestDb();
  const dispatch = createSessionDispatcher(db, { validateOutput: true, logError: (n, e) => console.error(n, e) });
  return { db, dispatch };
}

async function ok(p: Promise<{ ok: boolean; value?: unknown; error?: unknown }>) {
  const env = await p;
  if (!env.ok) throw new Error(JSON.stringify(env.error));
  return env.value as any;
}

const auditRows = (db: AppDb, entity: string) =>
  db.sqlite.prepare('select actor, action, field, old_value as oldValue, new_value as newValue from audit_log where entity = ? order by id').all(entity) as any[];

afterEach(() => vi.useRealTimers());

describe('password hashing', () => {
  it('stores scrypt parameters and a random salt, and verifies only the right password', async () => {
    const a = await hashPassword('Bí mật 2025');
    const b = await hashPassword('Bí mật 2025');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Bí mật 2025', a)).toBe(true);
    expect(await verifyPassword('Bí mật 2024', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });
  it('is the scrypt of node with the stored salt (checked independently)', async () => {
    const stored = await hashPassword('abcdefgh', { N: 1024, r: 8, p: 1 });
    const [, , , , salt, key] = stored.split('$');
    const expected = crypto.scryptSync('abcdefgh', Buffer.from(salt, 'base64url'), 32, { N: 1024, r: 8, p: 1 });
    expect(Buffer.from(key, 'base64url').equals(expected)).toBe(true);
    // Older, cheaper parameters still verify: they travel with the hash.
    expect(await verifyPassword('abcdefgh', stored)).toBe(true);
  });
  it('never matches a malformed or tampered stored hash', async () => {
    const stored = await hashPassword('abcdefgh', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('abcdefgh', stored.replace('$1024$', '$1000$'))).toBe(false);
    expect(await verifyPassword('abcdefgh', stored.replace('$1024$', `$${2 ** 24}$`))).toBe(false);
    expect(await verifyPassword('abcdefgh', 'plain')).toBe(false);
    expect(parseHash('scrypt$1024$8$1$x$y')).toBeNull();
  });
});

describe('sessions', () => {
  it('expire after 8 hours without use, and each use extends them', () => {
    let now = 1_000_000;
    const store = new SessionStore(8 * 3600_000, () => now);
    const t = store.create(7);
    expect(Buffer.from(t, 'base64url')).toHaveLength(32);
    now += 7 * 3600_000;
    expect(store.resolve(t)).toBe(7);
    now += 7 * 3600_000;
    expect(store.resolve(t)).toBe(7);
    now += 8 * 3600_000 + 1;
    expect(store.resolve(t)).toBeNull();
    expect(store.resolve('forged')).toBeNull();
    const u = store.create(7);
    store.revoke(u);
    expect(store.resolve(u)).toBeNull();
  });
});

describe('first run, sign-in and lockout', () => {
  it('creates the administrator once, then requires sign-in for everything but the public calls', async () => {
    const { db, dispatch } = await setup();
    expect(await ok(dispatch('auth.status', {}, null))).toEqual({ needsSetup: true, user: null });
    const refused = await dispatch('cadres.list', {}, null);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });

    const short = await dispatch('auth.setupAdmin', { ...ADMIN, password: 'ngan', passwordConfirm: 'ngan' }, null);
    expect(short).toMatchObject({ ok: false, error: { kind: 'validation', fieldErrors: { password: 'Mật khẩu cần ít nhất 8 ký tự.' } } });
    const mismatch = await dispatch('auth.setupAdmin', { ...ADMIN, passwordConfirm: 'khac-han-1' }, null);
    expect(mismatch).toMatchObject({ ok: false, error: { fieldErrors: { passwordConfirm: 'Hai lần nhập mật khẩu không khớp.' } } });

    const first = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    expect(first.user).toEqual({ id: 1, username: 'quantri', fullName: 'Nguyễn Văn Quản', role: 'admin' });
    expect(await ok(dispatch('auth.status', {}, first.token))).toEqual({ needsSetup: false, user: first.user });
    const again = await dispatch('auth.setupAdmin', { ...ADMIN, username: 'khac' }, null);
    expect(again).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(db.sqlite.prepare('select count(*) as n from users').get()).toEqual({ n: 1 });
    // The hash is stored, never the password.
    const stored = db.sqlite.prepare('select password_hash as h from users').get() as { h: string };
    expect(stored.h.startsWith('scrypt$')).toBe(true);
    expect(stored.h).not.toContain(ADMIN.password);
    expect(auditRows(db, 'user').map((r) => [r.actor, r.action, r.field, r.newValue])).toEqual([
      ['quantri', 'create', 'username', 'quantri'],
      ['quantri', 'create', 'fullName', 'Nguyễn Văn Quản'],
      ['quantri', 'create', 'role', 'admin'],
      ['quantri', 'create', 'active', 'true'],
      // Creating the first administrator also signs them in.
      ['quantri', 'sign_in', null, null],
    ]);
  });

  it('signs in case-insensitively, names the user in audit rows, and logs out', async () => {
    const { db, dispatch } = await setup();
    await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const wrong = await dispatch('auth.login', { username: 'quantri', password: 'sai-mat-khau' }, null);
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'validation', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    const unknown = await dispatch('auth.login', { username: 'khong-co', password: 'sai-mat-khau' }, null);
    expect(unknown).toMatchObject({ ok: false, error: { kind: 'validation', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    const s = await ok(dispatch('auth.login', { username: ' QuanTri ', password: ADMIN.password }, null));
    expect(s.user.username).toBe('quantri');
    const row = db.sqlite.prepare('select failed_attempts as f, last_login_at as l from users').get() as { f: number; l: string };
    expect(row.f).toBe(0);
    expect(row.l).toMatch(/^\d{4}-\d\d-\d\dT/);

    await ok(dispatch('settings.set', { key: 'thu', value: 1 }, s.token));
    expect(auditRows(db, 'setting').at(-1).actor).toBe('quantri');

    await ok(dispatch('auth.logout', {}, s.token));
    expect(await dispatch('settings.get', {}, s.token)).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });

  it('locks an account for 15 minutes after 5 wrong passwords, also across a restart, and an admin reset lifts it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T08:00:00Z'));
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    await ok(dispatch('users.create', { username: 'canbo1', fullName: 'Trần Thị Bình', role: 'clerk', password: 'dung-roi-1', passwordConfirm: 'dung-roi-1' }, admin.token));
    for (let i = 1; i <= 4; i++) {
      const r = await dispatch('auth.login', { username: 'canbo1', password: `sai-${i}-xxxx` }, null);
      expect(r).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    const fifth = await dispatch('auth.login', { username: 'canbo1', password: 'sai-5-xxxx' }, null);
    expect(fifth).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect((fifth as any).error.message).toContain('tạm khoá');
    // Even the right password is refused while locked.
    expect(await dispatch('auth.login', { username: 'canbo1', password: 'dung-roi-1' }, null)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    // A restart (a new host on the same file) does not lift it: the lock is stored.
    const restarted = createSessionDispatcher(db);
    vi.setSystemTime(new Date('2026-03-02T08:14:00Z'));
    expect(await restarted('auth.login', { username: 'canbo1', password: 'dung-roi-1' }, null)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    vi.setSystemTime(new Date('2026-03-02T08:15:01Z'));
    const after = await ok(restarted('auth.login', { username: 'canbo1', password: 'dung-roi-1' }, null));
    expect(after.user.role).toBe('clerk');
    expect(auditRows(db, 'user').filter((r) => r.field === 'lockedUntil')).toEqual([
      { actor: 'canbo1', action: 'lockout', field: 'lockedUntil', oldValue: null, newValue: '2026-03-02T08:15:00.000Z' },
    ]);

    // Lock again, then the administrator's reset lifts it at once.
    for (let i = 1; i <= 5; i++) await dispatch('auth.login', { username: 'canbo1', password: `sai-${i}-yyyy` }, null);
    const users = await ok(dispatch('users.list', {}, admin.token));
    const clerk = users.find((u: any) => u.username === 'canbo1');
    expect(clerk.lockedUntil).toBe('2026-03-02T08:30:01.000Z');
    await ok(dispatch('users.resetPassword', { id: clerk.id, password: 'moi-hoan-toan', passwordConfirm: 'moi-hoan-toan' }, admin.token));
    await ok(dispatch('auth.login', { username: 'canbo1', password: 'moi-hoan-toan' }, null));
  });

  it('a disabled account cannot sign in and its open sessions end; the last administrator cannot be removed', async () => {
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const v = await ok(dispatch('users.create', { username: 'xem', fullName: 'Lê Văn Xem', role: 'viewer', password: 'chi-xem-123', passwordConfirm: 'chi-xem-123' }, admin.token));
    const s = await ok(dispatch('auth.login', { username: 'xem', password: 'chi-xem-123' }, null));
    await ok(dispatch('users.update', { id: v.id, version: v.version, changes: { active: false } }, admin.token));
    expect(await dispatch('cadres.list', {}, s.token)).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    expect(await dispatch('auth.login', { username: 'xem', password: 'chi-xem-123' }, null)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });

    const me = (await ok(dispatch('users.list', {}, admin.token))).find((u: any) => u.username === 'quantri');
    const demote = await dispatch('users.update', { id: me.id, version: me.version, changes: { role: 'clerk' } }, admin.token);
    expect(demote).toMatchObject({ ok: false, error: { kind: 'validation', fieldErrors: { role: 'Phải còn ít nhất một quản trị viên đang hoạt động.' } } });
    const stale = await dispatch('users.update', { id: v.id, version: v.version, changes: { active: true } }, admin.token);
    expect(stale).toMatchObject({ ok: false, error: { kind: 'conflict' } });
    const dup = await dispatch('users.create', { username: 'XEM', fullName: 'Trùng', role: 'viewer', password: 'chi-xem-123', passwordConfirm: 'chi-xem-123' }, admin.token);
    expect(dup).toMatchObject({ ok: false, error: { kind: 'validation', fieldErrors: { username: 'Tên đăng nhập này đã có người dùng.' } } });
    expect(db.sqlite.prepare('select count(*) as n from users').get()).toEqual({ n: 2 });
  });

  it('changes one\u2019s own password: the old one stops working and other sessions end', async () => {
    const { dispatch } = await setup();
    const a = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const other = await ok(dispatch('auth.login', { username: 'quantri', password: ADMIN.password }, null));
    const bad = await dispatch('auth.changePassword', { currentPassword: 'khong-dung-1', password: 'moi-moi-moi', passwordConfirm: 'moi-moi-moi' }, a.token);
    expect(bad).toMatchObject({ ok: false, error: { fieldErrors: { currentPassword: 'Mật khẩu hiện tại không đúng.' } } });
    await ok(dispatch('auth.changePassword', { currentPassword: ADMIN.password, password: 'moi-moi-moi', passwordConfirm: 'moi-moi-moi' }, a.token));
    expect(await dispatch('auth.login', { username: 'quantri', password: ADMIN.password }, null)).toMatchObject({ ok: false });
    await ok(dispatch('auth.login', { username: 'quantri', password: 'moi-moi-moi' }, null));
    expect(await dispatch('settings.get', {}, other.token)).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
    await ok(dispatch('settings.get', {}, a.token));
  });

  it('an idle session ends after 8 hours', async () => {
    const { db, dispatch } = await setup();
    let now = Date.now();
    setSessionStore(db, new SessionStore(8 * 3600_000, () => now));
    const a = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    now += 8 * 3600_000 + 1000;
    expect(await dispatch('settings.get', {}, a.token)).toMatchObject({ ok: false, error: { kind: 'unauthenticated' } });
  });
});

describe('roles are enforced by the dispatcher on every call', () => {
  const writeCalls = CALL_NAMES.filter((n) => contract[n].access !== 'read');
  const adminCalls = CALL_NAMES.filter((n) => contract[n].access === 'admin');

  it('the contract has write and admin calls to check', () => {
    expect(writeCalls.length).toBeGreaterThan(20);
    expect(adminCalls).toEqual(expect.arrayContaining(['users.create', 'users.update', 'users.resetPassword', 'users.list', 'settings.set']));
  });

  it('a viewer is refused every write and admin call, with nothing changed; a clerk every admin call', async () => {
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    for (const [username, role] of [['xem', 'viewer'], ['nghiepvu', 'clerk']] as const) {
      await ok(dispatch('users.create', { username, fullName: username, role, password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' }, admin.token));
    }
    const viewer = await ok(dispatch('auth.login', { username: 'xem', password: 'mat-khau-1' }, null));
    const clerk = await ok(dispatch('auth.login', { username: 'nghiepvu', password: 'mat-khau-1' }, null));
    const before = db.sqlite.prepare('select (select count(*) from audit_log) a, (select max(version) from users) v').get();
    for (const name of writeCalls) {
      const r = await dispatch(name, {}, viewer.token);
      expect(r, name).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    for (const name of adminCalls) {
      const r = await dispatch(name, {}, clerk.token);
      expect(r, name).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(db.sqlite.prepare('select (select count(*) from audit_log) a, (select max(version) from users) v').get()).toEqual(before);
    // Reads work for the viewer.
    await ok(dispatch('cadres.list', {}, viewer.token));
  });

  it('a forced write with a valid payload is refused for a viewer and the cadre stays as it was', async () => {
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const small = await seedSmall(db);
    await ok(dispatch('users.create', { username: 'xem', fullName: 'Xem', role: 'viewer', password: 'mat-khau-1', passwordConfirm: 'mat-khau-1' }, admin.token));
    const viewer = await ok(dispatch('auth.login', { username: 'xem', password: 'mat-khau-1' }, null));
    const cadre = db.sqlite.prepare('select id, version, full_name as name from cadres where id = ?').get(small.cadres[0].id) as any;
    const r = await dispatch('cadres.update', { id: cadre.id, version: cadre.version, changes: { fullName: 'Bị sửa' } }, viewer.token);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(db.sqlite.prepare('select full_name as n, version as v from cadres where id = ?').get(cadre.id)).toEqual({ n: cadre.name, v: cadre.version });
  });
});

describe('sign-ins are audited, naming the user and never the password', () => {
  const authRows = (db: AppDb) =>
    db.sqlite
      .prepare("select actor, action, entity_id as entityId, field, old_value as oldValue, new_value as newValue from audit_log where entity = 'user' and action not in ('create', 'update') order by id")
      .all() as any[];

  it('records sign-in, failed attempts with the name tried, the lockout, sign-out, password change and reset', async () => {
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const clerk = await ok(dispatch('users.create', { username: 'canbo1', fullName: 'Trần Thị Bình', role: 'clerk', password: 'dung-roi-1', passwordConfirm: 'dung-roi-1' }, admin.token));
    const adminId = admin.user.id;
    const secret = 'sai-mat-khau-bi-mat';

    // A name with no account, then five wrong passwords (the fifth locks), then the right one while locked.
    await dispatch('auth.login', { username: '  Không Có Ai ', password: secret }, null);
    for (let i = 1; i <= 5; i++) await dispatch('auth.login', { username: 'CANBO1', password: `${secret}-${i}` }, null);
    await dispatch('auth.login', { username: 'canbo1', password: 'dung-roi-1' }, null);
    const s = await ok(dispatch('auth.login', { username: 'quantri', password: ADMIN.password }, null));
    await ok(dispatch('auth.changePassword', { currentPassword: ADMIN.password, password: 'mat-khau-moi', passwordConfirm: 'mat-khau-moi' }, s.token));
    await dispatch('auth.changePassword', { currentPassword: 'khong-phai-no', password: 'mat-khau-moi-2', passwordConfirm: 'mat-khau-moi-2' }, s.token);
    await ok(dispatch('users.resetPassword', { id: clerk.id, password: 'dat-lai-123', passwordConfirm: 'dat-lai-123' }, s.token));
    await ok(dispatch('auth.logout', {}, s.token));

    const rows = authRows(db);
    const wrong = { actor: 'canbo1', action: 'sign_in_failed', entityId: clerk.id, field: 'reason', oldValue: null, newValue: 'wrong_password' };
    expect(rows).toEqual([
      { actor: 'quantri', action: 'sign_in', entityId: adminId, field: null, oldValue: null, newValue: null },
      { actor: 'Kh*********', action: 'sign_in_failed', entityId: 0, field: 'reason', oldValue: null, newValue: 'unknown_user' },
      wrong,
      wrong,
      wrong,
      wrong,
      wrong,
      { actor: 'canbo1', action: 'lockout', entityId: clerk.id, field: 'lockedUntil', oldValue: null, newValue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) },
      { actor: 'canbo1', action: 'sign_in_failed', entityId: clerk.id, field: 'reason', oldValue: null, newValue: 'locked' },
      { actor: 'quantri', action: 'sign_in', entityId: adminId, field: null, oldValue: null, newValue: null },
      { actor: 'quantri', action: 'password_change', entityId: adminId, field: null, oldValue: null, newValue: null },
      { actor: 'quantri', action: 'password_change_failed', entityId: adminId, field: 'reason', oldValue: null, newValue: 'wrong_password' },
      { actor: 'quantri', action: 'password_reset', entityId: clerk.id, field: null, oldValue: null, newValue: null },
      { actor: 'quantri', action: 'sign_out', entityId: adminId, field: null, oldValue: null, newValue: null },
    ]);
    // No password, typed or stored, reaches the log.
    const all = JSON.stringify(db.sqlite.prepare('select * from audit_log').all());
    for (const p of [secret, ADMIN.password, 'mat-khau-moi', 'khong-phai-no', 'dat-lai-123', 'dung-roi-1', 'scrypt$']) expect(all).not.toContain(p);
  });

  it('a disabled account refused at sign-in is recorded; creating, changing the role and disabling name the administrator', async () => {
    const { db, dispatch } = await setup();
    const admin = await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const v = await ok(dispatch('users.create', { username: 'xem', fullName: 'Lê Văn Xem', role: 'viewer', password: 'chi-xem-123', passwordConfirm: 'chi-xem-123' }, admin.token));
    const v2 = await ok(dispatch('users.update', { id: v.id, version: v.version, changes: { role: 'clerk' } }, admin.token));
    await ok(dispatch('users.update', { id: v.id, version: v2.version, changes: { active: false } }, admin.token));
    await dispatch('auth.login', { username: 'xem', password: 'chi-xem-123' }, null);
    const rows = db.sqlite
      .prepare("select actor, action, field, old_value as oldValue, new_value as newValue from audit_log where entity = 'user' and entity_id = ? order by id")
      .all(v.id);
    expect(rows).toEqual([
      { actor: 'quantri', action: 'create', field: 'username', oldValue: null, newValue: 'xem' },
      { actor: 'quantri', action: 'create', field: 'fullName', oldValue: null, newValue: 'Lê Văn Xem' },
      { actor: 'quantri', action: 'create', field: 'role', oldValue: null, newValue: 'viewer' },
      { actor: 'quantri', action: 'create', field: 'active', oldValue: null, newValue: 'true' },
      { actor: 'quantri', action: 'update', field: 'role', oldValue: 'viewer', newValue: 'clerk' },
      { actor: 'quantri', action: 'update', field: 'active', oldValue: 'true', newValue: 'false' },
      { actor: 'xem', action: 'sign_in_failed', field: 'reason', oldValue: null, newValue: 'disabled' },
    ]);
  });

  it('a password typed into the name box by mistake never reaches the audit log', async () => {
    const { db, dispatch } = await setup();
    await ok(dispatch('auth.setupAdmin', ADMIN, null));
    const typedByMistake = 'Bi-mat-Cua-Toi-2025';
    await dispatch('auth.login', { username: typedByMistake, password: 'x' }, null);
    const texts = db.sqlite.prepare('select actor, field, old_value, new_value from audit_log').all().flatMap((r) => Object.values(r as object)).join('\n');
    expect(texts).not.toContain(typedByMistake);
    expect(texts).not.toContain('mat-Cua');
    expect(authRows(db).filter((r) => r.newValue === 'unknown_user').map((r) => r.actor)).toEqual(['Bi*****************']);
  });

  it('the audit view words them in Vietnamese', async () => {
    const { db, dispatch } = await setup();
    await ok(dispatch('auth.setupAdmin', ADMIN, null));
    await dispatch('auth.login', { username: 'quantri', password: 'khong-dung-1' }, null);
    await dispatch('auth.login', { username: 'ai-do', password: 'khong-dung-1' }, null);
    const admin = await ok(dispatch('auth.login', { username: 'quantri', password: ADMIN.password }, null));
    await ok(dispatch('users.create', { username: 'xem', fullName: 'Xem', role: 'viewer', password: 'chi-xem-123', passwordConfirm: 'chi-xem-123' }, admin.token));
    const { rows } = await ok(dispatch('audit.list', { entity: 'user' }, admin.token));
    const lookup = { label: () => '', unitName: () => '' };
    const shown = rows
      .slice()
      .reverse()
      .map((r: AuditRow) => [r.actor, actionLabel(r.action), entityLabel(r.entity), recordLabel(r), auditFieldLabel(r.entity, r.field), formatAuditValue(r, r.newValue, lookup)]);
    expect(shown).toEqual([
      ['quantri', 'Thêm', 'Tài khoản', 'quantri', 'Tên đăng nhập', 'quantri'],
      ['quantri', 'Thêm', 'Tài khoản', 'quantri', 'Họ và tên', 'Nguyễn Văn Quản'],
      ['quantri', 'Thêm', 'Tài khoản', 'quantri', 'Vai trò', 'Quản trị'],
      ['quantri', 'Thêm', 'Tài khoản', 'quantri', 'Được đăng nhập', 'Có'],
      ['quantri', 'Đăng nhập', 'Tài khoản', 'quantri', '', ''],
      ['quantri', 'Đăng nhập không thành công', 'Tài khoản', 'quantri', 'Lý do', 'Sai mật khẩu'],
      ['ai***', 'Đăng nhập không thành công', 'Tài khoản', 'ai*** (không có tài khoản)', 'Lý do', 'Không có tài khoản với tên này'],
      ['quantri', 'Đăng nhập', 'Tài khoản', 'quantri', '', ''],
      ['quantri', 'Thêm', 'Tài khoản', 'xem', 'Tên đăng nhập', 'xem'],
      ['quantri', 'Thêm', 'Tài khoản', 'xem', 'Họ và tên', 'Xem'],
      ['quantri', 'Thêm', 'Tài khoản', 'xem', 'Vai trò', 'Chỉ xem'],
      ['quantri', 'Thêm', 'Tài khoản', 'xem', 'Được đăng nhập', 'Có'],
    ]);
  });
});
