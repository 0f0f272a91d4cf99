import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, fileKind, openDatabase } from '../../db/open';
import { DataHost, FREE_ATTEMPTS, openForHost, type DamagedInfo } from '../../db/startup';
import {
  createKeyStore, keyStorePath, newDataKey, newRecoveryKey, normalizeRecoveryKey, readKeyStore, unwrapWithSecret, wrapWithSecret, type DeviceKeyProtector,
} from '../../db/keystore';
import { createBackup, listBackups, verifyBackup } from '../../db/services/backups';
import type { CallContext } from '../../db/context';
import type { CallInput, CallName, CallOutput } from '../../shared/api/contract';
import type { AppError } from '../../shared/api/envelope';
import { MIGRATIONS } from '../helpers/db';

// Encryption at rest: the key store, a host that starts locked, unlocking with the secret or the recovery key,
// encrypted backups and restores, and turning encryption on for a plaintext database without losing a row.

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const ADMIN: CallContext = { actor: 'quantri', role: 'admin' };
const SECRET = 'mật khẩu dữ liệu 2024';

const dirs: string[] = [];
const hosts: DataHost[] = [];
afterEach(() => {
  for (const h of hosts.splice(0)) h.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tmpDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'qlcb-enc-'));
  dirs.push(d);
  return d;
}

/** A fake OS key store (safeStorage): AES-GCM under a per-"PC" key, so another PC cannot open the wrap. */
function fakeDevice(pcKey = crypto.randomBytes(32)): DeviceKeyProtector {
  return {
    name: 'electron-safeStorage',
    protect(key) {
      const iv = crypto.randomBytes(12);
      const c = crypto.createCipheriv('aes-256-gcm', pcKey, iv);
      const data = Buffer.concat([c.update(key), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), data]).toString('base64');
    },
    unprotect(blob) {
      const b = Buffer.from(blob, 'base64');
      const d = crypto.createDecipheriv('aes-256-gcm', pcKey, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]);
    },
  };
}

async function startHost(file: string, device?: DeviceKeyProtector, askRestore: (info: DamagedInfo) => boolean = () => false) {
  const host = await DataHost.start({ file, migrationsFolder: MIGRATIONS, wrapParams: FAST, device, askRestore, dispatcher: { presetContext: ADMIN } });
  hosts.push(host);
  return host;
}
function api(host: DataHost) {
  return {
    async call<K extends CallName>(name: K, input: CallInput<K>): Promise<CallOutput<K>> {
      const env = await host.dispatch(name, input, null);
      if (!env.ok) throw Object.assign(new Error(`${name}: ${env.error.message}`), { appError: env.error });
      return env.value as CallOutput<K>;
    },
    async fail(name: string, input: unknown): Promise<AppError> {
      const env = await host.dispatch(name, input, null);
      if (env.ok) throw new Error(`${name} was expected to fail`);
      return env.error;
    },
  };
}
function closeHost(host: DataHost) {
  host.close();
  hosts.splice(hosts.indexOf(host), 1);
}

/** A data folder with sample cadres, encrypted through the admin's call; returns what a test needs. */
async function encryptedFolder(device?: DeviceKeyProtector) {
  const dir = tmpDir();
  const file = path.join(dir, 'data.sqlite');
  const host = await startHost(file, device);
  await api(host).call('app.seedSample', { cadres: 40, seed: 3 });
  const db = host.database!;
  const name = db.sqlite.prepare('select full_name from cadres order by id limit 1').pluck().get() as string;
  await createBackup(db, 'auto'); // a plaintext backup from before encryption
  const { recoveryKey } = await api(host).call('vault.encrypt', { secret: SECRET, secretConfirm: SECRET });
  closeHost(host);
  return { dir, file, name, recoveryKey };
}

const contains = (file: string, text: string) => fs.readFileSync(file).includes(Buffer.from(text, 'utf8'));

describe('key store', () => {
  it('wraps K under a secret: the right secret gives K back, a wrong one gives nothing', async () => {
    const key = newDataKey();
    const wrap = await wrapWithSecret(key, SECRET, 'secret', FAST);
    expect((await unwrapWithSecret(wrap, SECRET, 'secret'))!.equals(key)).toBe(true);
    expect(await unwrapWithSecret(wrap, 'mật khẩu sai', 'secret')).toBeNull();
    // A secret wrap cannot be passed off as the recovery wrap (the kind is authenticated).
    expect(await unwrapWithSecret(wrap, SECRET, 'recovery')).toBeNull();
    // The same secret typed in another Unicode normal form still opens it.
    expect((await unwrapWithSecret(wrap, SECRET.normalize('NFD'), 'secret'))!.equals(key)).toBe(true);
  });

  it('recovery keys: 32 unambiguous characters in groups of four, typed forgivingly', async () => {
    const rk = newRecoveryKey();
    expect(rk).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(newRecoveryKey()).not.toBe(rk);
    const key = newDataKey();
    const store = await createKeyStore(key, SECRET, rk, FAST);
    const typed = ` ${rk.toLowerCase().replace(/-/g, ' ')} `;
    expect((await unwrapWithSecret(store.wraps.recovery!, normalizeRecoveryKey(typed), 'recovery'))!.equals(key)).toBe(true);
  });
});

describe('encrypted database', () => {
  it('turning encryption on keeps every row, and nothing readable is left on disk', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'data.sqlite');
    const host = await startHost(file);
    const a = api(host);
    await a.call('app.seedSample', { cadres: 60, seed: 7 });
    const db = host.database!;
    const tables = db.sqlite.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`).pluck().all() as string[];
    const snapshot = (conn: typeof db.sqlite) => Object.fromEntries(tables.map((t) => [t, conn.prepare(`select * from "${t}" order by rowid`).all()]));
    const before = snapshot(db.sqlite);
    const name = db.sqlite.prepare('select full_name from cadres order by id limit 1').pluck().get() as string;
    await createBackup(db, 'auto');
    // The test can fail: the plaintext file does hold the name.
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(contains(file, name)).toBe(true);
    expect((await a.call('vault.status', {})).encrypted).toBe(false);

    const { recoveryKey } = await a.call('vault.encrypt', { secret: SECRET, secretConfirm: SECRET });
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect((await a.call('vault.status', {})).encrypted).toBe(true);
    expect(await a.fail('vault.encrypt', { secret: SECRET, secretConfirm: SECRET })).toMatchObject({ message: 'Dữ liệu đã được mã hoá rồi.' });
    const key = db.key!;
    closeHost(host);

    expect(fileKind(file)).toBe('encrypted');
    expect(fs.readFileSync(file).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(contains(file, name)).toBe(false);
    // Every backup in the folder, the one from before encryption and the safety copy too, is encrypted now.
    const backups = fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('.sqlite'));
    expect(backups.some((n) => n.startsWith('truoc-ma-hoa-'))).toBe(true);
    for (const n of backups) {
      expect(fileKind(path.join(dir, 'backups', n))).toBe('encrypted');
      expect(contains(path.join(dir, 'backups', n), name)).toBe(false);
    }
    // Without the key nothing opens; with it every row is as before.
    const plain = connect(file, { readonly: true });
    expect(() => plain.prepare('select count(*) from cadres').get()).toThrow(/not a database/);
    plain.close();
    const reopened = connect(file, { key, readonly: true });
    const after = snapshot(reopened);
    reopened.close();
    for (const t of tables.filter((t) => t !== 'audit_log' && t !== 'units')) expect(after[t], t).toEqual(before[t]);
    expect((after.audit_log as unknown[]).length).toBeGreaterThan((before.audit_log as unknown[]).length);
  });

  it('a restart without an OS key store starts locked; a wrong secret is refused clearly, then throttled; the right one opens', async () => {
    const { file, name } = await encryptedFolder();
    const host = await startHost(file);
    const a = api(host);
    expect(host.database).toBeNull();
    expect(await a.call('vault.status', {})).toMatchObject({ state: 'locked', encrypted: true });
    expect(await a.fail('cadres.list', {})).toMatchObject({ kind: 'unauthenticated', message: expect.stringContaining('Dữ liệu đang khoá') });
    expect(await a.fail('auth.status', {})).toMatchObject({ kind: 'unauthenticated' });

    const wrong = await a.fail('vault.unlock', { secret: 'không phải mật khẩu' });
    expect(wrong).toMatchObject({ kind: 'validation', message: expect.stringContaining('Mật khẩu dữ liệu không đúng') });
    expect(wrong.fieldErrors.secret).toBeTruthy();
    for (let i = 1; i < FREE_ATTEMPTS; i++) await a.fail('vault.unlock', { secret: `sai ${i}` });
    // Now even the right secret must wait: guessing costs time.
    expect(await a.fail('vault.unlock', { secret: SECRET })).toMatchObject({ message: expect.stringMatching(/Hãy chờ \d+ giây/) });
    expect((await a.call('vault.status', {})).retryAfterSeconds).toBeGreaterThan(0);
    closeHost(host);

    const again = await startHost(file);
    expect(await api(again).call('vault.unlock', { secret: SECRET })).toEqual({ state: 'open', resetTicket: null });
    expect(again.database!.sqlite.prepare('select count(*) from cadres where full_name = ?').pluck().get(name)).toBe(1);
    expect((await api(again).call('cadres.list', {})).length).toBe(40);
  });

  it('a forgotten secret: the recovery key opens the data, a new secret must be set first, and the old secret stops working', async () => {
    const { file, recoveryKey } = await encryptedFolder();
    const host = await startHost(file);
    const a = api(host);
    expect(await a.fail('vault.unlock', { recoveryKey: 'AAAA-BBBB' })).toMatchObject({ message: expect.stringContaining('Khoá khôi phục không đúng') });
    const r = await a.call('vault.unlock', { recoveryKey: recoveryKey.toLowerCase().replace(/-/g, ' ') });
    expect(r.state).toBe('new_secret_required');
    expect(r.resetTicket).toBeTruthy();
    // Nothing else answers until the new secret is set, and a made-up ticket is refused.
    expect(await a.fail('cadres.list', {})).toMatchObject({ kind: 'unauthenticated' });
    expect(await a.fail('vault.setNewSecret', { resetTicket: 'bịa', secret: 'mật khẩu mới 2025', secretConfirm: 'mật khẩu mới 2025' })).toMatchObject({ kind: 'validation' });
    expect(await a.fail('vault.setNewSecret', { resetTicket: r.resetTicket, secret: 'ngắn', secretConfirm: 'ngắn' })).toMatchObject({ message: expect.stringContaining('ít nhất') });
    expect(await a.call('vault.setNewSecret', { resetTicket: r.resetTicket!, secret: 'mật khẩu mới 2025', secretConfirm: 'mật khẩu mới 2025' })).toEqual({ state: 'open' });
    expect((await a.call('vault.status', {})).state).toBe('open');
    const audit = host.database!.sqlite.prepare(`select actor, new_value from audit_log where field = 'dataSecret'`).all();
    expect(audit).toEqual([{ actor: '(khoá khôi phục)', new_value: '(đặt lại bằng khoá khôi phục)' }]);
    closeHost(host);

    const next = await startHost(file);
    expect(await api(next).fail('vault.unlock', { secret: SECRET })).toMatchObject({ message: expect.stringContaining('không đúng') });
    expect((await api(next).call('vault.unlock', { secret: 'mật khẩu mới 2025' })).state).toBe('open');
  });

  it('on the PC that set it up the data opens by itself (safeStorage); on another PC it asks for the secret', async () => {
    const pc = fakeDevice();
    const { file } = await encryptedFolder(pc);
    expect(readKeyStore(keyStorePath(file))!.wraps.device?.protector).toBe('electron-safeStorage');
    const here = await startHost(file, pc);
    expect(here.database).not.toBeNull();
    expect((await api(here).call('vault.status', {})).deviceUnlock).toBe(true);
    closeHost(here);

    const otherPc = fakeDevice();
    const there = await startHost(file, otherPc);
    expect(there.database).toBeNull();
    await api(there).call('vault.unlock', { secret: SECRET });
    closeHost(there);
    // Unlocking there remembered the key for that PC.
    const thereAgain = await startHost(file, otherPc);
    expect(thereAgain.database).not.toBeNull();
  });

  it('the administrator changes the data secret and makes a new recovery key (the current secret is required)', async () => {
    const { file, recoveryKey } = await encryptedFolder();
    const host = await startHost(file);
    const a = api(host);
    await a.call('vault.unlock', { secret: SECRET });
    expect(await a.fail('vault.changeSecret', { currentSecret: 'sai rồi', secret: 'bí mật thứ hai 22', secretConfirm: 'bí mật thứ hai 22' })).toMatchObject({
      fieldErrors: { currentSecret: 'Mật khẩu dữ liệu hiện tại không đúng.' },
    });
    expect(await a.fail('vault.changeSecret', { currentSecret: SECRET, secret: 'bí mật thứ hai 22', secretConfirm: 'khác' })).toMatchObject({
      fieldErrors: { secretConfirm: 'Hai lần nhập mật khẩu dữ liệu không khớp.' },
    });
    await a.call('vault.changeSecret', { currentSecret: SECRET, secret: 'bí mật thứ hai 22', secretConfirm: 'bí mật thứ hai 22' });
    const { recoveryKey: fresh } = await a.call('vault.newRecoveryKey', { currentSecret: 'bí mật thứ hai 22' });
    expect(fresh).not.toBe(recoveryKey);
    // A clerk may not.
    const clerk = await DataHost.start({ file: path.join(tmpDir(), 'x.sqlite'), migrationsFolder: MIGRATIONS, askRestore: () => false, dispatcher: { presetContext: { actor: 'vanthu', role: 'clerk' } } });
    hosts.push(clerk);
    expect(await api(clerk).fail('vault.encrypt', { secret: SECRET, secretConfirm: SECRET })).toMatchObject({ kind: 'forbidden' });
    closeHost(host);

    const next = await startHost(file);
    expect(await api(next).fail('vault.unlock', { recoveryKey })).toMatchObject({ kind: 'validation' });
    expect((await api(next).call('vault.unlock', { recoveryKey: fresh })).state).toBe('new_secret_required');
  });
});

describe('encrypted backups', () => {
  it('are encrypted with K, verified with it, and restore into the live database (connection swapped)', async () => {
    const { dir, file, name } = await encryptedFolder();
    const host = await startHost(file);
    const a = api(host);
    await a.call('vault.unlock', { secret: SECRET });
    const db = host.database!;
    const made = await createBackup(db, 'manual');
    expect(fs.readFileSync(made.path).subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(contains(made.path, name)).toBe(false);
    const raw = connect(made.path, { readonly: true });
    expect(() => raw.prepare('select 1 from cadres').get()).toThrow();
    raw.close();
    expect(verifyBackup(made.path, MIGRATIONS, db.key)).toEqual({ ok: true, message: 'Bản sao lưu nguyên vẹn.' });
    expect(verifyBackup(made.path, MIGRATIONS, null).ok).toBe(false);
    expect(verifyBackup(made.path, MIGRATIONS, newDataKey()).message).toContain('bằng khoá của dữ liệu này');

    db.sqlite.prepare('update cadres set full_name = ? where full_name = ?').run('Tên bị sửa nhầm', name);
    const restored = await a.call('backups.restore', { path: made.path });
    expect(restored.safetyCopy.kind).toBe('pre_restore');
    // The same AppDb now holds a new connection on the restored, still encrypted file.
    expect(host.database!.sqlite.prepare('select count(*) from cadres where full_name = ?').pluck().get(name)).toBe(1);
    expect(fileKind(file)).toBe('encrypted');
    expect(fileKind(restored.safetyCopy.path)).toBe('encrypted');
    expect((await a.call('cadres.list', {})).some((r) => r.fullName === name)).toBe(true);

    // A plaintext backup from before encryption restores too, and the live file stays encrypted.
    const old = listBackups(db).find((b) => b.name.startsWith('truoc-ma-hoa-'))!;
    await a.call('backups.restore', { path: old.path });
    expect(fileKind(file)).toBe('encrypted');
    expect(contains(file, name)).toBe(false);
    expect(fs.readdirSync(dir).filter((n) => n.endsWith('.khoi-phuc'))).toEqual([]);
  });

  it('"Sao lưu ngay" to a USB folder copies the key store (without this PC\'s wrap): another PC opens it with the secret', async () => {
    const pc = fakeDevice();
    const { file, name } = await encryptedFolder(pc);
    const host = await startHost(file, pc);
    const usb = tmpDir();
    const made = await api(host).call('backups.create', { folder: usb });
    const store = readKeyStore(keyStorePath(made.path))!;
    expect(store.wraps.secret).toBeTruthy();
    expect(store.wraps.recovery).toBeTruthy();
    expect(store.wraps.device).toBeUndefined();

    // Another PC: the backup and its key store become that PC's data file and key store.
    const other = tmpDir();
    fs.copyFileSync(made.path, path.join(other, 'quan-ly-can-bo.sqlite'));
    fs.copyFileSync(keyStorePath(made.path), keyStorePath(path.join(other, 'quan-ly-can-bo.sqlite')));
    const there = await startHost(path.join(other, 'quan-ly-can-bo.sqlite'), fakeDevice());
    expect(there.database).toBeNull();
    await api(there).call('vault.unlock', { secret: SECRET });
    expect(there.database!.sqlite.prepare('select count(*) from cadres where full_name = ?').pluck().get(name)).toBe(1);
  });

  it('a damaged encrypted file offers the latest good (encrypted) backup and never writes to the damaged one', async () => {
    const pc = fakeDevice();
    const { dir, file, name } = await encryptedFolder(pc);
    // Damage the middle of the file (past the first page, so it still looks like an encrypted file).
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, crypto.randomBytes(Math.floor(size / 2)), 0, Math.floor(size / 2), 4096 * 2);
    fs.closeSync(fd);
    const damaged = fs.readFileSync(file);

    const asked: DamagedInfo[] = [];
    const refuse = (info: DamagedInfo) => (asked.push(info), false);
    await expect(startHost(file, pc, refuse)).rejects.toThrow(/hỏng|không phải/);
    expect(asked[0].latestBackup).toMatch(/truoc-ma-hoa-|tu-dong-/);
    expect(fs.readFileSync(file).equals(damaged)).toBe(true);

    const host = await startHost(file, pc, () => true);
    expect(host.database!.sqlite.prepare('select count(*) from cadres where full_name = ?').pluck().get(name)).toBe(1);
    expect(fileKind(file)).toBe('encrypted');
    expect(fs.readdirSync(path.join(dir, 'backups')).some((n) => n.startsWith('hong-'))).toBe(true);
  });

  it('openDatabase keeps plaintext by default (test databases) and refuses a key for a plaintext file', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'plain.sqlite');
    const db = await openDatabase({ file, migrationsFolder: MIGRATIONS });
    expect(db.key).toBeNull();
    db.sqlite.close();
    expect(fileKind(file)).toBe('plain');
    await expect(openDatabase({ file, migrationsFolder: MIGRATIONS, key: newDataKey() })).rejects.toThrow(/chưa được mã hoá/);
    // A wrong key on an encrypted file is refused before anything is written.
    const encFile = path.join(dir, 'enc.sqlite');
    const enc = await openDatabase({ file: encFile, migrationsFolder: MIGRATIONS, key: newDataKey() });
    enc.sqlite.close();
    const bytes = fs.readFileSync(encFile);
    await expect(openForHost({ file: encFile, migrationsFolder: MIGRATIONS, key: newDataKey() }, () => false)).rejects.toThrow(/khoá không đúng|không phải/);
    expect(fs.readFileSync(encFile).equals(bytes)).toBe(true);
  });
});

describe('turning encryption on, when things go wrong', () => {
  it('two "Mã hoá" clicks at once: one encrypts, the other is refused, and the key store still opens the data', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'data.sqlite');
    const host = await startHost(file);
    const a = api(host);
    await a.call('app.seedSample', { cadres: 20, seed: 5 });
    const results = await Promise.allSettled([
      a.call('vault.encrypt', { secret: SECRET, secretConfirm: SECRET }),
      a.call('vault.encrypt', { secret: 'mật khẩu khác 2025', secretConfirm: 'mật khẩu khác 2025' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { appError: AppError }).appError.message).toMatch(/^Dữ liệu đang được mã hoá\. Hãy chờ/);
    const won = results.findIndex((r) => r.status === 'fulfilled');
    closeHost(host);

    // The next start opens with the secret that won (its key store matches the file).
    const next = await startHost(file);
    await api(next).call('vault.unlock', { secret: won === 0 ? SECRET : 'mật khẩu khác 2025' });
    expect((await api(next).call('cadres.list', {})).length).toBe(20);
  });

  it('a plaintext backup that cannot be encrypted does not lose the recovery key; the next start encrypts what is left', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'data.sqlite');
    const host = await startHost(file);
    const a = api(host);
    await a.call('app.seedSample', { cadres: 20, seed: 5 });
    const db = host.database!;
    const name = db.sqlite.prepare('select full_name from cadres order by id limit 1').pluck().get() as string;
    const good = await createBackup(db, 'manual');
    // A file in the backup folder that SQLite cannot rekey (a damaged copy kept for experts).
    const broken = path.join(dir, 'backups', 'hong-2025-01-01.sqlite');
    fs.writeFileSync(broken, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), crypto.randomBytes(5000)]));
    const { recoveryKey } = await a.call('vault.encrypt', { secret: SECRET, secretConfirm: SECRET });
    expect(recoveryKey).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/);
    expect(fileKind(good.path)).toBe('encrypted');
    expect(fileKind(file)).toBe('encrypted');
    const audit = db.sqlite.prepare(`select new_value from audit_log where field = 'encryption'`).pluck().get() as string;
    expect(audit).toContain('hong-2025-01-01.sqlite');
    closeHost(host);

    // A crash after the swap left a plaintext backup behind: the next start with the key encrypts it.
    const left = path.join(dir, 'backups', 'thu-cong-sot.sqlite');
    const plain = await openDatabase({ file: left, migrationsFolder: MIGRATIONS });
    plain.sqlite.prepare(`insert into settings (key, value) values ('x', ?)`).run(JSON.stringify(name));
    plain.sqlite.pragma('journal_mode = DELETE');
    plain.sqlite.close();
    expect(fileKind(left)).toBe('plain');
    const next = await startHost(file);
    await api(next).call('vault.unlock', { secret: SECRET });
    expect(fileKind(left)).toBe('encrypted');
    expect(contains(left, name)).toBe(false);
  });
});

describe('the file swapped under another open connection', () => {
  // A clerk double-clicks the shortcut twice: two app instances hold the same file. Renaming another file over it
  // fails on Windows (after our connection is closed) and on Linux leaves the other instance writing to a deleted
  // file; either way nothing may change and this instance must keep working.
  it('restore and encryption are refused with a clear message, the data stays as it was and the host keeps answering', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'data.sqlite');
    const host = await startHost(file);
    const a = api(host);
    await a.call('app.seedSample', { cadres: 15, seed: 9 });
    const made = await createBackup(host.database!, 'manual');
    const other = connect(file);
    other.pragma('journal_mode = WAL');
    other.prepare(`insert into settings (key, value) values ('cua-so-khac', '"1"')`).run();

    const restore = await a.fail('backups.restore', { path: made.path });
    expect(restore).toMatchObject({ kind: 'validation', message: expect.stringContaining('đang được mở ở nơi khác') });
    const encrypt = await a.fail('vault.encrypt', { secret: SECRET, secretConfirm: SECRET });
    expect(encrypt).toMatchObject({ kind: 'validation', message: expect.stringContaining('đang được mở ở nơi khác') });
    expect(fileKind(file)).toBe('plain');
    expect((await a.call('vault.status', {})).encrypted).toBe(false);
    expect((await a.call('cadres.list', {})).length).toBe(15);
    expect(host.database!.sqlite.prepare(`select value from settings where key = 'cua-so-khac'`).pluck().get()).toBe('"1"');
    expect(fs.readdirSync(dir).filter((n) => /\.(khoi-phuc|ma-hoa)$/.test(n))).toEqual([]);

    // Once the other instance is closed, both work.
    other.close();
    await a.call('backups.restore', { path: made.path });
    await a.call('vault.encrypt', { secret: SECRET, secretConfirm: SECRET });
    expect(fileKind(file)).toBe('encrypted');
    expect((await a.call('cadres.list', {})).length).toBe(15);
  });
});

describe('guessing the data secret from Settings', () => {
  it('wrong "current data secret" attempts are throttled like the unlock screen, even sent all at once', async () => {
    const { file } = await encryptedFolder();
    const host = await startHost(file);
    const a = api(host);
    await a.call('vault.unlock', { secret: SECRET });
    const guesses = await Promise.all(
      Array.from({ length: FREE_ATTEMPTS + 3 }, (_, i) => a.fail('vault.newRecoveryKey', { currentSecret: `đoán ${i}` })),
    );
    expect(guesses.filter((g) => /Hãy chờ \d+ giây/.test(g.message)).length).toBeGreaterThanOrEqual(3);
    // Now even the right secret must wait, on either form.
    expect(await a.fail('vault.changeSecret', { currentSecret: SECRET, secret: 'bí mật thứ hai 22', secretConfirm: 'bí mật thứ hai 22' })).toMatchObject({
      fieldErrors: { currentSecret: expect.stringMatching(/Hãy chờ \d+ giây/) },
    });
  });
});

describe('an encrypted file whose key store is missing', () => {
  it('is not called merely damaged: the offer of a backup says the key file is missing', async () => {
    const { dir, file } = await encryptedFolder();
    // A plaintext backup from before (e.g. copied back from a USB drive), which the damaged-file path would offer.
    const old = await openDatabase({ file: path.join(dir, 'backups', 'thu-cong-cu.sqlite'), migrationsFolder: MIGRATIONS });
    old.sqlite.pragma('journal_mode = DELETE');
    old.sqlite.close();
    fs.renameSync(keyStorePath(file), `${keyStorePath(file)}.chuyen-di`);
    const asked: DamagedInfo[] = [];
    await expect(startHost(file, undefined, (info) => (asked.push(info), false))).rejects.toThrow(/Không tìm thấy tệp khoá/);
    expect(asked).toHaveLength(1);
    expect(asked[0].message).toContain('Không tìm thấy tệp khoá');
    expect(fileKind(file)).toBe('encrypted');
  });
});
